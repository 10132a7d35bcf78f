// Business ties on a date (graph/business.h): roles, ownership chains, individual entrepreneurs.
#include "graph/business.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/graph/tiny_snapshot.h"

namespace coigraph::graph {
namespace {

using test_util::Day;
using test_util::During;
using test_util::TinySnapshot;

std::vector<PersonIndex> Persons(const std::vector<CompanyTie>& ties) {
  std::vector<PersonIndex> out;
  for (const CompanyTie& t : ties) out.push_back(t.person);
  return out;
}

std::vector<OrgIndex> Companies(const std::vector<CompanyTie>& ties) {
  std::vector<OrgIndex> out;
  for (const CompanyTie& t : ties) out.push_back(t.company);
  return out;
}

//   founder (60%) ─▶ A ──owner──▶ B ──owner (since 2020)──▶ C
//   director ─────▶ A
TEST(HoldersOfTest, OwnershipChainPassesDownDirectorsDoNot) {
  TinySnapshot t;
  const PersonIndex founder = t.Person("founder"), director = t.Person("director");
  const OrgIndex a = t.Company("A"), b = t.Company("B"), c = t.Company("C");
  t.Role(founder, CompanyRoleKind::kFounder, a, kAlways, 60);
  t.Role(director, CompanyRoleKind::kDirector, a);
  t.CompanyRole(a, CompanyRoleKind::kOwner, b);
  t.CompanyRole(b, CompanyRoleKind::kOwner, c, During("2020-01-01", ""));
  auto s = t.Build();
  const Date d = Day("2023-01-01");

  EXPECT_EQ(Persons(HoldersOf(*s, a, d)), (std::vector<PersonIndex>{founder, director}));
  EXPECT_EQ(Persons(HoldersOf(*s, b, d)), (std::vector<PersonIndex>{founder}));
  const std::vector<CompanyTie> of_c = HoldersOf(*s, c, d);
  ASSERT_EQ(Persons(of_c), (std::vector<PersonIndex>{founder}));
  EXPECT_EQ(of_c[0].role, CompanyRoleKind::kFounder);
  EXPECT_EQ(of_c[0].company, c);
  EXPECT_EQ(of_c[0].chain, (std::vector<OrgIndex>{a, b, c}));
  EXPECT_EQ(of_c[0].links(), 2);
  EXPECT_FLOAT_EQ(of_c[0].share_pct, 60.0f);
  EXPECT_EQ(RoleName(of_c[0]), "founder");

  // Before the link B -> C held, the founder is not tied to C.
  EXPECT_TRUE(HoldersOf(*s, c, Day("2019-12-31")).empty());

  EXPECT_EQ(Companies(CompaniesOf(*s, founder, d)), (std::vector<OrgIndex>{a, b, c}));
  EXPECT_EQ(Companies(CompaniesOf(*s, founder, Day("2019-12-31"))), (std::vector<OrgIndex>{a, b}));
  EXPECT_EQ(Companies(CompaniesOf(*s, director, d)), (std::vector<OrgIndex>{a}));
}

//   p ─founder─▶ L0 ─▶ L1 ─▶ L2 ─▶ L3 ─▶ L4 ─▶ L5 ─▶ L6      5 links tie, 6 do not
TEST(HoldersOfTest, AtMostFiveCompanyLinks) {
  TinySnapshot t;
  const PersonIndex p = t.Person("p");
  std::vector<OrgIndex> l;
  for (int i = 0; i <= 6; ++i) l.push_back(t.Company("L" + std::to_string(i)));
  t.Role(p, CompanyRoleKind::kFounder, l[0]);
  for (int i = 1; i <= 6; ++i) t.CompanyRole(l[i - 1], CompanyRoleKind::kOwner, l[i]);
  auto s = t.Build();
  const Date d = Day("2023-01-01");

  const std::vector<CompanyTie> of_l5 = HoldersOf(*s, l[5], d);
  ASSERT_EQ(of_l5.size(), 1u);
  EXPECT_EQ(of_l5[0].person, p);
  EXPECT_EQ(of_l5[0].links(), 5);
  EXPECT_TRUE(HoldersOf(*s, l[6], d).empty());

  const std::vector<CompanyTie> of_p = CompaniesOf(*s, p, d);
  EXPECT_EQ(Companies(of_p), (std::vector<OrgIndex>(l.begin(), l.begin() + 6)));
}

// A company share sold: [2015-01-01, 2023-04-10).
TEST(HoldersOfTest, RoleEndedBeforeTheDate) {
  TinySnapshot t;
  const PersonIndex p = t.Person("p");
  const OrgIndex x = t.Company("X");
  t.Role(p, CompanyRoleKind::kOwner, x, During("2015-01-01", "2023-04-10"));
  auto s = t.Build();
  EXPECT_EQ(Persons(HoldersOf(*s, x, Day("2023-04-09"))), (std::vector<PersonIndex>{p}));
  EXPECT_TRUE(HoldersOf(*s, x, Day("2023-04-10")).empty());
  EXPECT_TRUE(CompaniesOf(*s, p, Day("2023-04-10")).empty());
  EXPECT_TRUE(HoldersOf(*s, x, Day("2014-12-31")).empty());
}

//   p ─director─▶ H ──owner──▶ Y         (a director of a holding: tied to H only)
//   q ─founder──▶ K ──director─▶ Z       (a company that is director passes nothing)
TEST(HoldersOfTest, DirectorOfAHoldingAndCompanyDirector) {
  TinySnapshot t;
  const PersonIndex p = t.Person("p"), q = t.Person("q");
  const OrgIndex h = t.Company("H"), y = t.Company("Y"), k = t.Company("K"), z = t.Company("Z");
  t.Role(p, CompanyRoleKind::kDirector, h);
  t.CompanyRole(h, CompanyRoleKind::kOwner, y);
  t.Role(q, CompanyRoleKind::kFounder, k);
  t.CompanyRole(k, CompanyRoleKind::kDirector, z);
  auto s = t.Build();
  const Date d = Day("2023-01-01");
  EXPECT_EQ(Persons(HoldersOf(*s, h, d)), (std::vector<PersonIndex>{p}));
  EXPECT_TRUE(HoldersOf(*s, y, d).empty());
  EXPECT_TRUE(HoldersOf(*s, z, d).empty());
  EXPECT_EQ(Companies(CompaniesOf(*s, p, d)), (std::vector<OrgIndex>{h}));
  EXPECT_EQ(Companies(CompaniesOf(*s, q, d)), (std::vector<OrgIndex>{k}));
}

//   p ─beneficial_owner─▶ H ──owner──▶ X
//   p ─director─────────────────────▶ X      closest: director of X itself (0 links)
//   r ─director─▶ X, r ─founder─▶ X          closest: founder (role order)
TEST(HoldersOfTest, ClosestTiePrefersFewerLinksThenRoleOrder) {
  TinySnapshot t;
  const PersonIndex p = t.Person("p"), r = t.Person("r");
  const OrgIndex h = t.Company("H"), x = t.Company("X");
  t.Role(p, CompanyRoleKind::kBeneficialOwner, h);
  t.CompanyRole(h, CompanyRoleKind::kOwner, x);
  t.Role(p, CompanyRoleKind::kDirector, x);
  t.Role(r, CompanyRoleKind::kDirector, x);
  t.Role(r, CompanyRoleKind::kFounder, x);
  auto s = t.Build();
  const std::vector<CompanyTie> holders = HoldersOf(*s, x, Day("2023-01-01"));
  ASSERT_EQ(Persons(holders), (std::vector<PersonIndex>{p, r}));
  EXPECT_EQ(holders[0].role, CompanyRoleKind::kDirector);
  EXPECT_EQ(holders[0].links(), 0);
  EXPECT_EQ(holders[1].role, CompanyRoleKind::kFounder);
  const std::vector<CompanyTie> of_p = CompaniesOf(*s, p, Day("2023-01-01"));
  ASSERT_EQ(Companies(of_p), (std::vector<OrgIndex>{h, x}));
  EXPECT_EQ(of_p[1].role, CompanyRoleKind::kDirector);
  EXPECT_EQ(of_p[1].links(), 0);
}

//   p ◀══ IE (BIN = p's IIN) ──owner──▶ Y
TEST(HoldersOfTest, IndividualEntrepreneurIsTiedToItsOwner) {
  TinySnapshot t;
  const PersonIndex p = t.Person("p"), other = t.Person("other");
  const OrgIndex ie = t.Entrepreneur(p, "ИП p");
  const OrgIndex y = t.Company("Y");
  t.CompanyRole(ie, CompanyRoleKind::kOwner, y);
  auto s = t.Build();
  const Date d = Day("2023-01-01");

  const std::vector<CompanyTie> of_ie = HoldersOf(*s, ie, d);
  ASSERT_EQ(Persons(of_ie), (std::vector<PersonIndex>{p}));
  EXPECT_TRUE(of_ie[0].entrepreneur);
  EXPECT_EQ(RoleName(of_ie[0]), "owner");
  const std::vector<CompanyTie> of_y = HoldersOf(*s, y, d);
  ASSERT_EQ(Persons(of_y), (std::vector<PersonIndex>{p}));
  EXPECT_EQ(of_y[0].chain, (std::vector<OrgIndex>{ie, y}));
  EXPECT_EQ(Companies(CompaniesOf(*s, p, d)), (std::vector<OrgIndex>{ie, y}));
  EXPECT_TRUE(CompaniesOf(*s, other, d).empty());
}

TEST(CloserCompanyTieTest, LinksThenRole) {
  const OrgIndex one(1), two(2);
  CompanyTie near_director{.role = CompanyRoleKind::kDirector, .chain = {one}};
  CompanyTie far_founder{.role = CompanyRoleKind::kFounder, .chain = {two, one}};
  CompanyTie near_owner{.role = CompanyRoleKind::kOwner, .chain = {one}};
  EXPECT_TRUE(CloserCompanyTie(near_director, far_founder));
  EXPECT_FALSE(CloserCompanyTie(far_founder, near_director));
  EXPECT_TRUE(CloserCompanyTie(near_owner, near_director));
  EXPECT_FALSE(CloserCompanyTie(near_owner, near_owner));
}

}  // namespace
}  // namespace coigraph::graph
