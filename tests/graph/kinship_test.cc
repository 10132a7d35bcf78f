// Legal kinship on a date (graph/kinship.h): the twelve paths, the closest tie, the first day
// of a tie in a window, and the extended family.
#include "graph/kinship.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "tests/graph/tiny_snapshot.h"

namespace coigraph::graph {
namespace {

using test_util::Day;
using test_util::During;
using test_util::TinySnapshot;

// Person -> the name of its path, for LegalKin results.
std::map<PersonIndex, std::string> PathNames(const std::vector<KinTie>& kin) {
  std::map<PersonIndex, std::string> out;
  for (const KinTie& t : kin) out[t.person] = std::string(Name(t.path));
  return out;
}

//        gp                  sp_parent
//        |                       |
//        p ══ p_spouse        spouse ─sibling─ spouse_sib
//        |                  ║      ╲
//   sib ─a══════════════════╝     spouse_child (the spouse's only)
//    ║   |
// sib_sp child ══ child_sp
//          |
//       grandchild
TEST(LegalKinTest, EveryOneOfTheTwelvePaths) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), gp = t.Person("gp"), p = t.Person("p"),
                    p_spouse = t.Person("p_spouse"), spouse = t.Person("spouse"),
                    sp_parent = t.Person("sp_parent"), spouse_sib = t.Person("spouse_sib"),
                    spouse_child = t.Person("spouse_child"), sib = t.Person("sib"),
                    sib_sp = t.Person("sib_sp"), child = t.Person("child"),
                    child_sp = t.Person("child_sp"), grandchild = t.Person("grandchild"),
                    stranger = t.Person("stranger");
  t.Parent(gp, p);
  t.Parent(p, a);
  t.Spouse(p, p_spouse);
  t.Spouse(a, spouse);
  t.Parent(sp_parent, spouse);
  t.Sibling(spouse, spouse_sib);
  t.Parent(spouse, spouse_child);
  t.Sibling(sib, a);
  t.Spouse(sib_sp, sib);
  t.Parent(a, child);
  t.Spouse(child, child_sp);
  t.Parent(child, grandchild);
  t.Spouse(stranger, grandchild, During("2030-01-01", ""));  // not yet on the date
  auto s = t.Build();

  const std::map<PersonIndex, std::string> expected = {
      {gp, "parent.parent"},          {p, "parent"},
      {p_spouse, "parent.spouse"},    {spouse, "spouse"},
      {sp_parent, "spouse.parent"},   {spouse_sib, "spouse.sibling"},
      {spouse_child, "spouse.child"}, {sib, "sibling"},
      {sib_sp, "sibling.spouse"},     {child, "child"},
      {child_sp, "child.spouse"},     {grandchild, "child.child"},
  };
  const std::vector<KinTie> kin = LegalKin(*s, a, Day("2023-01-01"));
  EXPECT_EQ(PathNames(kin), expected);
  for (size_t i = 1; i < kin.size(); ++i) EXPECT_LT(kin[i - 1].person, kin[i].person);
  for (const KinTie& k : kin) {
    ASSERT_FALSE(k.via.empty());
    EXPECT_EQ(k.via.front(), a);
    EXPECT_EQ(k.via.back(), k.person);
    EXPECT_EQ(k.via.size(), Name(k.path).find('.') == std::string_view::npos ? 2u : 3u);
  }

  // Seen from the grandchild, the mirror images.
  EXPECT_EQ(PathNames(LegalKin(*s, grandchild, Day("2023-01-01"))),
            (std::map<PersonIndex, std::string>{
                {a, "parent.parent"}, {child, "parent"}, {child_sp, "parent.spouse"}}));
}

TEST(KinPathTest, NamesAndCloseness) {
  EXPECT_EQ(Name(KinPath::kSelf), "self");
  EXPECT_EQ(Name(KinPath::kSpouseSibling), "spouse.sibling");
  EXPECT_EQ(Name(KinPath::kParentSpouse), "parent.spouse");
  EXPECT_EQ(Closeness(KinPath::kSelf), 5);
  EXPECT_EQ(Closeness(KinPath::kSpouse), 4);
  EXPECT_EQ(Closeness(KinPath::kChild), 4);
  EXPECT_EQ(Closeness(KinPath::kSibling), 3);
  EXPECT_EQ(Closeness(KinPath::kGrandparent), 2);
  EXPECT_EQ(Closeness(KinPath::kGrandchild), 2);
  EXPECT_EQ(Closeness(KinPath::kSpouseSibling), 1);
  EXPECT_EQ(Closeness(KinPath::kChildSpouse), 1);
}

//   a ══ w
//    \  /
//    son      son is `child` of a, never `spouse.child`
TEST(ClosestKinTieTest, ChildOfBothSpousesIsChild) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), w = t.Person("w", Sex::kFemale), son = t.Person("son");
  t.Spouse(a, w);
  t.Parent(a, son);
  t.Parent(w, son);
  auto s = t.Build();
  const std::optional<KinTie> tie = ClosestKinTie(*s, a, son, Day("2023-01-01"));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kChild);
  EXPECT_EQ(tie->via, (std::vector<PersonIndex>{a, son}));
  const std::optional<KinTie> back = ClosestKinTie(*s, son, a, Day("2023-01-01"));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->path, KinPath::kParent);
}

//   a ══ w ─sibling─ x ══ b ─sibling─ a      x is both a's spouse.sibling and sibling.spouse
TEST(ClosestKinTieTest, SpouseSiblingBeatsSiblingSpouse) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), w = t.Person("w"), x = t.Person("x"), b = t.Person("b");
  t.Spouse(a, w);
  t.Sibling(w, x);
  t.Spouse(x, b);
  t.Sibling(b, a);
  auto s = t.Build();
  const std::optional<KinTie> tie = ClosestKinTie(*s, a, x, Day("2023-01-01"));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kSpouseSibling);
  EXPECT_EQ(tie->via, (std::vector<PersonIndex>{a, w, x}));
}

TEST(ClosestKinTieTest, SelfAndNone) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), b = t.Person("b");
  auto s = t.Build();
  const std::optional<KinTie> self = ClosestKinTie(*s, a, a, Day("2023-01-01"));
  ASSERT_TRUE(self.has_value());
  EXPECT_EQ(self->path, KinPath::kSelf);
  EXPECT_FALSE(ClosestKinTie(*s, a, b, Day("2023-01-01")).has_value());
}

// Married [2000-06-01, 2019-01-01): tied on the last day, not on the day of the divorce.
TEST(ClosestKinTieTest, DivorceEndsTheTie) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), w = t.Person("w"), w_brother = t.Person("w_brother");
  t.Spouse(a, w, During("2000-06-01", "2019-01-01"));
  t.Sibling(w, w_brother);
  auto s = t.Build();
  EXPECT_FALSE(ClosestKinTie(*s, a, w, Day("2000-05-31")).has_value());
  EXPECT_TRUE(ClosestKinTie(*s, a, w, Day("2000-06-01")).has_value());
  EXPECT_TRUE(ClosestKinTie(*s, a, w, Day("2018-12-31")).has_value());
  EXPECT_FALSE(ClosestKinTie(*s, a, w, Day("2019-01-01")).has_value());
  EXPECT_TRUE(ClosestKinTie(*s, a, w_brother, Day("2018-12-31")).has_value());
  EXPECT_FALSE(ClosestKinTie(*s, a, w_brother, Day("2019-01-01")).has_value());
}

//        q  (adoptive parent of y since 2010-05-01)
//       ╱ ╲
//      x   y      x and y are siblings while both parent facts hold
TEST(ClosestKinTieTest, DerivedSiblingNeedsBothParentFacts) {
  TinySnapshot t;
  const PersonIndex q = t.Person("q"), x = t.Person("x"), y = t.Person("y");
  t.Parent(q, x);
  t.AdoptiveParent(q, y, During("2010-05-01", ""));
  auto s = t.Build();
  EXPECT_FALSE(ClosestKinTie(*s, x, y, Day("2010-04-30")).has_value());
  const std::optional<KinTie> tie = ClosestKinTie(*s, x, y, Day("2010-05-01"));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kSibling);
  EXPECT_EQ(tie->sibling_via_parent, (std::vector<PersonIndex>{q}));
  const std::optional<KinTie> adopted = ClosestKinTie(*s, q, y, Day("2011-01-01"));
  ASSERT_TRUE(adopted.has_value());
  EXPECT_EQ(adopted->path, KinPath::kChild);
}

// A stated sibling is reported as stated: no parent on the step.
TEST(ClosestKinTieTest, StatedSibling) {
  TinySnapshot t;
  const PersonIndex x = t.Person("x"), y = t.Person("y"), z = t.Person("z");
  t.Sibling(x, y);
  auto s = t.Build();
  const std::optional<KinTie> tie = ClosestKinTie(*s, y, x, Day("2023-01-01"));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kSibling);
  ASSERT_EQ(tie->sibling_via_parent.size(), 1u);
  EXPECT_EQ(tie->sibling_via_parent[0], kNone);
  EXPECT_FALSE(ClosestKinTie(*s, x, z, Day("2023-01-01")).has_value());
}

// (sibling, parent, valid) of every ForEachDerivedSibling call, sorted.
using Derived = std::tuple<PersonIndex, PersonIndex, Date, Date>;
std::vector<Derived> Sorted(std::vector<Derived> v) {
  std::sort(v.begin(), v.end());
  return v;
}

//        m          f           m is a parent of a and b; f of a (since 2005), of b (2010 to
//       ╱ ╲       ╱ │ ╲         2020) and of c (until 2000); s is a's stated sibling.
//      a   b     a  b  c
// b shares m and f with a, so comes once per parent; c's fact with f ends before a's begins.
TEST(DerivedSiblingTest, EveryParentEveryOtherChildOnItsInterval) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), b = t.Person("b"), c = t.Person("c"), m = t.Person("m"),
                    f = t.Person("f"), stated = t.Person("s");
  t.Parent(m, a);
  t.Parent(m, b);
  t.Parent(f, a, During("2005-01-01", ""));
  t.Parent(f, b, During("2010-01-01", "2020-01-01"));
  t.Parent(f, c, During("", "2000-01-01"));
  t.Sibling(a, stated);
  auto s = t.Build();

  auto on = [&](Date d) {
    std::vector<Derived> out;
    ForEachDerivedSibling(*s, a, d, [&](const DerivedSibling& x) {
      out.emplace_back(x.person, x.parent, x.valid.from, x.valid.to);
    });
    return Sorted(out);
  };
  EXPECT_EQ(on(Day("2015-06-01")),
            (std::vector<Derived>{{b, m, kMinDate, kMaxDate},
                                  {b, f, Day("2010-01-01"), Day("2020-01-01")}}));
  EXPECT_EQ(on(Day("2021-01-01")), (std::vector<Derived>{{b, m, kMinDate, kMaxDate}}));
  EXPECT_EQ(on(Day("1990-01-01")), (std::vector<Derived>{{b, m, kMinDate, kMaxDate}}));

  // Whatever the date: c never shares f with a (the two facts never overlap).
  std::vector<Derived> ever;
  ForEachDerivedSiblingIf(
      *s, a, [](const Interval& v) { return !v.Empty(); },
      [&](const DerivedSibling& x) {
        ever.emplace_back(x.person, x.parent, x.valid.from, x.valid.to);
      });
  EXPECT_EQ(Sorted(ever), (std::vector<Derived>{{b, m, kMinDate, kMaxDate},
                                                {b, f, Day("2010-01-01"), Day("2020-01-01")}}));

  // From b's side, a and nobody else; the stated sibling has no derived tie at all.
  std::vector<PersonIndex> of_b;
  ForEachDerivedSibling(*s, b, Day("2015-06-01"),
                        [&](const DerivedSibling& x) { of_b.push_back(x.person); });
  EXPECT_EQ(of_b, (std::vector<PersonIndex>{a, a}));
  int of_stated = 0;
  ForEachDerivedSibling(*s, stated, Day("2015-06-01"), [&](const DerivedSibling&) { ++of_stated; });
  EXPECT_EQ(of_stated, 0);
}

//   a ─parent─▶ c ══ x (married 2016-07-01)        a ─adoptive parent─▶ x (2020-03-01)
// The first day of a tie in the window, and the closest tie on that day.
TEST(EarliestKinTieTest, FirstDayInTheWindow) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), c = t.Person("c"), x = t.Person("x");
  t.Parent(a, c);
  t.Spouse(c, x, During("2016-07-01", ""));
  t.AdoptiveParent(a, x, During("2020-03-01", ""));
  auto s = t.Build();

  std::optional<KinTie> tie = EarliestKinTie(*s, a, x, During("2010-01-01", ""));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kChildSpouse);
  EXPECT_EQ(tie->valid.from, Day("2016-07-01"));

  tie = EarliestKinTie(*s, a, x, During("2021-01-01", ""));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kChild);  // closest on 2021-01-01

  EXPECT_FALSE(EarliestKinTie(*s, a, x, During("2010-01-01", "2016-07-01")).has_value());
  EXPECT_FALSE(EarliestKinTie(*s, a, a, During("2010-01-01", "")).has_value());
}

// Married after both were in post: the tie starts on the day of the marriage.
TEST(EarliestKinTieTest, MarriageInsideTheWindow) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), w = t.Person("w");
  t.Spouse(a, w, During("2021-08-14", ""));
  auto s = t.Build();
  const std::optional<KinTie> tie = EarliestKinTie(*s, a, w, During("2019-06-01", ""));
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->path, KinPath::kSpouse);
  EXPECT_EQ(std::max(tie->valid.from, Day("2019-06-01")), Day("2021-08-14"));
}

//   gp
//   |  ╲
//   p   uncle (stated sibling of p)
//   |     |
//   a   cousin          a ══ ex (divorced 2020)
TEST(ExtendedFamilyTest, HopsAndDates) {
  TinySnapshot t;
  const PersonIndex a = t.Person("a"), p = t.Person("p"), gp = t.Person("gp"),
                    uncle = t.Person("uncle"), cousin = t.Person("cousin"), ex = t.Person("ex"),
                    ex_brother = t.Person("ex_brother");
  t.Parent(gp, p);
  t.Parent(p, a);
  t.Sibling(p, uncle);
  t.Parent(uncle, cousin);
  t.Spouse(a, ex, During("2010-01-01", "2020-01-01"));
  t.Sibling(ex, ex_brother);
  auto s = t.Build();
  const Date d = Day("2023-01-01");

  auto as_pairs = [](const std::vector<Relative>& rs) {
    std::vector<std::pair<PersonIndex, int>> out;
    for (const Relative& r : rs) out.emplace_back(r.person, r.hops);
    return out;
  };
  using Pairs = std::vector<std::pair<PersonIndex, int>>;
  EXPECT_EQ(as_pairs(ExtendedFamily(*s, a, d, 1)), (Pairs{{p, 1}}));
  EXPECT_EQ(as_pairs(ExtendedFamily(*s, a, d, 2)), (Pairs{{p, 1}, {gp, 2}, {uncle, 2}}));
  EXPECT_EQ(as_pairs(ExtendedFamily(*s, a, d, 3)),
            (Pairs{{p, 1}, {gp, 2}, {uncle, 2}, {cousin, 3}}));
  // In 2015 the marriage held.
  EXPECT_EQ(as_pairs(ExtendedFamily(*s, a, Day("2015-01-01"), 2)),
            (Pairs{{p, 1}, {ex, 1}, {gp, 2}, {uncle, 2}, {ex_brother, 2}}));
  // Cousins and uncles are no legal kin.
  EXPECT_FALSE(ClosestKinTie(*s, a, cousin, d).has_value());
  EXPECT_FALSE(ClosestKinTie(*s, a, uncle, d).has_value());
}

}  // namespace
}  // namespace coigraph::graph
