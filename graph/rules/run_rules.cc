#include <algorithm>
#include <utility>

#include "base/text.h"
#include "graph/rules.h"
#include "graph/rules/context.h"

namespace coigraph::graph {

using base::Cat;

namespace internal {

namespace {

int RoleRank(const std::optional<CompanyTie>& t) {
  return t ? static_cast<int>(t->role) * 2 + (t->entrepreneur ? 0 : 1) : 0;
}

Severity SeverityOf(int score) {
  if (score >= 5) return Severity::kCritical;
  if (score == 4) return Severity::kHigh;
  if (score == 3) return Severity::kMedium;
  return Severity::kLow;
}

}  // namespace

TieCloseness Measure(const Snapshot& s, const Evidence& e) {
  TieCloseness c;
  c.kin = static_cast<int>(e.kin.path);
  c.links =
      (e.from_company ? e.from_company->links() : 0) + (e.to_company ? e.to_company->links() : 0);
  c.role_from = RoleRank(e.from_company);
  c.role_to = RoleRank(e.to_company);
  const auto& persons = s.data().persons;
  c.id_from = persons[e.kin.via.front()].iin;
  c.id_to = persons[e.kin.person].iin;
  return c;
}

void FindingSink::Offer(Candidate c) {
  if (!Wants(c.rule)) return;
  std::string key = Cat(static_cast<int>(c.rule), "\x1f", c.object_id, "\x1f", c.official.value(),
                        "\x1f", c.counterparty.value());
  auto [it, inserted] = best_.try_emplace(std::move(key), c);
  if (inserted) return;
  Candidate& old = it->second;
  if (c.date < old.date || (c.date == old.date && c.closeness < old.closeness)) {
    old = std::move(c);
  }
}

std::vector<Finding> FindingSink::Take() {
  std::vector<Finding> out;
  out.reserve(best_.size());
  for (auto& [key, c] : best_) {
    Finding f;
    f.rule = c.rule;
    f.object_id = c.object_id;
    f.date = c.date;
    f.official = s_.VertexNumber(c.official);
    f.counterparty = s_.VertexNumber(c.counterparty);
    f.relation = RelationOf(c.evidence);
    f.path = PathOf(s_, c);
    f.severity = SeverityOf(Closeness(c.evidence.kin.path) + c.severity_bump);
    f.scope = ScopeOf(s_, c);
    f.evidence = EvidenceOf(s_, c);
    Explain(s_, c, f);
    MarkNameMatched(f);
    out.push_back(std::move(f));
  }
  best_.clear();
  std::sort(out.begin(), out.end(), FindingLess);
  return out;
}

std::vector<PersonIndex> MembersOn(const Snapshot& s, CommissionIndex c, Date d) {
  std::vector<PersonIndex> out;
  if (c == kNone || !s.data().commissions[c].valid.Contains(d)) return out;
  for (uint32_t i : s.SeatsOfCommission(c)) {
    const CommissionSeat& seat = s.data().seats[i];
    if (seat.valid.Contains(d)) out.push_back(seat.person);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<Evidence> PersonToCompany(const Snapshot& s, PersonIndex official, KinCache& kin,
                                        const std::vector<CompanyTie>& holders) {
  std::optional<Evidence> best;
  std::optional<TieCloseness> best_closeness;
  for (const CompanyTie& h : holders) {
    std::optional<KinTie> tie = kin.Between(official, h.person);
    if (!tie) continue;
    Evidence e{std::move(*tie), std::nullopt, h};
    const TieCloseness c = Measure(s, e);
    if (!best_closeness || c < *best_closeness) {
      best_closeness = c;
      best = std::move(e);
    }
  }
  return best;
}

}  // namespace internal

std::vector<Finding> RunRules(const Snapshot& snapshot, const RuleSet& rules) {
  internal::FindingSink sink(snapshot, rules);
  internal::RunHiringRules(snapshot, sink);
  internal::RunProcurementRules(snapshot, sink);
  internal::RunAllocationRules(snapshot, sink);
  internal::RunDisciplinaryRules(snapshot, sink);
  internal::RunBonusRules(snapshot, sink);
  return sink.Take();
}

}  // namespace coigraph::graph
