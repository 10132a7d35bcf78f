// Planted traps: for every rule, look-alikes of its conflicts that must not fire (a divorce, an
// ended seat or share, cousins and uncles, a six-link chain, a holding's director, posts held at
// different times, a passed-over place removed or already served). Each is written to
// traps.jsonl with the reason.
#include <algorithm>
#include <string>
#include <string_view>

#include "tools/generator/planter.h"

namespace coigraph::generator::planting {

void Planter::HireSubordinationTraps() {
  const std::string_view r = kHireSubordination;
  {  // trap: divorced before the posts overlapped
    HireOrg o = NewHireOrg(2);
    const PersonRec u = Root("spouse");
    const PersonRec l =
        Relative(u, "spouse", {.spouse_from = Between(2004, 2006), .spouse_to = Day(2016, 6, 1)});
    w_.Employ(u, o.posts[0], Between(2017, 2017), kOpen);
    w_.Employ(l, o.posts[1], Between(2018, 2019), kOpen);
    w_.Trap(r, o.posts[1], u.iin, l.iin, "divorced before their posts overlapped");
  }
  {  // trap: siblings whose stints do not overlap (half-open intervals meet)
    HireOrg o = NewHireOrg(2);
    const PersonRec u = Root("sibling");
    const PersonRec l = Relative(u, "sibling");
    const Date e = Between(2017, 2018);
    w_.Employ(u, o.posts[0], Day(2015, 3, 1), e);
    Fill(o, 0, e + 30);
    w_.Employ(l, o.posts[1], e, kOpen);
    w_.Trap(r, o.posts[1], u.iin, l.iin, "employments do not overlap in time");
  }
  {  // trap: parent and child in two different organizations
    HireOrg a = NewHireOrg(2), b = NewHireOrg(2);
    Fill(a, 1);
    Fill(b, 0);
    const PersonRec u = Root("child");
    const PersonRec l = Relative(u, "child");
    w_.Employ(u, a.posts[0], Between(2015, 2017), kOpen);
    w_.Employ(l, b.posts[1], Between(2018, 2019), kOpen);
    w_.Trap(r, b.posts[1], u.iin, l.iin, "relative holds a post in another organization");
  }
  {  // trap: cousins
    HireOrg o = NewHireOrg(2);
    const PersonRec u = Root("parent.sibling.child");
    const PersonRec l = Relative(u, "parent.sibling.child");
    w_.Employ(u, o.posts[0], Between(2015, 2016), kOpen);
    w_.Employ(l, o.posts[1], Between(2017, 2019), kOpen);
    w_.Trap(r, o.posts[1], u.iin, l.iin, "cousins (parent.sibling.child) are extended family");
  }
}

void Planter::HireChainTraps() {
  const std::string_view r = kHireChain;
  {  // trap: cousins two levels apart
    HireOrg o = NewHireOrg(3);
    Fill(o, 1);
    const PersonRec u = Root("parent.sibling.child");
    const PersonRec l =
        Relative(u, "parent.sibling.child", {.sibling = SiblingStyle::kSharedParent});
    w_.Employ(u, o.posts[0], Between(2015, 2016), kOpen);
    w_.Employ(l, o.posts[2], Between(2017, 2019), kOpen);
    w_.Trap(r, o.posts[2], u.iin, l.iin, "cousins (parent.sibling.child) are extended family");
  }
  {  // trap: an uncle three levels below
    HireOrg o = NewHireOrg(4);
    Fill(o, 1);
    Fill(o, 2);
    const PersonRec u = Root("parent.sibling");
    const PersonRec l = Relative(u, "parent.sibling");
    w_.Employ(u, o.posts[0], Between(2015, 2016), kOpen);
    w_.Employ(l, o.posts[3], Between(2017, 2019), kOpen);
    w_.Trap(r, o.posts[3], u.iin, l.iin, "uncle (parent.sibling) is extended family");
  }
  {  // trap: grandparent and grandchild at different times
    HireOrg o = NewHireOrg(3);
    Fill(o, 1);
    const PersonRec u = Root("child.child");
    const PersonRec l = Relative(u, "child.child");
    const Date e = Between(2017, 2019);
    w_.Employ(u, o.posts[0], Day(2015, 2, 1), e);
    w_.Employ(l, o.posts[2], e + 1, kOpen);
    w_.Trap(r, o.posts[2], u.iin, l.iin, "employments do not overlap in time");
  }
  {  // trap: divorced
    HireOrg o = NewHireOrg(3);
    Fill(o, 1);
    const PersonRec u = Root("spouse");
    const PersonRec l =
        Relative(u, "spouse", {.spouse_from = Between(2003, 2006), .spouse_to = Day(2016, 1, 1)});
    w_.Employ(u, o.posts[0], Between(2016, 2017), kOpen);
    w_.Employ(l, o.posts[2], Between(2016, 2018), kOpen);
    w_.Trap(r, o.posts[2], u.iin, l.iin, "divorced before their posts overlapped");
  }
}

void Planter::HireAppointerTraps() {
  const std::string_view r = kHireAppointer;
  {  // trap: a cousin
    HireOrg o = NewHireOrg(2);
    Fill(o, 0);
    const PersonRec a = Root("parent.sibling.child");
    const PersonRec e = Relative(a, "parent.sibling.child");
    w_.Employ(e, o.posts[1], Between(2016, 2022), kOpen, a.iin);
    w_.Trap(r, o.posts[1], a.iin, e.iin, "cousins (parent.sibling.child) are extended family");
  }
  {  // trap: the ex-spouse, divorced before the appointment
    HireOrg o = NewHireOrg(2);
    Fill(o, 0);
    const PersonRec a = Root("spouse");
    const Date d = Between(2018, 2022);
    const PersonRec e =
        Relative(a, "spouse", {.spouse_from = Day(2005, 5, 5), .spouse_to = d - 200});
    w_.Employ(e, o.posts[1], d, kOpen, a.iin);
    w_.Trap(r, o.posts[1], a.iin, e.iin, "divorced before the appointment");
  }
}

void Planter::HireCommissionTraps() {
  const std::string_view r = kHireCommission;
  {  // trap: the member's seat ended on the day of the appointment
    HireOrg o = NewHireOrg(2, true);
    Fill(o, 0);
    const PersonRec m = Root("sibling");
    const PersonRec e = Relative(m, "sibling");
    const Date d = Between(2017, 2022);
    w_.YearlySeats(o.hiring, m, "member", kFirstYear, kLastYear, d);
    w_.Employ(e, o.posts[1], d, kOpen, {}, o.hiring);
    w_.Trap(r, o.posts[1], m.iin, e.iin, "seat ended before the appointment");
  }
  {  // trap: the commission itself was dissolved before the appointment
    const Date d = Between(2018, 2022);
    HireOrg o = NewHireOrg(2, true, d - 30);
    Fill(o, 0);
    const PersonRec m = Root("spouse");
    const PersonRec e = Relative(m, "spouse");
    w_.YearlySeats(o.hiring, m, "member");
    w_.Employ(e, o.posts[1], d, kOpen, {}, o.hiring);
    w_.Trap(r, o.posts[1], m.iin, e.iin, "commission dissolved before the appointment");
  }
  {  // trap: a cousin
    HireOrg o = NewHireOrg(2, true);
    Fill(o, 0);
    const PersonRec m = Root("parent.sibling.child");
    const PersonRec e = Relative(m, "parent.sibling.child");
    w_.YearlySeats(o.hiring, m, "member");
    w_.Employ(e, o.posts[1], Between(2016, 2022), kOpen, {}, o.hiring);
    w_.Trap(r, o.posts[1], m.iin, e.iin, "cousins (parent.sibling.child) are extended family");
  }
}

void Planter::TenderCommissionTraps() {
  const std::string_view r = kTenderCommission;
  {  // trap: six company links below the founder
    const PersonRec m = Root("spouse");
    const PersonRec q = Relative(m, "spouse");
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(q, "founder", 6)};
    const std::string tender = PlantTender(plan);
    w_.Trap(r, tender, m.iin, plan.bidders[0], "ownership chain six company links deep");
  }
  {  // trap: the sibling sold the share before the tender
    const PersonRec m = Root("sibling");
    const PersonRec q = Relative(m, "sibling");
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(q, "founder", 0, plan.date - rng_.Between(1, 300))};
    const std::string tender = PlantTender(plan);
    w_.Trap(r, tender, m.iin, plan.bidders[0], "share sold before the tender");
  }
  {  // trap: the spouse directs the holding that owns the bidder
    const PersonRec m = Root("spouse");
    const PersonRec q = Relative(m, "spouse");
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {HoldingDirectedBy(q)};
    const std::string tender = PlantTender(plan);
    w_.Trap(r, tender, m.iin, plan.bidders[0], "director of a holding: no tie to its companies");
  }
  {  // trap: the member's seat ended before the tender
    const PersonRec m = Root("child");
    const PersonRec q = Relative(m, "child");
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.seat_end = {plan.date - rng_.Between(1, 200)};
    plan.bidders = {Tied(q, "director", 0)};
    const std::string tender = PlantTender(plan);
    w_.Trap(r, tender, m.iin, plan.bidders[0], "seat ended before the tender");
  }
  {  // trap: a cousin founds the bidder
    const PersonRec m = Root("parent.sibling.child");
    const PersonRec q = Relative(m, "parent.sibling.child");
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(q, "founder", 1)};
    const std::string tender = PlantTender(plan);
    w_.Trap(r, tender, m.iin, plan.bidders[0],
            "cousins (parent.sibling.child) are extended family");
  }
  {  // trap: the ex-spouse directs the bidder
    const Date d = ScenarioDate();
    const PersonRec m = Root("spouse");
    const PersonRec q =
        Relative(m, "spouse", {.spouse_from = Day(2004, 4, 4), .spouse_to = d - 100});
    TenderPlan plan;
    plan.date = d;
    plan.members = {m};
    plan.bidders = {Tied(q, "director", 0)};
    const std::string tender = PlantTender(plan);
    w_.Trap(r, tender, m.iin, plan.bidders[0], "divorced before the tender");
  }
}

void Planter::TenderSignatoryTraps() {
  const std::string_view r = kTenderSignatory;
  {  // trap: the parent sold the share before the signing
    const PersonRec s = Root("parent");
    const PersonRec q = Relative(s, "parent");
    const Date d = ScenarioDate();
    const std::string supplier = Tied(q, "founder", 0, d - rng_.Between(1, 100));
    const std::string contract = w_.NewContract(AnyBody().bin, supplier, d, {}, s.iin, 12'000'000);
    w_.Trap(r, contract, s.iin, supplier, "share sold before the contract was signed");
  }
  {  // trap: a cousin's company
    const PersonRec s = Root("parent.sibling.child");
    const PersonRec q = Relative(s, "parent.sibling.child");
    const std::string supplier = Tied(q, "founder", 0);
    const std::string contract =
        w_.NewContract(AnyBody().bin, supplier, ScenarioDate(), {}, s.iin, 7'000'000);
    w_.Trap(r, contract, s.iin, supplier, "cousins (parent.sibling.child) are extended family");
  }
  {  // trap: the ex-spouse's entrepreneur
    const Date d = ScenarioDate();
    const PersonRec s = Root("spouse");
    const PersonRec q = Relative(s, "spouse", {.spouse_from = Day(2006, 6, 6), .spouse_to = d - 1});
    const std::string supplier = Tied(q, "ie", 0);
    const std::string contract = w_.NewContract(AnyBody().bin, supplier, d, {}, s.iin, 9'000'000);
    w_.Trap(r, contract, s.iin, supplier, "divorced before the contract was signed");
  }
}

void Planter::TenderAffiliatedBiddersTraps() {
  {  // trap: the sibling left the second bidder before the tender
    const PersonRec p = Root("sibling");
    const PersonRec q = Relative(p, "sibling");
    const Date d = ScenarioDate();
    const std::string x = Tied(p, "founder", 0);
    const std::string y = Tied(q, "owner", 0, d - rng_.Between(1, 200));
    TenderPlan plan;
    plan.date = d;
    plan.bidders = {x, y};
    TrapAffiliated(PlantTender(plan), x, y, "share sold before the tender");
  }
  {  // trap: cousins behind the two bidders
    const PersonRec p = Root("parent.sibling.child");
    const PersonRec q = Relative(p, "parent.sibling.child");
    const std::string x = Tied(p, "founder", 0), y = Tied(q, "founder", 0);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.bidders = {x, y};
    TrapAffiliated(PlantTender(plan), x, y, "cousins (parent.sibling.child) are extended family");
  }
  {  // trap: one founder, but six links above the second bidder
    const PersonRec p = Root("self");
    const std::string x = Tied(p, "director", 0), y = Tied(p, "founder", 6);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.bidders = {x, y};
    TrapAffiliated(PlantTender(plan), x, y, "ownership chain six company links deep");
  }
  {  // trap: the spouse directs the holding that owns the second bidder
    const PersonRec p = Root("spouse");
    const PersonRec q = Relative(p, "spouse");
    const std::string x = Tied(p, "founder", 0), y = HoldingDirectedBy(q);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.bidders = {x, y};
    TrapAffiliated(PlantTender(plan), x, y, "director of a holding: no tie to its companies");
  }
}

void Planter::TenderBlacklistSuccessorTraps() {
  const std::string_view r = kTenderBlacklist;
  {  // trap: the blacklisting had ended before the tender
    const PersonRec p = Root("self");
    const std::string blacklisted = Tied(p, "founder", 0), winner = Tied(p, "director", 0);
    TenderPlan plan;
    plan.date = ScenarioDate();
    w_.Blacklist(blacklisted, plan.date - 900, plan.date - rng_.Between(0, 100),
                 "Неисполнение договора");
    plan.bidders = {winner};
    plan.winner = 0;
    w_.Trap(r, PlantTender(plan), winner, blacklisted, "blacklisting ended before the tender");
  }
  {  // trap: the successor only bid and lost
    const PersonRec p = Root("sibling");
    const PersonRec q = Relative(p, "sibling");
    const std::string blacklisted = Tied(q, "founder", 0), loser = Tied(p, "founder", 0);
    TenderPlan plan;
    plan.date = ScenarioDate();
    w_.Blacklist(blacklisted, plan.date - 300, kOpen, "Поставка некачественного товара");
    plan.bidders = {loser};
    plan.winner = -1;
    w_.Trap(r, PlantTender(plan), loser, blacklisted, "the related bidder lost the tender");
  }
  {  // trap: a cousin's company wins
    const PersonRec p = Root("parent.sibling.child");
    const PersonRec q = Relative(p, "parent.sibling.child");
    const std::string blacklisted = Tied(q, "founder", 0), winner = Tied(p, "founder", 0);
    TenderPlan plan;
    plan.date = ScenarioDate();
    w_.Blacklist(blacklisted, plan.date - 300, plan.date + 300, "Неисполнение договора");
    plan.bidders = {winner};
    plan.winner = 0;
    w_.Trap(r, PlantTender(plan), winner, blacklisted,
            "cousins (parent.sibling.child) are extended family");
  }
}

void Planter::UndeclaredTieTraps() {
  const Date born = w_.RandomDay(rng_.Between(1965, 1990));
  {  // trap: siblings declared through their father's rows: a finding, not a hint
    const PersonRec father =
        w_.NewNamedPerson(true, born - Years(28), "Жақыпов", "Серік", "Ахметұлы");
    const PersonRec m = w_.NewNamedPerson(true, born, "Жақыпов", "Ерлан", "Серікұлы");
    const PersonRec q =
        w_.NewNamedPerson(false, born + Years(3), "Джакупова", "Айгуль", "Сериковна");
    w_.Parent(father, m);
    w_.Parent(father, q);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(q, "founder", 0)};
    plan.winner = rng_.Chance(0.5) ? 0 : -1;
    const std::string tender = PlantTender(plan);
    w_.Expect(kTenderCommission, tender, plan.date, m.iin, plan.bidders[0], "sibling>founder");
    w_.PlantedHint(true, tender, m.iin, plan.bidders[0], "founder", q.iin,
                   "siblings with their father's rows: a finding, not a hint");
  }
  {  // trap: a spouse registered at the member's address directs a bidder
    const PersonRec m = Root("spouse");
    const PersonRec s = Relative(m, "spouse");
    const std::string address = w_.NewAddress(AnyAkimat().region);
    w_.Residence(m, address, Day(2012, 1, 1));
    w_.Residence(s, address, Day(2012, 1, 1));
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(s, "director", 0)};
    plan.winner = rng_.Chance(0.5) ? 0 : -1;
    const std::string tender = PlantTender(plan);
    w_.Expect(kTenderCommission, tender, plan.date, m.iin, plan.bidders[0], "spouse>director");
    w_.PlantedHint(true, tender, m.iin, plan.bidders[0], "director", s.iin,
                   "a declared spouse at the same address");
  }
  {  // trap: the bid filed by the member's declared brother (a stated sibling row)
    const PersonRec m = w_.NewNamedPerson(true, born, "Қасымов", "Асқар", "Бауыржанұлы");
    const PersonRec b =
        w_.NewNamedPerson(true, born - Years(2), "Касымов", "Олжас", "Бауыржанович");
    w_.Sibling(m, b);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {world_.bidders[rng_.Below(static_cast<uint32_t>(world_.bidders.size()))]};
    plan.filed_by = {"КАСЫМОВ ОЛЖАС БАУЫРЖАНОВИЧ"};
    plan.winner = -1;
    const std::string tender = PlantTender(plan);
    w_.PlantedHint(true, tender, m.iin, plan.bidders[0], "bid_filer", plan.filed_by[0],
                   "the filer's name is the member's declared brother's");
  }
  {  // trap: one surname, fathers of other names (Нурлан, Нуржан)
    const PersonRec m = w_.NewNamedPerson(true, born, "Ахметов", "Ерлан", "Нурланович");
    const PersonRec q =
        w_.NewNamedPerson(false, born + Years(2), "Ахметова", "Айгуль", "Нуржановна");
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(q, "founder", 0)};
    plan.winner = rng_.Chance(0.5) ? 0 : -1;
    const std::string tender = PlantTender(plan);
    w_.PlantedHint(true, tender, m.iin, plan.bidders[0], "founder", q.iin,
                   "one surname, patronymics of two names (Нурлан, Нуржан)");
  }
}

void Planter::LandAllocationTraps() {
  using Q = QueueMode;
  {
    const Date d = ScenarioDate();
    PlantAllocation({.kind = "land",
                     .path = "spouse",
                     .seat_end = d - 10,
                     .queue = Q::kJump,
                     .trap = "seat ended before the decision",
                     .date = d});
  }
  PlantAllocation({.kind = "land",
                   .path = "parent.sibling.child",
                   .queue = Q::kJump,
                   .trap = "cousins (parent.sibling.child) are extended family"});
  {
    const Date d = ScenarioDate();
    PlantAllocation({.kind = "land",
                     .path = "spouse",
                     .approver = true,
                     .queue = Q::kJump,
                     .kin = {.spouse_from = Day(2003, 3, 3), .spouse_to = d - 5},
                     .trap = "divorced before the decision",
                     .date = d});
  }
}

void Planter::HousingAllocationTraps() {
  using Q = QueueMode;
  {
    const Date d = ScenarioDate();
    PlantAllocation({.kind = "housing",
                     .path = "child",
                     .seat_end = d,
                     .queue = Q::kJump,
                     .trap = "seat ended before the decision",
                     .date = d});
  }
  PlantAllocation({.kind = "housing",
                   .path = "parent.sibling",
                   .queue = Q::kJump,
                   .trap = "uncle (parent.sibling) is extended family"});
  PlantAllocation({.kind = "housing",
                   .path = "parent.spouse.child",
                   .approver = true,
                   .queue = Q::kJump,
                   .trap = "step-sibling (parent.spouse.child) is extended family"});
}

void Planter::OtherAllocationTraps() {
  {
    const Date d = ScenarioDate();
    PlantAllocation({.kind = "other",
                     .path = "parent",
                     .seat_end = d - 1,
                     .trap = "seat ended before the decision",
                     .date = d});
  }
  PlantAllocation({.kind = "other",
                   .path = "parent.sibling.child",
                   .approver = true,
                   .trap = "cousins (parent.sibling.child) are extended family"});
}

void Planter::DisciplinaryTraps() {
  const DisciplinaryCase kCases[] = {
      {"sibling", false, 30, {}, "seat ended before the case was opened"},
      {"spouse",
       true,
       0,
       {.spouse_from = Day(2002, 2, 2), .spouse_to = Day(2015, 6, 1)},
       "divorced before the case was opened"},
      {"parent.sibling.child", true, 0, {}, "cousins (parent.sibling.child) are extended family"},
  };
  for (const DisciplinaryCase& c : kCases) PlantDisciplinary(c);
}

void Planter::BonusTraps() {
  const BonusCase kCases[] = {
      {"spouse",
       {.spouse_from = Day(2001, 1, 1), .spouse_to = Day(2015, 12, 31)},
       "divorced before the bonus"},
      {"parent.sibling.child", {}, "cousins (parent.sibling.child) are extended family"},
      {"sibling.child", {}, "nephew (sibling.child) is extended family"},
  };
  for (const BonusCase& c : kCases) PlantBonus(c);
}

}  // namespace coigraph::generator::planting
