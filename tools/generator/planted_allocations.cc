// Planted allocation conflicts: LAND_COMMISSION, HOUSING_COMMISSION, COMMISSION_OTHER, and the
// queue jumps LAND_QUEUE_JUMP and HOUSING_QUEUE_JUMP (their traps: planted_traps.cc).
#include <string>
#include <string_view>

#include "tools/generator/planter.h"

namespace coigraph::generator::planting {

void Planter::PlantAllocation(AllocationPlan plan) {
  const std::string_view commission_rule = plan.kind == "land"      ? "LAND_COMMISSION"
                                           : plan.kind == "housing" ? "HOUSING_COMMISSION"
                                                                    : "COMMISSION_OTHER";
  const std::string_view jump_rule = plan.kind == "land"      ? "LAND_QUEUE_JUMP"
                                     : plan.kind == "housing" ? "HOUSING_QUEUE_JUMP"
                                                              : "";
  if (plan.date == 0) plan.date = ScenarioDate();
  const Date d = plan.date;
  const PersonRec o = Root(plan.path);
  const PersonRec recipient = Relative(o, plan.path, plan.kin);
  const StateBody& akimat = AnyAkimat();
  const std::string commission =
      w_.NewCommission(akimat.bin, plan.kind,
                       plan.kind == "land"      ? "Земельная комиссия"
                       : plan.kind == "housing" ? "Жилищная комиссия"
                                                : "Комиссия по субсидиям");
  FreshMembers(commission, 2);
  std::string approver;
  if (plan.approver) {
    approver = o.iin;
  } else {
    w_.YearlySeats(commission, o, "member", kFirstYear, kLastYear, plan.seat_end);
    if (rng_.Chance(0.5)) approver = w_.Fresh().iin;
  }
  // The waiting list. `ahead` is the place in front of the recipient.
  int64_t queue = 0;
  const Date reg = d - Years(3);
  auto served_earlier = [&](int64_t place, Date when) {
    const PersonRec s = w_.Fresh();
    w_.WaitingEntry(commission, s, place, reg - 200 + static_cast<Date>(place));
    w_.NewAllocation(plan.kind, commission, s, when, place, {});
  };
  switch (plan.queue) {
    case QueueMode::kNone:
      w_.WaitingEntry(commission, w_.Bystander(), 1, reg);
      break;
    case QueueMode::kServedAhead:
      served_earlier(1, d - 300);
      served_earlier(2, d - 100);
      queue = 3;
      break;
    case QueueMode::kRemovedAhead:
      served_earlier(1, d - 200);
      w_.WaitingEntry(commission, w_.Bystander(), 2, reg - 100, d);
      queue = 3;
      break;
    case QueueMode::kRegisteredAfter:
      w_.WaitingEntry(commission, w_.Bystander(), 1, d + 1);
      queue = 2;
      break;
    case QueueMode::kJump:
    case QueueMode::kJumpViaList:
      w_.WaitingEntry(commission, w_.Bystander(), 1, reg - 100);
      w_.WaitingEntry(commission, w_.Bystander(), 2, reg - 50, d + 10);
      queue = 3;
      break;
    case QueueMode::kJumpServedLater: {
      const PersonRec later = w_.Fresh();
      w_.WaitingEntry(commission, later, 1, reg - 100);
      w_.NewAllocation(plan.kind, commission, later, d + 20, 1, {});
      queue = 2;
      break;
    }
  }
  if (queue > 0) {
    w_.WaitingEntry(commission, recipient, queue, reg);
    w_.WaitingEntry(commission, w_.Bystander(), queue + 1, reg + 5);
  }
  const std::string decision =
      w_.NewAllocation(plan.kind, commission, recipient, d,
                       plan.queue == QueueMode::kJumpViaList ? 0 : queue, approver);
  if (!plan.trap.empty()) {
    w_.Trap(commission_rule, decision, o.iin, recipient.iin, plan.trap);
    if (!jump_rule.empty() && queue > 0) {
      w_.Trap(jump_rule, decision, o.iin, recipient.iin, plan.trap);
    }
    return;
  }
  w_.Expect(commission_rule, decision, d, o.iin, recipient.iin, plan.path);
  if (IsJump(plan.queue)) {
    w_.Expect(jump_rule, decision, d, o.iin, recipient.iin, plan.path);
  } else if (queue > 0) {
    static constexpr std::string_view kWhy[] = {
        "", "everyone ahead in the queue was already served",
        "the one ahead was removed from the list on the date",
        "the one ahead registered after the date"};
    w_.Trap(jump_rule, decision, o.iin, recipient.iin, kWhy[static_cast<int>(plan.queue)]);
  }
}

void Planter::LandAllocations() {
  using Q = QueueMode;
  const KinOptions half{.sibling = SiblingStyle::kHalf};
  // LAND_COMMISSION without a queue jump, and LAND_QUEUE_JUMP (always with LAND_COMMISSION).
  PlantAllocation({.kind = "land", .path = "self", .queue = Q::kNone});
  PlantAllocation({.kind = "land", .path = "spouse", .approver = true, .queue = Q::kServedAhead});
  PlantAllocation({.kind = "land", .path = "child.spouse", .queue = Q::kRemovedAhead});
  PlantAllocation({.kind = "land", .path = "sibling", .queue = Q::kRegisteredAfter, .kin = half});
  PlantAllocation({.kind = "land", .path = "parent.spouse", .queue = Q::kJump});
  PlantAllocation(
      {.kind = "land", .path = "spouse.parent", .approver = true, .queue = Q::kJumpViaList});
  PlantAllocation({.kind = "land", .path = "self", .queue = Q::kJumpServedLater});
}

void Planter::HousingAllocations() {
  using Q = QueueMode;
  const KinOptions adoptive{.adoptive = true};
  // HOUSING_COMMISSION and HOUSING_QUEUE_JUMP.
  PlantAllocation({.kind = "housing", .path = "child", .queue = Q::kNone, .kin = adoptive});
  PlantAllocation(
      {.kind = "housing", .path = "parent.parent", .approver = true, .queue = Q::kServedAhead});
  PlantAllocation({.kind = "housing", .path = "sibling.spouse", .queue = Q::kRemovedAhead});
  PlantAllocation({.kind = "housing", .path = "spouse.sibling", .queue = Q::kJump});
  PlantAllocation(
      {.kind = "housing", .path = "sibling", .approver = true, .queue = Q::kJumpViaList});
  PlantAllocation({.kind = "housing", .path = "spouse.child", .queue = Q::kJumpServedLater});
}

void Planter::OtherAllocations() {
  // COMMISSION_OTHER.
  PlantAllocation(
      {.kind = "other", .path = "sibling", .kin = {.sibling = SiblingStyle::kSharedParent}});
  PlantAllocation({.kind = "other", .path = "self", .approver = true});
  PlantAllocation({.kind = "other", .path = "spouse.child"});
  PlantAllocation({.kind = "other", .path = "child.child", .approver = true});
}

}  // namespace coigraph::generator::planting
