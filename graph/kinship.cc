#include "graph/kinship.h"

#include <algorithm>
#include <deque>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"

namespace coigraph::graph {

namespace {

constexpr std::string_view kKinPathNames[kKinPathCount] = {
    "self",          "spouse",         "parent",        "child",          "sibling",
    "parent.parent", "child.child",    "spouse.parent", "spouse.sibling", "spouse.child",
    "child.spouse",  "sibling.spouse", "parent.spouse"};

// One primitive step out of a person.
enum class Step : uint8_t { kParent, kChild, kSpouse, kSibling };

// The path kind of one or two steps; nullopt for a two-step path that is not legal kinship.
std::optional<KinPath> PathOf(Step first) {
  switch (first) {
    case Step::kParent:
      return KinPath::kParent;
    case Step::kChild:
      return KinPath::kChild;
    case Step::kSpouse:
      return KinPath::kSpouse;
    case Step::kSibling:
      return KinPath::kSibling;
  }
  return std::nullopt;
}

std::optional<KinPath> PathOf(Step first, Step second) {
  switch (first) {
    case Step::kParent:
      if (second == Step::kParent) return KinPath::kGrandparent;
      if (second == Step::kSpouse) return KinPath::kParentSpouse;
      return std::nullopt;
    case Step::kChild:
      if (second == Step::kChild) return KinPath::kGrandchild;
      if (second == Step::kSpouse) return KinPath::kChildSpouse;
      return std::nullopt;
    case Step::kSpouse:
      if (second == Step::kParent) return KinPath::kSpouseParent;
      if (second == Step::kSibling) return KinPath::kSpouseSibling;
      if (second == Step::kChild) return KinPath::kSpouseChild;
      return std::nullopt;
    case Step::kSibling:
      if (second == Step::kSpouse) return KinPath::kSiblingSpouse;
      return std::nullopt;
  }
  return std::nullopt;
}

struct Neighbor {
  PersonIndex person;
  Interval valid;
  PersonIndex via_parent;  // a derived sibling's shared parent, else kNone
};

// Calls f(Neighbor) for every step of kind `step` out of `p` whose facts pass `ok` and whose
// interval is not empty. Siblings include the ones derived from a shared parent (stated first).
template <typename Ok, typename F>
void ForEachStep(const Snapshot& s, PersonIndex p, Step step, const Ok& ok, const F& f) {
  const TieKind kind = step == Step::kParent   ? TieKind::kParent
                       : step == Step::kChild  ? TieKind::kChild
                       : step == Step::kSpouse ? TieKind::kSpouse
                                               : TieKind::kSibling;
  const VertexId v = s.PersonVertex(p);
  for (const Tie& t : s.Ties(v)) {
    if (t.kind == kind && ok(t.valid) && t.target != v) {
      f(Neighbor{s.PersonOf(t.target), t.valid, kNone});
    }
  }
  if (step != Step::kSibling) return;
  ForEachDerivedSiblingIf(s, p, ok, [&](const DerivedSibling& d) {
    f(Neighbor{d.person, d.valid, d.parent});
  });
}

constexpr Step kSteps[] = {Step::kSpouse, Step::kParent, Step::kChild, Step::kSibling};

// Calls visit(KinTie&&) for every legal kinship path out of `a` whose facts pass `ok`.
template <typename Ok, typename Visit>
void EnumerateKin(const Snapshot& s, PersonIndex a, const Ok& ok, const Visit& visit) {
  for (Step first : kSteps) {
    ForEachStep(s, a, first, ok, [&](const Neighbor& n1) {
      visit(KinTie{n1.person, *PathOf(first), {a, n1.person}, {n1.via_parent}, n1.valid});
      for (Step second : kSteps) {
        const std::optional<KinPath> path = PathOf(first, second);
        if (!path) continue;
        ForEachStep(s, n1.person, second, ok, [&](const Neighbor& n2) {
          if (n2.person == a) return;
          const Interval both = n1.valid.Intersect(n2.valid);
          if (both.Empty() || !ok(both)) return;
          visit(KinTie{
              n2.person, *path, {a, n1.person, n2.person}, {n1.via_parent, n2.via_parent}, both});
        });
      }
    });
  }
}

// The facts of one step x -step-> y (y is x's parent, child, spouse or sibling), each as a
// Neighbor{y, ...}, in the order EnumerateKin meets them. Every fact is a tie both ways (x's
// parent tie is y's child tie, with the same interval, in the same order among the pair's
// facts), so the shorter of the two tie lists is read: a parent with 100,000 children (a
// registry's placeholder for "unknown") costs nothing when the other person is anyone else.
template <typename Ok, typename F>
void ForEachStepTo(const Snapshot& s, PersonIndex x, Step step, PersonIndex y, const Ok& ok,
                   const F& f) {
  if (x == y) return;
  const auto x_ties = s.Ties(s.PersonVertex(x)), y_ties = s.Ties(s.PersonVertex(y));
  const bool from_x = x_ties.size() <= y_ties.size();
  TieKind kind = step == Step::kParent   ? TieKind::kParent
                 : step == Step::kChild  ? TieKind::kChild
                 : step == Step::kSpouse ? TieKind::kSpouse
                                         : TieKind::kSibling;
  if (!from_x && kind == TieKind::kParent) {
    kind = TieKind::kChild;
  } else if (!from_x && kind == TieKind::kChild) {
    kind = TieKind::kParent;
  }
  const VertexId other = s.PersonVertex(from_x ? y : x);
  for (const Tie& t : from_x ? x_ties : y_ties) {
    if (t.kind == kind && t.target == other && ok(t.valid)) f(Neighbor{y, t.valid, kNone});
  }
  if (step != Step::kSibling) return;
  // Derived: a parent of x (in x's order) who is a parent of y, as ForEachDerivedSiblingIf.
  for (const Tie& up : x_ties) {
    if (up.kind != TieKind::kParent || !ok(up.valid)) continue;
    for (const Tie& down : y_ties) {
      if (down.kind != TieKind::kParent || down.target != up.target || !ok(down.valid)) continue;
      const Interval both = up.valid.Intersect(down.valid);
      if (!both.Empty() && ok(both)) f(Neighbor{y, both, s.PersonOf(up.target)});
    }
  }
}

// The persons one step of `kind` (parent or spouse) away from `p`, in p's order, once each.
using Persons = absl::InlinedVector<PersonIndex, 4>;
Persons StepTargets(const Snapshot& s, PersonIndex p, TieKind kind) {
  Persons out;
  for (const Tie& t : s.Ties(s.PersonVertex(p))) {
    const PersonIndex q = s.PersonOf(t.target);
    if (t.kind == kind && q != p && std::find(out.begin(), out.end(), q) == out.end()) {
      out.push_back(q);
    }
  }
  return out;
}

// The intermediate persons of the two-step paths from a to b (see EnumerateKinBetween), each
// list read once when first asked for.
class Middles {
 public:
  Middles(const Snapshot& s, PersonIndex a, PersonIndex b) : s_(s), a_(a), b_(b) {}
  const Persons& operator()(Step first, Step second) {
    if (first == Step::kParent) return Get(a_parents_, a_, TieKind::kParent);
    if (first == Step::kSpouse) return Get(a_spouses_, a_, TieKind::kSpouse);
    if (second == Step::kChild) return Get(b_parents_, b_, TieKind::kParent);
    return Get(b_spouses_, b_, TieKind::kSpouse);  // child.spouse, sibling.spouse
  }

 private:
  const Persons& Get(std::optional<Persons>& cache, PersonIndex p, TieKind kind) {
    if (!cache) cache = StepTargets(s_, p, kind);
    return *cache;
  }
  const Snapshot& s_;
  PersonIndex a_, b_;
  std::optional<Persons> a_parents_, a_spouses_, b_parents_, b_spouses_;
};

// Whether some legal kinship path joins `a` to `b` (a != b) with facts that pass `ok`: the
// paths of EnumerateKinBetween, without building any, stopping at the first.
template <typename Ok>
bool AnyKinPathBetween(const Snapshot& s, PersonIndex a, PersonIndex b, const Ok& ok) {
  bool any = false;
  for (Step first : kSteps) {
    ForEachStepTo(s, a, first, b, ok, [&](const Neighbor&) { any = true; });
    if (any) return true;
  }
  Middles middles(s, a, b);
  for (Step first : kSteps) {
    for (Step second : kSteps) {
      if (!PathOf(first, second)) continue;
      for (PersonIndex m : middles(first, second)) {
        if (m == a || m == b) continue;
        ForEachStepTo(s, a, first, m, ok, [&](const Neighbor& n1) {
          ForEachStepTo(s, m, second, b, ok, [&](const Neighbor& n2) {
            const Interval both = n1.valid.Intersect(n2.valid);
            if (!both.Empty() && ok(both)) any = true;
          });
        });
        if (any) return true;
      }
    }
  }
  return false;
}

// Calls visit(KinTie&&) for every legal kinship path from `a` to `b` (a != b) whose facts pass
// `ok`: the paths EnumerateKin(a) gives that end at b, without walking all of a's kin. The
// intermediate person of a two-step path is always found among the parents or spouses of a or
// b, which are few for anyone:
//
//   parent.parent, parent.spouse         a's parents
//   spouse.parent/.sibling/.child        a's spouses
//   child.child                          b's parents
//   child.spouse, sibling.spouse         b's spouses
template <typename Ok, typename Visit>
void EnumerateKinBetween(const Snapshot& s, PersonIndex a, PersonIndex b, const Ok& ok,
                         const Visit& visit) {
  Middles middles(s, a, b);
  for (Step first : kSteps) {
    ForEachStepTo(s, a, first, b, ok, [&](const Neighbor& n1) {
      visit(KinTie{b, *PathOf(first), {a, b}, {n1.via_parent}, n1.valid});
    });
    for (Step second : kSteps) {
      const std::optional<KinPath> path = PathOf(first, second);
      if (!path) continue;
      // Middles taken from b's side come in b's order, not in the order EnumerateKin meets them
      // from a, which picks among paths of one kind. Two or more of them (b's two parents both
      // a's children; b married to two of a's siblings) are rare: then that kind is walked from
      // a, as EnumerateKin does.
      const bool from_b = first == Step::kChild || first == Step::kSibling;
      std::vector<KinTie> found;
      PersonIndex first_middle = kNone;
      bool several_middles = false;
      for (PersonIndex m : middles(first, second)) {
        if (m == a || m == b) continue;
        ForEachStepTo(s, a, first, m, ok, [&](const Neighbor& n1) {
          ForEachStepTo(s, m, second, b, ok, [&](const Neighbor& n2) {
            const Interval both = n1.valid.Intersect(n2.valid);
            if (both.Empty() || !ok(both)) return;
            if (first_middle == kNone) first_middle = m;
            several_middles = several_middles || m != first_middle;
            found.push_back(KinTie{b, *path, {a, m, b}, {n1.via_parent, n2.via_parent}, both});
          });
        });
      }
      if (!from_b || !several_middles) {
        for (KinTie& t : found) visit(std::move(t));
        continue;
      }
      ForEachStep(s, a, first, ok, [&](const Neighbor& n1) {
        ForEachStep(s, n1.person, second, ok, [&](const Neighbor& n2) {
          if (n2.person != b) return;
          const Interval both = n1.valid.Intersect(n2.valid);
          if (both.Empty() || !ok(both)) return;
          visit(KinTie{b, *path, {a, n1.person, b}, {n1.via_parent, n2.via_parent}, both});
        });
      });
    }
  }
}

}  // namespace

std::string_view Name(KinPath path) { return kKinPathNames[static_cast<size_t>(path)]; }

int Closeness(KinPath path) {
  switch (path) {
    case KinPath::kSelf:
      return 5;
    case KinPath::kSpouse:
    case KinPath::kParent:
    case KinPath::kChild:
      return 4;
    case KinPath::kSibling:
      return 3;
    case KinPath::kGrandparent:
    case KinPath::kGrandchild:
      return 2;
    default:
      return 1;
  }
}

std::vector<KinTie> LegalKin(const Snapshot& s, PersonIndex a, Date d) {
  absl::flat_hash_map<PersonIndex, KinTie> best;
  EnumerateKin(
      s, a, [d](const Interval& v) { return v.Contains(d); },
      [&](KinTie&& t) {
        auto [it, inserted] = best.try_emplace(t.person, t);
        if (!inserted && t.path < it->second.path) it->second = std::move(t);
      });
  std::vector<KinTie> out;
  out.reserve(best.size());
  for (auto& [p, t] : best) out.push_back(std::move(t));
  std::sort(out.begin(), out.end(),
            [](const KinTie& x, const KinTie& y) { return x.person < y.person; });
  return out;
}

std::optional<KinTie> ClosestKinTie(const Snapshot& s, PersonIndex a, PersonIndex b, Date d) {
  if (a == b) return KinTie{a, KinPath::kSelf, {a}, {}, kAlways};
  std::optional<KinTie> best;
  EnumerateKinBetween(
      s, a, b, [d](const Interval& v) { return v.Contains(d); },
      [&](KinTie&& t) {
        if (!best || t.path < best->path) best = std::move(t);
      });
  return best;
}

std::vector<KinTie> AllKinPaths(const Snapshot& s, PersonIndex a) {
  std::vector<KinTie> out;
  EnumerateKin(
      s, a, [](const Interval& v) { return !v.Empty(); },
      [&](KinTie&& t) { out.push_back(std::move(t)); });
  return out;
}

std::optional<KinTie> EarliestKinTie(const Snapshot& s, PersonIndex a, PersonIndex b,
                                     Interval window) {
  if (a == b || window.Empty()) return std::nullopt;
  std::vector<KinTie> paths;
  EnumerateKinBetween(
      s, a, b, [](const Interval& v) { return !v.Empty(); },
      [&](KinTie&& t) { paths.push_back(std::move(t)); });
  // The set of days on which some path holds is a union of the paths' intervals, so the first
  // such day in the window is the latest of (window start, path start) for some path.
  std::optional<Date> first;
  for (const KinTie& t : paths) {
    const Interval in = t.valid.Intersect(window);
    if (!in.Empty() && (!first || in.from < *first)) first = in.from;
  }
  if (!first) return std::nullopt;
  std::optional<KinTie> best;
  for (KinTie& t : paths) {
    if (t.valid.Contains(*first) && (!best || t.path < best->path)) best = std::move(t);
  }
  return best;
}

bool EverKin(const Snapshot& s, PersonIndex a, PersonIndex b) {
  if (a == b) return false;
  return AnyKinPathBetween(s, a, b, [](const Interval& v) { return !v.Empty(); });
}

std::vector<Relative> ExtendedFamily(const Snapshot& s, PersonIndex a, Date d, int max_hops) {
  absl::flat_hash_map<PersonIndex, int> hops{{a, 0}};
  std::deque<PersonIndex> queue{a};
  while (!queue.empty()) {
    const PersonIndex p = queue.front();
    queue.pop_front();
    const int h = hops[p];
    if (h >= max_hops) continue;
    for (const Tie& t : s.Ties(s.PersonVertex(p))) {
      if (t.kind == TieKind::kHolds || t.kind == TieKind::kHeldBy || !t.valid.Contains(d)) {
        continue;
      }
      const PersonIndex q = s.PersonOf(t.target);
      if (hops.try_emplace(q, h + 1).second) queue.push_back(q);
    }
  }
  std::vector<Relative> out;
  for (const auto& [p, h] : hops) {
    if (p != a) out.push_back({p, h});
  }
  std::sort(out.begin(), out.end(), [](const Relative& x, const Relative& y) {
    return x.hops != y.hops ? x.hops < y.hops : x.person < y.person;
  });
  return out;
}

}  // namespace coigraph::graph
