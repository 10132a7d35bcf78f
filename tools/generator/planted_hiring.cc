// Planted hiring conflicts: HIRE_SUBORDINATION, HIRE_CHAIN, HIRE_APPOINTER, HIRE_COMMISSION
// (their traps: planted_traps.cc).
#include <algorithm>
#include <string>
#include <string_view>

#include "tools/generator/planter.h"

namespace coigraph::generator::planting {

Planter::HireOrg Planter::NewHireOrg(int depth, bool with_commission, Date commission_to) {
  static constexpr std::string_view kTitles[] = {"Руководитель отдела", "Заместитель руководителя",
                                                 "Главный специалист", "Ведущий специалист",
                                                 "Специалист"};
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

void Planter::Fill(const HireOrg& o, size_t post, Date from) {
  if (from == kAlways) from = w_.RandomDay(Day(2015, 1, 1), Day(2015, 12, 1));
  w_.Employ(w_.Fresh(), o.posts[post], from, kOpen);
}

Date Planter::Between(int y0, int y1) { return w_.RandomDay(Day(y0, 1, 1), Day(y1, 12, 1)); }

void Planter::HireSubordination() {
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
}

void Planter::HireChain() {
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
}

void Planter::HireAppointer() {
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
}

void Planter::HireCommission() {
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
  static constexpr std::string_view kPaths[] = {"sibling.spouse", "spouse.child", "parent.parent"};
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
}

}  // namespace coigraph::generator::planting
