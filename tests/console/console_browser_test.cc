// The console in a real browser: starts the real coigraphd with --http and the built console
// (console/dist) with a token per role, on the demo region and on a region of tools/generator,
// runs console_test.mjs (node's test runner; playwright-core driving Debian's chromium) against
// each, then checks what the browser did from the outside: every page's calls are in the audit
// log under the signed-in person, so are the sign-ins and sign-outs (and no token anywhere),
// and the case the commissioner changed is still changed after a restart.
//
//   coigraphd --feeds examples/demo | GENERATED --tokens T --http 127.0.0.1:0 --console dist
//        ^                 |
//        +-- chromium <----+--> audit_log, cases (SQLite) --> checked here, then restart
#include <httplib.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/e2e_service/daemon_process.h"
#include "tools/generator/region_generator.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kSource = COIGRAPH_SOURCE_DIR;
// The purpose of the calls console_test.mjs makes to choose its case (case_setup.mjs), which
// are not calls of the pages.
const std::string kSetupPurpose = "console test setup";

// Rows of `sql` on the database `path`, each as its columns' text.
std::vector<std::vector<std::string>> Query(const std::string& path, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* text = sqlite3_column_text(st, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows.push_back(std::move(row));
    }
  } else {
    ADD_FAILURE() << sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

class ConsoleBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::path(::testing::TempDir()) / ("coigraph_console_" + std::to_string(getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    db_ = (work_ / "console.db").string();
    // A token per role; tokens differ per run.
    const std::string salt = std::to_string(getpid());
    tokens_ = {{"COMMISSIONER", "console-test-c-" + salt},
               {"ANALYST", "console-test-a-" + salt},
               {"OPERATOR", "console-test-o-" + salt},
               {"HR", "console-test-h-" + salt}};
    std::ofstream(work_ / "tokens.txt")
        << "ethics_commissioner aigerim " << base::Sha256Hex(tokens_["COMMISSIONER"]) << "\n"
        << "analyst daniyar " << base::Sha256Hex(tokens_["ANALYST"]) << "\n"
        << "operator ops " << base::Sha256Hex(tokens_["OPERATOR"]) << "\n"
        << "hr_system hr-gateway " << base::Sha256Hex(tokens_["HR"]) << "\n";
  }

  void TearDown() override {
    daemon_.Kill();
    if (!HasFailure()) fs::remove_all(work_);
  }

  // Starts coigraphd on `feeds`; returns the console's URL ("" on failure).
  std::string Start(const std::string& feeds) {
    const std::vector<std::string> args = {
        "--feeds",  feeds,         "--db",      db_,
        "--listen", "127.0.0.1:0", "--tokens",  (work_ / "tokens.txt").string(),
        "--http",   "127.0.0.1:0", "--console", kSource + "/console/dist"};
    absl::Status s = daemon_.Start(COIGRAPHD_BINARY, args, (work_ / "coigraphd.log").string());
    EXPECT_TRUE(s.ok()) << s;
    absl::StatusOr<std::string> url = daemon_.ReadLineAfter("console on ");
    EXPECT_TRUE(url.ok()) << url.status();
    return url.ok() ? *url : "";
  }

  // Starts coigraphd on `feeds` and runs console_test.mjs against it with COIGRAPH_REGION =
  // `region` (on the demo it takes the README's screenshots); true when it passed.
  bool RunBrowserTest(const std::string& feeds, const std::string& region) {
    const std::string test_dir = kSource + "/tests/console";
    std::string out;
    if (!fs::exists(kSource + "/console/dist/index.html")) {
      ADD_FAILURE() << "the console is not built: bash scripts/build_console.sh";
      return false;
    }
    if (!fs::exists(test_dir + "/node_modules/playwright-core") &&
        RunCommand("cd " + test_dir + " && npm ci --no-audit --no-fund --loglevel=error", &out) !=
            0) {
      ADD_FAILURE() << out;
      return false;
    }
    const std::string url = Start(feeds);
    if (url.empty()) return false;
    // A feed that lost every file but the registries: its load would empty the queue.
    const fs::path thin = work_ / "thin_feed";
    fs::create_directories(thin);
    for (const char* file : {"persons.csv", "organizations.csv"}) {
      fs::copy_file(fs::path(feeds) / file, thin / file, fs::copy_options::overwrite_existing);
    }
    std::string env = "COIGRAPH_URL=" + url + " COIGRAPH_REGION=" + region +
                      " COIGRAPH_THIN_FEED=" + thin.string();
    for (const auto& [role, token] : tokens_) env += " COIGRAPH_TOKEN_" + role + "=" + token;
    if (region == "demo") {
      env += " COIGRAPH_SCREENSHOTS=" + std::string(COIGRAPH_BINARY_DIR) + "/console-screenshots";
    }
    const int code =
        RunCommand("cd " + test_dir + " && env " + env + " node --test console_test.mjs", &out);
    std::cout << out;
    EXPECT_EQ(code, 0) << "the browser test failed (its output is above)";
    return code == 0;
  }

  // Every page's calls are in the audit log under the person who signed in, and so are the
  // sign-ins and sign-outs; no record holds a token.
  void CheckAuditLog() {
    std::map<std::string, std::set<std::string>> rpcs;  // caller -> the RPCs of their pages
    std::set<std::string> sessions;  // "caller role SignIn|SignOut CODE" of the session records
    for (const auto& row :
         Query(db_, "SELECT caller, role, rpc, result, purpose, ids FROM audit_log")) {
      for (const std::string& field : row) {
        for (const auto& [role, token] : tokens_) {
          EXPECT_EQ(field.find(token), std::string::npos) << "an audit record holds a token";
        }
      }
      if (row[2] == "SignIn" || row[2] == "SignOut") {
        sessions.insert(row[0] + " " + row[1] + " " + row[2] + " " +
                        row[3].substr(0, row[3].find(' ')));
      } else if (!row[4].starts_with(kSetupPurpose)) {
        rpcs[row[0]].insert(row[2]);
      }
    }
    for (const char* rpc : {"ListCases", "GetCase", "UpdateCase", "ListAudit", "Neighborhood",
                            "CheckTender", "FindPaths"}) {
      EXPECT_TRUE(rpcs["aigerim"].contains(rpc)) << rpc << " of the commissioner's pages";
    }
    for (const char* rpc : {"ListCases", "GetCase"}) {
      EXPECT_TRUE(rpcs["daniyar"].contains(rpc)) << rpc << " of the analyst's pages";
    }
    EXPECT_TRUE(rpcs["ops"].contains("Status"));
    EXPECT_FALSE(rpcs["daniyar"].contains("ListAudit")) << "an analyst has no audit page";

    // Each person signed in and out; the hr_system token and an unknown one were refused, and
    // so was a sign-out without the CSRF header (anonymous: the role is empty).
    for (const char* record :
         {"aigerim ethics_commissioner SignIn OK", "daniyar analyst SignIn OK",
          "ops operator SignIn OK", "aigerim ethics_commissioner SignOut OK",
          "daniyar analyst SignOut OK", "ops operator SignOut OK",
          "hr-gateway hr_system SignIn PERMISSION_DENIED", "anonymous  SignIn UNAUTHENTICATED",
          "anonymous  SignOut PERMISSION_DENIED"}) {
      EXPECT_TRUE(sessions.contains(record)) << "no audit record " << record;
    }
  }

  // The commissioner's last status change survives a restart on `feeds`; returns the case.
  std::string CheckChangeSurvivesRestart(const std::string& feeds) {
    const auto changes = Query(db_,
                               "SELECT case_id, new_value FROM case_history WHERE actor = "
                               "'aigerim' AND field = 'status' ORDER BY id DESC LIMIT 1");
    if (changes.size() != 1) {
      ADD_FAILURE() << "the browser test changed no status";
      return "";
    }
    const std::string case_id = changes[0][0];
    const std::string status = changes[0][1];
    EXPECT_EQ(daemon_.Stop(), 0);
    const std::string again = Start(feeds);
    if (again.empty()) return "";
    httplib::Client client(again.substr(0, again.size() - 1));
    httplib::Result res = client.Post(
        "/coigraph.v1.Coigraph/GetCase", {{"Authorization", "Bearer " + tokens_["COMMISSIONER"]}},
        R"({"caseId":")" + case_id + R"(","purpose":"after the restart"})", "application/json");
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GetCase " << case_id << " after the restart: " << (res ? res->body : "");
      return "";
    }
    google::protobuf::Struct answer;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, &answer).ok());
    EXPECT_NE(answer.fields().at("status").string_value().find(status), std::string::npos)
        << "stored " << status << ", answered " << res->body;
    return case_id;
  }

  fs::path work_;
  std::string db_;
  std::map<std::string, std::string> tokens_;
  DaemonProcess daemon_;
};

TEST_F(ConsoleBrowserTest, CommissionersAnalystsAndOperatorsWorkInTheBrowser) {
  const std::string feeds = kSource + "/examples/demo";
  ASSERT_TRUE(RunBrowserTest(feeds, "demo"));
  CheckAuditLog();
  CheckChangeSurvivesRestart(feeds);
}

// The same on a generated region, whose names the test does not know in advance: it picks its
// case through the API and finds it by a person's name typed in Latin.
TEST_F(ConsoleBrowserTest, TheSameOnAGeneratedRegion) {
  const std::string feeds = (work_ / "region").string();
  absl::StatusOr<generator::RegionSummary> region =
      generator::GenerateRegion({.out_dir = feeds, .persons = 5000, .seed = 5});
  ASSERT_TRUE(region.ok()) << region.status();
  ASSERT_TRUE(RunBrowserTest(feeds, "generated"));
  CheckAuditLog();
  const std::string case_id = CheckChangeSurvivesRestart(feeds);
  ASSERT_FALSE(case_id.empty());

  // The case worked on is one the generator planted.
  const auto facts =
      Query(db_, "SELECT rule, object_id, official, counterparty FROM cases WHERE case_id = '" +
                     case_id + "'");
  ASSERT_EQ(facts.size(), 1u);
  absl::StatusOr<std::vector<generator::PlantedFinding>> planted =
      generator::ReadPlantedFindings(feeds + "/expected.jsonl");
  ASSERT_TRUE(planted.ok()) << planted.status();
  bool found = false;
  for (const generator::PlantedFinding& p : *planted) {
    found = found || (p.rule == facts[0][0] && p.object_id == facts[0][1] &&
                      p.official == facts[0][2] && p.counterparty == facts[0][3]);
  }
  EXPECT_TRUE(found) << case_id << " " << facts[0][0] << " " << facts[0][1]
                     << " is not in expected.jsonl";
}

}  // namespace
}  // namespace coigraph::e2e
