// Decisions about a person: LAND_/HOUSING_COMMISSION, LAND_/HOUSING_QUEUE_JUMP,
// COMMISSION_OTHER, DISCIPLINARY_INTERESTED, BONUS_RELATIVE.
#include <algorithm>
#include <utility>

#include "graph/rule_context.h"
#include "graph/text.h"

namespace coigraph::graph::internal {

namespace {

constexpr double kLargeAmountKzt = 100'000'000.0;

void OfferPersonTie(const Snapshot& s, FindingSink& sink, Rule rule, std::string object_id,
                    Date date, PersonIndex official, PersonIndex counterparty,
                    const ObjectText& text, int bump) {
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
  c.object = text;
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

// True when the recipient of `a` was served ahead of someone on the same commission's waiting
// list with a smaller queue number, registered on or before the date, not removed on or before
// it, and not served by that commission on or before it.
bool JumpedTheQueue(const Snapshot& s, const Allocation& a) {
  const auto& d = s.data();
  const Date day = a.decision_date;
  auto active = [day](const WaitingListEntry& w) { return w.registered <= day && w.removed > day; };
  int64_t place = a.queue_number;
  if (place <= 0) {
    for (uint32_t i : s.WaitingListOfCommission(a.commission)) {
      const WaitingListEntry& w = d.waiting_list[i];
      if (w.person == a.recipient && active(w) && (place <= 0 || w.queue_number < place)) {
        place = w.queue_number;
      }
    }
  }
  if (place <= 0) return false;
  const auto allocations = s.AllocationsOfCommission(a.commission);
  for (uint32_t i : s.WaitingListOfCommission(a.commission)) {
    const WaitingListEntry& w = d.waiting_list[i];
    if (w.person == a.recipient || w.queue_number >= place || !active(w)) continue;
    const bool served = std::any_of(allocations.begin(), allocations.end(), [&](uint32_t j) {
      const Allocation& other = d.allocations[j];
      return other.recipient == w.person && other.decision_date <= day;
    });
    if (!served) return true;
  }
  return false;
}

}  // namespace

void OfferAllocation(const Snapshot& s, FindingSink& sink, const Allocation& a) {
  Rule rule = Rule::kCommissionOther;
  std::optional<Rule> queue_rule;
  int bump = 1;
  std::string kind_en = "decision", kind_ru = "решение";
  if (a.kind == AllocationKind::kLand) {
    rule = Rule::kLandCommission;
    queue_rule = Rule::kLandQueueJump;
    kind_en = "land allocation";
    kind_ru = "решение о выделении земли";
  } else if (a.kind == AllocationKind::kHousing) {
    rule = Rule::kHousingCommission;
    queue_rule = Rule::kHousingQueueJump;
    kind_en = "housing allocation";
    kind_ru = "решение о выделении жилья";
  } else {
    bump = 0;
  }
  if (!sink.Wants(rule) && !(queue_rule && sink.Wants(*queue_rule))) return;
  const std::string id(s.Str(a.id));
  const ObjectText text{Cat(kind_en, " ", id), Cat(kind_ru, " ", id)};
  const bool jumped = queue_rule && sink.Wants(*queue_rule) && JumpedTheQueue(s, a);
  for (PersonIndex o : Officials(s, a.commission, a.approved_by, a.decision_date)) {
    OfferPersonTie(s, sink, rule, id, a.decision_date, o, a.recipient, text, bump);
    if (jumped) {
      OfferPersonTie(s, sink, *queue_rule, id, a.decision_date, o, a.recipient, text, bump);
    }
  }
}

namespace {

void RunDisciplinary(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kDisciplinaryInterested)) return;
  for (const DisciplinaryCase& dc : s.data().disciplinary) {
    const std::string id(s.Str(dc.id));
    const ObjectText text{Cat("disciplinary case ", id), Cat("служебное расследование ", id)};
    for (PersonIndex o : Officials(s, dc.commission, dc.investigator, dc.opened)) {
      OfferPersonTie(s, sink, Rule::kDisciplinaryInterested, id, dc.opened, o, dc.subject, text, 0);
    }
  }
}

void RunBonuses(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kBonusRelative)) return;
  for (const Bonus& b : s.data().bonuses) {
    const std::string id(s.Str(b.id));
    const ObjectText text{Cat("bonus ", id), Cat("премия ", id)};
    OfferPersonTie(s, sink, Rule::kBonusRelative, id, b.date, b.approved_by, b.recipient, text,
                   b.amount_kzt >= kLargeAmountKzt ? 1 : 0);
  }
}

}  // namespace

void RunDecisionRules(const Snapshot& s, FindingSink& sink) {
  for (const Allocation& a : s.data().allocations) OfferAllocation(s, sink, a);
  RunDisciplinary(s, sink);
  RunBonuses(s, sink);
}

}  // namespace coigraph::graph::internal
