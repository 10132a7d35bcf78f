// What a finding rests on: a commission seat the importer matched by name, or registry facts
// (docs/rules.md, "Evidence").

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "graph/rules/context.h"

namespace coigraph::graph::internal {

DecisionMakers MakersOf(const Candidate& c) {
  if (const Employment* e = As<Employment>(c.decision)) {
    if (c.rule == Rule::kHireCommission) return {e->selection_commission};
  } else if (const Tender* t = As<Tender>(c.decision)) {
    if (c.rule == Rule::kTenderCommission) return {t->commission};
  } else if (const Allocation* a = As<Allocation>(c.decision)) {
    return {a->commission, a->approved_by};
  } else if (const DisciplinaryCase* d = As<DisciplinaryCase>(c.decision)) {
    return {d->commission, d->investigator, true};
  }
  return {};
}

FindingEvidence EvidenceOf(const Snapshot& s, const Candidate& c) {
  const DecisionMakers m = MakersOf(c);
  if (m.commission == kNone || !s.IsPerson(c.official)) return {};
  const PersonIndex official = s.PersonOf(c.official);
  if (m.approver == official) return {};  // the approver is named by IIN
  const CommissionSeat* best = nullptr;
  for (uint32_t i : s.SeatsOfCommission(m.commission)) {
    const CommissionSeat& seat = s.data().seats[i];
    if (seat.person != official || !seat.valid.Contains(c.date)) continue;
    if (seat.match_score <= 0) return {};  // a seat given by IIN holds too
    if (!best || seat.match_score > best->match_score) best = &seat;
  }
  if (!best) return {};
  // Scores are written with three decimals; the float keeps them to about seven digits.
  return {.kind = EvidenceKind::kNameMatched,
          .match_score = std::round(static_cast<double>(best->match_score) * 1000.0) / 1000.0,
          .matched_name = std::string(s.Str(best->matched_name))};
}

void MarkNameMatched(Finding& f) {
  if (f.evidence.kind != EvidenceKind::kNameMatched) return;
  f.severity = std::min(f.severity, kNameMatchedSeverityCap);
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", f.evidence.match_score);
  const std::string& name = f.evidence.matched_name;
  f.explanation_en += " The commission list names this member only as «" + name +
                      "»; matched to this person by name (score " + score + ").";
  f.explanation_ru += " В списке комиссии этот член указан только по имени «" + name +
                      "»; сопоставлен с этим лицом по имени (совпадение " + score + ").";
  f.explanation_kk += " Комиссия тізімінде бұл мүше тек аты-жөнімен «" + name +
                      "» көрсетілген; осы тұлғамен аты-жөні бойынша сәйкестендірілді (сәйкестік " +
                      score + ").";
}

}  // namespace coigraph::graph::internal
