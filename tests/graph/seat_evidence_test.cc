// What a finding rests on (graph/finding.h, FindingEvidence): a tender commission's member whose
// seat the importer matched by name gives a finding marked name_matched, capped in severity and
// naming the name as given; a seat given by IIN keeps the finding a registry one.
#include <memory>
#include <string>
#include <vector>

#include "graph/finding.h"
#include "graph/rules.h"
#include "gtest/gtest.h"
#include "tests/graph/tiny_snapshot.h"

namespace coigraph::graph {
namespace {

using test_util::Day;
using test_util::TinySnapshot;

constexpr char kListedName[] = "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ";

// The member's sister founded the winner of a 200-million tender (money bumps its severity).
// `by_name`: the member's seat came from a name match; `also_by_iin`: a second seat of theirs on
// the same commission was given by IIN.
std::vector<Finding> Scan(bool by_name, bool also_by_iin) {
  TinySnapshot t;
  const PersonIndex parent = t.Person("Жақыпов Қабен");
  const PersonIndex member = t.Person("Жақыпов");
  const PersonIndex sister = t.Person("Жақыпова", Sex::kFemale);
  t.Parent(parent, member);
  t.Parent(parent, sister);
  const OrgIndex akimat = t.Company("Аппарат акима", OrgKind::kStateBody);
  const OrgIndex winner = t.Company("ТОО «Алтын Құрылыс»");
  t.Role(sister, CompanyRoleKind::kFounder, winner);
  Builder& b = t.builder();
  const CommissionIndex c = b.AddCommission({.id = b.Intern("gz-1001"),
                                             .org = akimat,
                                             .kind = CommissionKind::kTender,
                                             .title = b.Intern("Тендерная комиссия"),
                                             .valid = kAlways});
  b.AddCommissionSeat({.commission = c,
                       .person = member,
                       .role = SeatRole::kChair,
                       .valid = kAlways,
                       .match_score = by_name ? 0.931F : 0.0F,
                       .matched_name = by_name ? b.Intern(kListedName) : kEmptyStr});
  if (also_by_iin) {
    b.AddCommissionSeat({.commission = c,
                         .person = member,
                         .role = SeatRole::kMember,
                         .valid = test_util::During("2020-01-01", "")});
  }
  const TenderIndex tender = b.AddTender({.id = b.Intern("5001"),
                                          .customer = akimat,
                                          .method = TenderMethod::kOpenTender,
                                          .announced = Day("2021-04-05"),
                                          .commission = c,
                                          .title = b.Intern("Ремонт дороги"),
                                          .amount_kzt = 200'000'000});
  b.AddBid({.tender = tender, .supplier = winner, .outcome = BidOutcome::kWon});
  std::shared_ptr<const Snapshot> s = t.Build();
  return RunRules(*s, RuleSet().set(static_cast<size_t>(Rule::kTenderCommission)));
}

TEST(SeatEvidenceTest, ANameMatchedSeatMarksTheFindingAndCapsItsSeverity) {
  const std::vector<Finding> registry = Scan(/*by_name=*/false, /*also_by_iin=*/false);
  ASSERT_EQ(registry.size(), 1U);
  EXPECT_EQ(registry[0].evidence.kind, EvidenceKind::kRegistry);
  EXPECT_GT(registry[0].severity, kNameMatchedSeverityCap);  // sibling, much money

  const std::vector<Finding> matched = Scan(/*by_name=*/true, /*also_by_iin=*/false);
  ASSERT_EQ(matched.size(), 1U);
  const Finding& f = matched[0];
  EXPECT_EQ(f.relation, "sibling>founder");
  EXPECT_EQ(f.evidence.kind, EvidenceKind::kNameMatched);
  EXPECT_DOUBLE_EQ(f.evidence.match_score, 0.931);
  EXPECT_EQ(f.evidence.matched_name, kListedName);
  EXPECT_EQ(f.severity, kNameMatchedSeverityCap);
  for (const std::string* text : {&f.explanation_ru, &f.explanation_en, &f.explanation_kk}) {
    EXPECT_NE(text->find(kListedName), std::string::npos) << *text;
    EXPECT_NE(text->find("0.93"), std::string::npos) << *text;
  }
  const std::string json = FindingToJson(f);
  EXPECT_NE(json.find(R"("evidence":"name_matched","match_score":0.931,"matched_name":")"),
            std::string::npos)
      << json;
  EXPECT_NE(FindingToJson(registry[0]).find(R"("evidence":"registry")"), std::string::npos);
}

TEST(SeatEvidenceTest, ASeatGivenByIinOnTheDateKeepsItARegistryFinding) {
  const std::vector<Finding> f = Scan(/*by_name=*/true, /*also_by_iin=*/true);
  ASSERT_EQ(f.size(), 1U);
  EXPECT_EQ(f[0].evidence.kind, EvidenceKind::kRegistry);
  EXPECT_GT(f[0].severity, kNameMatchedSeverityCap);
  EXPECT_EQ(f[0].explanation_en.find(kListedName), std::string::npos);
}

}  // namespace
}  // namespace coigraph::graph
