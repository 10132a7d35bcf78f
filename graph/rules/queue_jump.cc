// LAND_QUEUE_JUMP, HOUSING_QUEUE_JUMP: the test (docs/rules.md, "How each rule is read"). An
// allocation jumps the queue when someone on the same commission's waiting list, with a smaller
// number and still waiting on the decision date, had not been served. allocation.cc offers the
// finding; queue_jump_text.cc writes its part of the explanation.
#include <algorithm>

#include "graph/rules/context.h"

namespace coigraph::graph::internal {

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

}  // namespace coigraph::graph::internal
