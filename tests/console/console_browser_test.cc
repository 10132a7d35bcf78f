// The console in a real browser: starts the real coigraphd with --http and the built console
// (console/dist) on the demo region with a token per role, runs console_test.mjs (node's test
// runner; playwright-core driving Debian's chromium) against it, then checks what the browser
// did from the outside: every page's calls are in the audit log under the signed-in person, and
// the case the commissioner changed is still changed after a restart.
//
//   coigraphd --feeds examples/demo --tokens T --http 127.0.0.1:0 --console console/dist
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

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "graph/sha256.h"
#include "gtest/gtest.h"
#include "tests/e2e_service/daemon_process.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kSource = COIGRAPH_SOURCE_DIR;

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
    tokens_ = {{"COMMISSIONER", "c-" + salt},
               {"ANALYST", "a-" + salt},
               {"OPERATOR", "o-" + salt},
               {"HR", "h-" + salt}};
    std::ofstream(work_ / "tokens.txt")
        << "ethics_commissioner aigerim " << graph::Sha256Hex(tokens_["COMMISSIONER"]) << "\n"
        << "analyst daniyar " << graph::Sha256Hex(tokens_["ANALYST"]) << "\n"
        << "operator ops " << graph::Sha256Hex(tokens_["OPERATOR"]) << "\n"
        << "hr_system hr-gateway " << graph::Sha256Hex(tokens_["HR"]) << "\n";
  }

  void TearDown() override {
    daemon_.Kill();
    if (!HasFailure()) fs::remove_all(work_);
  }

  // Starts coigraphd; returns the console's URL ("" on failure).
  std::string Start() {
    const std::vector<std::string> args = {"--feeds",   kSource + "/examples/demo",
                                           "--db",      db_,
                                           "--listen",  "127.0.0.1:0",
                                           "--tokens",  (work_ / "tokens.txt").string(),
                                           "--http",    "127.0.0.1:0",
                                           "--console", kSource + "/console/dist"};
    absl::Status s = daemon_.Start(COIGRAPHD_BINARY, args, (work_ / "coigraphd.log").string());
    EXPECT_TRUE(s.ok()) << s;
    absl::StatusOr<std::string> url = daemon_.ReadLineAfter("console on ");
    EXPECT_TRUE(url.ok()) << url.status();
    return url.ok() ? *url : "";
  }

  fs::path work_;
  std::string db_;
  std::map<std::string, std::string> tokens_;
  DaemonProcess daemon_;
};

TEST_F(ConsoleBrowserTest, CommissionersAnalystsAndOperatorsWorkInTheBrowser) {
  ASSERT_TRUE(fs::exists(kSource + "/console/dist/index.html"))
      << "the console is not built: bash scripts/build_console.sh";
  const std::string test_dir = kSource + "/tests/console";
  std::string out;
  if (!fs::exists(test_dir + "/node_modules/playwright-core")) {
    ASSERT_EQ(
        RunCommand("cd " + test_dir + " && npm ci --no-audit --no-fund --loglevel=error", &out), 0)
        << out;
  }
  const std::string url = Start();
  ASSERT_FALSE(url.empty());

  // The browser test proper.
  std::string env = "COIGRAPH_URL=" + url;
  for (const auto& [role, token] : tokens_) env += " COIGRAPH_TOKEN_" + role + "=" + token;
  const std::string shots = std::string(COIGRAPH_BINARY_DIR) + "/console-screenshots";
  env += " COIGRAPH_SCREENSHOTS=" + shots;
  const int code =
      RunCommand("cd " + test_dir + " && env " + env + " node --test console_test.mjs", &out);
  std::cout << out;
  ASSERT_EQ(code, 0) << "the browser test failed (its output is above)";

  // Every page's calls are in the audit log under the person who signed in.
  std::set<std::string> commissioner_rpcs, analyst_rpcs, operator_rpcs;
  for (const auto& row : Query(db_, "SELECT caller, rpc FROM audit_log")) {
    if (row[0] == "aigerim") commissioner_rpcs.insert(row[1]);
    if (row[0] == "daniyar") analyst_rpcs.insert(row[1]);
    if (row[0] == "ops") operator_rpcs.insert(row[1]);
  }
  for (const std::string& rpc : {"ListCases", "GetCase", "UpdateCase", "ListAudit", "Neighborhood",
                                 "CheckTender", "FindPaths"}) {
    EXPECT_TRUE(commissioner_rpcs.contains(rpc)) << rpc << " of the commissioner's pages";
  }
  for (const std::string& rpc : {"ListCases", "GetCase"}) {
    EXPECT_TRUE(analyst_rpcs.contains(rpc)) << rpc << " of the analyst's pages";
  }
  EXPECT_TRUE(operator_rpcs.contains("Status"));
  EXPECT_FALSE(analyst_rpcs.contains("ListAudit")) << "an analyst has no audit page";

  // The commissioner's last status change survives a restart.
  const auto changes = Query(db_,
                             "SELECT case_id, new_value FROM case_history WHERE actor = 'aigerim'"
                             " AND field = 'status' ORDER BY id DESC LIMIT 1");
  ASSERT_EQ(changes.size(), 1u) << "the browser test changed no status";
  const std::string case_id = changes[0][0];
  const std::string status = changes[0][1];
  ASSERT_EQ(daemon_.Stop(), 0);
  const std::string again = Start();
  ASSERT_FALSE(again.empty());
  httplib::Client client(again.substr(0, again.size() - 1));
  httplib::Result res = client.Post(
      "/coigraph.v1.Coigraph/GetCase", {{"Authorization", "Bearer " + tokens_["COMMISSIONER"]}},
      R"({"caseId":")" + case_id + R"(","purpose":"after the restart"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  google::protobuf::Struct answer;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, &answer).ok());
  EXPECT_NE(answer.fields().at("status").string_value().find(status), std::string::npos)
      << "stored " << status << ", answered " << res->body;
}

}  // namespace
}  // namespace coigraph::e2e
