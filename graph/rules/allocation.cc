// LAND_COMMISSION, HOUSING_COMMISSION, COMMISSION_OTHER: an allocation decided by a tied
// commission member or approver; and LAND_/HOUSING_QUEUE_JUMP when the allocation also skipped
// someone on the waiting list (that test is queue_jump.cc's; its words queue_jump_text.cc's).
#include <algorithm>
#include <utility>

#include "graph/rules/context.h"

namespace coigraph::graph::internal {

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

void RunAllocationRules(const Snapshot& s, FindingSink& sink) {
  for (const Allocation& a : s.data().allocations) OfferAllocation(s, sink, a);
}

}  // namespace coigraph::graph::internal
