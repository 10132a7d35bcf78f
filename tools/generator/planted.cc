// Planted conflicts and traps, one small self-contained scenario each.
//
// Every scenario builds its own little family (RegionWriter::NewPerson), so that the only
// tie between the two sides of its decision is the one it means; everyone else on the
// decision (the other members, the other bidders, the head of the post above) is a Fresh()
// background person. Each scenario writes its findings to expected.jsonl, with the date and
// the relation docs/rules.md gives them, or its keys to traps.jsonl when nothing may fire.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "tools/generator/region_world.h"

namespace coigraph::generator {

namespace {

using graph::Date;

constexpr Date kYear = 365;
Date Years(int n) { return n * kYear + n / 4; }

constexpr std::string_view kHireSubordination = "HIRE_SUBORDINATION";
constexpr std::string_view kHireChain = "HIRE_CHAIN";
constexpr std::string_view kHireAppointer = "HIRE_APPOINTER";
constexpr std::string_view kHireCommission = "HIRE_COMMISSION";
constexpr std::string_view kTenderCommission = "TENDER_COMMISSION";
constexpr std::string_view kTenderSignatory = "TENDER_SIGNATORY";
constexpr std::string_view kTenderAffiliated = "TENDER_AFFILIATED_BIDDERS";
constexpr std::string_view kTenderBlacklist = "TENDER_BLACKLIST_SUCCESSOR";
constexpr std::string_view kDisciplinary = "DISCIPLINARY_INTERESTED";
constexpr std::string_view kBonus = "BONUS_RELATIVE";

enum class SiblingStyle {
  kStated,        // a `sibling` row
  kSharedParent,  // derived: one parent row each from the same parent
  kHalf,          // derived: one shared parent, and a different other parent each
};

struct KinOptions {
  SiblingStyle sibling = SiblingStyle::kStated;
  bool adoptive = false;       // parent/child steps by adoption
  Date spouse_from = kAlways;  // kAlways: a wedding in the couple's early twenties
  Date spouse_to = kOpen;
};

// The kin path from the other end: B is A's `path` <=> A is B's InversePath(path).
std::string InversePath(std::string_view path) {
  std::vector<std::string_view> steps = Split(path, '.');
  std::reverse(steps.begin(), steps.end());
  std::string out;
  for (std::string_view s : steps) {
    if (!out.empty()) out.push_back('.');
    out.append(s == "parent" ? "child" : s == "child" ? "parent" : std::string(s));
  }
  return out;
}

enum class QueueMode {
  kNone,             // no queue number at all: never a queue jump
  kServedAhead,      // everyone ahead was served before the date
  kRemovedAhead,     // the one ahead was removed from the list on the date
  kRegisteredAfter,  // the one ahead registered after the date
  kJump,             // someone ahead waits unserved: a queue jump
  kJumpViaList,      // as kJump; the allocation has no queue_number, the list gives it
  kJumpServedLater,  // as kJump; the one ahead is served, but only after the date
};
bool IsJump(QueueMode m) {
  return m == QueueMode::kJump || m == QueueMode::kJumpViaList || m == QueueMode::kJumpServedLater;
}

class Planter {
 public:
  Planter(RegionWriter& w, const RegionWorld& world) : w_(w), rng_(w.rng()), world_(world) {}

  void Round() {
    HireSubordination();
    HireChain();
    HireAppointer();
    HireCommission();
    TenderCommission();
    TenderSignatory();
    TenderAffiliatedBidders();
    TenderBlacklistSuccessor();
    Allocations();
    Disciplinary();
    Bonuses();
  }

 private:
  // ---------------------------------------------------------------- persons and kin

  // The first person of a scenario's family, born so that everyone along `path` is born in
  // 1932..2002 and every couple on it can marry by ~2010.
  PersonRec Root(std::string_view path) {
    int offset = 0, min_off = 0, max_off = 0, hi = 1988;
    if (path != "self") {
      for (std::string_view step : Split(path, '.')) {
        const int before = offset;
        if (step == "parent") offset -= 28;
        if (step == "child") offset += 28;
        if (step == "sibling") offset += 3;
        if (step == "spouse") hi = std::min(hi, 1986 - std::max(before, offset));
        min_off = std::min(min_off, offset);
        max_off = std::max(max_off, offset);
      }
    }
    hi = std::min(hi, 2002 - max_off);
    const int lo = std::min(hi, std::max(1940, 1932 - min_off));
    return w_.NewPerson(rng_.Chance(0.5), w_.RandomDay(rng_.Between(lo, hi)));
  }

  // Creates the persons along `path` from `root` and returns the last one ("self": root).
  PersonRec Relative(const PersonRec& root, std::string_view path, const KinOptions& opt = {}) {
    if (path == "self") return root;
    PersonRec cur = root;
    for (std::string_view step : Split(path, '.')) {
      if (step == "parent") {
        PersonRec p = w_.NewPerson(rng_.Chance(0.5), cur.birth - Years(rng_.Between(26, 30)));
        if (opt.adoptive) {
          w_.AdoptiveParent(p, cur, cur.birth + rng_.Between(100, 900));
        } else {
          w_.Parent(p, cur);
        }
        cur = p;
      } else if (step == "child") {
        PersonRec k = w_.NewPerson(rng_.Chance(0.5), cur.birth + Years(rng_.Between(26, 30)),
                                   cur.male ? cur.surname : -1, cur.male ? &cur : nullptr);
        if (opt.adoptive) {
          w_.AdoptiveParent(cur, k, k.birth + rng_.Between(100, 900));
        } else {
          w_.Parent(cur, k);
        }
        cur = k;
      } else if (step == "spouse") {
        PersonRec s = w_.NewPerson(!cur.male, cur.birth + rng_.Between(-700, 700));
        const Date from = opt.spouse_from != kAlways
                              ? opt.spouse_from
                              : std::max(cur.birth, s.birth) + Years(21) + rng_.Between(0, 700);
        const bool flip = rng_.Chance(0.5);
        w_.Spouse(flip ? s : cur, flip ? cur : s, from, opt.spouse_to);
        cur = s;
      } else if (step == "sibling") {
        const Date birth = cur.birth + (rng_.Chance(0.5) ? 1 : -1) * Years(rng_.Between(2, 3));
        PersonRec b = w_.NewPerson(rng_.Chance(0.5), birth);
        if (opt.sibling == SiblingStyle::kStated) {
          if (rng_.Chance(0.5)) {
            w_.Sibling(cur, b);
          } else {
            w_.Sibling(b, cur);
          }
        } else {
          const PersonRec shared =
              w_.NewPerson(rng_.Chance(0.5), std::min(cur.birth, b.birth) - Years(27));
          w_.Parent(shared, cur);
          w_.Parent(shared, b);
          if (opt.sibling == SiblingStyle::kHalf) {
            w_.Parent(w_.NewPerson(!shared.male, shared.birth + 400), cur);
            w_.Parent(w_.NewPerson(!shared.male, shared.birth - 400), b);
          }
        }
        cur = b;
      }
    }
    return cur;
  }

  Date ScenarioDate() { return w_.RandomDay(Day(2016, 3, 1), Day(2023, 10, 1)); }
  const StateBody& AnyBody() {
    return world_.bodies[rng_.Below(static_cast<uint32_t>(world_.bodies.size()))];
  }
  const StateBody& AnyAkimat() {
    return world_.akimats[rng_.Below(static_cast<uint32_t>(world_.akimats.size()))];
  }

  void FreshMembers(std::string_view commission, int n) {
    for (int i = 0; i < n; ++i) w_.YearlySeats(commission, w_.Fresh(), i == 0 ? "chair" : "member");
  }

  // ---------------------------------------------------------------- companies

  // Ties `p` to a new company through `role` ("ie": p's individual entrepreneur) at the top
  // of `links` company-to-company ownership links; returns the company at the bottom.
  //
  //   p --role--> top --owner--> c1 --founder--> ... --> bottom     (links = 0: top = bottom)
  //
  // `sold`: p's role ends on that day and a Fresh() buyer takes it over.
  std::string Tied(const PersonRec& p, std::string_view role, int links, Date sold = kOpen) {
    const std::string region = AnyAkimat().region;
    std::string top;
    const Date since = w_.RandomDay(Day(2008, 1, 1), Day(2014, 1, 1));
    if (role == "ie") {
      top = w_.NewIndividualEntrepreneur(p, region);
    } else {
      top = w_.NewCompany(region);
      const double share = role == "founder"            ? (rng_.Chance(0.5) ? 100 : 60)
                           : role == "owner"            ? 100
                           : role == "beneficial_owner" ? 75
                                                        : -1;
      w_.PersonRole(top, role, p, share, since, sold);
      if (sold != kOpen) w_.PersonRole(top, role, w_.Fresh(), share, sold);
      if (role == "founder" && share < 100) w_.PersonRole(top, "founder", w_.Fresh(), 40, since);
    }
    std::string cur = top;
    for (int i = 0; i < links; ++i) {
      const std::string next = w_.NewCompany(region);
      w_.CompanyRole(next, i % 2 == 0 ? "owner" : "founder", cur, 100, since + 30 * (i + 1));
      cur = next;
    }
    if ((role != "director" || links > 0) && rng_.Chance(0.5)) {
      w_.PersonRole(cur, "director", w_.Fresh(), -1, since);
    }
    return cur;
  }

  // p directs a holding that owns the returned company: a director passes no tie down.
  std::string HoldingDirectedBy(const PersonRec& p) {
    const std::string region = AnyAkimat().region;
    const std::string holding = w_.NewCompany(region);
    w_.PersonRole(holding, "founder", w_.Fresh(), 100, Day(2010, 1, 1));
    w_.PersonRole(holding, "director", p, -1, Day(2010, 1, 1));
    const std::string company = w_.NewCompany(region);
    w_.CompanyRole(company, "owner", holding, 100, Day(2011, 1, 1));
    return company;
  }

  // A tender with its own commission (the given members plus two Fresh() ones), the given
  // bidders plus one or two background ones. `winner`: index into `bidders`, or -1 for a
  // background winner. The winner's contract is signed by a Fresh() person.
  struct TenderPlan {
    Date date = 0;
    std::vector<PersonRec> members;
    std::vector<Date> seat_end;  // per member; kOpen: seats all years
    std::vector<std::string> bidders;
    int winner = -1;
  };
  std::string PlantTender(const TenderPlan& plan) {
    const StateBody& customer = AnyBody();
    const std::string commission = w_.NewCommission(
        customer.bin, "tender", "Комиссия по государственным закупкам", Day(2014, 1, 1));
    FreshMembers(commission, 2);
    for (size_t i = 0; i < plan.members.size(); ++i) {
      w_.YearlySeats(commission, plan.members[i], "member", kFirstYear, kLastYear,
                     i < plan.seat_end.size() ? plan.seat_end[i] : kOpen);
    }
    const int64_t amount = 1'000'000 * rng_.Between(5, 300);
    const std::string tender =
        w_.NewTender(customer.bin, "open_tender", plan.date, commission, amount);
    std::vector<std::string> bidders = plan.bidders;
    const size_t want = bidders.size() + 1 + rng_.Below(2);
    while (bidders.size() < want) {
      const std::string& b =
          world_.bidders[rng_.Below(static_cast<uint32_t>(world_.bidders.size()))];
      if (std::find(bidders.begin(), bidders.end(), b) == bidders.end()) bidders.push_back(b);
    }
    const size_t winner = plan.winner >= 0 ? static_cast<size_t>(plan.winner) : plan.bidders.size();
    for (size_t i = 0; i < bidders.size(); ++i) {
      w_.Bid(tender, bidders[i], i == winner ? "won" : "lost", plan.date + rng_.Between(1, 15),
             amount - amount / 20 * rng_.Between(0, 4));
    }
    w_.NewContract(customer.bin, bidders[winner], plan.date + rng_.Between(25, 40), tender,
                   w_.Fresh().iin, amount);
    return tender;
  }

  // ---------------------------------------------------------------- hiring

  struct HireOrg {
    std::string bin;
    std::vector<std::string> posts;  // posts[0] is the head; posts[i] reports to posts[i - 1]
    std::string hiring;              // the selection commission, if asked for
  };
  HireOrg NewHireOrg(int depth, bool with_commission = false, Date commission_to = kOpen) {
    static constexpr std::string_view kTitles[] = {"Руководитель отдела",
                                                   "Заместитель руководителя", "Главный специалист",
                                                   "Ведущий специалист", "Специалист"};
    const StateBody& akimat = AnyAkimat();
    HireOrg o;
    o.bin = w_.NewOrganization(
        "state_body", Cat({"ГУ «Отдел жилищно-коммунального хозяйства» (", akimat.region, ")"}),
        akimat.bin, akimat.region);
    for (int i = 0; i < depth; ++i) {
      o.posts.push_back(
          w_.NewPosition(o.bin, kTitles[i], i == 0 ? std::string() : o.posts.back(), i == 0));
    }
    if (with_commission) {
      o.hiring =
          w_.NewCommission(o.bin, "hiring", "Конкурсная комиссия", Day(2014, 1, 1), commission_to);
      FreshMembers(o.hiring, 2);
    }
    return o;
  }
  void Fill(const HireOrg& o, size_t post, Date from = kAlways) {
    if (from == kAlways) from = w_.RandomDay(Day(2015, 1, 1), Day(2015, 12, 1));
    w_.Employ(w_.Fresh(), o.posts[post], from, kOpen);
  }
  Date Between(int y0, int y1) { return w_.RandomDay(Day(y0, 1, 1), Day(y1, 12, 1)); }

  void HireSubordination() {
    const std::string_view r = kHireSubordination;
    {  // spouse below; the later start is the date
      HireOrg o = NewHireOrg(2);
      const PersonRec u = Root("spouse");
      const PersonRec l = Relative(u, "spouse");
      const Date du = Between(2015, 2016), dl = Between(2018, 2020);
      w_.Employ(u, o.posts[0], du, kOpen);
      w_.Employ(l, o.posts[1], dl, kOpen);
      w_.Expect(r, o.posts[1], dl, u.iin, l.iin, "spouse");
    }
    {  // sibling by a shared parent in the middle of three levels; the upper post filled last
      HireOrg o = NewHireOrg(3);
      Fill(o, 0);
      const PersonRec u = Root("sibling");
      const PersonRec l = Relative(u, "sibling", {.sibling = SiblingStyle::kSharedParent});
      const Date dl = Between(2016, 2017), du = Between(2019, 2021);
      w_.Employ(u, o.posts[1], du, kOpen);
      w_.Employ(l, o.posts[2], dl, kOpen);
      w_.Expect(r, o.posts[2], du, u.iin, l.iin, "sibling");
    }
    {  // the tie begins while both already hold their posts: the date is the wedding
      HireOrg o = NewHireOrg(2);
      const PersonRec u = Root("spouse.sibling");
      const Date wedding = Between(2019, 2020);
      const PersonRec l = Relative(u, "spouse.sibling", {.spouse_from = wedding});
      w_.Employ(u, o.posts[0], Between(2015, 2016), kOpen);
      w_.Employ(l, o.posts[1], Between(2017, 2018), kOpen);
      w_.Expect(r, o.posts[1], wedding, u.iin, l.iin, "spouse.sibling");
    }
    {  // the lower holder (the upper's parent) has two stints: one finding, at the first
      HireOrg o = NewHireOrg(2);
      const PersonRec u = Root("parent");
      const PersonRec l = Relative(u, "parent");
      const Date a = Between(2016, 2016), b = a + 400, c = b + 700;
      w_.Employ(u, o.posts[0], Between(2015, 2015), kOpen);
      w_.Employ(l, o.posts[1], a, b);
      w_.Employ(l, o.posts[1], c, kOpen);
      w_.Expect(r, o.posts[1], a, u.iin, l.iin, "parent");
    }
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

  void HireChain() {
    const std::string_view r = kHireChain;
    {  // grandchild two levels below, a stranger in between
      HireOrg o = NewHireOrg(3);
      Fill(o, 1);
      const PersonRec u = Root("child.child");
      const PersonRec l = Relative(u, "child.child");
      const Date du = Between(2015, 2016), dl = Between(2018, 2021);
      w_.Employ(u, o.posts[0], du, kOpen);
      w_.Employ(l, o.posts[2], dl, kOpen);
      w_.Expect(r, o.posts[2], dl, u.iin, l.iin, "child.child");
    }
    {  // a half-sibling's spouse three levels below
      HireOrg o = NewHireOrg(4);
      Fill(o, 1);
      Fill(o, 2);
      const PersonRec u = Root("sibling.spouse");
      const PersonRec l = Relative(u, "sibling.spouse", {.sibling = SiblingStyle::kHalf});
      const Date du = Between(2015, 2017), dl = Between(2016, 2019);
      w_.Employ(u, o.posts[0], du, kOpen);
      w_.Employ(l, o.posts[3], dl, kOpen);
      w_.Expect(r, o.posts[3], std::max(du, dl), u.iin, l.iin, "sibling.spouse");
    }
    {  // the spouse's parent two levels below, the post between them vacant
      HireOrg o = NewHireOrg(3);
      const PersonRec u = Root("spouse.parent");
      const PersonRec l = Relative(u, "spouse.parent");
      const Date du = Between(2016, 2017), dl = Between(2015, 2015);
      w_.Employ(u, o.posts[0], du, kOpen);
      w_.Employ(l, o.posts[2], dl, kOpen);
      w_.Expect(r, o.posts[2], du, u.iin, l.iin, "spouse.parent");
    }
    {  // an adopted child two levels below; the upper post filled after the lower
      HireOrg o = NewHireOrg(3);
      Fill(o, 1);
      const PersonRec u = Root("child");
      const PersonRec l = Relative(u, "child", {.adoptive = true});
      const Date dl = Between(2016, 2016), du = Between(2018, 2020);
      w_.Employ(u, o.posts[0], du, kOpen);
      w_.Employ(l, o.posts[2], dl, kOpen);
      w_.Expect(r, o.posts[2], du, u.iin, l.iin, "child");
    }
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

  void HireAppointer() {
    const std::string_view r = kHireAppointer;
    {  // self-appointment
      HireOrg o = NewHireOrg(2);
      Fill(o, 0);
      const PersonRec e = Root("self");
      const Date d = Between(2016, 2022);
      w_.Employ(e, o.posts[1], d, kOpen, e.iin);
      w_.Expect(r, o.posts[1], d, e.iin, e.iin, "self");
    }
    {  // an appointer from outside the organization appoints the spouse's sibling
      HireOrg o = NewHireOrg(2);
      Fill(o, 0);
      const PersonRec a = Root("spouse.sibling");
      const PersonRec e = Relative(a, "spouse.sibling", {.sibling = SiblingStyle::kSharedParent});
      const Date d = Between(2016, 2022);
      w_.Employ(e, o.posts[1], d, kOpen, a.iin);
      w_.Expect(r, o.posts[1], d, a.iin, e.iin, "spouse.sibling");
    }
    {  // appoints a parent to a deep post
      HireOrg o = NewHireOrg(3);
      Fill(o, 0);
      Fill(o, 1);
      const PersonRec a = Root("parent");
      const PersonRec e = Relative(a, "parent");
      const Date d = Between(2016, 2022);
      w_.Employ(e, o.posts[2], d, kOpen, a.iin);
      w_.Expect(r, o.posts[2], d, a.iin, e.iin, "parent");
    }
    {  // the appointer is also the direct superior: an appointer and a subordination finding
      HireOrg o = NewHireOrg(2);
      const PersonRec a = Root("child");
      const PersonRec e = Relative(a, "child");
      const Date da = Between(2015, 2016), de = Between(2017, 2021);
      w_.Employ(a, o.posts[0], da, kOpen);
      w_.Employ(e, o.posts[1], de, kOpen, a.iin);
      w_.Expect(r, o.posts[1], de, a.iin, e.iin, "child");
      w_.Expect(kHireSubordination, o.posts[1], de, a.iin, e.iin, "child");
    }
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

  void HireCommission() {
    const std::string_view r = kHireCommission;
    {  // a member of the selection commission selected for a post
      HireOrg o = NewHireOrg(2, true);
      Fill(o, 0);
      const PersonRec m = Root("self");
      w_.YearlySeats(o.hiring, m, "member");
      const Date d = Between(2016, 2022);
      w_.Employ(m, o.posts[1], d, kOpen, {}, o.hiring);
      w_.Expect(r, o.posts[1], d, m.iin, m.iin, "self");
    }
    static constexpr std::string_view kPaths[] = {"sibling.spouse", "spouse.child",
                                                  "parent.parent"};
    for (std::string_view path : kPaths) {
      HireOrg o = NewHireOrg(3, true);
      Fill(o, 0);
      Fill(o, 1);
      const PersonRec m = Root(path);
      const PersonRec e = Relative(m, path);
      w_.YearlySeats(o.hiring, m, rng_.Chance(0.5) ? "secretary" : "expert");
      const Date d = Between(2016, 2022);
      w_.Employ(e, o.posts[2], d, kOpen, {}, o.hiring);
      w_.Expect(r, o.posts[2], d, m.iin, e.iin, path);
    }
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

  // ---------------------------------------------------------------- procurement

  void TenderCommission() {
    const std::string_view r = kTenderCommission;
    struct Case {
      std::string_view path;
      std::string_view role;  // as Tied(); "ie" shows as "owner"
      int links;
      SiblingStyle sibling;
    };
    static constexpr Case kCases[] = {
        {"self", "director", 0, SiblingStyle::kStated},
        {"spouse", "founder", 0, SiblingStyle::kStated},
        {"sibling", "founder", 3, SiblingStyle::kHalf},
        {"spouse.sibling", "owner", 5, SiblingStyle::kSharedParent},
        {"child", "ie", 0, SiblingStyle::kStated},
        {"parent.parent", "beneficial_owner", 0, SiblingStyle::kStated},
        {"sibling.spouse", "board_member", 0, SiblingStyle::kStated},
    };
    for (const Case& c : kCases) {
      const PersonRec m = Root(c.path);
      const PersonRec q = Relative(m, c.path, {.sibling = c.sibling});
      TenderPlan plan;
      plan.date = ScenarioDate();
      plan.members = {m};
      plan.bidders = {Tied(q, c.role, c.links)};
      plan.winner = rng_.Chance(0.5) ? 0 : -1;
      const std::string tender = PlantTender(plan);
      w_.Expect(r, tender, plan.date, m.iin, plan.bidders[0],
                Cat({c.path, ">", c.role == "ie" ? "owner" : c.role}));
    }
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

  void TenderSignatory() {
    const std::string_view r = kTenderSignatory;
    struct Case {
      std::string_view path;
      std::string_view role;
      int links;
      bool with_tender;
    };
    static constexpr Case kCases[] = {
        {"self", "founder", 0, false}, {"sibling", "director", 0, true},
        {"spouse", "ie", 0, false},    {"parent", "founder", 2, false},
        {"child", "ie", 1, true},      {"spouse.parent", "owner", 0, false},
    };
    for (const Case& c : kCases) {
      const PersonRec s = Root(c.path);
      const PersonRec q = Relative(s, c.path);
      const std::string supplier = Tied(q, c.role, c.links);
      const Date d = ScenarioDate();
      const StateBody& customer = AnyBody();
      std::string tender;
      if (c.with_tender) {
        // A single-source tender won by the supplier; its commission is all strangers.
        const std::string commission =
            w_.NewCommission(customer.bin, "tender", "Комиссия по закупкам", Day(2014, 1, 1));
        FreshMembers(commission, 2);
        tender = w_.NewTender(customer.bin, "single_source", d - 40, commission, 30'000'000);
        w_.Bid(tender, supplier, "won", d - 35, 29'000'000);
      }
      const std::string contract = w_.NewContract(customer.bin, supplier, d, tender, s.iin,
                                                  1'000'000 * rng_.Between(1, 500));
      w_.Expect(r, contract, d, s.iin, supplier,
                Cat({c.path, ">", c.role == "ie" ? "owner" : c.role}));
    }
    {  // trap: the parent sold the share before the signing
      const PersonRec s = Root("parent");
      const PersonRec q = Relative(s, "parent");
      const Date d = ScenarioDate();
      const std::string supplier = Tied(q, "founder", 0, d - rng_.Between(1, 100));
      const std::string contract =
          w_.NewContract(AnyBody().bin, supplier, d, {}, s.iin, 12'000'000);
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
      const PersonRec q =
          Relative(s, "spouse", {.spouse_from = Day(2006, 6, 6), .spouse_to = d - 1});
      const std::string supplier = Tied(q, "ie", 0);
      const std::string contract = w_.NewContract(AnyBody().bin, supplier, d, {}, s.iin, 9'000'000);
      w_.Trap(r, contract, s.iin, supplier, "divorced before the contract was signed");
    }
  }

  // Two bidders: p tied to x through role_p, q = p's `path` tied to y through role_q.
  void ExpectAffiliated(std::string_view tender, Date d, const std::string& x,
                        std::string_view role_p, std::string_view path, const std::string& y,
                        std::string_view role_q) {
    if (x < y) {
      w_.Expect(kTenderAffiliated, tender, d, x, y, Cat({role_p, "<", path, ">", role_q}));
    } else {
      w_.Expect(kTenderAffiliated, tender, d, y, x,
                Cat({role_q, "<", InversePath(path), ">", role_p}));
    }
  }
  void TrapAffiliated(std::string_view tender, const std::string& x, const std::string& y,
                      std::string_view why) {
    w_.Trap(kTenderAffiliated, tender, std::min(x, y), std::max(x, y), why);
  }

  void TenderAffiliatedBidders() {
    struct Case {
      std::string_view role_p;  // as Tied()
      int links_p;
      std::string_view path;
      std::string_view role_q;
      int links_q;
    };
    static constexpr Case kCases[] = {
        {"founder", 0, "self", "director", 0},  {"owner", 0, "sibling", "founder", 0},
        {"founder", 0, "spouse", "founder", 1}, {"ie", 0, "child", "founder", 0},
        {"founder", 2, "self", "director", 0},  {"beneficial_owner", 0, "spouse.parent", "ie", 0},
    };
    for (const Case& c : kCases) {
      const PersonRec p = Root(c.path);
      const PersonRec q = Relative(p, c.path, {.sibling = SiblingStyle::kSharedParent});
      const std::string x = Tied(p, c.role_p, c.links_p);
      const std::string y = Tied(q, c.role_q, c.links_q);
      TenderPlan plan;
      plan.date = ScenarioDate();
      plan.bidders = {x, y};
      plan.winner = static_cast<int>(rng_.Below(3)) - 1;
      const std::string tender = PlantTender(plan);
      ExpectAffiliated(tender, plan.date, x, c.role_p == "ie" ? "owner" : c.role_p, c.path, y,
                       c.role_q == "ie" ? "owner" : c.role_q);
    }
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

  void TenderBlacklistSuccessor() {
    const std::string_view r = kTenderBlacklist;
    struct Case {
      std::string_view role_w;  // p's role in the winner
      std::string_view path;
      std::string_view role_b;  // q's role in the blacklisted supplier
      int links_b;
    };
    static constexpr Case kCases[] = {
        {"founder", "self", "founder", 0}, {"founder", "spouse", "director", 0},
        {"ie", "sibling", "owner", 0},     {"beneficial_owner", "child", "founder", 1},
        {"owner", "parent", "ie", 0},
    };
    for (const Case& c : kCases) {
      const PersonRec p = Root(c.path);
      const PersonRec q = Relative(p, c.path);
      const std::string blacklisted = Tied(q, c.role_b, c.links_b);
      const std::string winner = Tied(p, c.role_w, 0);
      TenderPlan plan;
      plan.date = ScenarioDate();
      w_.Blacklist(blacklisted, plan.date - rng_.Between(1, 600),
                   rng_.Chance(0.3) ? kOpen : plan.date + rng_.Between(1, 600),
                   "Неисполнение договора");
      plan.bidders = {winner};
      plan.winner = 0;
      const std::string tender = PlantTender(plan);
      w_.Expect(r, tender, plan.date, winner, blacklisted,
                Cat({c.role_w == "ie" ? "owner" : c.role_w, "<", c.path, ">",
                     c.role_b == "ie" ? "owner" : c.role_b}));
    }
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

  // ---------------------------------------------------------------- decisions

  struct AllocationPlan {
    std::string_view kind;  // land, housing, other
    std::string_view path;
    bool approver = false;  // the official approves (else sits on the commission)
    Date seat_end = kOpen;  // the official's seats end here
    QueueMode queue = QueueMode::kNone;
    KinOptions kin = {};
    std::string_view trap = {};  // non-empty: nothing may fire, for this reason
    Date date = 0;
  };
  void PlantAllocation(AllocationPlan plan) {
    const std::string_view commission_rule = plan.kind == "land"      ? "LAND_COMMISSION"
                                             : plan.kind == "housing" ? "HOUSING_COMMISSION"
                                                                      : "COMMISSION_OTHER";
    const std::string_view jump_rule = plan.kind == "land"      ? "LAND_QUEUE_JUMP"
                                       : plan.kind == "housing" ? "HOUSING_QUEUE_JUMP"
                                                                : "";
    if (plan.date == 0) plan.date = ScenarioDate();
    const Date d = plan.date;
    const PersonRec o = Root(plan.path);
    const PersonRec recipient = Relative(o, plan.path, plan.kin);
    const StateBody& akimat = AnyAkimat();
    const std::string commission =
        w_.NewCommission(akimat.bin, plan.kind,
                         plan.kind == "land"      ? "Земельная комиссия"
                         : plan.kind == "housing" ? "Жилищная комиссия"
                                                  : "Комиссия по субсидиям");
    FreshMembers(commission, 2);
    std::string approver;
    if (plan.approver) {
      approver = o.iin;
    } else {
      w_.YearlySeats(commission, o, "member", kFirstYear, kLastYear, plan.seat_end);
      if (rng_.Chance(0.5)) approver = w_.Fresh().iin;
    }
    // The waiting list. `ahead` is the place in front of the recipient.
    int64_t queue = 0;
    const Date reg = d - Years(3);
    auto served_earlier = [&](int64_t place, Date when) {
      const PersonRec s = w_.Fresh();
      w_.WaitingEntry(commission, s, place, reg - 200 + static_cast<Date>(place));
      w_.NewAllocation(plan.kind, commission, s, when, place, {});
    };
    switch (plan.queue) {
      case QueueMode::kNone:
        w_.WaitingEntry(commission, w_.Bystander(), 1, reg);
        break;
      case QueueMode::kServedAhead:
        served_earlier(1, d - 300);
        served_earlier(2, d - 100);
        queue = 3;
        break;
      case QueueMode::kRemovedAhead:
        served_earlier(1, d - 200);
        w_.WaitingEntry(commission, w_.Bystander(), 2, reg - 100, d);
        queue = 3;
        break;
      case QueueMode::kRegisteredAfter:
        w_.WaitingEntry(commission, w_.Bystander(), 1, d + 1);
        queue = 2;
        break;
      case QueueMode::kJump:
      case QueueMode::kJumpViaList:
        w_.WaitingEntry(commission, w_.Bystander(), 1, reg - 100);
        w_.WaitingEntry(commission, w_.Bystander(), 2, reg - 50, d + 10);
        queue = 3;
        break;
      case QueueMode::kJumpServedLater: {
        const PersonRec later = w_.Fresh();
        w_.WaitingEntry(commission, later, 1, reg - 100);
        w_.NewAllocation(plan.kind, commission, later, d + 20, 1, {});
        queue = 2;
        break;
      }
    }
    if (queue > 0) {
      w_.WaitingEntry(commission, recipient, queue, reg);
      w_.WaitingEntry(commission, w_.Bystander(), queue + 1, reg + 5);
    }
    const std::string decision =
        w_.NewAllocation(plan.kind, commission, recipient, d,
                         plan.queue == QueueMode::kJumpViaList ? 0 : queue, approver);
    if (!plan.trap.empty()) {
      w_.Trap(commission_rule, decision, o.iin, recipient.iin, plan.trap);
      if (!jump_rule.empty() && queue > 0) {
        w_.Trap(jump_rule, decision, o.iin, recipient.iin, plan.trap);
      }
      return;
    }
    w_.Expect(commission_rule, decision, d, o.iin, recipient.iin, plan.path);
    if (IsJump(plan.queue)) {
      w_.Expect(jump_rule, decision, d, o.iin, recipient.iin, plan.path);
    } else if (queue > 0) {
      static constexpr std::string_view kWhy[] = {
          "", "everyone ahead in the queue was already served",
          "the one ahead was removed from the list on the date",
          "the one ahead registered after the date"};
      w_.Trap(jump_rule, decision, o.iin, recipient.iin, kWhy[static_cast<int>(plan.queue)]);
    }
  }

  void Allocations() {
    using Q = QueueMode;
    const KinOptions half{.sibling = SiblingStyle::kHalf};
    const KinOptions adoptive{.adoptive = true};
    // LAND_COMMISSION without a queue jump, and LAND_QUEUE_JUMP (always with LAND_COMMISSION).
    PlantAllocation({.kind = "land", .path = "self", .queue = Q::kNone});
    PlantAllocation({.kind = "land", .path = "spouse", .approver = true, .queue = Q::kServedAhead});
    PlantAllocation({.kind = "land", .path = "child.spouse", .queue = Q::kRemovedAhead});
    PlantAllocation({.kind = "land", .path = "sibling", .queue = Q::kRegisteredAfter, .kin = half});
    PlantAllocation({.kind = "land", .path = "parent.spouse", .queue = Q::kJump});
    PlantAllocation(
        {.kind = "land", .path = "spouse.parent", .approver = true, .queue = Q::kJumpViaList});
    PlantAllocation({.kind = "land", .path = "self", .queue = Q::kJumpServedLater});
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
    // HOUSING_COMMISSION and HOUSING_QUEUE_JUMP.
    PlantAllocation({.kind = "housing", .path = "child", .queue = Q::kNone, .kin = adoptive});
    PlantAllocation(
        {.kind = "housing", .path = "parent.parent", .approver = true, .queue = Q::kServedAhead});
    PlantAllocation({.kind = "housing", .path = "sibling.spouse", .queue = Q::kRemovedAhead});
    PlantAllocation({.kind = "housing", .path = "spouse.sibling", .queue = Q::kJump});
    PlantAllocation(
        {.kind = "housing", .path = "sibling", .approver = true, .queue = Q::kJumpViaList});
    PlantAllocation({.kind = "housing", .path = "spouse.child", .queue = Q::kJumpServedLater});
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
    // COMMISSION_OTHER.
    PlantAllocation(
        {.kind = "other", .path = "sibling", .kin = {.sibling = SiblingStyle::kSharedParent}});
    PlantAllocation({.kind = "other", .path = "self", .approver = true});
    PlantAllocation({.kind = "other", .path = "spouse.child"});
    PlantAllocation({.kind = "other", .path = "child.child", .approver = true});
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

  void Disciplinary() {
    const std::string_view r = kDisciplinary;
    struct Case {
      std::string_view path;
      bool investigator;     // else a member of the case's commission
      Date seat_end_offset;  // seats end this many days before the date (0: never)
      KinOptions kin;
      std::string_view trap;
    };
    const Case kCases[] = {
        {"self", true, 0, {}, {}},
        {"spouse", true, 0, {}, {}},
        {"sibling.spouse", false, 0, {}, {}},
        {"child.child", false, 0, {}, {}},
        {"spouse.parent", true, 0, {}, {}},
        {"sibling", false, 30, {}, "seat ended before the case was opened"},
        {"spouse",
         true,
         0,
         {.spouse_from = Day(2002, 2, 2), .spouse_to = Day(2015, 6, 1)},
         "divorced before the case was opened"},
        {"parent.sibling.child", true, 0, {}, "cousins (parent.sibling.child) are extended family"},
    };
    for (const Case& c : kCases) {
      const PersonRec o = Root(c.path);
      const PersonRec subject = Relative(o, c.path, c.kin);
      const Date d = ScenarioDate();
      const StateBody& body = AnyBody();
      std::string commission;
      if (!c.investigator || rng_.Chance(0.5)) {
        commission = w_.NewCommission(body.bin, "disciplinary", "Дисциплинарная комиссия");
        FreshMembers(commission, 2);
      }
      if (!c.investigator) {
        w_.YearlySeats(commission, o, "member", kFirstYear, kLastYear,
                       c.seat_end_offset > 0 ? d - c.seat_end_offset : kOpen);
      }
      const std::string investigator =
          c.investigator ? o.iin : (rng_.Chance(0.5) ? w_.Fresh().iin : std::string());
      const std::string id = w_.NewCase(subject, d, investigator, commission);
      if (c.trap.empty()) {
        w_.Expect(r, id, d, o.iin, subject.iin, c.path);
      } else {
        w_.Trap(r, id, o.iin, subject.iin, c.trap);
      }
    }
  }

  void Bonuses() {
    const std::string_view r = kBonus;
    struct Case {
      std::string_view path;
      KinOptions kin;
      std::string_view trap;
    };
    const Case kCases[] = {
        {"self", {}, {}},
        {"child", {}, {}},
        {"spouse.sibling", {.sibling = SiblingStyle::kHalf}, {}},
        {"parent", {.adoptive = true}, {}},
        {"sibling", {}, {}},
        {"spouse",
         {.spouse_from = Day(2001, 1, 1), .spouse_to = Day(2015, 12, 31)},
         "divorced before the bonus"},
        {"parent.sibling.child", {}, "cousins (parent.sibling.child) are extended family"},
        {"sibling.child", {}, "nephew (sibling.child) is extended family"},
    };
    for (const Case& c : kCases) {
      const PersonRec a = Root(c.path);
      const PersonRec recipient = Relative(a, c.path, c.kin);
      const Date d = ScenarioDate();
      const std::string id =
          w_.NewBonus(recipient, a.iin, AnyBody().bin, d, 100'000 * rng_.Between(1, 2000));
      if (c.trap.empty()) {
        w_.Expect(r, id, d, a.iin, recipient.iin, c.path);
      } else {
        w_.Trap(r, id, a.iin, recipient.iin, c.trap);
      }
    }
  }

  RegionWriter& w_;
  Rng& rng_;
  const RegionWorld& world_;
};

}  // namespace

void PlantConflicts(RegionWriter& w, const RegionSizes& sizes, const RegionWorld& world) {
  Planter planter(w, world);
  for (int i = 0; i < sizes.planted_rounds; ++i) planter.Round();
}

}  // namespace coigraph::generator
