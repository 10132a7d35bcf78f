#include "graph/rules.h"

#include <algorithm>
#include <utility>

#include "graph/rule_context.h"
#include "graph/text.h"

namespace coigraph::graph {

namespace internal {

namespace {

int RoleRank(const std::optional<CompanyTie>& t) {
  return t ? static_cast<int>(t->role) * 2 + (t->entrepreneur ? 0 : 1) : 0;
}

PathVertex VertexOf(const Snapshot& s, VertexId v) {
  return {s.VertexNumber(v), s.VertexName(v), s.IsPerson(v) ? "person" : "organization"};
}

// Appends the kin steps of `kin` after its first person (already in the path).
void AppendKin(const Snapshot& s, const KinTie& kin, FindingPath& path) {
  if (kin.path == KinPath::kSelf) return;
  const std::string_view name = Name(kin.path);
  const size_t dot = name.find('.');
  const std::string_view steps[2] = {name.substr(0, dot),
                                     dot == std::string_view::npos ? "" : name.substr(dot + 1)};
  for (size_t i = 1; i < kin.via.size(); ++i) {
    PathEdge e;
    e.type = std::string(steps[i - 1]);
    e.derived = i - 1 < kin.sibling_via_parent.size() && kin.sibling_via_parent[i - 1] != kNone;
    path.edges.push_back(e);
    path.vertices.push_back(VertexOf(s, s.PersonVertex(kin.via[i])));
  }
}

// person --role--> chain[0] --owns--> ... --owns--> chain.back()
void AppendDown(const Snapshot& s, const CompanyTie& t, FindingPath& path) {
  for (size_t i = 0; i < t.chain.size(); ++i) {
    PathEdge e;
    e.type = i == 0 ? std::string(RoleName(t)) : "owns";
    if (i == 0) e.share_pct = t.share_pct;
    path.edges.push_back(e);
    path.vertices.push_back(VertexOf(s, s.OrgVertex(t.chain[i])));
  }
}

// chain.back() --owned_by--> ... chain[0] --role of--> person  (the person is appended too)
void AppendUp(const Snapshot& s, const CompanyTie& t, FindingPath& path) {
  for (size_t i = t.chain.size() - 1; i-- > 0;) {
    path.edges.push_back({"owned_by", -1, false});
    path.vertices.push_back(VertexOf(s, s.OrgVertex(t.chain[i])));
  }
  PathEdge e;
  e.type = Cat(RoleName(t), "_of");
  e.share_pct = t.share_pct;
  path.edges.push_back(e);
  path.vertices.push_back(VertexOf(s, s.PersonVertex(t.person)));
}

std::string SeverityLabel(int score) {
  if (score >= 5) return "critical";
  if (score == 4) return "high";
  if (score == 3) return "medium";
  return "low";
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
  std::string key = Cat(static_cast<int>(c.rule), "\x1f", c.object_id, "\x1f", c.official, "\x1f",
                        c.counterparty);
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
    const Evidence& e = c.evidence;
    const std::string_view kin = Name(e.kin.path);
    if (e.from_company && e.to_company) {
      f.relation = Cat(RoleName(*e.from_company), "<", kin, ">", RoleName(*e.to_company));
      f.path.vertices.push_back(VertexOf(s_, c.official));
      AppendUp(s_, *e.from_company, f.path);
      AppendKin(s_, e.kin, f.path);
      AppendDown(s_, *e.to_company, f.path);
    } else if (e.to_company) {
      f.relation = Cat(kin, ">", RoleName(*e.to_company));
      f.path.vertices.push_back(VertexOf(s_, c.official));
      AppendKin(s_, e.kin, f.path);
      AppendDown(s_, *e.to_company, f.path);
    } else {
      f.relation = std::string(kin);
      f.path.vertices.push_back(VertexOf(s_, c.official));
      AppendKin(s_, e.kin, f.path);
    }
    f.severity = SeverityLabel(Closeness(e.kin.path) + c.severity_bump);
    Explain(s_, c, f);
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
  internal::RunDecisionRules(snapshot, sink);
  return sink.Take();
}

}  // namespace coigraph::graph
