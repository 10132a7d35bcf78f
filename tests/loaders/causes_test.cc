// Rejects name the cause, once (docs/loaders.md, "Causes and consequences"): a row that names a
// rejected row says which and why, and is counted as a consequence; an optional reference that
// names nothing loaded is dropped with a warning record, and its row loads without it.
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "graph/builder.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

using testing::FileOf;
using ::testing::HasSubstr;
using testing::TempFeedDir;

// Persons 800515300017 and 550120300016 load; 820310400012 (line 3) is rejected for its sex.
// Organization 940140000385; commissions C1 loads, C2 (line 3) is rejected for its kind.
void WriteBase(const TempFeedDir& dir) {
  dir.Write("persons.csv",
            "iin,last_name,first_name,birth_date,sex\n"
            "800515300017,Ахметов,Бауыржан,1980-05-15,M\n"
            "820310400012,Ахметова,Алия,1982-03-10,X\n"
            "550120300016,Ахметов,Серик,1955-01-20,M\n");
  dir.Write("organizations.csv", "bin,name,kind\n940140000385,Акимат,state_body\n");
  dir.Write("commissions.csv",
            "commission_id,org_bin,kind,title\n"
            "C1,940140000385,hiring,Конкурсная\n"
            "C2,940140000385,jury,Жюри\n");
  dir.Write("positions.csv", "position_id,org_bin,title\nP1,940140000385,Аким\n");
}

// One bad person row used to make every row naming that person fail with "unknown person IIN
// ... (not in persons.csv)", though the IIN is there.
TEST(CausesTest, ARowNamingARejectedRowSaysWhichAndWhy) {
  TempFeedDir dir;
  WriteBase(dir);
  dir.Write("kinship.csv",
            "person_iin,relative_iin,relation\n"
            "800515300017,820310400012,spouse\n"
            "550120300016,820310400012,parent\n");
  dir.Write("commission_members.csv", "commission_id,person_iin,role\nC2,800515300017,member\n");
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rejects.size(), 5u);
  EXPECT_EQ(r->rejects[0].file, "persons.csv");
  EXPECT_EQ(r->rejects[0].caused_by_line, 0);
  const RejectRecord& seat = r->rejects[2];
  EXPECT_EQ(seat.file, "commission_members.csv");
  EXPECT_EQ(seat.column, "commission_id");
  EXPECT_EQ(seat.reason,
            "commission_id C2 refers to commissions.csv line 3, which was rejected: unknown kind "
            "'jury' (expected one of: tender, land, housing, hiring, disciplinary, bonus, other)");
  EXPECT_EQ(seat.caused_by_file, "commissions.csv");
  EXPECT_EQ(seat.caused_by_line, 3);
  const RejectRecord& spouse = r->rejects[3];
  EXPECT_EQ(spouse.file, "kinship.csv");
  EXPECT_EQ(spouse.line, 2);
  EXPECT_EQ(spouse.column, "relative_iin");
  EXPECT_EQ(spouse.reason,
            "relative_iin 820310400012 refers to persons.csv line 3, which was rejected: sex must "
            "be M or F, not 'X'");
  EXPECT_EQ(spouse.caused_by_file, "persons.csv");
  EXPECT_EQ(spouse.caused_by_line, 3);
  EXPECT_EQ(r->rejects[4].caused_by_line, 3);
  // Two defects (persons line 3, commissions line 3), three consequences.
  EXPECT_EQ(r->RootCauses(), 2);
  EXPECT_EQ(r->Consequences(), 3);
  EXPECT_THAT(RejectToJson(spouse),
              HasSubstr(",\"caused_by\":{\"file\":\"persons.csv\",\"line\":3}}"));
  EXPECT_THAT(RejectToJson(r->rejects[0]), ::testing::Not(HasSubstr("caused_by")));
}

struct DropCase {
  std::string name;
  std::string file;
  std::string content;
  std::string column;
  std::string reason;  // the whole reason of the warning record
};

void PrintTo(const DropCase& c, std::ostream* os) { *os << c.name; }

class DroppedReferenceTest : public ::testing::TestWithParam<DropCase> {};

// A typo in an optional reference used to drop the whole row, and with it findings that never
// needed the reference.
TEST_P(DroppedReferenceTest, TheRowLoadsWithoutTheReference) {
  const DropCase& c = GetParam();
  TempFeedDir dir;
  WriteBase(dir);
  dir.Write(c.file, c.content);
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rejects.size(), 2u);  // persons line 3, commissions line 3
  ASSERT_EQ(r->dropped.size(), 1u);
  const RejectRecord& d = r->dropped[0];
  EXPECT_EQ(d.file, c.file);
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, c.column);
  EXPECT_EQ(d.reason, c.reason);
  EXPECT_FALSE(d.raw.empty());
  EXPECT_EQ(FileOf(*r, c.file).loaded, 1);
  EXPECT_EQ(FileOf(*r, c.file).dropped, 1);
  EXPECT_EQ(FileOf(*r, c.file).rejected, 0);
}

std::string Name(const ::testing::TestParamInfo<DropCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(
    OptionalReferences, DroppedReferenceTest,
    ::testing::Values(
        DropCase{"EmploymentUnknownAppointer", "employment.csv",
                 "person_iin,position_id,valid_from,appointed_by_iin\n"
                 "800515300017,P1,2020-01-01,880808300014\n",
                 "appointed_by_iin",
                 "unknown person IIN 880808300014 (not in persons.csv); the row loads without "
                 "appointed_by_iin"},
        DropCase{"EmploymentRejectedAppointer", "employment.csv",
                 "person_iin,position_id,valid_from,appointed_by_iin\n"
                 "800515300017,P1,2020-01-01,820310400012\n",
                 "appointed_by_iin",
                 "appointed_by_iin 820310400012 refers to persons.csv line 3, which was rejected: "
                 "sex must be M or F, not 'X'; the row loads without appointed_by_iin"},
        DropCase{"EmploymentUnknownSelectionCommission", "employment.csv",
                 "person_iin,position_id,valid_from,selection_commission_id\n"
                 "800515300017,P1,2020-01-01,H9\n",
                 "selection_commission_id",
                 "unknown selection_commission_id H9 (not in commissions.csv); the row loads "
                 "without selection_commission_id"},
        DropCase{"TenderRejectedCommission", "tenders.csv",
                 "tender_id,customer_bin,method,announced_date,commission_id\n"
                 "T1,940140000385,auction,2023-03-01,C2\n",
                 "commission_id",
                 "commission_id C2 refers to commissions.csv line 3, which was rejected: unknown "
                 "kind 'jury' (expected one of: tender, land, housing, hiring, disciplinary, "
                 "bonus, other); the row loads without commission_id"},
        DropCase{"ContractTenderFileAbsent", "contracts.csv",
                 "contract_id,customer_bin,supplier_bin,signed_date,tender_id\n"
                 "K1,940140000385,940140000385,2023-04-01,T1\n",
                 "tender_id",
                 "tender_id T1: tenders.csv is absent, so it cannot be linked; the row loads "
                 "without tender_id"},
        DropCase{"ContractUnknownSigner", "contracts.csv",
                 "contract_id,customer_bin,supplier_bin,signed_date,signed_by_iin\n"
                 "K1,940140000385,940140000385,2023-04-01,880808300014\n",
                 "signed_by_iin",
                 "unknown person IIN 880808300014 (not in persons.csv); the row loads without "
                 "signed_by_iin"},
        DropCase{"DisciplinaryUnknownInvestigator", "disciplinary.csv",
                 "case_id,subject_iin,opened_date,investigator_iin\n"
                 "S1,800515300017,2023-01-01,880808300014\n",
                 "investigator_iin",
                 "unknown person IIN 880808300014 (not in persons.csv); the row loads without "
                 "investigator_iin"}),
    Name);

TEST(CausesTest, ADroppedAppointerLeavesTheEmploymentWithoutIt) {
  TempFeedDir dir;
  WriteBase(dir);
  dir.Write("employment.csv",
            "person_iin,position_id,valid_from,appointed_by_iin,selection_commission_id\n"
            "800515300017,P1,2020-01-01,880808300014,C1\n");
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(b.data().employments.size(), 1u);
  EXPECT_EQ(b.data().employments[0].appointed_by, graph::kNone);
  EXPECT_EQ(b.data().employments[0].selection_commission, *b.FindCommission("C1"));
}

// A typo in a link inside one file (parent_bin, reports_to) drops the link, not the row: the
// organization and the post load, and their other facts still give findings.
TEST(CausesTest, AnUnknownParentBinOrReportsToIsDroppedWithAWarning) {
  TempFeedDir dir;
  WriteBase(dir);
  dir.Write("organizations.csv",
            "bin,name,kind,parent_bin\n"
            "940140000385,Акимат,state_body,\n"
            "100540000018,ТОО,company,120740000019\n");
  dir.Write("positions.csv",
            "position_id,org_bin,title,reports_to\n"
            "P1,940140000385,Аким,\n"
            "P2,940140000385,Зам,P9\n"
            "P3,940140000385,Специалист,P2\n");
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(FileOf(*r, "organizations.csv").rejected, 0);
  EXPECT_EQ(FileOf(*r, "organizations.csv").loaded, 2);
  EXPECT_EQ(FileOf(*r, "organizations.csv").dropped, 1);
  EXPECT_EQ(FileOf(*r, "positions.csv").rejected, 0);
  EXPECT_EQ(FileOf(*r, "positions.csv").loaded, 3);
  EXPECT_EQ(FileOf(*r, "positions.csv").dropped, 1);
  ASSERT_EQ(r->dropped.size(), 2u);
  EXPECT_EQ(r->dropped[0].file, "organizations.csv");
  EXPECT_EQ(r->dropped[0].line, 3);
  EXPECT_EQ(r->dropped[0].column, "parent_bin");
  EXPECT_EQ(r->dropped[0].reason,
            "unknown parent_bin 120740000019 (not in organizations.csv); the row loads without "
            "parent_bin");
  EXPECT_EQ(r->dropped[1].file, "positions.csv");
  EXPECT_EQ(r->dropped[1].line, 3);
  EXPECT_EQ(r->dropped[1].column, "reports_to");
  EXPECT_EQ(r->dropped[1].reason,
            "unknown reports_to P9 (not in positions.csv); the row loads without reports_to");
  const std::optional<graph::OrgIndex> company = b.FindOrganization(100540000018);
  ASSERT_TRUE(company.has_value());
  EXPECT_EQ(b.data().organizations[*company].parent, graph::kNone);
  // P2 lost its link; P3 keeps its own, to P2.
  ASSERT_TRUE(b.FindPosition("P2").has_value() && b.FindPosition("P3").has_value());
  EXPECT_EQ(b.position(*b.FindPosition("P2")).reports_to, graph::kNone);
  EXPECT_EQ(b.position(*b.FindPosition("P3")).reports_to, *b.FindPosition("P2"));
}

// A link to a row rejected for its own defect names that row, as other references do.
TEST(CausesTest, AParentBinNamingARejectedOrganizationSaysWhich) {
  TempFeedDir dir;
  WriteBase(dir);
  dir.Write("organizations.csv",
            "bin,name,kind,parent_bin\n"
            "940140000385,Акимат,state_body,\n"
            "110640000013,Холдинг,bank,\n"
            "100540000018,ТОО,company,110640000013\n");
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(FileOf(*r, "organizations.csv").rejected, 1);  // the holding, for its kind
  EXPECT_EQ(FileOf(*r, "organizations.csv").loaded, 2);
  ASSERT_EQ(r->dropped.size(), 1u);
  EXPECT_THAT(r->dropped[0].reason,
              HasSubstr("parent_bin 110640000013 refers to organizations.csv line 3, which was "
                        "rejected: unknown kind 'bank'"));
  EXPECT_EQ(r->dropped[0].caused_by_file, "organizations.csv");
  EXPECT_EQ(r->dropped[0].caused_by_line, 3);
  EXPECT_TRUE(b.FindOrganization(100540000018).has_value());
}

}  // namespace
}  // namespace coigraph::loaders
