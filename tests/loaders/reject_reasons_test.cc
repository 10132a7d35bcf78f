// One test per reject reason (docs/feeds.md, "Bad input"): a valid base feed, one file replaced
// by a good row and a bad one; the bad row must be the only reject, at the right line and column,
// and the good row must load. (An optional reference that names nothing drops the reference, not
// the row: causes_test.cc.)
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "graph/builder.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

using testing::BaseFeed;
using testing::FileOf;
using ::testing::HasSubstr;
using testing::TempFeedDir;

struct RejectCase {
  std::string name;
  std::string file;
  std::string content;  // replaces the file of the base feed
  int64_t line;
  std::string column;
  std::string reason;  // a substring of the reason
  int64_t loaded;      // rows of `file` that still load
};

void PrintTo(const RejectCase& c, std::ostream* os) { *os << c.name; }

class RejectReasonTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectReasonTest, ExactlyOneRejectAtTheRightPlace) {
  const RejectCase& c = GetParam();
  TempFeedDir dir;
  for (const auto& [file, content] : BaseFeed()) dir.Write(file, content);
  dir.Write(c.file, c.content);
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rejects.size(), 1u) << (r->rejects.empty() ? "" : RejectToJson(r->rejects[1]));
  const RejectRecord& rej = r->rejects[0];
  EXPECT_EQ(rej.file, c.file);
  EXPECT_EQ(rej.line, c.line);
  EXPECT_EQ(rej.column, c.column);
  EXPECT_THAT(rej.reason, HasSubstr(c.reason));
  EXPECT_FALSE(rej.raw.empty());
  const FileReport& f = FileOf(*r, c.file);
  EXPECT_EQ(f.rejected, 1);
  EXPECT_EQ(f.loaded, c.loaded);
}

std::string Name(const ::testing::TestParamInfo<RejectCase>& info) { return info.param.name; }

const char kPersonsHeader[] = "iin,last_name,first_name,birth_date,sex,death_date\n";
const char kGoodPerson[] = "800515300017,Ахметов,Бауыржан,1980-05-15,M,\n";
const char kKinHeader[] = "person_iin,relative_iin,relation,valid_from,valid_to\n";
const char kGoodKin[] = "550120300016,800515300017,parent,,\n";
const char kOrgHeader[] = "bin,name,kind,parent_bin\n940140000385,Акимат,state_body,\n";
const char kRolesHeader[] =
    "company_bin,role,holder_iin,holder_bin,share_pct,valid_from,valid_to\n"
    "100540000018,founder,800515300017,,50,2010-01-01,\n";
const char kTendersHeader[] =
    "tender_id,customer_bin,method,announced_date,commission_id,title,amount_kzt\n"
    "T1,940140000385,auction,2023-03-01,C1,Ремонт,100\n";
const char kEmploymentHeader[] =
    "person_iin,position_id,valid_from,valid_to,appointed_by_iin,selection_commission_id\n"
    "800515300017,P2,2020-01-01,,550120300016,\n";

std::string S(std::initializer_list<const char*> parts) {
  std::string s;
  for (const char* p : parts) s += p;
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    FeedsRules, RejectReasonTest,
    ::testing::Values(
        // persons.csv
        RejectCase{
            "IinBadCheckDigit", "persons.csv",
            S({kPersonsHeader, kGoodPerson, "800515300018,Ахметов,Бауыржан,1980-05-15,M,\n"}), 3,
            "iin", "invalid IIN '800515300018': IIN check digit is wrong", 1},
        RejectCase{"IinNotTwelveDigits", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "80051530001,Ахметов,Б,1980-05-15,M,\n"}), 3,
                   "iin", "invalid IIN '80051530001': IIN must be exactly 12 digits", 1},
        RejectCase{"IinDateDisagreesWithBirthDate", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "820310400012,Ахметова,Алия,1982-03-11,F,\n"}),
                   3, "iin", "disagrees with birth_date", 1},
        RejectCase{"IinCenturyDisagreesWithBirthDate", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "820310400012,Ахметова,Алия,1882-03-10,F,\n"}),
                   3, "iin", "disagrees with birth_date", 1},
        RejectCase{"IinSexDigitDisagreesWithSex", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "820310400012,Ахметова,Алия,1982-03-10,M,\n"}),
                   3, "iin", "disagrees with sex", 1},
        RejectCase{"SexNotMOrF", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "820310400012,Ахметова,Алия,1982-03-10,Ж,\n"}),
                   3, "sex", "M or F", 1},
        RejectCase{"RequiredNameEmpty", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "820310400012,,Алия,1982-03-10,F,\n"}), 3,
                   "last_name", "required value is empty", 1},
        RejectCase{"BirthDateNotARealDate", "persons.csv",
                   S({kPersonsHeader, kGoodPerson, "820310400012,Ахметова,Алия,1982-02-30,F,\n"}),
                   3, "birth_date", "malformed date", 1},
        RejectCase{"DeathDateNotIso", "persons.csv",
                   S({kPersonsHeader, kGoodPerson,
                      "820310400012,Ахметова,Алия,1982-03-10,F,10.03.2020\n"}),
                   3, "death_date", "malformed date", 1},
        RejectCase{
            "MalformedQuote", "persons.csv",
            S({kPersonsHeader, kGoodPerson, "820310400012,\"Ахметова\"x,Алия,1982-03-10,F,\n"}), 3,
            "", "closing quote", 1},
        // kinship.csv
        RejectCase{"KinshipUnknownPerson", "kinship.csv",
                   S({kKinHeader, kGoodKin, "880808300014,800515300017,parent,,\n"}), 3,
                   "person_iin", "unknown person IIN 880808300014", 1},
        RejectCase{"KinshipSamePerson", "kinship.csv",
                   S({kKinHeader, kGoodKin, "800515300017,800515300017,spouse,,\n"}), 3,
                   "relative_iin", "same person", 1},
        RejectCase{"KinshipUnknownRelation", "kinship.csv",
                   S({kKinHeader, kGoodKin, "800515300017,820310400012,cousin,,\n"}), 3, "relation",
                   "unknown relation 'cousin'", 1},
        RejectCase{
            "KinshipValidToBeforeValidFrom", "kinship.csv",
            S({kKinHeader, kGoodKin, "800515300017,820310400012,spouse,2010-01-01,2009-12-31\n"}),
            3, "valid_to", "is before valid_from", 1},
        // organizations.csv
        // The whole reasons of graph::CheckBin and graph::CheckIin, as a reject states them.
        RejectCase{"BinBadCheckDigit", "organizations.csv",
                   S({kOrgHeader, "949940000385,Банк,company,\n"}), 3, "bin",
                   "invalid BIN '949940000385': BIN check digit is wrong", 1},
        RejectCase{"BinNotTwelveDigits", "organizations.csv",
                   S({kOrgHeader, "94014000038,Банк,company,\n"}), 3, "bin",
                   "invalid BIN '94014000038': BIN must be exactly 12 digits", 1},
        RejectCase{"BinBadMonth", "organizations.csv",
                   S({kOrgHeader, "941340000385,Банк,company,\n"}), 3, "bin",
                   "invalid BIN '941340000385': BIN registration month (digits 3-4) must be 01..12",
                   1},
        RejectCase{"BinBadEntityType", "organizations.csv",
                   S({kOrgHeader, "940130000380,Банк,company,\n"}), 3, "bin",
                   "invalid BIN '940130000380': BIN entity type (5th digit) must be 4, 5 or 6", 1},
        RejectCase{"BinBadUnit", "organizations.csv",
                   S({kOrgHeader, "940144000387,Банк,company,\n"}), 3, "bin",
                   "invalid BIN '940144000387': BIN unit digit (6th) must be 0..3", 1},
        RejectCase{"IndividualEntrepreneurBinNotAnIin", "organizations.csv",
                   S({kOrgHeader, "100540000018,ИП,individual_entrepreneur,\n"}), 3, "bin",
                   "an individual entrepreneur's bin must be its owner's IIN: invalid IIN "
                   "'100540000018': IIN century/sex digit (7th) must be 1..6",
                   1},
        RejectCase{"OrganizationUnknownKind", "organizations.csv",
                   S({kOrgHeader, "100540000018,Банк,bank,\n"}), 3, "kind", "unknown kind 'bank'",
                   1},
        // positions.csv
        RejectCase{"PositionUnknownOrganization", "positions.csv",
                   "position_id,org_bin,title,reports_to,is_head\nP1,940140000385,Аким,,true\n"
                   "P2,120740000019,Директор,,false\n",
                   3, "org_bin", "unknown organization BIN 120740000019", 1},
        // (An unknown reports_to or parent_bin is a warning, causes_test.cc.)
        RejectCase{"PositionCrossOrganizationReportsTo", "positions.csv",
                   "position_id,org_bin,title,reports_to,is_head\nP1,940140000385,Аким,,true\n"
                   "P2,100540000018,Зам,P1,false\n",
                   3, "reports_to", "is a position of another organization", 1},
        RejectCase{"PositionBadBoolean", "positions.csv",
                   "position_id,org_bin,title,reports_to,is_head\nP1,940140000385,Аким,,true\n"
                   "P2,940140000385,Зам,P1,yes\n",
                   3, "is_head", "true or false", 1},
        // employment.csv
        RejectCase{"EmploymentValidFromEmpty", "employment.csv",
                   S({kEmploymentHeader, "820310400012,P1,,,,\n"}), 3, "valid_from",
                   "required value is empty", 1},
        RejectCase{"EmploymentUnknownPosition", "employment.csv",
                   S({kEmploymentHeader, "820310400012,P7,2020-01-01,,,\n"}), 3, "position_id",
                   "unknown position_id P7", 1},
        // commission_members.csv
        RejectCase{"SeatUnknownCommission", "commission_members.csv",
                   "commission_id,person_iin,role\nC1,800515300017,chair\nC9,820310400012,member\n",
                   3, "commission_id", "unknown commission_id C9", 1},
        RejectCase{"SeatUnknownRole", "commission_members.csv",
                   "commission_id,person_iin,role\nC1,800515300017,chair\nC1,820310400012,boss\n",
                   3, "role", "unknown role 'boss'", 1},
        // company_roles.csv
        RejectCase{"RoleNoHolder", "company_roles.csv",
                   S({kRolesHeader, "100540000018,owner,,,,,\n"}), 3, "holder_iin",
                   "both are empty", 1},
        RejectCase{"RoleTwoHolders", "company_roles.csv",
                   S({kRolesHeader, "100540000018,owner,820310400012,110640000013,,,\n"}), 3,
                   "holder_bin", "both are given", 1},
        RejectCase{"RoleHolderIsTheCompany", "company_roles.csv",
                   S({kRolesHeader, "100540000018,owner,,100540000018,,,\n"}), 3, "holder_bin",
                   "the company itself", 1},
        RejectCase{"RoleShareAbove100", "company_roles.csv",
                   S({kRolesHeader, "110640000013,owner,820310400012,,100.5,,\n"}), 3, "share_pct",
                   "[0, 100]", 1},
        RejectCase{"RoleCompanyBinBadCheckDigit", "company_roles.csv",
                   S({kRolesHeader, "100540000019,owner,820310400012,,,,\n"}), 3, "company_bin",
                   "check digit", 1},
        RejectCase{"RoleUnknownHolderCompany", "company_roles.csv",
                   S({kRolesHeader, "100540000018,owner,,120740000019,,,\n"}), 3, "holder_bin",
                   "unknown organization BIN 120740000019", 1},
        // tenders.csv
        RejectCase{"TenderNegativeAmount", "tenders.csv",
                   S({kTendersHeader, "T2,940140000385,auction,2023-03-01,,,-5\n"}), 3,
                   "amount_kzt", "decimal number >= 0", 1},
        RejectCase{"TenderExponentAmount", "tenders.csv",
                   S({kTendersHeader, "T2,940140000385,auction,2023-03-01,,,1e6\n"}), 3,
                   "amount_kzt", "decimal number >= 0", 1},
        RejectCase{"TenderUnknownMethod", "tenders.csv",
                   S({kTendersHeader, "T2,940140000385,tender,2023-03-01,,,\n"}), 3, "method",
                   "unknown method 'tender'", 1},
        RejectCase{"TenderUnknownCustomer", "tenders.csv",
                   S({kTendersHeader, "T2,120740000019,auction,2023-03-01,,,\n"}), 3,
                   "customer_bin", "unknown organization BIN", 1},
        // bids.csv
        RejectCase{"BidUnknownTender", "bids.csv",
                   "tender_id,supplier_bin,outcome\nT1,100540000018,won\nT9,110640000013,lost\n", 3,
                   "tender_id", "unknown tender_id T9", 1},
        RejectCase{"BidUnknownOutcome", "bids.csv",
                   "tender_id,supplier_bin,outcome\nT1,100540000018,won\nT1,110640000013,draw\n", 3,
                   "outcome", "unknown outcome 'draw'", 1},
        RejectCase{"BidDuplicateWithOtherContent", "bids.csv",
                   "tender_id,supplier_bin,outcome\nT1,100540000018,won\nT1,100540000018,lost\n", 3,
                   "", "different content than line 2", 1},
        // contracts.csv
        RejectCase{"ContractUnknownSupplier", "contracts.csv",
                   "contract_id,customer_bin,supplier_bin,signed_date\n"
                   "K1,940140000385,100540000018,2023-04-01\n"
                   "K2,940140000385,120740000019,2023-04-01\n",
                   3, "supplier_bin", "unknown organization BIN", 1},
        // allocations.csv
        RejectCase{"AllocationQueueNumberZero", "allocations.csv",
                   "decision_id,kind,commission_id,recipient_iin,decision_date,queue_number\n"
                   "D1,land,L1,800515300017,2023-05-01,2\n"
                   "D2,land,L1,820310400012,2023-05-01,0\n",
                   3, "queue_number", "integer >= 1", 1},
        RejectCase{"AllocationUnknownKind", "allocations.csv",
                   "decision_id,kind,commission_id,recipient_iin,decision_date\n"
                   "D1,land,L1,800515300017,2023-05-01\n"
                   "D2,subsidy,L1,820310400012,2023-05-01\n",
                   3, "kind", "unknown kind 'subsidy'", 1},
        // disciplinary.csv
        // bonuses.csv
        RejectCase{"BonusApproverEmpty", "bonuses.csv",
                   "bonus_id,recipient_iin,approved_by_iin,org_bin,date,amount_kzt\n"
                   "B1,800515300017,550120300016,940140000385,2023-01-01,100000\n"
                   "B2,800515300017,,940140000385,2023-01-01,100000\n",
                   3, "approved_by_iin", "required value is empty", 1},
        // waiting_list.csv
        RejectCase{"WaitingListRemovedBeforeRegistered", "waiting_list.csv",
                   "commission_id,person_iin,queue_number,registered_date,removed_date\n"
                   "L1,800515300017,1,2019-01-01,\n"
                   "L1,820310400012,2,2019-01-01,2018-12-31\n",
                   3, "removed_date", "is before registered_date", 1},
        RejectCase{"WaitingListQueueNotANumber", "waiting_list.csv",
                   "commission_id,person_iin,queue_number,registered_date\n"
                   "L1,800515300017,1,2019-01-01\n"
                   "L1,820310400012,abc,2019-01-01\n",
                   3, "queue_number", "integer >= 1", 1},
        // blacklist.csv
        RejectCase{"BlacklistValidFromEmpty", "blacklist.csv",
                   "supplier_bin,valid_from,valid_to,reason\n"
                   "100540000018,2022-01-01,2024-01-01,срыв поставки\n"
                   "110640000013,,,срыв\n",
                   3, "valid_from", "required value is empty", 1},
        // residence.csv
        RejectCase{"ResidenceUnknownPerson", "residence.csv",
                   "person_iin,address_id,valid_from,valid_to\n"
                   "800515300017,A1,2010-01-01,\n"
                   "880808300014,A1,2010-01-01,\n",
                   3, "person_iin", "unknown person IIN 880808300014", 1}),
    Name);

}  // namespace
}  // namespace coigraph::loaders
