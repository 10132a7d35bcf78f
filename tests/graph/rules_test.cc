// The exact findings of every rule on the hand-made feeds of tests/testdata/rules/.
//
// Every directory there is named for what it proves. All of them share one cast of persons
// and organizations (tests/testdata/rules/make_ids.py prints it with the family tree); each
// states in kinship.csv only the facts it needs. A test loads one directory, checks that not
// a row was rejected, runs every rule and compares the whole list of findings, in
// FindingLess order: rule, object, date, official, counterparty, relation and severity.
#include "graph/rules.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/text.h"
#include "graph/date.h"
#include "graph/finding.h"
#include "graph/rules/legal_basis.h"
#include "graph/snapshot.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"

namespace coigraph::graph {
namespace {

// Persons (IIN).
constexpr char kAhm[] = "700315300019";  // Ахметов Б.С.
constexpr char kAhw[] = "720520400013";  // Ахметова А.Н., his wife
constexpr char kNur[] = "750701300016";  // Нурланов Е.Н., her brother
constexpr char kSon[] = "950210300019";  // Ахметов Д.Б.
constexpr char kDau[] = "980909400010";  // Ахметова Д.Б.
constexpr char kAdo[] = "030303500015";  // Ахметов А.Б., adopted
constexpr char kMom[] = "450101400018";  // Серикова Г.А., Ахметов's mother
constexpr char kBro[] = "681111300016";  // Сериков М.С., Ахметов's brother
constexpr char kNep[] = "920404300018";  // Сериков А.М., the brother's son
constexpr char kBek[] = "901010400011";  // Бекова А.М., the wife's daughter
constexpr char kKas[] = "800808300010";  // Касымов Т.Е.
constexpr char kZhu[] = "851212400018";  // Жумабаева С.А.

// Organizations (BIN). Individual entrepreneurs use their owner's IIN.
constexpr char kHld[] = "020140000016";
constexpr char kOld[] = "040540000014";
constexpr char kAlt[] = "050340000019";
constexpr char kBer[] = "080740000019";
constexpr char kC1[] = "100240000017";
constexpr char kC2[] = "100340000010";
constexpr char kC3[] = "100440000014";
constexpr char kC5[] = "100640000011";
constexpr char kNew[] = "190640000018";

const std::map<std::string, std::string>& PersonNames() {
  static const auto* const kNames = new std::map<std::string, std::string>{
      {kAhm, "Ахметов Б.С."},  {kAhw, "Ахметова А.Н."}, {kNur, "Нурланов Е.Н."},
      {kSon, "Ахметов Д.Б."},  {kDau, "Ахметова Д.Б."}, {kAdo, "Ахметов А.Б."},
      {kMom, "Серикова Г.А."}, {kBro, "Сериков М.С."},  {kNep, "Сериков А.М."},
      {kBek, "Бекова А.М."},   {kKas, "Касымов Т.Е."},  {kZhu, "Жумабаева С.А."},
  };
  return *kNames;
}

const std::map<std::string, std::string>& OrgNames() {
  static const auto* const kNames = new std::map<std::string, std::string>{
      {kHld, "АО «Холдинг Құрылыс Инвест»"},
      {kOld, "ТОО «Старый Подрядчик»"},
      {kAlt, "ТОО «Алтын Құрылыс»"},
      {kBer, "ТОО «Береке»"},
      {kC1, "ТОО «Звено-1»"},
      {kC2, "ТОО «Звено-2»"},
      {kC3, "ТОО «Звено-3»"},
      {kC5, "ТОО «Звено-5»"},
      {kNew, "ТОО «Новый Подрядчик»"},
      {kNur, "ИП Нурланов"},
      {kKas, "ИП Касымов"},
  };
  return *kNames;
}

bool OfficialIsOrganization(Rule r) {
  return r == Rule::kTenderAffiliatedBidders || r == Rule::kTenderBlacklistSuccessor;
}
bool CounterpartyIsOrganization(Rule r) {
  return r == Rule::kTenderCommission || r == Rule::kTenderSignatory ||
         r == Rule::kTenderAffiliatedBidders || r == Rule::kTenderBlacklistSuccessor;
}

std::string NameOf(const std::string& id, bool organization) {
  const auto& names = organization ? OrgNames() : PersonNames();
  auto it = names.find(id);
  return it == names.end() ? "?" + id : it->second;
}

// One finding as a line: rule object date official -> counterparty relation severity.
std::string Line(Rule rule, std::string_view object_id, std::string_view date,
                 std::string_view official, std::string_view counterparty,
                 std::string_view relation, std::string_view severity) {
  return base::Cat(Name(rule), " ", object_id, " ", date, " ", official, " -> ", counterparty, " ",
                   relation, " ", severity);
}
std::string Line(const Finding& f) {
  return Line(f.rule, f.object_id, FormatIsoDate(f.date), f.official, f.counterparty, f.relation,
              Name(f.severity));
}

class RulesTest : public ::testing::Test {
 protected:
  // Loads tests/testdata/rules/<name>, expecting every row to load, and runs every rule.
  std::vector<Finding> Run(const std::string& name) {
    const std::string dir = base::Cat(COIGRAPH_TESTDATA_DIR, "/rules/", name);
    absl::StatusOr<loaders::LoadedFeed> feed = loaders::LoadSnapshot(dir);
    if (!feed.ok()) {
      ADD_FAILURE() << dir << ": " << feed.status();
      return {};
    }
    for (const loaders::RejectRecord& r : feed->report.rejects) {
      ADD_FAILURE() << "rejected: " << loaders::RejectToJson(r);
    }
    for (const loaders::FileReport& f : feed->report.files) {
      if (f.present) {
        EXPECT_GT(f.loaded, 0) << name << "/" << f.file << " loaded no row";
      }
    }
    snapshot_ = feed->snapshot;
    std::vector<Finding> findings = RunRules(*snapshot_, AllRules());
    for (const Finding& f : findings) CheckWellFormed(f);
    return findings;
  }

  static std::vector<std::string> Lines(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const Finding& f : findings) out.push_back(Line(f));
    return out;
  }

  // What every finding carries: a path from the official to the counterparty, each edge with
  // the validity of a fact that holds on the finding's date, and explanations in the three
  // languages that name them both.
  static void CheckWellFormed(const Finding& f) {
    SCOPED_TRACE(Line(f));
    ASSERT_FALSE(f.path.vertices.empty());
    EXPECT_EQ(f.path.edges.size() + 1, f.path.vertices.size());
    EXPECT_EQ(f.path.vertices.front().id, f.official);
    EXPECT_EQ(f.path.vertices.back().id, f.counterparty);
    const std::string official = NameOf(f.official, OfficialIsOrganization(f.rule));
    const std::string counterparty = NameOf(f.counterparty, CounterpartyIsOrganization(f.rule));
    EXPECT_EQ(f.path.vertices.front().name, official);
    EXPECT_EQ(f.path.vertices.back().name, counterparty);
    for (const std::string* text : {&f.explanation_en, &f.explanation_ru, &f.explanation_kk}) {
      EXPECT_NE(text->find(official), std::string::npos) << *text;
      EXPECT_NE(text->find(counterparty), std::string::npos) << *text;
    }
    for (const PathEdge& e : f.path.edges) {
      EXPECT_TRUE(e.valid.Contains(f.date)) << e.type << " [" << FormatIsoDate(e.valid.from) << ", "
                                            << FormatIsoDate(e.valid.to) << ")";
    }
  }

  std::shared_ptr<const Snapshot> snapshot_;
};

using FindingLines = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// Hiring.

//   P-HEAD  Ахметов (since 2019) ── sibling ── Сериков (since 2021-03-01)  P-DEP
TEST_F(RulesTest, HireSubordinationSibling) {
  EXPECT_EQ(Lines(Run("hire_subordination_sibling")),
            (FindingLines{Line(Rule::kHireSubordination, "P-DEP", "2021-03-01", kAhm, kBro,
                               "sibling", "medium")}));
}

// Both were in post before they married: the finding is dated the day of the marriage.
TEST_F(RulesTest, HireSubordinationDatedFromTheMarriage) {
  EXPECT_EQ(Lines(Run("hire_subordination_married_after_hiring")),
            (FindingLines{Line(Rule::kHireSubordination, "P-DEP", "2021-08-14", kAhm, kAhw,
                               "spouse", "high")}));
}

TEST_F(RulesTest, DivorcedBeforeHiringIsNoTie) {
  EXPECT_EQ(Lines(Run("hire_divorced_before_hiring")), FindingLines{});
}

// The upper post ended on the day the lower one began: [from, to) intervals do not overlap.
TEST_F(RulesTest, EmploymentsThatDoNotOverlap) {
  EXPECT_EQ(Lines(Run("hire_employments_do_not_overlap")), FindingLines{});
}

TEST_F(RulesTest, PostsOfAnotherOrganization) {
  EXPECT_EQ(Lines(Run("hire_other_organization")), FindingLines{});
}

//   P-HEAD  Ахметов ──────────┬──────────────┐
//   P-DEP   Касымов (stranger)│              │ adoptive parent since 2010
//   P-SPEC  Ахметов Д. (son) ─┘  ── sibling ─┤ (a shared parent)
//   P-JUN   Ахметов А. (adopted) ────────────┘
TEST_F(RulesTest, HireChainAndAnAdoptedSibling) {
  EXPECT_EQ(
      Lines(Run("hire_chain_and_adopted_sibling")),
      (FindingLines{
          Line(Rule::kHireSubordination, "P-JUN", "2023-01-01", kSon, kAdo, "sibling", "medium"),
          Line(Rule::kHireChain, "P-JUN", "2023-01-01", kAhm, kAdo, "child", "high"),
          Line(Rule::kHireChain, "P-SPEC", "2022-02-01", kAhm, kSon, "child", "high"),
      }));
  const std::vector<Finding> f = RunRules(*snapshot_, AllRules());
  ASSERT_EQ(f.size(), 3u);
  ASSERT_EQ(f[0].path.edges.size(), 1u);
  EXPECT_TRUE(f[0].path.edges[0].derived);
}

// Two stints of the brother in one post, the later one listed first: one finding per key,
// at the earliest date.
TEST_F(RulesTest, DuplicateStintsGiveOneFindingAtTheEarliestDate) {
  EXPECT_EQ(
      Lines(Run("duplicate_stints_earliest_date")),
      (FindingLines{
          Line(Rule::kHireSubordination, "P-DEP", "2016-01-01", kAhm, kBro, "sibling", "medium"),
          Line(Rule::kHireAppointer, "P-DEP", "2016-01-01", kMom, kBro, "child", "high"),
      }));
}

TEST_F(RulesTest, HireAppointerIncludingSelf) {
  EXPECT_EQ(Lines(Run("hire_appointer")),
            (FindingLines{
                Line(Rule::kHireAppointer, "P-EXP", "2022-03-01", kKas, kKas, "self", "critical"),
                Line(Rule::kHireAppointer, "P-SPEC", "2022-03-01", kAhm, kSon, "child", "high"),
            }));
}

TEST_F(RulesTest, HireCommission) {
  EXPECT_EQ(Lines(Run("hire_commission")),
            (FindingLines{
                Line(Rule::kHireCommission, "P-SPEC", "2022-04-01", kAhw, kDau, "child", "high")}));
}

// The husband's seat ended on the day of the hiring.
TEST_F(RulesTest, SeatEndedBeforeHiring) {
  EXPECT_EQ(Lines(Run("seat_ended_before_hiring")), FindingLines{});
}

// The seat predates the commission, which did not exist yet on the day of the hiring.
TEST_F(RulesTest, CommissionNotYetCreated) {
  EXPECT_EQ(Lines(Run("commission_not_yet_created")), FindingLines{});
}

// ---------------------------------------------------------------------------------------------
// Procurement.

//   member Ахметов ─spouse─ Ахметова ─sibling─ Нурланов ─founder 60%─▶ ТОО «Алтын Құрылыс»
//   chair  Касымов ─director─▶ ТОО «Береке»                    (both bid on T-1234, 150 mln)
TEST_F(RulesTest, TenderCommission) {
  const std::vector<Finding> f = Run("tender_commission");
  EXPECT_EQ(Lines(f), (FindingLines{
                          Line(Rule::kTenderCommission, "T-1234", "2023-04-10", kAhm, kAlt,
                               "spouse.sibling>founder", "low"),
                          Line(Rule::kTenderCommission, "T-1234", "2023-04-10", kKas, kBer,
                               "self>director", "critical"),
                      }));
  ASSERT_EQ(f.size(), 2u);
  const FindingPath& p = f[0].path;
  ASSERT_EQ(p.vertices.size(), 4u);
  EXPECT_EQ(p.vertices[1].id, kAhw);
  EXPECT_EQ(p.vertices[2].id, kNur);
  EXPECT_EQ(p.vertices[3].kind, VertexKind::kOrganization);
  EXPECT_EQ(p.edges[0].type, "spouse");
  EXPECT_EQ(p.edges[1].type, "sibling");
  EXPECT_EQ(p.edges[2].type, "founder");
  EXPECT_DOUBLE_EQ(p.edges[2].share_pct, 60.0);
  EXPECT_NE(f[0].explanation_ru.find("Нурланов Е.Н."), std::string::npos) << f[0].explanation_ru;
  EXPECT_NE(f[0].explanation_en.find("60%"), std::string::npos) << f[0].explanation_en;
  EXPECT_NE(f[0].explanation_en.find("wife's brother"), std::string::npos) << f[0].explanation_en;
  EXPECT_NE(f[0].explanation_ru.find("брат жены"), std::string::npos) << f[0].explanation_ru;
  EXPECT_NE(f[0].explanation_kk.find("әйелінің ағасы/інісі"), std::string::npos)
      << f[0].explanation_kk;
  // Each tie with the dates of its fact: the marriage from 1995-06-01, the stated sibling tie
  // and the founder role with open ends.
  EXPECT_EQ(p.edges[0].valid, (Interval{*ParseIsoDate("1995-06-01"), kMaxDate}));
  EXPECT_EQ(p.edges[1].valid, kAlways);
  // The seat each member held: Ахметов a member, Касымов the chair.
  EXPECT_EQ(f[0].explanation_en.rfind("Member of the tender commission Ахметов Б.С.", 0), 0u)
      << f[0].explanation_en;
  EXPECT_EQ(f[1].explanation_en.rfind("Chair of the tender commission Касымов Т.Е.", 0), 0u)
      << f[1].explanation_en;
  EXPECT_EQ(f[1].explanation_ru.rfind("Председатель тендерной комиссии", 0), 0u)
      << f[1].explanation_ru;
  EXPECT_EQ(f[1].explanation_kk.rfind("Тендерлік комиссияның төрағасы", 0), 0u)
      << f[1].explanation_kk;
}

// The founder sold his share on the day the tender was announced.
TEST_F(RulesTest, ShareSoldBeforeTheBid) {
  EXPECT_EQ(Lines(Run("share_sold_before_bid")), FindingLines{});
}

TEST_F(RulesTest, DivorcedBeforeTheTender) {
  EXPECT_EQ(Lines(Run("divorced_before_tender")), FindingLines{});
}

//   Сериков ─founder─▶ Звено-0 ─▶ Звено-1 ─▶ ... ─▶ Звено-5 (5 links: tied) ─▶ Звено-6 (6: not)
TEST_F(RulesTest, OwnershipChainOfFiveLinksButNotSix) {
  const std::vector<Finding> f = Run("ownership_chain_5_links_not_6");
  EXPECT_EQ(Lines(f), (FindingLines{Line(Rule::kTenderCommission, "T-5", "2023-04-10", kAhm, kC5,
                                         "sibling>founder", "medium")}));
  ASSERT_EQ(f.size(), 1u);
  const FindingPath& p = f[0].path;
  ASSERT_EQ(p.vertices.size(), 8u);  // Ахметов, Сериков, Звено-0 ... Звено-5
  EXPECT_EQ(p.edges[0].type, "sibling");
  EXPECT_EQ(p.edges[1].type, "founder");
  for (size_t i = 2; i < p.edges.size(); ++i) EXPECT_EQ(p.edges[i].type, "owns") << i;
  // The explanation names the chain, not only its top.
  for (const std::string* text :
       {&f[0].explanation_en, &f[0].explanation_ru, &f[0].explanation_kk}) {
    for (size_t i = 1; i + 1 < p.vertices.size(); ++i) {
      EXPECT_NE(text->find(p.vertices[i + 1].name), std::string::npos) << i << ": " << *text;
    }
  }
  EXPECT_NE(f[0].explanation_en.find("through the ownership chain"), std::string::npos)
      << f[0].explanation_en;
}

//   Сериков ─director─▶ Холдинг ─owner 100%─▶ Алтын Құрылыс     (T-H2: Холдинг; T-H1: Алтын)
//   Сериков ─founder─▶ Звено-0 ─director─▶ Береке              (T-H3: Береке)
TEST_F(RulesTest, DirectorsPassNothingDown) {
  EXPECT_EQ(Lines(Run("holding_director_passes_nothing")),
            (FindingLines{Line(Rule::kTenderCommission, "T-H2", "2023-04-10", kAhm, kHld,
                               "sibling>director", "medium")}));
}

// Contracts signed with individual entrepreneurs: the wife's brother's, and the signatory's own.
TEST_F(RulesTest, TenderSignatoryAndIndividualEntrepreneurs) {
  const std::vector<Finding> f = Run("tender_signatory_entrepreneur");
  EXPECT_EQ(
      Lines(f),
      (FindingLines{
          Line(Rule::kTenderSignatory, "CT-77", "2023-05-05", kAhm, kNur, "spouse.sibling>owner",
               "low"),
          Line(Rule::kTenderSignatory, "CT-78", "2023-05-06", kKas, kKas, "self>owner", "critical"),
      }));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].path.vertices.size(), 2u);
  EXPECT_EQ(f[1].path.vertices[1].kind, VertexKind::kOrganization);
}

//   T-300: Алтын ◀─founder─ Сериков ─parent of─ Сериков А. ─director─▶ Береке; Холдинг: stranger
//   T-301: Звено-1 ◀─owner─ Касымов ─director─▶ Звено-2
//   T-302: Звено-3 ◀─founder─ Касымов ═ ИП Касымов (his individual entrepreneur)
TEST_F(RulesTest, TenderAffiliatedBidders) {
  EXPECT_EQ(Lines(Run("tender_affiliated_bidders")),
            (FindingLines{
                Line(Rule::kTenderAffiliatedBidders, "T-300", "2023-06-01", kAlt, kBer,
                     "founder<child>director", "high"),
                Line(Rule::kTenderAffiliatedBidders, "T-301", "2023-06-01", kC1, kC2,
                     "owner<self>director", "critical"),
                Line(Rule::kTenderAffiliatedBidders, "T-302", "2023-06-01", kC3, kKas,
                     "founder<self>owner", "critical"),
            }));
}

//   winner Новый ◀─founder─ Сериков А. ─child of─ Сериков ─founder─▶ Старый (blacklisted 2022-)
//   lost   Алтын ◀─founder─ Сериков
//   Звено-3 (founder Сериков А.) was blacklisted in 2020 only.
TEST_F(RulesTest, TenderBlacklistSuccessor) {
  const std::vector<Finding> f = Run("tender_blacklist_successor");
  EXPECT_EQ(Lines(f), (FindingLines{
                          Line(Rule::kTenderAffiliatedBidders, "T-400", "2023-06-01", kAlt, kNew,
                               "founder<child>founder", "high"),
                          Line(Rule::kTenderBlacklistSuccessor, "T-400", "2023-06-01", kNew, kOld,
                               "founder<parent>founder", "high"),
                      }));
  ASSERT_EQ(f.size(), 2u);
  const FindingPath& p = f[1].path;
  ASSERT_EQ(p.vertices.size(), 4u);
  EXPECT_EQ(p.vertices[1].id, kNep);
  EXPECT_EQ(p.vertices[2].id, kBro);
  EXPECT_EQ(p.edges[1].type, "parent");
}

// ---------------------------------------------------------------------------------------------
// Land and housing.

//   chair Ахметов ─child─▶ recipient Ахметов Д.; approver Серикова is his grandmother.
TEST_F(RulesTest, LandCommissionMemberAndApprover) {
  EXPECT_EQ(
      Lines(Run("land_commission")),
      (FindingLines{
          Line(Rule::kLandCommission, "D-L1", "2023-03-01", kMom, kSon, "child.child", "medium"),
          Line(Rule::kLandCommission, "D-L1", "2023-03-01", kAhm, kSon, "child", "critical"),
      }));
}

TEST_F(RulesTest, HousingCommissionIncludingSelf) {
  EXPECT_EQ(
      Lines(Run("housing_commission")),
      (FindingLines{
          Line(Rule::kHousingCommission, "D-H1", "2023-05-01", kAhm, kNur, "spouse.sibling", "low"),
          Line(Rule::kHousingCommission, "D-H1", "2023-05-01", kAhw, kNur, "sibling", "high"),
          Line(Rule::kHousingCommission, "D-H2", "2023-05-02", kZhu, kZhu, "self", "critical"),
      }));
}

// The son, 2nd in line, is served while the 1st (a stranger) is still waiting.
TEST_F(RulesTest, LandQueueJump) {
  const std::vector<Finding> f = Run("land_queue_jump");
  EXPECT_EQ(Lines(f),
            (FindingLines{
                Line(Rule::kLandCommission, "D-Q1", "2023-03-01", kAhm, kSon, "child", "critical"),
                Line(Rule::kLandQueueJump, "D-Q1", "2023-03-01", kAhm, kSon, "child", "critical"),
            }));
  ASSERT_EQ(f.size(), 2u);
  // The queue jump names the recipient's number and whom they were served ahead of; the chair
  // is named as the chair.
  EXPECT_EQ(f[1].explanation_en,
            "Chair of the land commission Ахметов Б.С. — recipient Ахметов Д.Б. is their son; "
            "land allocation D-Q1; served at queue number 2 ahead of Омаров Р.К. (number 1, on "
            "the list since 2020-01-01, not served).");
  EXPECT_NE(f[1].explanation_ru.find("раньше, чем Омаров Р.К. (номер 1"), std::string::npos)
      << f[1].explanation_ru;
  EXPECT_NE(f[1].explanation_kk.find("Омаров Р.К. (нөмірі 1"), std::string::npos)
      << f[1].explanation_kk;
  EXPECT_EQ(f[0].explanation_en.find("queue number"), std::string::npos) << f[0].explanation_en;
}

// The citation of each family of rules (docs/rules.md, "Legal basis"), in the JSON line too.
TEST_F(RulesTest, LegalBasisOfEveryRule) {
  EXPECT_NE(LegalBasisOf(Rule::kHireSubordination).en.find("410-V"), std::string::npos);
  EXPECT_NE(LegalBasisOf(Rule::kHireSubordination).ru.find("ст. 14 п. 1"), std::string::npos);
  EXPECT_NE(LegalBasisOf(Rule::kHireAppointer).en.find("Art. 15"), std::string::npos);
  EXPECT_NE(LegalBasisOf(Rule::kTenderCommission).en.find("106-VIII"), std::string::npos);
  EXPECT_NE(LegalBasisOf(Rule::kTenderCommission).kk.find("7-бап 1-тармақ"), std::string::npos);
  EXPECT_EQ(LegalBasisOf(Rule::kTenderBlacklistSuccessor).en.find("Art."), std::string::npos);
  EXPECT_NE(LegalBasisOf(Rule::kLandQueueJump).en.find("Art. 15"), std::string::npos);
  for (int r = 0; r < kRuleCount; ++r) {
    const LegalBasis& b = LegalBasisOf(static_cast<Rule>(r));
    EXPECT_FALSE(b.ru.empty() || b.kk.empty() || b.en.empty()) << r;
  }
  const std::vector<Finding> f = Run("hire_subordination_sibling");
  ASSERT_FALSE(f.empty());
  const std::string json = FindingToJson(f[0]);
  EXPECT_NE(json.find("\"legal_basis_en\":\"Law of the RK No. 410-V"), std::string::npos) << json;
  EXPECT_NE(json.find("\"explanation_kk\":"), std::string::npos) << json;
}

// The 1st in line left the list on the decision date; another 1st registered the day after.
TEST_F(RulesTest, QueuePersonRemovedOnTheDate) {
  EXPECT_EQ(Lines(Run("queue_removed_on_decision_date")),
            (FindingLines{Line(Rule::kLandCommission, "D-Q1", "2023-03-01", kAhm, kSon, "child",
                               "critical")}));
}

// The 1st in line was served the same day.
TEST_F(RulesTest, QueuePersonAlreadyServed) {
  EXPECT_EQ(Lines(Run("queue_already_served")),
            (FindingLines{Line(Rule::kLandCommission, "D-Q1", "2023-03-01", kAhm, kSon, "child",
                               "critical")}));
}

// No queue number on the decision: the son's active entry (5th) counts, not his old removed
// one (2nd); the 3rd is still waiting.
TEST_F(RulesTest, HousingQueueJumpFromTheWaitingList) {
  EXPECT_EQ(
      Lines(Run("housing_queue_jump_from_waiting_list")),
      (FindingLines{
          Line(Rule::kHousingCommission, "D-H5", "2023-05-01", kAhm, kSon, "child", "critical"),
          Line(Rule::kHousingQueueJump, "D-H5", "2023-05-01", kAhm, kSon, "child", "critical"),
      }));
}

// The 1st in line got land from another commission before, and from this one only later.
TEST_F(RulesTest, QueuePersonServedElsewhereOrLater) {
  EXPECT_EQ(Lines(Run("queue_served_elsewhere_or_later")),
            (FindingLines{
                Line(Rule::kLandCommission, "D-Q1", "2023-03-01", kAhm, kSon, "child", "critical"),
                Line(Rule::kLandQueueJump, "D-Q1", "2023-03-01", kAhm, kSon, "child", "critical"),
            }));
}

// The 1st in line registered on the very day of the decision: still passed over.
TEST_F(RulesTest, QueuePersonRegisteredOnTheDate) {
  EXPECT_EQ(Lines(Run("queue_registered_on_decision_date")),
            (FindingLines{
                Line(Rule::kLandCommission, "D-Q1", "2023-03-01", kAhm, kSon, "child", "critical"),
                Line(Rule::kLandQueueJump, "D-Q1", "2023-03-01", kAhm, kSon, "child", "critical"),
            }));
}

// A rule set selects the rules that run.
TEST_F(RulesTest, OnlyTheSelectedRulesRun) {
  Run("land_queue_jump");
  ASSERT_NE(snapshot_, nullptr);
  RuleSet only;
  only.set(static_cast<size_t>(Rule::kLandQueueJump));
  EXPECT_EQ(Lines(RunRules(*snapshot_, only)),
            (FindingLines{Line(Rule::kLandQueueJump, "D-Q1", "2023-03-01", kAhm, kSon, "child",
                               "critical")}));
  EXPECT_EQ(Lines(RunRules(*snapshot_, RuleSet())), FindingLines{});
}

TEST_F(RulesTest, CommissionOther) {
  EXPECT_EQ(Lines(Run("commission_other")),
            (FindingLines{
                Line(Rule::kCommissionOther, "D-O1", "2023-08-01", kAhm, kDau, "child", "high"),
                Line(Rule::kCommissionOther, "D-O1", "2023-08-01", kAhw, kDau, "child", "high"),
            }));
}

// ---------------------------------------------------------------------------------------------
// Disciplinary and bonuses.

TEST_F(RulesTest, DisciplinaryInvestigatorAndCommissionMember) {
  EXPECT_EQ(
      Lines(Run("disciplinary_interested")),
      (FindingLines{
          Line(Rule::kDisciplinaryInterested, "DC-1", "2023-07-01", kMom, kBro, "child", "high"),
          Line(Rule::kDisciplinaryInterested, "DC-1", "2023-07-01", kAhm, kBro, "sibling",
               "medium"),
          Line(Rule::kDisciplinaryInterested, "DC-2", "2023-07-02", kZhu, kZhu, "self", "critical"),
      }));
}

TEST_F(RulesTest, BonusRelative) {
  EXPECT_EQ(Lines(Run("bonus_relative")),
            (FindingLines{
                Line(Rule::kBonusRelative, "B-1", "2023-09-01", kAhm, kAhw, "spouse", "high"),
                Line(Rule::kBonusRelative, "B-2", "2023-09-01", kAhm, kSon, "child", "critical"),
                Line(Rule::kBonusRelative, "B-3", "2023-09-01", kKas, kKas, "self", "critical"),
            }));
}

// ---------------------------------------------------------------------------------------------
// Kinship seen through the rules (bonuses are the simplest decision between two persons).

//        Серикова ─ ? (not stated)
//   Ахметов ─sibling─ Сериков
//      |                 |
//   Ахметов Д.        Сериков А.     uncle -> nephew and cousins: extended family, no conflict
TEST_F(RulesTest, CousinAndNephewAreNotLegalKin) {
  EXPECT_EQ(
      Lines(Run("cousin_and_nephew_are_not_kin")),
      (FindingLines{Line(Rule::kBonusRelative, "B-3", "2023-09-01", kBro, kNep, "child", "high")}));
}

//   Ахметов ══ Ахметова
//         ╲   ╱      ╲
//     Ахметов Д.    Бекова (hers from an earlier marriage)
// The son is the child of both: `child`, never `spouse.child`.
TEST_F(RulesTest, ClosestTieIsChildNotSpouseChild) {
  EXPECT_EQ(Lines(Run("closest_tie_child_not_spouse_child")),
            (FindingLines{
                Line(Rule::kBonusRelative, "B-1", "2023-09-01", kAhm, kSon, "child", "high"),
                Line(Rule::kBonusRelative, "B-2", "2023-09-01", kAhm, kBek, "spouse.child", "low"),
                Line(Rule::kBonusRelative, "B-3", "2023-09-01", kBek, kAhm, "parent.spouse", "low"),
                Line(Rule::kBonusRelative, "B-4", "2023-09-01", kBek, kSon, "sibling", "medium"),
            }));
}

//     Серикова                Ахметова ─sibling (stated)─ Нурланов
//     ╱      ╲
//  Ахметов  Сериков   (derived: a shared parent)
TEST_F(RulesTest, DerivedAndStatedSiblings) {
  const std::vector<Finding> f = Run("derived_and_stated_siblings");
  EXPECT_EQ(Lines(f),
            (FindingLines{
                Line(Rule::kBonusRelative, "B-1", "2023-09-01", kAhm, kBro, "sibling", "medium"),
                Line(Rule::kBonusRelative, "B-2", "2023-09-01", kAhw, kNur, "sibling", "medium"),
            }));
  ASSERT_EQ(f.size(), 2u);
  ASSERT_EQ(f[0].path.edges.size(), 1u);
  ASSERT_EQ(f[1].path.edges.size(), 1u);
  EXPECT_EQ(f[0].path.edges[0].type, "sibling");
  EXPECT_TRUE(f[0].path.edges[0].derived);
  EXPECT_FALSE(f[1].path.edges[0].derived);
}

//      Ахметов ─ adoptive parent since 2010-05-01
//      ╱      ╲
//  Ахметов Д.  Ахметов А.     bonuses in 2023 (tied) and in 2009 (before the adoption)
TEST_F(RulesTest, AdoptiveParent) {
  EXPECT_EQ(Lines(Run("adoptive_parent")),
            (FindingLines{
                Line(Rule::kBonusRelative, "B-1", "2023-01-10", kAhm, kAdo, "child", "high"),
                Line(Rule::kBonusRelative, "B-3", "2023-01-10", kSon, kAdo, "sibling", "medium"),
            }));
}

}  // namespace
}  // namespace coigraph::graph

namespace coigraph::graph {
namespace {

TEST(RuleNamesTest, NamesSpheresAndParsing) {
  const std::vector<std::pair<std::string_view, std::string_view>> expected = {
      {"HIRE_SUBORDINATION", "hiring"},
      {"HIRE_CHAIN", "hiring"},
      {"HIRE_APPOINTER", "hiring"},
      {"HIRE_COMMISSION", "hiring"},
      {"TENDER_COMMISSION", "procurement"},
      {"TENDER_SIGNATORY", "procurement"},
      {"TENDER_AFFILIATED_BIDDERS", "procurement"},
      {"TENDER_BLACKLIST_SUCCESSOR", "procurement"},
      {"LAND_COMMISSION", "land"},
      {"HOUSING_COMMISSION", "housing"},
      {"LAND_QUEUE_JUMP", "land"},
      {"HOUSING_QUEUE_JUMP", "housing"},
      {"DISCIPLINARY_INTERESTED", "disciplinary"},
      {"BONUS_RELATIVE", "bonus"},
      {"COMMISSION_OTHER", "other"},
  };
  ASSERT_EQ(expected.size(), static_cast<size_t>(kRuleCount));
  for (size_t i = 0; i < expected.size(); ++i) {
    const Rule r = static_cast<Rule>(i);
    EXPECT_EQ(Name(r), expected[i].first);
    EXPECT_EQ(Name(SphereOf(r)), expected[i].second);
    EXPECT_EQ(ParseRule(expected[i].first), r);
    EXPECT_EQ(ParseSphere(expected[i].second), SphereOf(r));
  }
  EXPECT_EQ(ParseRule("HIRE_COUSIN"), std::nullopt);
  EXPECT_EQ(ParseSphere("Hiring"), std::nullopt);
  EXPECT_EQ(ParseSeverity("critical"), Severity::kCritical);
  EXPECT_EQ(ParseSeverity("grave"), std::nullopt);
}

}  // namespace
}  // namespace coigraph::graph
