// Nothing coigraph writes carries invalid UTF-8 or raw control characters (issue 9): names with
// a tab, quotes, '<', '&' and a backslash go through `scan --format jsonl`, the scan's table,
// the reject report and every export format, and tests/tools/check_output_text.py parses each
// with Python's own json, xml and csv readers and finds the names again, byte for byte. The
// FollowTheMoney export of the whole demo feed is also read back by tests/graph/check_ftm.py and
// matched tie for tie against its Neo4j export, plain and pseudonymised.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/json.h"
#include "graph/date.h"
#include "graph/export.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"

namespace {

namespace fs = std::filesystem;

const fs::path kDemo = fs::path(COIGRAPH_SOURCE_DIR) / "examples/demo";
const std::string kChecker = std::string(COIGRAPH_SOURCE_DIR) + "/tests/tools/check_output_text.py";
constexpr char kPython[] = "/usr/bin/python3";

// The akim's surname and the akimat's name, as loaded from the CSV below.
const std::string kSurname = "Ах<м>&\"ет\\ов\tО'Нил";
const std::string kOrgName = "ГУ \"Аппарат\" <акима> & \\ Кентау\tтаб";

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `field` as a quoted CSV field.
std::string Quoted(const std::string& field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Replaces the second field of the line that starts with `key + ","`.
void ReplaceName(const fs::path& file, const std::string& key, const std::string& name) {
  std::istringstream in(Read(file));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(key + ",")) {
      const size_t second = line.find(',', key.size() + 1);
      line = key + "," + Quoted(name) + line.substr(second);
    }
    out += line + "\n";
  }
  std::ofstream(file, std::ios::binary) << out;
}

int Shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs the checker on `files` (KIND=PATH), expecting `texts` back from each.
int Check(const fs::path& dir, const std::vector<std::string>& texts,
          const std::vector<std::string>& files) {
  const fs::path expect = dir / "expect.txt";
  std::ofstream e(expect, std::ios::binary);
  for (const std::string& t : texts) {
    std::string line;
    coigraph::base::AppendJsonString(line, t);
    e << line << "\n";
  }
  e.close();
  std::string cmd = std::string(kPython) + " " + kChecker + " " + expect.string();
  for (const std::string& f : files) cmd += " " + f;
  return Shell(cmd + " >&2");
}

class OutputTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kPython)) GTEST_SKIP() << "needs python3 (apt-get install python3)";
    // One directory per test and process: ctest runs the tests of this file side by side.
    dir_ = fs::temp_directory_path() /
           ("coigraph_output_text_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "feed");
    fs::copy(kDemo, dir_ / "feed");
    ReplaceName(dir_ / "feed/persons.csv", "700811301846", kSurname);        // the akim
    ReplaceName(dir_ / "feed/organizations.csv", "990440010213", kOrgName);  // the akimat
    // A row whose surname is not UTF-8: rejected, and its reject must not repeat the bytes.
    std::ofstream(dir_ / "feed/persons.csv", std::ios::app | std::ios::binary)
        << "900101300011,\xff\xfe\xd0,Иван,Иванович,1990-01-01,M,\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(OutputTextTest, ScanJsonlTableAndRejectsAreCleanAndParse) {
  const std::string cli = COIGRAPH_CLI;
  const std::string feed = (dir_ / "feed").string();
  ASSERT_EQ(Shell(cli + " scan " + feed + " --format jsonl --out " +
                  (dir_ / "scan.jsonl").string() + " 2>/dev/null"),
            0);
  ASSERT_EQ(Shell(cli + " scan " + feed + " > " + (dir_ / "scan.txt").string() + " 2>/dev/null"),
            0);
  Shell(cli + " load " + feed + " --rejects " + (dir_ / "rejects.jsonl").string() +
        " >/dev/null 2>&1");
  const std::string rejects = Read(dir_ / "rejects.jsonl");
  ASSERT_NE(rejects.find("900101300011"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("\xEF\xBF\xBD"), std::string::npos) << "the bad bytes are shown as U+FFFD";
  // The surname with its tab comes back from the JSON lines; the table and the rejects are only
  // checked for their characters.
  EXPECT_EQ(Check(dir_, {kSurname}, {"jsonl=" + (dir_ / "scan.jsonl").string()}), 0);
  EXPECT_EQ(Check(dir_, {},
                  {"table=" + (dir_ / "scan.txt").string(),
                   "jsonl=" + (dir_ / "rejects.jsonl").string()}),
            0);
  EXPECT_NE(Read(dir_ / "scan.txt").find("Ах<м>&\"ет\\ов О'Нил"), std::string::npos)
      << "a tab in a table cell becomes a space";
}

TEST_F(OutputTextTest, EveryExportFormatParsesAndGivesTheNamesBack) {
  absl::StatusOr<coigraph::loaders::LoadedFeed> feed =
      coigraph::loaders::LoadSnapshot((dir_ / "feed").string());
  ASSERT_TRUE(feed.ok()) << feed.status();
  const coigraph::graph::Snapshot& s = *feed->snapshot;
  std::vector<coigraph::graph::VertexId> all;
  for (size_t i = 0; i < s.vertex_count(); ++i) {
    all.emplace_back(static_cast<uint32_t>(i));
  }
  const coigraph::graph::ExportOptions options{.date = *coigraph::graph::ParseIsoDate("2021-01-01"),
                                               .pseudonymise = false};
  std::vector<std::string> files;
  const std::pair<coigraph::graph::ExportFormat, const char*> formats[] = {
      {coigraph::graph::ExportFormat::kGraphml, "graphml"},
      {coigraph::graph::ExportFormat::kGexf, "gexf"},
      {coigraph::graph::ExportFormat::kCytoscapeJson, "cyjs"},
      {coigraph::graph::ExportFormat::kNeo4jCsv, "csv"},
      {coigraph::graph::ExportFormat::kDot, "dot"},
      {coigraph::graph::ExportFormat::kFtm, "ftm"},
  };
  for (const auto& [format, kind] : formats) {
    absl::Status st = coigraph::graph::WriteSubgraph(
        s, all, format, options, [&](std::string_view file, std::string_view chunk) {
          const fs::path p = dir_ / std::string(file);
          if (std::find(files.begin(), files.end(), std::string(kind) + "=" + p.string()) ==
              files.end()) {
            files.push_back(std::string(kind) + "=" + p.string());
            fs::remove(p);
          }
          std::ofstream(p, std::ios::app | std::ios::binary) << chunk;
          return true;
        });
    ASSERT_TRUE(st.ok()) << st;
  }
  // nodes_person.csv holds persons only, nodes_organization.csv organizations only: check each
  // for its own name.
  std::vector<std::string> both, persons, orgs;
  for (const std::string& f : files) {
    if (f.ends_with("nodes_person.csv")) {
      persons.push_back(f);
    } else if (f.ends_with("nodes_organization.csv")) {
      orgs.push_back(f);
    } else if (!f.ends_with("relationships.csv")) {
      both.push_back(f);
    }
  }
  // A person's name in an export is the short name: the surname and initials.
  EXPECT_EQ(Check(dir_, {kSurname, kOrgName}, both), 0);
  EXPECT_EQ(Check(dir_, {kSurname}, persons), 0);
  EXPECT_EQ(Check(dir_, {kOrgName}, orgs), 0);
}

TEST_F(OutputTextTest, FtmOfTheDemoFeedHasEveryTieOfItsNeo4jExport) {
  absl::StatusOr<coigraph::loaders::LoadedFeed> feed =
      coigraph::loaders::LoadSnapshot((dir_ / "feed").string());
  ASSERT_TRUE(feed.ok()) << feed.status();
  const coigraph::graph::Snapshot& s = *feed->snapshot;
  std::vector<coigraph::graph::VertexId> all;
  for (size_t i = 0; i < s.vertex_count(); ++i) {
    all.emplace_back(static_cast<uint32_t>(i));
  }
  for (const bool pseudonymise : {false, true}) {
    const coigraph::graph::ExportOptions options{
        .date = *coigraph::graph::ParseIsoDate("2021-01-01"),
        .pseudonymise = pseudonymise,
        .pseudonym_salt = "output-text-salt"};
    std::string ftm;
    for (const coigraph::graph::ExportFormat format :
         {coigraph::graph::ExportFormat::kFtm, coigraph::graph::ExportFormat::kNeo4jCsv}) {
      absl::Status st = coigraph::graph::WriteSubgraph(
          s, all, format, options, [&](std::string_view file, std::string_view chunk) {
            if (file.ends_with(".ftm.json")) ftm.append(chunk);
            std::ofstream(dir_ / std::string(file), std::ios::app | std::ios::binary) << chunk;
            return true;
          });
      ASSERT_TRUE(st.ok()) << st;
    }
    std::string cmd =
        std::string(kPython) + " " + COIGRAPH_SOURCE_DIR + "/tests/graph/check_ftm.py";
    for (const char* f :
         {"subgraph.ftm.json", "nodes_person.csv", "nodes_organization.csv", "relationships.csv"}) {
      cmd += " " + (dir_ / f).string();
    }
    EXPECT_EQ(Shell(cmd + " >&2"), 0) << (pseudonymise ? "pseudonymised" : "plain");
    if (pseudonymise) {
      // No IIN of the feed in any form: not as an id, a number, or inside a name.
      std::istringstream persons(Read(kDemo / "persons.csv"));
      std::string line;
      std::getline(persons, line);  // the header
      int iins = 0;
      while (std::getline(persons, line)) {
        const std::string iin = line.substr(0, line.find(','));
        if (iin.size() != 12) continue;
        ++iins;
        EXPECT_EQ(ftm.find(iin), std::string::npos) << iin;
      }
      EXPECT_GT(iins, 10);
      EXPECT_EQ(ftm.find("kz-iin-"), std::string::npos);
      EXPECT_EQ(ftm.find(kSurname), std::string::npos);
    } else {
      EXPECT_NE(ftm.find("\"schema\":\"PublicBody\""), std::string::npos);
      EXPECT_NE(ftm.find("\"schema\":\"Family\""), std::string::npos);
      EXPECT_NE(ftm.find("\"schema\":\"Ownership\""), std::string::npos);
      EXPECT_NE(ftm.find("\"schema\":\"Directorship\""), std::string::npos);
    }
    for (const char* f :
         {"subgraph.ftm.json", "nodes_person.csv", "nodes_organization.csv", "relationships.csv"}) {
      fs::remove(dir_ / f);
    }
  }
}

}  // namespace
