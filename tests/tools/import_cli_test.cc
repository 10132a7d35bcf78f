// `coigraph import goszakup` as an operator runs it: a folder of goszakup-shaped JSON plus a
// civil-registry kinship feed, one command to a feed, then `coigraph scan` on it. The chair of
// the tender commission is listed only as "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ"; his sister founded the
// winning bidder.
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/tools/cli_run.h"

namespace {

namespace fs = std::filesystem;
using coigraph::testing::CliRun;

// stderr too: the import's summary and errors.
CliRun Coigraph(const std::string& args) { return coigraph::testing::Coigraph(args, true); }

class ImportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = fs::temp_directory_path() / ("coigraph-import-cli-" + std::to_string(getpid()));
    fs::remove_all(out_);
  }
  void TearDown() override { fs::remove_all(out_); }
  const std::string scenario_ =
      std::string(COIGRAPH_SOURCE_DIR) + "/tests/testdata/goszakup/scenario";
  fs::path out_;
};

TEST_F(ImportCliTest, OneCommandGivesAFeedWhoseScanFindsTheNameMatchedChair) {
  const CliRun import = Coigraph("import goszakup " + scenario_ + "/in " + out_.string() +
                                 " --merge " + scenario_ + "/civil");
  ASSERT_EQ(import.exit_code, 0) << import.out;
  EXPECT_NE(import.out.find("commission members: 2 matched by name, 0 given by IIN, 1 unresolved"),
            std::string::npos)
      << import.out;
  EXPECT_NE(import.out.find("records not imported or imported in part: 4"), std::string::npos)
      << import.out;
  EXPECT_TRUE(fs::exists(out_ / ".import" / "import_problems.csv"));
  EXPECT_TRUE(fs::exists(out_ / ".import" / "unresolved_members.csv"));

  const CliRun scan =
      Coigraph("scan " + out_.string() + " --format jsonl --rules TENDER_COMMISSION");
  ASSERT_EQ(scan.exit_code, 0) << scan.out;
  std::istringstream lines(scan.out);
  int found = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"official\":\"700512301018\"") == std::string::npos) continue;
    ++found;
    EXPECT_NE(line.find("\"counterparty\":\"110540030031\""), std::string::npos) << line;
    EXPECT_NE(line.find("\"relation\":\"sibling>founder\""), std::string::npos) << line;
    EXPECT_NE(line.find("\"evidence\":\"name_matched\""), std::string::npos) << line;
    EXPECT_NE(line.find("\"matched_name\":\"ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ\""), std::string::npos)
        << line;
  }
  EXPECT_EQ(found, 1) << scan.out;
}

TEST_F(ImportCliTest, UsageErrors) {
  EXPECT_EQ(Coigraph("import").exit_code, 2);
  EXPECT_EQ(Coigraph("import ocds a b").exit_code, 2);
  EXPECT_EQ(Coigraph("import goszakup /nonexistent " + out_.string()).exit_code, 2);
  EXPECT_EQ(Coigraph("import goszakup a b --threshold 1.5").exit_code, 2);
  EXPECT_EQ(Coigraph("import --help").exit_code, 0);
}

}  // namespace
