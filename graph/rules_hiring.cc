// HIRE_SUBORDINATION, HIRE_CHAIN, HIRE_APPOINTER, HIRE_COMMISSION.
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "graph/text.h"
#include "graph/rule_context.h"

namespace coigraph::graph::internal {

namespace {

ObjectText PostText(const Snapshot& s, PositionIndex p) {
  const Position& pos = s.data().positions[p];
  const std::string title(s.Str(pos.title));
  const std::string id(s.Str(pos.id));
  const std::string org = s.VertexName(s.OrgVertex(pos.org));
  return {Cat("post «", title, "» (", id, ") at ", org),
          Cat("должность «", title, "» (", id, "), ", org)};
}

// Posts U above L in one reporting chain, each with its distance (1 = directly above):
//
//      U2 (distance 2: HIRE_CHAIN)
//      |
//      U1 (distance 1: HIRE_SUBORDINATION)
//      |
//      L
//
// For every holder of L, the persons who were ever legal kin of them are a small set; only
// holders of posts above who are in it need the dated check.
void RunReportingRules(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kHireSubordination) && !sink.Wants(Rule::kHireChain)) return;
  const auto& d = s.data();
  for (PositionIndex lower = 0; lower < d.positions.size(); ++lower) {
    if (d.positions[lower].reports_to == kNone || s.PositionDepth(lower) == kNone) continue;
    const std::string lower_id(s.Str(d.positions[lower].id));
    for (uint32_t el : s.EmploymentsOfPosition(lower)) {
      const Employment& low = d.employments[el];
      absl::flat_hash_set<PersonIndex> ever_kin;
      for (const KinTie& t : AllKinPaths(s, low.person)) ever_kin.insert(t.person);
      if (ever_kin.empty()) continue;
      int distance = 0;
      for (PositionIndex upper = d.positions[lower].reports_to; upper != kNone;
           upper = d.positions[upper].reports_to) {
        ++distance;
        const Rule rule = distance == 1 ? Rule::kHireSubordination : Rule::kHireChain;
        for (uint32_t eu : s.EmploymentsOfPosition(upper)) {
          const Employment& up = d.employments[eu];
          if (up.person == low.person || !ever_kin.contains(up.person)) continue;
          std::optional<KinTie> tie =
              EarliestKinTie(s, up.person, low.person, up.valid.Intersect(low.valid));
          if (!tie) continue;
          Candidate c;
          c.rule = rule;
          c.object_id = lower_id;
          c.date = tie->valid.Intersect(up.valid.Intersect(low.valid)).from;
          c.official = s.PersonVertex(up.person);
          c.counterparty = s.PersonVertex(low.person);
          c.evidence.kin = std::move(*tie);
          c.closeness = Measure(s, c.evidence);
          c.object = PostText(s, lower);
          sink.Offer(std::move(c));
        }
      }
    }
  }
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
  c.object = PostText(s, e.position);
  sink.Offer(std::move(c));
}

}  // namespace

void RunHiringRules(const Snapshot& s, FindingSink& sink) {
  RunReportingRules(s, sink);
  for (const Employment& e : s.data().employments) {
    if (e.valid.from == kMinDate) continue;  // no appointment date to judge at
    if (e.appointed_by != kNone && sink.Wants(Rule::kHireAppointer)) {
      OfferAppointment(s, sink, Rule::kHireAppointer, e, e.appointed_by);
    }
    if (e.selection_commission != kNone && sink.Wants(Rule::kHireCommission)) {
      for (PersonIndex m : MembersOn(s, e.selection_commission, e.valid.from)) {
        OfferAppointment(s, sink, Rule::kHireCommission, e, m);
      }
    }
  }
}

}  // namespace coigraph::graph::internal
