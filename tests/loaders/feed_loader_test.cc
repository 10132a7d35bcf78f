// LoadFeedDirectory on the hand-written feeds of tests/testdata/loaders/ and on byte-exact feeds
// written to a temp dir.
#include "loaders/feed_loader.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "graph/builder.h"
#include "graph/identity_number.h"
#include "gtest/gtest.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

using ::testing::ElementsAre;
using testing::FileOf;
using ::testing::HasSubstr;
using testing::TempFeedDir;
using testing::TestdataDir;

constexpr uint64_t kAhmetov = 800515300017;
constexpr uint64_t kAhmetova = 820310400012;
constexpr uint64_t kSerik = 550120300016;

LoadReport MustLoad(const std::string& dir, graph::Builder& b) {
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir, b);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *std::move(r) : LoadReport{};
}

std::string PositionId(const graph::Builder& b, graph::PositionIndex p) {
  return p == graph::kNone ? "-" : std::string(b.Str(b.position(p).id));
}

TEST(FeedLoaderTest, MissingDirectoryIsNotFound) {
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory("/nonexistent/coigraph_feed", b);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(),
              HasSubstr("feed directory /nonexistent/coigraph_feed does not exist"));
}

TEST(FeedLoaderTest, MissingRequiredColumnFailsTheLoad) {
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(TestdataDir("missing_required_column"), b);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "persons.csv: missing required column 'sex'");
  EXPECT_TRUE(b.data().persons.empty());
}

TEST(FeedLoaderTest, CompanyRolesNeedsAHolderColumn) {
  TempFeedDir dir;
  dir.Write("company_roles.csv", "company_bin,role\n940140000385,owner\n");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].column, "holder_iin");
  EXPECT_EQ(r.rejects[0].reason,
            "missing required column 'holder_iin' or 'holder_bin'; the file is not loaded");
}

// A damaged optional file used to make the whole feed unusable (exit 2, no findings at all).
TEST(FeedLoaderTest, DamagedOptionalFilesAreRejectedAsFilesAndTheRestLoads) {
  TempFeedDir dir;
  dir.Write(
      "persons.csv",
      "iin,last_name,first_name,birth_date,sex\n800515300017,Ахметов,Бауыржан,1980-05-15,M\n");
  dir.Write("residence.csv", "");
  dir.Write("blacklist.csv", "\xEF\xBB\xBF");
  dir.Write("waiting_list.csv", "commission_id,\"person_iin\"x,queue_number\nL1,800515300017,1\n");
  dir.Write("bids.csv", "tender_id,supplier_bin\nT1,100540000018\n");
  dir.Write("commission_members.csv", "commission_id,person_iin,role,role\n");
  dir.Write("kinship.csv", "person_iin,relative_iin,relation\n800515300017,800515300017,parent\n");
  dir.Write("commissions.csv", "commission_id,org_bin,kind\n");  // no title
  dir.Write("employment.csv",
            "person_iin,position_id,valid_from,selection_commission_id\n"
            "800515300017,P1,2020-01-01,C1\n");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  EXPECT_EQ(FileOf(r, "persons.csv").loaded, 1);
  std::vector<std::string> got;
  for (const RejectRecord& rej : r.rejects) {
    got.push_back(
        absl::StrCat(rej.file, ":", rej.line, ":", rej.column, ": ", rej.reason, " | ", rej.raw));
  }
  EXPECT_THAT(
      got,
      ElementsAre(
          "commissions.csv:1:title: missing required column 'title'; the file is not loaded | "
          "commission_id,org_bin,kind",
          "employment.csv:2:position_id: position_id P1: positions.csv is absent, so it cannot be "
          "linked | 800515300017,P1,2020-01-01,C1",
          "commission_members.csv:1:role: column 'role' appears twice in the header; the file is "
          "not loaded | commission_id,person_iin,role,role",
          "kinship.csv:2:relative_iin: relative_iin is the same person as person_iin | "
          "800515300017,800515300017,parent",
          "bids.csv:1:outcome: missing required column 'outcome'; the file is not loaded | "
          "tender_id,supplier_bin",
          "waiting_list.csv:1:: malformed header: text after the closing quote of a quoted field; "
          "the file is not loaded | commission_id,\"person_iin\"x,queue_number",
          "blacklist.csv:1:: the file is empty (no header line); the file is not loaded | ",
          "residence.csv:1:: the file is empty (no header line); the file is not loaded | "));
  for (const char* file : {"commissions.csv", "commission_members.csv", "bids.csv",
                           "waiting_list.csv", "blacklist.csv", "residence.csv"}) {
    const FileReport& f = FileOf(r, file);
    EXPECT_TRUE(f.present) << file;
    EXPECT_EQ(f.rejected, 1) << file;
    EXPECT_EQ(f.loaded, 0) << file;
    EXPECT_THAT(f.file_error, HasSubstr("the file is not loaded")) << file;
  }
}

TEST(FeedLoaderTest, AReferenceIntoARejectedFileSaysSo) {
  TempFeedDir dir;
  dir.Write(
      "persons.csv",
      "iin,last_name,first_name,birth_date,sex\n800515300017,Ахметов,Бауыржан,1980-05-15,M\n");
  dir.Write("organizations.csv", "bin,name,kind\n940140000385,Акимат,state_body\n");
  dir.Write("positions.csv", "position_id,org_bin\n");  // no title
  dir.Write("employment.csv", "person_iin,position_id,valid_from\n800515300017,P1,2020-01-01\n");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  ASSERT_EQ(r.rejects.size(), 2u);
  EXPECT_EQ(r.rejects[1].reason,
            "position_id P1: positions.csv was rejected as a file, so it cannot be linked");
}

TEST(FeedLoaderTest, DamagedRegistriesStillFailTheLoad) {
  for (const char* registry : {"persons.csv", "organizations.csv"}) {
    for (const char* content : {"", "\xEF\xBB\xBF", "\"iin\n"}) {
      TempFeedDir dir;
      dir.Write(registry, content);
      graph::Builder b;
      absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
      EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << registry;
      EXPECT_THAT(r.status().message(), HasSubstr(registry));
    }
  }
}

TEST(FeedLoaderTest, RegistriesOnlyLoadNothingAndReportEveryFile) {
  TempFeedDir dir;  // persons.csv and organizations.csv, headers only
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  ASSERT_EQ(r.files.size(), 17u);
  EXPECT_EQ(r.files[0].file, "persons.csv");
  EXPECT_EQ(r.files[1].file, "kinship.csv");
  EXPECT_EQ(r.files[16].file, "residence.csv");
  for (const FileReport& f : r.files) {
    EXPECT_EQ(f.present, f.file == "persons.csv" || f.file == "organizations.csv") << f.file;
  }
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_THAT(r.listing.found, ElementsAre("persons.csv", "organizations.csv"));
  EXPECT_EQ(r.listing.missing.size(), 15u);
  EXPECT_TRUE(r.listing.unknown.empty());
}

// An empty directory used to load as an empty feed: no findings, and a service reload emptied
// the commissioners' queue.
TEST(FeedLoaderTest, EmptyDirectoryIsRefusedWithTheListing) {
  TempFeedDir dir(/*with_registries=*/false);
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(),
              HasSubstr("a feed needs persons.csv and organizations.csv\n"
                        "missing (17): persons.csv, kinship.csv, organizations.csv,"));
}

TEST(FeedLoaderTest, FeedWithoutOrganizationsIsRefused) {
  TempFeedDir dir(/*with_registries=*/false);
  dir.Write("persons.csv", "iin,last_name,first_name,birth_date,sex\n");
  dir.Write("kinship.csv", "person_iin,relative_iin,relation\n");
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(), HasSubstr("found (2): persons.csv, kinship.csv\n"
                                              "missing (15): organizations.csv, positions.csv"));
}

// Files under a near-miss name or in a subfolder are named with what they probably are.
TEST(FeedLoaderTest, NearMissesAreNamedWithWhatTheyProbablyAre) {
  TempFeedDir dir(/*with_registries=*/false);
  dir.Write("Persons.CSV", "iin,last_name,first_name,birth_date,sex\n");
  dir.Write("organizations.csv.txt", "bin,name,kind\n");
  dir.Write("notes.txt", "hello\n");
  dir.Write(".hidden", "");
  std::filesystem::create_directories(dir.path() + "/old");
  dir.Write("old/blacklist.csv", "supplier_bin,valid_from\n");
  std::filesystem::create_directories(dir.path() + "/region");
  dir.Write("region/persons.csv", "iin,last_name,first_name,birth_date,sex\n");
  dir.Write("region/Kinship.csv", "person_iin,relative_iin,relation\n");
  std::filesystem::create_directories(dir.path() + "/empty");
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(
      r.status().message(),
      HasSubstr("\nunknown (6): Persons.CSV (probably persons.csv; it is not read under this "
                "name), empty/, notes.txt, old/blacklist.csv (feed files are read only directly "
                "in the feed directory), organizations.csv.txt (probably organizations.csv; it is "
                "not read under this name), region/ (a subfolder holding 2 feed files (Kinship.csv "
                "(probably kinship.csv), persons.csv): it is probably the feed directory itself)"));
}

TEST(FeedLoaderTest, LoadReportCarriesTheListing) {
  TempFeedDir dir;
  dir.Write("Bids.csv", "tender_id,supplier_bin,outcome\n");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  ASSERT_EQ(r.listing.unknown.size(), 1u);
  EXPECT_EQ(r.listing.unknown[0].name, "Bids.csv");
  EXPECT_THAT(r.listing.unknown[0].hint, HasSubstr("probably bids.csv"));
  EXPECT_FALSE(FileOf(r, "bids.csv").present);
}

TEST(FeedLoaderTest, ColumnsInAnyOrderAndUnknownColumnWarnedOnce) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("columns_any_order_unknown_warned"), b);
  const FileReport& f = FileOf(r, "persons.csv");
  EXPECT_TRUE(f.present);
  EXPECT_EQ(f.loaded, 2);
  EXPECT_EQ(f.rejected, 0);
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_THAT(f.warnings[0], HasSubstr("'nickname'"));
  ASSERT_EQ(b.data().persons.size(), 2u);
  const graph::Person& p = b.data().persons[graph::PersonIndex(0)];
  EXPECT_EQ(p.iin, kAhmetov);
  EXPECT_EQ(b.Str(p.last_name), "Ахметов");
  EXPECT_EQ(b.Str(p.first_name), "Бауыржан");
  EXPECT_EQ(b.Str(p.patronymic), "Серикович");
  EXPECT_EQ(p.sex, graph::Sex::kMale);
  EXPECT_EQ(p.birth_date, *graph::ParseIsoDate("1980-05-15"));
  EXPECT_EQ(p.death_date, graph::kMaxDate);
}

TEST(FeedLoaderTest, ExactDuplicateIsMergedAndCounted) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("exact_duplicate_merged"), b);
  const FileReport& f = FileOf(r, "persons.csv");
  EXPECT_EQ(f.loaded, 2);
  EXPECT_EQ(f.merged, 1);
  EXPECT_EQ(f.rejected, 0);
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(b.data().persons.size(), 2u);
}

TEST(FeedLoaderTest, ConflictingDuplicateIsRejectedFirstRowWins) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("conflicting_duplicate"), b);
  const FileReport& f = FileOf(r, "persons.csv");
  EXPECT_EQ(f.loaded, 2);
  EXPECT_EQ(f.rejected, 1);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].file, "persons.csv");
  EXPECT_EQ(r.rejects[0].line, 3);
  EXPECT_EQ(r.rejects[0].column, "");
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("duplicate key (iin)"));
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("different content than line 2"));
  EXPECT_EQ(r.rejects[0].raw, "800515300017,Ахметов,Болат,1980-05-15,M");
  EXPECT_EQ(b.Str(b.person(*b.FindPerson(kAhmetov)).first_name), "Бауыржан");
}

//   Серик ──parent──> Ахметов ──spouse── Ахметова
TEST(FeedLoaderTest, SymmetricSpouseDuplicateIsMergedParentIsOrdered) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("symmetric_spouse_duplicate"), b);
  const FileReport& f = FileOf(r, "kinship.csv");
  EXPECT_EQ(f.loaded, 3);  // spouse, parent one way, parent the other way
  EXPECT_EQ(f.merged, 1);  // (Ахметова, Ахметов, spouse) = (Ахметов, Ахметова, spouse)
  EXPECT_EQ(f.rejected, 1);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 6);
  EXPECT_EQ(r.rejects[0].column, "");
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("different content than line 2"));
  ASSERT_EQ(b.data().kinship.size(), 3u);
  const graph::KinshipFact& spouse = b.data().kinship[0];
  EXPECT_EQ(spouse.relation, graph::KinRelation::kSpouse);
  EXPECT_EQ(spouse.person, *b.FindPerson(kAhmetov));
  EXPECT_EQ(spouse.relative, *b.FindPerson(kAhmetova));
  EXPECT_EQ(spouse.valid.from, *graph::ParseIsoDate("2005-06-01"));
  EXPECT_EQ(spouse.valid.to, graph::kMaxDate);
  EXPECT_EQ(b.data().kinship[1].person, *b.FindPerson(kSerik));
  EXPECT_EQ(b.data().kinship[1].valid, graph::kAlways);
}

//   P1 <── P2 <── P3   (rows in the file: P3, P2, P1)
TEST(FeedLoaderTest, ForwardReportsToResolves) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("forward_reports_to"), b);
  EXPECT_EQ(FileOf(r, "positions.csv").loaded, 3);
  EXPECT_TRUE(r.rejects.empty());
  const auto p1 = b.FindPosition("P1"), p2 = b.FindPosition("P2"), p3 = b.FindPosition("P3");
  ASSERT_TRUE(p1 && p2 && p3);
  EXPECT_EQ(PositionId(b, b.position(*p3).reports_to), "P2");
  EXPECT_EQ(PositionId(b, b.position(*p2).reports_to), "P1");
  EXPECT_EQ(b.position(*p1).reports_to, graph::kNone);
  EXPECT_TRUE(b.position(*p1).is_head);
  EXPECT_EQ(b.position(*p1).org, *b.FindOrganization(940140000385));
}

//   org 9401..: P1      org 1005..: E1 ──X──> P1 (rejected), E2 ──> E1 (loads without the link)
TEST(FeedLoaderTest, CrossOrganizationReportsToIsRejected) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("cross_org_reports_to"), b);
  const FileReport& f = FileOf(r, "positions.csv");
  EXPECT_EQ(f.loaded, 2);
  EXPECT_EQ(f.rejected, 1);
  EXPECT_EQ(f.dropped, 1);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].file, "positions.csv");
  EXPECT_EQ(r.rejects[0].line, 3);
  EXPECT_EQ(r.rejects[0].column, "reports_to");
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("another organization"));
  ASSERT_EQ(r.dropped.size(), 1u);
  EXPECT_EQ(r.dropped[0].line, 4);
  EXPECT_EQ(r.dropped[0].column, "reports_to");
  EXPECT_THAT(r.dropped[0].reason,
              HasSubstr("rejected (line 3); the row loads without reports_to"));
  EXPECT_EQ(r.dropped[0].caused_by_file, "positions.csv");
  EXPECT_EQ(r.dropped[0].caused_by_line, 3);
  EXPECT_TRUE(b.FindPosition("P1").has_value());
  EXPECT_FALSE(b.FindPosition("E1").has_value());
  ASSERT_TRUE(b.FindPosition("E2").has_value());
  EXPECT_EQ(b.position(*b.FindPosition("E2")).reports_to, graph::kNone);
}

//   Q1 ──> Q2 ──> Q1 (a cycle: rejected), Q3 ──> Q1 (loads without the link)
TEST(FeedLoaderTest, ReportsToCycleIsRejected) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("reports_to_cycle"), b);
  EXPECT_EQ(FileOf(r, "positions.csv").loaded, 2);
  ASSERT_EQ(r.rejects.size(), 2u);
  EXPECT_EQ(r.rejects[0].line, 2);
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("cycle: Q1 -> Q2 -> Q1"));
  EXPECT_EQ(r.rejects[1].line, 3);
  EXPECT_THAT(r.rejects[1].reason, HasSubstr("cycle"));
  ASSERT_EQ(r.dropped.size(), 1u);
  EXPECT_EQ(r.dropped[0].line, 4);
  EXPECT_THAT(r.dropped[0].reason, HasSubstr("rejected (line 2)"));
}

//   Министерство <── Холдинг <── Лютик   (rows: Лютик, Холдинг, Министерство)
TEST(FeedLoaderTest, ForwardParentBinResolves) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("forward_parent_bin"), b);
  EXPECT_EQ(FileOf(r, "organizations.csv").loaded, 3);
  EXPECT_TRUE(r.rejects.empty());
  const graph::OrgIndex ministry = *b.FindOrganization(940140000385);
  const graph::OrgIndex holding = *b.FindOrganization(100540000018);
  const graph::OrgIndex lyutik = *b.FindOrganization(110640000013);
  EXPECT_EQ(b.data().organizations[lyutik].parent, holding);
  EXPECT_EQ(b.data().organizations[holding].parent, ministry);
  EXPECT_EQ(b.data().organizations[ministry].parent, graph::kNone);
  EXPECT_EQ(b.data().organizations[holding].kind, graph::OrgKind::kQuasiState);
}

TEST(FeedLoaderTest, QuotedFieldsAndLineNumbersAfterEmbeddedNewline) {
  graph::Builder b;
  const LoadReport r = MustLoad(TestdataDir("quoted_fields"), b);
  const FileReport& f = FileOf(r, "organizations.csv");
  EXPECT_EQ(f.loaded, 3);
  EXPECT_EQ(f.rejected, 2);
  const graph::OrgIndex akimat = *b.FindOrganization(940140000385);
  const graph::OrgIndex romashka = *b.FindOrganization(100540000018);
  EXPECT_EQ(b.Str(b.data().organizations[akimat].name), "Акимат города Астаны, аппарат");
  EXPECT_EQ(b.Str(b.data().organizations[romashka].name), "ТОО \"Ромашка\"");
  EXPECT_EQ(b.Str(b.data().organizations[romashka].region), "Астана,\nрайон Есиль");
  ASSERT_EQ(r.rejects.size(), 2u);
  EXPECT_EQ(r.rejects[0].line, 6);
  EXPECT_EQ(r.rejects[0].column, "");
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("after the closing quote"));
  EXPECT_EQ(r.rejects[0].raw, "120740000019,\"ТОО \"\"Незакрытая\"\" кавычка\"x,company,Алматы");
  EXPECT_EQ(r.rejects[1].line, 7);
  EXPECT_EQ(r.rejects[1].column, "kind");
  EXPECT_THAT(r.rejects[1].reason, HasSubstr("unknown kind 'bank'"));
}

TEST(FeedLoaderTest, BomCrlfAndNoFinalNewline) {
  TempFeedDir dir;
  dir.Write("persons.csv",
            "\xEF\xBB\xBFiin,last_name,first_name,birth_date,sex\r\n"
            "800515300017,Ахметов,Бауыржан,1980-05-15,M\r\n"
            "\r\n"
            "820310400012,Ахметова,Алия,1982-03-10,X\r\n"
            "550120300016,Ахметов,Серик,1955-01-20,M");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  const FileReport& f = FileOf(r, "persons.csv");
  EXPECT_EQ(f.loaded, 2);
  EXPECT_TRUE(f.warnings.empty());  // the BOM is not part of the first column's name
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 4);
  EXPECT_EQ(r.rejects[0].column, "sex");
  EXPECT_EQ(r.rejects[0].raw, "820310400012,Ахметова,Алия,1982-03-10,X");
  EXPECT_TRUE(b.FindPerson(kSerik).has_value());
  EXPECT_EQ(b.Str(b.person(*b.FindPerson(kSerik)).first_name), "Серик");
}

TEST(FeedLoaderTest, WrongFieldCountIsRejected) {
  TempFeedDir dir;
  dir.Write("persons.csv",
            "iin,last_name,first_name,birth_date,sex\n"
            "800515300017,Ахметов,Бауыржан,1980-05-15\n"
            "820310400012,Ахметова,Алия,1982-03-10,F\n");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 2);
  EXPECT_EQ(r.rejects[0].column, "");
  EXPECT_THAT(r.rejects[0].reason, HasSubstr("4 fields, the header has 5"));
  EXPECT_EQ(FileOf(r, "persons.csv").loaded, 1);
}

// With persons.csv present, kinship.csv loads on its own thread beside the later files; the
// report must not show it: counts, facts and rejects (file by file in load order, each file's in
// line order) are those of a sequential load.
TEST(FeedLoaderTest, KinshipBesideLaterFilesReportsAsASequentialLoad) {
  TempFeedDir dir;
  std::vector<std::string> iins;
  std::string persons = "iin,last_name,first_name,birth_date,sex\n";
  for (int i = 0; iins.size() < 3000; ++i) {
    const std::string serial = std::to_string(10000 + i).substr(1);  // 0000, 0001, ...
    const std::string iin = testing::WithCheckDigit("8005153" + serial);
    if (iin.empty()) continue;
    iins.push_back(iin);
    persons += iin + ",Ахметов,Болат,1980-05-15,M\n";
  }
  persons += "12345,Bad,Iin,1980-05-15,M\n";  // line 3002
  std::string kinship = "person_iin,relative_iin,relation,valid_from,valid_to\n";
  std::string residence = "person_iin,address_id,valid_from,valid_to\n";
  int kinship_line = 1;
  std::vector<int> bad_kinship_lines;
  for (size_t i = 0; i + 1 < iins.size(); ++i) {
    kinship += iins[i] + "," + iins[i + 1] + ",sibling,2000-01-01,\n";
    ++kinship_line;
    if (i % 1000 == 500) {
      kinship += iins[i] + "," + iins[i + 1] + ",cousin,2000-01-01,\n";
      bad_kinship_lines.push_back(++kinship_line);
    }
    residence += iins[i] + ",ADDR-" + std::to_string(i) + ",2000-01-01,\n";
  }
  const std::string nobody = testing::WithCheckDigit("80051539999");  // not in persons.csv
  ASSERT_FALSE(nobody.empty());
  residence += nobody + ",ADDR-X,2000-01-01,\n";
  dir.Write("persons.csv", persons);
  dir.Write("kinship.csv", kinship);
  dir.Write("residence.csv", residence);

  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  EXPECT_EQ(FileOf(r, "persons.csv").loaded, 3000);
  EXPECT_EQ(FileOf(r, "kinship.csv").loaded, 2999);
  EXPECT_EQ(FileOf(r, "kinship.csv").rejected, 3);
  EXPECT_EQ(FileOf(r, "residence.csv").loaded, 2999);
  EXPECT_EQ(b.data().kinship.size(), 2999u);
  EXPECT_EQ(b.data().residences.size(), 2999u);
  EXPECT_EQ(b.data().persons.size(), 3000u);
  EXPECT_EQ(b.data().kinship[1234].person, *b.FindPerson(graph::IdentityNumberValue(iins[1234])));
  using At = std::pair<std::string, int64_t>;  // file, line
  std::vector<At> rejects;
  for (const RejectRecord& reject : r.rejects) rejects.emplace_back(reject.file, reject.line);
  ASSERT_EQ(bad_kinship_lines.size(), 3u);
  EXPECT_THAT(rejects,
              ElementsAre(At("persons.csv", 3002), At("kinship.csv", bad_kinship_lines[0]),
                          At("kinship.csv", bad_kinship_lines[1]),
                          At("kinship.csv", bad_kinship_lines[2]), At("residence.csv", 3001)));
}

TEST(FeedLoaderTest, ReferencesIntoAbsentIdFilesAreRejected) {
  TempFeedDir dir;
  dir.Write(
      "persons.csv",
      "iin,last_name,first_name,birth_date,sex\n800515300017,Ахметов,Бауыржан,1980-05-15,M\n");
  dir.Write("organizations.csv", "bin,name,kind\n100540000018,ТОО Ромашка,company\n");
  dir.Write("employment.csv",
            "person_iin,position_id,valid_from\n"
            "800515300017,P1,2020-01-01\n");
  dir.Write("bids.csv", "tender_id,supplier_bin,outcome\nT1,100540000018,won\n");
  dir.Write("waiting_list.csv",
            "commission_id,person_iin,queue_number,registered_date\n"
            "L1,800515300017,3,2019-01-01\n");
  graph::Builder b;
  const LoadReport r = MustLoad(dir.path(), b);
  ASSERT_EQ(r.rejects.size(), 3u);
  EXPECT_EQ(r.rejects[0].file, "employment.csv");
  EXPECT_EQ(r.rejects[0].column, "position_id");
  EXPECT_EQ(r.rejects[0].reason, "position_id P1: positions.csv is absent, so it cannot be linked");
  EXPECT_EQ(r.rejects[1].file, "bids.csv");
  EXPECT_EQ(r.rejects[1].reason, "tender_id T1: tenders.csv is absent, so it cannot be linked");
  EXPECT_EQ(r.rejects[2].file, "waiting_list.csv");
  EXPECT_EQ(r.rejects[2].column, "commission_id");
}

TEST(FeedLoaderTest, LoadSnapshotBuildsFromTheDirectory) {
  absl::StatusOr<LoadedFeed> feed = LoadSnapshot(TestdataDir("symmetric_spouse_duplicate"));
  ASSERT_TRUE(feed.ok()) << feed.status();
  ASSERT_NE(feed->snapshot, nullptr);
  EXPECT_EQ(feed->snapshot->person_count(), 3u);
  EXPECT_EQ(FileOf(feed->report, "kinship.csv").merged, 1);
  EXPECT_EQ(LoadSnapshot("/nonexistent/coigraph_feed").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(RejectToJsonTest, EscapesQuotesNewlinesAndControlCharacters) {
  const RejectRecord r{"organizations.csv", 6, "", "text after the closing quote",
                       "1,\"ТОО \"\"Б\"\"\"x\n\x01"};
  EXPECT_EQ(RejectToJson(r),
            "{\"file\":\"organizations.csv\",\"line\":6,\"column\":\"\",\"reason\":\"text after "
            "the closing quote\",\"raw\":\"1,\\\"ТОО \\\"\\\"Б\\\"\\\"\\\"x\\n\\u0001\"}");
}

}  // namespace
}  // namespace coigraph::loaders
