// The queue jump's part of a finding's explanation, in English, Russian and Kazakh:
// "served at queue number 7 ahead of Мамыров Е.С. (number 3, on the list since 2017-01-10,
// not served)". The test itself is queue_jump.cc's.
#include <string>
#include <variant>

#include "base/text.h"
#include "graph/rules/context.h"
#include "graph/rules/explain_words.h"

namespace coigraph::graph::internal {

using base::Cat;

// For a queue jump: the recipient's number and the person with the smallest number who was
// still waiting, unserved, on the date.
Words QueueJumpText(const Snapshot& s, const Candidate& c) {
  if (c.rule != Rule::kLandQueueJump && c.rule != Rule::kHousingQueueJump) return {};
  const Allocation* a = As<Allocation>(c.decision);
  if (!a) return {};
  const int64_t place = QueuePlace(s, *a);
  const WaitingListEntry* w = SkippedEntry(s, *a, place, /*smallest=*/true);
  if (!w) return {};
  const std::string who = s.PersonShortName(w->person);
  const std::string since = FormatIsoDate(w->registered);
  const std::string on = since.empty() ? "" : Cat(", on the list since ", since);
  return {
      Cat("; served at queue number ", place, " ahead of ", who, " (number ", w->queue_number, on,
          ", not served)"),
      Cat("; выделено по номеру очереди ", place, " раньше, чем ", who, " (номер ", w->queue_number,
          since.empty() ? "" : Cat(", в очереди с ", since), ", не обеспечен(а))"),
      Cat("; кезектің ", place, " нөмірімен ", who, " (нөмірі ", w->queue_number,
          since.empty() ? "" : Cat(", ", since, " бастап кезекте"),
          ", әлі алмаған) алдында берілді")};
}

}  // namespace coigraph::graph::internal
