// The goszakup importer (loaders/goszakup/import_goszakup.h) on a hand-written dump
// (tests/testdata/goszakup/scenario: the documented fields of each registry) merged with a civil
// registry feed: the rows it writes, what it reports, and the finding the scan then makes of it,
// the commission chair known only by an upper-case Kazakh name whose sister founded the winner.
#include "loaders/goszakup/import_goszakup.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "graph/finding.h"
#include "graph/rules.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"

namespace coigraph::loaders::goszakup {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kScenario = std::string(COIGRAPH_TESTDATA_DIR) + "/goszakup/scenario";
constexpr char kMember[] = "700512301018";  // Жақыпов Қабиболла Қабенұлы
constexpr char kWinner[] = "110540030031";  // ТОО «Алтын Құрылыс»

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class ImportGoszakupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = fs::temp_directory_path() /
           ("coigraph-gz-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(out_);
  }
  void TearDown() override { fs::remove_all(out_); }

  ImportReport Import(const fs::path& out, bool merge = true) {
    absl::StatusOr<ImportReport> r =
        ImportGoszakup({.in_dir = kScenario + "/in",
                        .out_dir = out.string(),
                        .merge_dir = merge ? kScenario + "/civil" : ""});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : ImportReport{};
  }

  fs::path out_;
};

TEST_F(ImportGoszakupTest, WritesTheFeedFilesFromTheRegistries) {
  const ImportReport r = Import(out_);
  EXPECT_EQ(r.records_read.at("subject"), 5);
  EXPECT_EQ(r.records_read.at("commission"), 4);
  EXPECT_EQ(r.records_read.at("trd-app"), 2);
  // The quasi-state company by its flag, whatever its legal form's code.
  EXPECT_THAT(Lines(out_ / "organizations.csv"),
              Contains("100340020025,АО «Жанаарка Су»,quasi_state,050140010019,"));
  EXPECT_THAT(Lines(out_ / "tenders.csv"),
              Contains("5001,050140010019,open_tender,2021-04-05,gz-1001,Средний ремонт "
                       "автодороги,45000000.00"));
  EXPECT_THAT(Lines(out_ / "commissions.csv"),
              Contains("gz-1001,050140010019,tender,Тендерная комиссия 1001-1,,"));
  EXPECT_THAT(Lines(out_ / "bids.csv"),
              Contains("5001,110540030031,won,2021-04-20,44100000.00,ОМАРОВ ЕРЛАН"));
  EXPECT_THAT(Lines(out_ / "contracts.csv"),
              Contains("7001,050140010019,110540030031,2021-05-12,5001,,44100000.00"));
  EXPECT_THAT(Lines(out_ / "blacklist.csv"),
              Contains("110540030031,2022-06-01,2024-06-01,ref_reason_id 4"));
  EXPECT_THAT(Lines(out_ / "company_roles.csv"), Contains("110540030031,founder,750803401025,,,,"));
  // The employees registry's stints, each a post of its own.
  EXPECT_THAT(Lines(out_ / "employment.csv"),
              Contains("700512301018,gz-050140010019-700512301018-2015-01-05,2015-01-05,,,"));
  // The civil registry's persons win over the registries' spellings of them; the others come
  // from their IIN (birth date, sex) and `fio`.
  const std::vector<std::string> persons = Lines(out_ / "persons.csv");
  EXPECT_THAT(persons, Contains("700512301018,Жақыпов,Қабиболла,1970-05-12,M,Қабенұлы,"));
  EXPECT_THAT(persons, Not(Contains(HasSubstr("Джакупов"))));
  EXPECT_THAT(persons, Contains("800202301043,НУРЛАНОВ,НУРЛАН,1980-02-02,M,СЕРИКОВИЧ,"));
  EXPECT_THAT(persons, Contains("850606301079,ОМАРОВ,ЕРЛАН,1985-06-06,M,,"));
  // The merged civil registry's other files come along.
  EXPECT_EQ(ReadAll(out_ / "kinship.csv"), ReadAll(kScenario + "/civil/kinship.csv"));
}

TEST_F(ImportGoszakupTest, MatchesMembersByNameAndReportsTheOthers) {
  const ImportReport r = Import(out_);
  EXPECT_EQ(r.members_matched, 2);
  const std::vector<std::string> members = Lines(out_ / "commission_members.csv");
  ASSERT_EQ(members.size(), 3U) << ReadAll(out_ / "commission_members.csv");
  EXPECT_EQ(members[0],
            "commission_id,person_iin,role,valid_from,valid_to,public_representative,"
            "matched_name,match_score");
  EXPECT_THAT(members[1], HasSubstr("gz-1001,700512301018,chair,,,,ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ,"));
  EXPECT_THAT(members[2], HasSubstr("gz-1001,800202301043,member,,,,НҰРЛАНОВ НҰРЛАН СЕРІКҰЛЫ,"));
  // The inactive secretary is left out; Ахметов Болат matches no one of the staff that day.
  ASSERT_EQ(r.unresolved.size(), 1U);
  EXPECT_EQ(r.unresolved[0].fio, "АХМЕТОВ БОЛАТ");
  EXPECT_EQ(r.unresolved[0].date, "2021-04-05");
  EXPECT_EQ(r.unresolved[0].employed, 3U);
  // Every record that could not be mapped, by file, record and field.
  auto problem = [](const std::string& file, const std::string& field, const std::string& reason) {
    return AllOf(Field(&ImportProblem::file, file), Field(&ImportProblem::field, field),
                 Field(&ImportProblem::reason, HasSubstr(reason)));
  };
  EXPECT_THAT(r.problems, Contains(problem("subject.json", "bin", "check digit")));
  EXPECT_THAT(r.problems,
              Contains(problem("employees/050140010019.json", "start_date", "not imported")));
  EXPECT_THAT(r.problems, Contains(problem("lots.json", "trd_buy_id", "no such announcement")));
  EXPECT_THAT(r.problems, Contains(problem("trd-app.json", "app_lots.status_id",
                                           "refs/ref_app_lot_status.csv has no row for id '9'")));
  EXPECT_EQ(r.problems.size(), 4U);
  // The report files.
  ASSERT_TRUE(WriteImportReport(r, out_.string()).ok());
  EXPECT_THAT(Lines(out_ / "unresolved_members.csv"),
              Contains("1001,АХМЕТОВ БОЛАТ,050140010019,2021-04-05,3,"));
  EXPECT_EQ(Lines(out_ / "import_problems.csv").size(), 5U);
}

TEST_F(ImportGoszakupTest, TheSameInputGivesTheSameBytes) {
  Import(out_ / "a");
  Import(out_ / "b");
  for (const char* f : {"persons.csv", "organizations.csv", "commission_members.csv", "tenders.csv",
                        "bids.csv", "company_roles.csv", "employment.csv"}) {
    EXPECT_EQ(ReadAll(out_ / "a" / f), ReadAll(out_ / "b" / f)) << f;
  }
}

TEST_F(ImportGoszakupTest, TheScanFindsTheChairWhoseSisterFoundedTheWinner) {
  Import(out_);
  absl::StatusOr<LoadedFeed> feed = LoadSnapshot(out_.string());
  ASSERT_TRUE(feed.ok()) << feed.status();
  EXPECT_TRUE(feed->report.rejects.empty()) << RejectToJson(feed->report.rejects.front());
  const std::vector<graph::Finding> findings = graph::RunRules(*feed->snapshot, graph::AllRules());
  const graph::Finding* found = nullptr;
  for (const graph::Finding& f : findings) {
    if (f.rule == graph::Rule::kTenderCommission && f.official == kMember) found = &f;
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->object_id, "5001");
  EXPECT_EQ(found->counterparty, kWinner);
  EXPECT_EQ(found->relation, "sibling>founder");
  EXPECT_EQ(found->evidence.kind, graph::EvidenceKind::kNameMatched);
  EXPECT_EQ(found->evidence.matched_name, "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ");
  EXPECT_GE(found->evidence.match_score, 0.85);
  EXPECT_LE(found->severity, graph::kNameMatchedSeverityCap);
  EXPECT_THAT(found->explanation_ru, HasSubstr("ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ"));
  // Without the civil registry there is no kinship, so no finding.
  Import(out_ / "alone", /*merge=*/false);
  absl::StatusOr<LoadedFeed> alone = LoadSnapshot((out_ / "alone").string());
  ASSERT_TRUE(alone.ok()) << alone.status();
  for (const graph::Finding& f : graph::RunRules(*alone->snapshot, graph::AllRules())) {
    EXPECT_NE(f.rule, graph::Rule::kTenderCommission) << graph::FindingToJson(f);
  }
}

TEST_F(ImportGoszakupTest, AMissingInputDirectoryIsNotFound) {
  absl::StatusOr<ImportReport> r = ImportGoszakup({.in_dir = "/nonexistent", .out_dir = out_});
  EXPECT_TRUE(absl::IsNotFound(r.status())) << r.status();
}

}  // namespace
}  // namespace coigraph::loaders::goszakup
