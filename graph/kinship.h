// Legal kinship (docs/rules.md, "Kinship") between persons, judged on a date.
//
// The legal kin of A are the persons reached by at most two primitive steps, read from A:
//
//        parent.parent            spouse.parent
//             |                        |
//          parent ── parent.spouse   spouse ── spouse.sibling, spouse.child
//             |                        |
//   sibling ─ A ──────────────────── (spouse)
//      |      |
//   sibling.spouse  child ── child.spouse
//                   |
//                child.child
//
// Siblings are stated (`sibling` rows) or derived from a parent both share on the date.
// Closeness (KinPathRank) orders paths: self < spouse < parent < child < sibling < grandparent
// < grandchild < the in-law paths.
//
// Example:
//   std::optional<KinTie> t = ClosestKinTie(snapshot, a, b, date);  // t->path == kSpouseSibling
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/snapshot.h"

namespace coigraph::graph {

// In closeness order (smaller = closer).
enum class KinPath : uint8_t {
  kSelf,
  kSpouse,
  kParent,
  kChild,
  kSibling,
  kGrandparent,    // parent.parent
  kGrandchild,     // child.child
  kSpouseParent,   // spouse.parent
  kSpouseSibling,  // spouse.sibling
  kSpouseChild,    // spouse.child
  kChildSpouse,    // child.spouse
  kSiblingSpouse,  // sibling.spouse
  kParentSpouse,   // parent.spouse
};
inline constexpr int kKinPathCount = 13;

std::string_view Name(KinPath path);  // "spouse.sibling", "self", ...
// 5 for self, 4 spouse/parent/child, 3 sibling, 2 grandparent/grandchild, 1 in-law.
int Closeness(KinPath path);

// One kinship tie from A to B: the path kind, the persons on it (A, intermediate, B) and the
// interval on which all its facts hold.
struct KinTie {
  PersonIndex person = kNone;  // B
  KinPath path = KinPath::kSelf;
  // A, then the intermediate person (if two steps), then B.
  std::vector<PersonIndex> via;
  // For each step, the parent a derived sibling step went through (kNone when stated/other).
  std::vector<PersonIndex> sibling_via_parent;
  Interval valid;
};

// The legal kin of `a` on `d` (not `a` itself), each with its closest path; sorted by person.
std::vector<KinTie> LegalKin(const Snapshot& s, PersonIndex a, Date d);

// The closest legal tie from `a` to `b` on `d`: kSelf when a == b; nullopt when none.
std::optional<KinTie> ClosestKinTie(const Snapshot& s, PersonIndex a, PersonIndex b, Date d);

// Every legal kinship path from `a` (whatever the date), each with the interval on which it
// holds. Used to find the first day of a tie in a window.
std::vector<KinTie> AllKinPaths(const Snapshot& s, PersonIndex a);

// The first day in `window` on which `a` and `b` are legal kin (a != b), with the closest tie
// on that day; nullopt when they never are within the window.
std::optional<KinTie> EarliestKinTie(const Snapshot& s, PersonIndex a, PersonIndex b,
                                     Interval window);

// Whether `a` and `b` (a != b) are legal kin on some day. Like ClosestKinTie and
// EarliestKinTie, it looks only at the paths between the two: its cost does not grow with the
// number of a's siblings (one parent's children can be a registry's whole "unknown parent").
bool EverKin(const Snapshot& s, PersonIndex a, PersonIndex b);

// A person who shares a parent with `p`: both are children of `parent` on `valid`, the
// interval on which both parent facts hold (never empty).
//
//        parent
//        /    \.
//       p      person   (sibling, derived)
struct DerivedSibling {
  PersonIndex person = kNone;
  PersonIndex parent = kNone;
  Interval valid;
};

// Calls fn(const DerivedSibling&) for every other child of every parent of `p` whose two parent
// facts, and the interval on which both hold, pass ok(const Interval&). The one place siblings
// are derived (kinship here, paths.h, export.h). A sibling through two parents comes once per
// parent, in the order of p's ties, then the parent's ties (callers that keep the first of equal
// ties rely on it); a stated sibling may come too.
template <typename Ok, typename F>
void ForEachDerivedSiblingIf(const Snapshot& s, PersonIndex p, const Ok& ok, F&& fn) {
  for (const Tie& up : s.Ties(s.PersonVertex(p))) {
    if (up.kind != TieKind::kParent || !ok(up.valid)) continue;
    for (const Tie& down : s.Ties(up.target)) {
      if (down.kind != TieKind::kChild || down.target == s.PersonVertex(p) || !ok(down.valid)) {
        continue;
      }
      const Interval both = up.valid.Intersect(down.valid);
      if (!both.Empty() && ok(both)) {
        fn(DerivedSibling{s.PersonOf(down.target), s.PersonOf(up.target), both});
      }
    }
  }
}

// The derived siblings of `p` on `d`: both parent facts hold on `d`.
template <typename F>
void ForEachDerivedSibling(const Snapshot& s, PersonIndex p, Date d, F&& fn) {
  ForEachDerivedSiblingIf(
      s, p, [d](const Interval& v) { return v.Contains(d); }, std::forward<F>(fn));
}

// The extended family of `a` on `d`: every person within `max_hops` kinship steps (parent,
// child, spouse, stated sibling), with its hop count; sorted by hops then person.
struct Relative {
  PersonIndex person = kNone;
  int hops = 0;
};
std::vector<Relative> ExtendedFamily(const Snapshot& s, PersonIndex a, Date d, int max_hops);

}  // namespace coigraph::graph
