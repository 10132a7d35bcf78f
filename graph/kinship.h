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

// The extended family of `a` on `d`: every person within `max_hops` kinship steps (parent,
// child, spouse, stated sibling), with its hop count; sorted by hops then person.
struct Relative {
  PersonIndex person = kNone;
  int hops = 0;
};
std::vector<Relative> ExtendedFamily(const Snapshot& s, PersonIndex a, Date d, int max_hops);

}  // namespace coigraph::graph
