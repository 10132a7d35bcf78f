// HIRE_SUBORDINATION, HIRE_CHAIN, HIRE_APPOINTER, HIRE_COMMISSION.
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "graph/rules/context.h"

namespace coigraph::graph::internal {

namespace {

// One pair of stints: the holder of the upper post against the holder of the lower one, over
// their whole overlap, or (a check) on the day `on` only.
void OfferReportingPair(const Snapshot& s, FindingSink& sink, const Employment& up,
                        const Employment& low, int distance, std::optional<Date> on) {
  if (up.person == low.person) return;
  Interval both = up.valid.Intersect(low.valid);
  if (on) {
    if (!both.Contains(*on)) return;
    both = Interval{*on, *on + 1};
  }
  std::optional<KinTie> tie = EarliestKinTie(s, up.person, low.person, both);
  if (!tie) return;
  Candidate c;
  c.rule = distance == 1 ? Rule::kHireSubordination : Rule::kHireChain;
  c.object_id = std::string(s.Str(s.data().positions[low.position].id));
  c.date = tie->valid.Intersect(both).from;
  c.official = s.PersonVertex(up.person);
  c.counterparty = s.PersonVertex(low.person);
  c.evidence.kin = std::move(*tie);
  c.closeness = Measure(s, c.evidence);
  c.decision = &low;
  c.official_post = up.position;
  sink.Offer(std::move(c));
}

void OfferAppointment(const Snapshot& s, FindingSink& sink, Rule rule, const Employment& e,
                      PersonIndex official) {
  std::optional<KinTie> tie = ClosestKinTie(s, official, e.person, e.valid.from);
  if (!tie) return;
  Candidate c;
  c.rule = rule;
  c.object_id = std::string(s.Str(s.data().positions[e.position].id));
  c.date = e.valid.from;
  c.official = s.PersonVertex(official);
  c.counterparty = s.PersonVertex(e.person);
  c.evidence.kin = std::move(*tie);
  c.closeness = Measure(s, c.evidence);
  c.decision = &e;
  sink.Offer(std::move(c));
}

}  // namespace

namespace {

// The ties two kinship steps out of `p` (the size of the walk EverKin(s, p) makes); 0 when p
// has no kinship fact.
size_t KinFanout(const Snapshot& s, PersonIndex p) {
  size_t n = 0;
  for (const Tie& t : s.Ties(s.PersonVertex(p))) {
    if (t.kind != TieKind::kHolds && t.kind != TieKind::kHeldBy) n += 1 + s.Ties(t.target).size();
  }
  return n;
}

// Past this many ties two steps out (a parent with thousands of children), the scan asks
// graph::EverKin pair by pair instead of listing all of a person's kin.
constexpr size_t kMaxKinSet = 4096;

}  // namespace

absl::flat_hash_set<PersonIndex> EverKin(const Snapshot& s, PersonIndex p) {
  absl::flat_hash_set<PersonIndex> out;
  for (const KinTie& t : AllKinPaths(s, p)) out.insert(t.person);
  return out;
}

// Posts U above L in one reporting chain, each with its distance (1 = directly above):
//
//      U2 (distance 2: HIRE_CHAIN)
//      |
//      U1 (distance 1: HIRE_SUBORDINATION)
//      |
//      L  <- e
void OfferReportingAbove(const Snapshot& s, FindingSink& sink, const Employment& e,
                         MaybeKin maybe_kin, std::optional<Date> on) {
  const auto& d = s.data();
  if (s.PositionDepth(e.position) == Snapshot::kCycleDepth ||
      d.positions[e.position].reports_to == kNone) {
    return;
  }
  int distance = 0;
  for (PositionIndex upper = d.positions[e.position].reports_to; upper != kNone;
       upper = d.positions[upper].reports_to) {
    ++distance;
    for (uint32_t i : s.EmploymentsOfPosition(upper)) {
      const Employment& up = d.employments[i];
      if (up.person != e.person && maybe_kin(up.person)) {
        OfferReportingPair(s, sink, up, e, distance, on);
      }
    }
  }
}

// The mirror: every post below e's post, at any distance. That subtree can be a ministry (tens of
// thousands of posts below its head), so the search starts from the other end: every stint of
// every person ever kin to e's holder, climbing from its post to the depth of e's post; the stint
// is below e's post when the climb ends there, at distance depth(low) - depth(e). The pairs
// offered are the subtree walk's, so the findings are too (posts on or below a reports_to
// cycle have no depth and are below nobody, as in the scan).
void OfferReportingBelow(const Snapshot& s, FindingSink& sink, const Employment& e,
                         const absl::flat_hash_set<PersonIndex>& ever_kin, std::optional<Date> on) {
  const auto& d = s.data();
  const uint32_t top = s.PositionDepth(e.position);
  if (top == Snapshot::kCycleDepth) return;
  for (PersonIndex kin : ever_kin) {
    for (uint32_t i : s.EmploymentsOfPerson(kin)) {
      const Employment& low = d.employments[i];
      const uint32_t depth = s.PositionDepth(low.position);
      if (depth == Snapshot::kCycleDepth || depth <= top) continue;
      PositionIndex p = low.position;
      for (uint32_t k = depth; k > top; --k) p = d.positions[p].reports_to;
      if (p == e.position) {
        OfferReportingPair(s, sink, e, low, static_cast<int>(depth - top), on);
      }
    }
  }
}

void OfferAppointmentRules(const Snapshot& s, FindingSink& sink, const Employment& e,
                           MaybeKin maybe_kin) {
  if (e.valid.from == kMinDate) return;  // no appointment date to judge at
  // A legal kinship path read backwards is a legal kinship path, so an official who is in no
  // path with the holder on any day is not kin on the appointment day either: the dated search
  // (ClosestKinTie walks the official's family) is made only for the others.
  auto tied = [&](PersonIndex official) { return official == e.person || maybe_kin(official); };
  if (e.appointed_by != kNone && sink.Wants(Rule::kHireAppointer) && tied(e.appointed_by)) {
    OfferAppointment(s, sink, Rule::kHireAppointer, e, e.appointed_by);
  }
  if (e.selection_commission != kNone && sink.Wants(Rule::kHireCommission)) {
    for (PersonIndex m : MembersOn(s, e.selection_commission, e.valid.from)) {
      if (tied(m)) OfferAppointment(s, sink, Rule::kHireCommission, e, m);
    }
  }
}

void RunHiringRules(const Snapshot& s, FindingSink& sink) {
  const bool reporting = sink.Wants(Rule::kHireSubordination) || sink.Wants(Rule::kHireChain);
  for (const Employment& e : s.data().employments) {
    const bool appointment =
        e.valid.from != kMinDate && (e.appointed_by != kNone || e.selection_commission != kNone);
    if (!reporting && !appointment) continue;
    // Kin are asked pair by pair (graph::EverKin): the set of all of a person's kin is as large
    // as their parent's other children, which a placeholder "unknown parent" makes huge.
    // For most people the set of everyone they are ever kin to is small and answers each upper
    // holder with a lookup; past kMaxKinSet ties two steps out, the pair search answers instead.
    const size_t fanout = KinFanout(s, e.person);
    if (fanout == 0) {
      if (appointment) OfferAppointmentRules(s, sink, e, [](PersonIndex) { return false; });
    } else if (fanout <= kMaxKinSet) {
      const absl::flat_hash_set<PersonIndex> ever_kin = EverKin(s, e.person);
      auto maybe_kin = [&](PersonIndex p) { return ever_kin.contains(p); };
      if (reporting) OfferReportingAbove(s, sink, e, maybe_kin);
      if (appointment) OfferAppointmentRules(s, sink, e, maybe_kin);
    } else {
      auto maybe_kin = [&](PersonIndex p) { return EverKin(s, e.person, p); };
      if (reporting) OfferReportingAbove(s, sink, e, maybe_kin);
      if (appointment) OfferAppointmentRules(s, sink, e, maybe_kin);
    }
  }
}

}  // namespace coigraph::graph::internal
