// Runs the real `coigraph` binary on the demo region and on broken input, as a user would.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/tools/cli_run.h"

namespace {

using coigraph::testing::CliRun;
using coigraph::testing::Coigraph;

std::string Demo() { return std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo"; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(CliTest, ScanJsonlHasEveryRuleOnTheDemo) {
  const CliRun run = Coigraph("scan " + Demo() + " --format jsonl");
  ASSERT_EQ(run.exit_code, 0);
  std::set<std::string> rules;
  for (const std::string& line : Lines(run.out)) {
    ASSERT_EQ(line.front(), '{');
    const size_t at = line.find("\"rule\":\"");
    ASSERT_NE(at, std::string::npos);
    rules.insert(line.substr(at + 8, line.find('"', at + 8) - at - 8));
    for (const char* field : {"\"sphere\":", "\"object_id\":", "\"date\":", "\"official\":",
                              "\"counterparty\":", "\"relation\":", "\"path\":", "\"severity\":",
                              "\"explanation_ru\":", "\"explanation_en\":"}) {
      EXPECT_NE(line.find(field), std::string::npos) << field << " missing in " << line;
    }
  }
  EXPECT_EQ(rules.size(), 15u);
}

TEST(CliTest, ScanRuleFilterKeepsOnlyThatRule) {
  const CliRun run = Coigraph("scan " + Demo() + " --format jsonl --rules BONUS_RELATIVE");
  ASSERT_EQ(run.exit_code, 0);
  const auto lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    EXPECT_EQ(line.rfind("{\"rule\":\"BONUS_RELATIVE\"", 0), 0u) << line;
  }
}

TEST(CliTest, ScanWritesOutFile) {
  const auto out = std::filesystem::temp_directory_path() / "coigraph_cli_test_scan.jsonl";
  const CliRun run = Coigraph("scan " + Demo() + " --format jsonl --out " + out.string());
  ASSERT_EQ(run.exit_code, 0);
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), Coigraph("scan " + Demo() + " --format jsonl").out);
  std::filesystem::remove(out);
}

TEST(CliTest, UnknownRuleAndFormatAreUsageErrors) {
  EXPECT_EQ(Coigraph("scan " + Demo() + " --rules NO_SUCH_RULE").exit_code, 2);
  EXPECT_EQ(Coigraph("scan " + Demo() + " --format xml").exit_code, 2);
  EXPECT_EQ(Coigraph("frobnicate").exit_code, 2);
}

TEST(CliTest, LoadMissingDirectoryIsUnusable) {
  EXPECT_EQ(Coigraph("load /nonexistent/coigraph/feed").exit_code, 2);
}

TEST(CliTest, LoadFileWithoutRequiredColumnIsUnusable) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_no_sex";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "persons.csv") << "iin,last_name,first_name,birth_date\n";
  std::ofstream(dir / "organizations.csv") << "bin,name,kind\n";
  EXPECT_EQ(Coigraph("load " + dir.string()).exit_code, 2);
  std::filesystem::remove_all(dir);
}

TEST(CliTest, LoadReportsRejectsAsJsonLinesAndStillLoads) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_rejects";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "persons.csv") << "iin,last_name,first_name,birth_date,sex\n"
                                        "061211600012,Ахметова,Айгерим,2006-12-11,F\n"
                                        "061211600013,Ахметова,Айгерим,2006-12-11,F\n";
  std::ofstream(dir / "organizations.csv") << "bin,name,kind\n";
  const auto rejects = dir / "rejects.jsonl";
  const CliRun run = Coigraph("load " + dir.string() + " --rejects " + rejects.string());
  EXPECT_EQ(run.exit_code, 0);
  std::ifstream in(rejects);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_NE(line.find("\"file\":\"persons.csv\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"line\":3"), std::string::npos) << line;
  EXPECT_NE(line.find("\"column\":\"iin\""), std::string::npos) << line;
  EXPECT_FALSE(std::getline(in, line));
  EXPECT_NE(run.out.find("persons.csv"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// A scan of an empty directory said "No conflicts found." and exited 0.
TEST(CliTest, EmptyDirectoryIsRefusedByEveryCommandWithTheListing) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_empty";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const std::string& cmd :
       {"scan " + dir.string(), "load " + dir.string(), "ties 720518301212 --feeds " + dir.string(),
        "paths 720518301212 700811301846 --feeds " + dir.string()}) {
    const CliRun run = Coigraph(cmd, /*stderr_too=*/true);
    EXPECT_EQ(run.exit_code, 2) << cmd;
    EXPECT_EQ(run.out.find("No conflicts found."), std::string::npos) << cmd;
    EXPECT_NE(run.out.find("a feed needs persons.csv and organizations.csv"), std::string::npos)
        << cmd << ": " << run.out;
    EXPECT_NE(run.out.find("missing (17): persons.csv, kinship.csv"), std::string::npos) << cmd;
  }
  std::filesystem::remove_all(dir);
}

TEST(CliTest, CapitalisedFileNamesAreNamedWithWhatTheyShouldBe) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_capitals";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const char* file : {"persons.csv", "organizations.csv", "kinship.csv"}) {
    std::string upper = file;
    upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
    std::filesystem::copy_file(std::filesystem::path(Demo()) / file, dir / upper);
  }
  const CliRun run = Coigraph("scan " + dir.string(), /*stderr_too=*/true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("Persons.csv (probably persons.csv"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Organizations.csv (probably organizations.csv"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CliTest, LoadListsTheFeedFilesFound) {
  const CliRun run = Coigraph("load " + Demo(), /*stderr_too=*/true);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("found (17): persons.csv, kinship.csv, organizations.csv"),
            std::string::npos)
      << run.out;
}

// A BOM-only blacklist.csv used to make the whole feed unusable: exit 2 and no findings at all.
TEST(CliTest, DamagedOptionalFileIsRejectedAndTheScanGoesOn) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_damaged";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(Demo(), dir);
  std::ofstream(dir / "blacklist.csv", std::ios::trunc) << "\xEF\xBB\xBF";
  const CliRun scan = Coigraph("scan " + dir.string() + " --format jsonl");
  EXPECT_EQ(scan.exit_code, 0);
  EXPECT_GT(Lines(scan.out).size(), 10u);
  const CliRun load = Coigraph("load " + dir.string());
  EXPECT_EQ(load.exit_code, 0);
  EXPECT_NE(load.out.find("whole file"), std::string::npos) << load.out;
  EXPECT_NE(load.out.find("\"file\":\"blacklist.csv\",\"line\":1,\"column\":\"\",\"reason\":\"the "
                          "file is empty (no header line); the file is not loaded\""),
            std::string::npos)
      << load.out;
  std::filesystem::remove_all(dir);
}

// A cp1251 feed (Russian Excel) is refused with a hint, and loads with --encoding cp1251.
TEST(CliTest, Cp1251FeedNeedsTheEncodingOption) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_cp1251";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // "iin,...\n720518301212,Ахметов,Бауыржан,1972-05-18,M" with the names in Windows-1251.
  std::ofstream(dir / "persons.csv", std::ios::binary)
      << "iin,last_name,first_name,birth_date,sex\n"
         "720518301212,\xC0\xF5\xEC\xE5\xF2\xEE\xE2,\xC1\xE0\xF3\xFB\xF0\xE6\xE0\xED,1972-05-18,"
         "M\n";
  std::ofstream(dir / "organizations.csv") << "bin,name,kind\n";
  const CliRun refused = Coigraph("ties 720518301212 --feeds " + dir.string(), true);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.out.find("looks like Windows-1251"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("--encoding cp1251"), std::string::npos);
  const CliRun run = Coigraph("ties 720518301212 --encoding cp1251 --feeds " + dir.string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("Ахметов Бауыржан"), std::string::npos) << run.out;
  std::filesystem::remove_all(dir);
}

TEST(CliTest, LoadCountsRootCausesApartFromConsequences) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_causes";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "persons.csv") << "iin,last_name,first_name,birth_date,sex\n"
                                        "800515300017,Ахметов,Бауыржан,1980-05-15,M\n"
                                        "820310400012,Ахметова,Алия,1982-03-10,X\n";
  std::ofstream(dir / "organizations.csv") << "bin,name,kind\n";
  std::ofstream(dir / "kinship.csv") << "person_iin,relative_iin,relation\n"
                                        "800515300017,820310400012,spouse\n";
  const CliRun run = Coigraph("load " + dir.string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("2 rejects: 1 root causes, 1 consequences of a rejected row"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("\"caused_by\":{\"file\":\"persons.csv\",\"line\":3}"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CliTest, EveryCommandHasHelp) {
  for (const char* cmd : {"scan", "load", "ties", "paths", "export", "hints"}) {
    const CliRun run = Coigraph(std::string(cmd) + " --help");
    EXPECT_EQ(run.exit_code, 0) << cmd;
    EXPECT_NE(run.out.find("usage: coigraph"), std::string::npos) << cmd;
  }
}

TEST(CliTest, TiesListsKinWithPath) {
  // Ахметов Б.С. of the demo: his wife's brother is his superior Жұмабаев М.Қ.
  const CliRun run = Coigraph("ties 720518301212 --date 2022-01-01 --feeds " + Demo());
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("700811301846"), std::string::npos);
  EXPECT_NE(run.out.find("spouse.sibling"), std::string::npos);
}

TEST(CliTest, PathsFindsTheTieBetweenTwoPersons) {
  const CliRun run =
      Coigraph("paths 720518301212 700811301846 --date 2022-01-01 --k 2 --feeds " + Demo());
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("1. [2 ties]", 0), 0u) << run.out;
  EXPECT_EQ(Coigraph("paths 720518301212 123 --feeds " + Demo()).exit_code, 2);
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `coigraph export` around the demo's official, as FollowTheMoney and as Neo4j CSV into one
// directory, read back by tests/graph/check_ftm.py (every tie of the Neo4j files an FtM
// entity); pseudonymised, no IIN of the seed is left.
TEST(CliTest, ExportWritesFtmWithEveryTieOfTheNeo4jExport) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_export";
  for (const bool pseudonymise : {false, true}) {
    std::filesystem::remove_all(dir);
    const std::string common = " --radius 2 --date 2022-01-01 --out " + dir.string() + " --feeds " +
                               Demo() + (pseudonymise ? " --pseudonym-salt cli-test-salt" : "");
    for (const char* format : {"ftm", "neo4j"}) {
      const CliRun run =
          Coigraph(std::string("export 720518301212 --format ") + format + common, true);
      ASSERT_EQ(run.exit_code, 0) << run.out;
      EXPECT_NE(run.out.find(pseudonymise ? "pseudonymised" : "vertices around 1 seed"),
                std::string::npos)
          << run.out;
    }
    const std::string ftm = ReadFile(dir / "subgraph.ftm.json");
    ASSERT_FALSE(ftm.empty());
    EXPECT_EQ(ftm.find("720518301212") == std::string::npos, pseudonymise);
    EXPECT_EQ(ftm.find("\"kz-iin-720518301212\"") != std::string::npos, !pseudonymise);
    if (std::filesystem::exists("/usr/bin/python3")) {
      std::string cmd =
          "/usr/bin/python3 " + std::string(COIGRAPH_SOURCE_DIR) + "/tests/graph/check_ftm.py";
      for (const char* f : {"subgraph.ftm.json", "nodes_person.csv", "nodes_organization.csv",
                            "relationships.csv"}) {
        cmd += " " + (dir / f).string();
      }
      EXPECT_EQ(std::system((cmd + " >&2").c_str()), 0) << cmd;
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(CliTest, ExportUsageErrors) {
  const std::string feeds = " --feeds " + Demo();
  EXPECT_EQ(Coigraph("export 720518301212" + feeds).exit_code, 2);  // no --format
  EXPECT_EQ(Coigraph("export 720518301212 --format xml" + feeds).exit_code, 2);
  EXPECT_EQ(Coigraph("export 720518301212 --format ftm --radius 4" + feeds).exit_code, 2);
  EXPECT_EQ(Coigraph("export 123 --format ftm" + feeds).exit_code, 2);
  EXPECT_EQ(Coigraph("export --format ftm" + feeds).exit_code, 2);
}

// A commission member and the founder of a bidder: Kazakh and Russian forms of one family name
// and one father's name, and no kinship row; then the same feed with their father's rows.
void WriteHintFeed(const std::filesystem::path& dir, bool with_father) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "persons.csv") << "iin,last_name,first_name,patronymic,birth_date,sex\n"
                                        "800515300017,Жақыпов,Ерлан,Серікұлы,1980-05-15,M\n"
                                        "820310400012,Джакупова,Айгуль,Сериковна,1982-03-10,F\n"
                                        "550120300016,Жақып,Серік,,1955-01-20,M\n";
  std::ofstream(dir / "organizations.csv") << "bin,name,kind\n940140000385,Акимат,state_body\n"
                                              "100540000018,ТОО Береке,company\n";
  std::ofstream(dir / "commissions.csv") << "commission_id,org_bin,kind,title\n"
                                            "C1,940140000385,tender,Комиссия\n";
  std::ofstream(dir / "commission_members.csv") << "commission_id,person_iin,role\n"
                                                   "C1,800515300017,chair\n";
  std::ofstream(dir / "tenders.csv")
      << "tender_id,customer_bin,method,announced_date,"
         "commission_id\nT1,940140000385,open_tender,2023-03-01,C1\n";
  std::ofstream(dir / "bids.csv") << "tender_id,supplier_bin,outcome\nT1,100540000018,won\n";
  std::ofstream(dir / "company_roles.csv") << "company_bin,role,holder_iin\n"
                                              "100540000018,founder,820310400012\n";
  std::ofstream(dir / "kinship.csv")
      << "person_iin,relative_iin,relation\n"
      << (with_father ? "550120300016,800515300017,parent\n550120300016,820310400012,parent\n"
                      : "");
}

TEST(CliTest, HintsShowAnUndeclaredSiblingAndNotADeclaredOne) {
  const auto dir = std::filesystem::temp_directory_path() / "coigraph_cli_test_hints";
  WriteHintFeed(dir, /*with_father=*/false);
  const CliRun jsonl = Coigraph("hints " + dir.string() + " --format jsonl");
  ASSERT_EQ(jsonl.exit_code, 0);
  const std::vector<std::string> lines = Lines(jsonl.out);
  ASSERT_EQ(lines.size(), 1u) << jsonl.out;
  EXPECT_EQ(lines[0],
            "{\"tender_id\":\"T1\",\"date\":\"2023-03-01\",\"member\":\"800515300017\","
            "\"member_name\":\"Жақыпов Ерлан Серікұлы\",\"bidder\":\"100540000018\","
            "\"bidder_name\":\"ТОО Береке\",\"party\":\"founder\",\"person\":\"820310400012\","
            "\"person_name\":\"Джакупова Айгуль Сериковна\",\"surname_stem\":\"jakip\","
            "\"patronymic_root\":\"serik\",\"address\":\"\"}");
  const CliRun table = Coigraph("hints " + dir.string());
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("surname stem jakip, patronymic root serik"), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("1 hints (leads to check, not findings)"), std::string::npos);
  // No finding: the engine knows no tie between them.
  EXPECT_EQ(Coigraph("scan " + dir.string() + " --format jsonl").out, "");

  WriteHintFeed(dir, /*with_father=*/true);
  EXPECT_EQ(Coigraph("hints " + dir.string() + " --format jsonl").out, "");
  EXPECT_NE(Coigraph("hints " + dir.string()).out.find("No undeclared-tie hints."),
            std::string::npos);
  // Declared, the tie is a finding instead.
  EXPECT_NE(Coigraph("scan " + dir.string() + " --format jsonl").out.find("TENDER_COMMISSION"),
            std::string::npos);
  EXPECT_EQ(Coigraph("hints " + dir.string() + " --format xml").exit_code, 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
