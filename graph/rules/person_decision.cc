// What the decisions about a person share (allocations, disciplinary cases, bonuses): the
// officials who made them and the kin tie of one official to the person.
#include <algorithm>
#include <utility>

#include "graph/rules/context.h"

namespace coigraph::graph::internal {

void OfferPersonTie(const Snapshot& s, FindingSink& sink, Rule rule, std::string object_id,
                    Date date, PersonIndex official, PersonIndex counterparty, Decision decision,
                    int bump) {
  if (!sink.Wants(rule)) return;
  std::optional<KinTie> tie = ClosestKinTie(s, official, counterparty, date);
  if (!tie) return;
  Candidate c;
  c.rule = rule;
  c.object_id = std::move(object_id);
  c.date = date;
  c.official = s.PersonVertex(official);
  c.counterparty = s.PersonVertex(counterparty);
  c.evidence.kin = std::move(*tie);
  c.closeness = Measure(s, c.evidence);
  c.decision = decision;
  c.severity_bump = bump;
  sink.Offer(std::move(c));
}

std::vector<PersonIndex> Officials(const Snapshot& s, CommissionIndex c, PersonIndex approver,
                                   Date d) {
  std::vector<PersonIndex> out = MembersOn(s, c, d);
  if (approver != kNone && !std::binary_search(out.begin(), out.end(), approver)) {
    out.push_back(approver);
  }
  return out;
}

}  // namespace coigraph::graph::internal
