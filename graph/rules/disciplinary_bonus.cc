// DISCIPLINARY_INTERESTED: a disciplinary case investigated by the subject's relative (the
// investigator or a member of the case's commission). BONUS_RELATIVE: a bonus approved for a
// relative.
#include <string>

#include "graph/rules/context.h"

namespace coigraph::graph::internal {

void RunDisciplinaryRules(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kDisciplinaryInterested)) return;
  for (const DisciplinaryCase& dc : s.data().disciplinary) {
    const std::string id(s.Str(dc.id));
    for (PersonIndex o : Officials(s, dc.commission, dc.investigator, dc.opened)) {
      OfferPersonTie(s, sink, Rule::kDisciplinaryInterested, id, dc.opened, o, dc.subject, &dc, 0);
    }
  }
}

void RunBonusRules(const Snapshot& s, FindingSink& sink) {
  if (!sink.Wants(Rule::kBonusRelative)) return;
  for (const Bonus& b : s.data().bonuses) {
    const std::string id(s.Str(b.id));
    OfferPersonTie(s, sink, Rule::kBonusRelative, id, b.date, b.approved_by, b.recipient, &b,
                   MoneyBump(b.amount_kzt));
  }
}

}  // namespace coigraph::graph::internal
