// Decisions about a person: LAND_/HOUSING_COMMISSION, LAND_/HOUSING_QUEUE_JUMP,
// COMMISSION_OTHER, DISCIPLINARY_INTERESTED, BONUS_RELATIVE.
#include <algorithm>
#include <utility>

#include "graph/rule_context.h"

namespace coigraph::graph::internal {

namespace {

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

// The officials of a decision: members of its commission on the date, and its approver.
std::vector<PersonIndex> Officials(const Snapshot& s, CommissionIndex c, PersonIndex approver,
                                   Date d) {
  std::vector<PersonIndex> out = MembersOn(s, c, d);
  if (approver != kNone && !std::binary_search(out.begin(), out.end(), approver)) {
    out.push_back(approver);
  }
  return out;
}

}  // namespace

int64_t QueuePlace(const Snapshot& s, const Allocation& a) {
  if (a.queue_number > 0) return a.queue_number;
  const Date day = a.decision_date;
  int64_t place = 0;
  for (uint32_t i : s.WaitingListOfCommission(a.commission)) {
    const WaitingListEntry& w = s.data().waiting_list[i];
    if (w.person == a.recipient && w.registered <= day && w.removed > day &&
        (place <= 0 || w.queue_number < place)) {
      place = w.queue_number;
    }
  }
  return place;
}

const WaitingListEntry* SkippedEntry(const Snapshot& s, const Allocation& a, int64_t place,
                                     bool smallest) {
  if (place <= 0) return nullptr;
  const auto& d = s.data();
  const Date day = a.decision_date;
  const auto allocations = s.AllocationsOfCommission(a.commission);
  const WaitingListEntry* found = nullptr;
  for (uint32_t i : s.WaitingListOfCommission(a.commission)) {
    const WaitingListEntry& w = d.waiting_list[i];
    if (w.person == a.recipient || w.queue_number >= place || w.registered > day ||
        w.removed <= day) {
      continue;
    }
    if (found && w.queue_number >= found->queue_number) continue;
    const bool served = std::any_of(allocations.begin(), allocations.end(), [&](uint32_t j) {
      const Allocation& other = d.allocations[j];
      return other.recipient == w.person && other.decision_date <= day;
    });
    if (served) continue;
    found = &w;
    if (!smallest) break;
  }
  return found;
}

void OfferAllocation(const Snapshot& s, FindingSink& sink, const Allocation& a) {
  Rule rule = Rule::kCommissionOther;
  std::optional<Rule> queue_rule;
  int bump = 1;
  if (a.kind == AllocationKind::kLand) {
    rule = Rule::kLandCommission;
    queue_rule = Rule::kLandQueueJump;
  } else if (a.kind == AllocationKind::kHousing) {
    rule = Rule::kHousingCommission;
    queue_rule = Rule::kHousingQueueJump;
  } else {
    bump = 0;
  }
  if (!sink.Wants(rule) && !(queue_rule && sink.Wants(*queue_rule))) return;
  const std::string id(s.Str(a.id));
  const bool jumped = queue_rule && sink.Wants(*queue_rule) &&
                      SkippedEntry(s, a, QueuePlace(s, a), /*smallest=*/false) != nullptr;
  for (PersonIndex o : Officials(s, a.commission, a.approved_by, a.decision_date)) {
    OfferPersonTie(s, sink, rule, id, a.decision_date, o, a.recipient, &a, bump);
    if (jumped) {
      OfferPersonTie(s, sink, *queue_rule, id, a.decision_date, o, a.recipient, &a, bump);
    }
  }
}

namespace {

void RunDisciplinary(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kDisciplinaryInterested)) return;
  for (const DisciplinaryCase& dc : s.data().disciplinary) {
    const std::string id(s.Str(dc.id));
    for (PersonIndex o : Officials(s, dc.commission, dc.investigator, dc.opened)) {
      OfferPersonTie(s, sink, Rule::kDisciplinaryInterested, id, dc.opened, o, dc.subject, &dc, 0);
    }
  }
}

void RunBonuses(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kBonusRelative)) return;
  for (const Bonus& b : s.data().bonuses) {
    const std::string id(s.Str(b.id));
    OfferPersonTie(s, sink, Rule::kBonusRelative, id, b.date, b.approved_by, b.recipient, &b,
                   MoneyBump(b.amount_kzt));
  }
}

}  // namespace

void RunDecisionRules(const Snapshot& s, FindingSink& sink) {
  for (const Allocation& a : s.data().allocations) OfferAllocation(s, sink, a);
  RunDisciplinary(s, sink);
  RunBonuses(s, sink);
}

}  // namespace coigraph::graph::internal
