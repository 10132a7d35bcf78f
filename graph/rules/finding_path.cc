// A finding's relation string, path and scope, built for the findings that survive the sink.
#include <algorithm>

#include "base/text.h"
#include "graph/rules/context.h"

namespace coigraph::graph::internal {

using base::Cat;

namespace {

PathVertex VertexOf(const Snapshot& s, VertexId v) {
  return {s.VertexNumber(v), s.VertexName(v),
          s.IsPerson(v) ? VertexKind::kPerson : VertexKind::kOrganization};
}

// The validity of the first stored tie from `from` to `to` of `kind` that holds on `d` (for
// kHolds, with an ownership role unless `role` is given); kAlways when none is stored (an
// individual entrepreneur's tie to its person has no row of its own).
Interval StoredTie(const Snapshot& s, VertexId from, VertexId to, TieKind kind, Date d,
                   std::optional<CompanyRoleKind> role = std::nullopt) {
  for (const Tie& t : s.Ties(from)) {
    if (t.target != to || t.kind != kind || !t.valid.Contains(d)) continue;
    if (kind == TieKind::kHolds && !t.entrepreneur &&
        (role ? t.role != *role : !IsOwnershipRole(t.role))) {
      continue;
    }
    return t.valid;
  }
  return kAlways;
}

TieKind KinStepKind(std::string_view step) {
  if (step == "parent") return TieKind::kParent;
  if (step == "child") return TieKind::kChild;
  if (step == "spouse") return TieKind::kSpouse;
  return TieKind::kSibling;
}

// Appends the kin steps of `kin` after its first person (already in the path).
void AppendKin(const Snapshot& s, const KinTie& kin, Date d, FindingPath& path) {
  if (kin.path == KinPath::kSelf) return;
  const std::string_view name = Name(kin.path);
  const size_t dot = name.find('.');
  const std::string_view steps[2] = {name.substr(0, dot),
                                     dot == std::string_view::npos ? "" : name.substr(dot + 1)};
  for (size_t i = 1; i < kin.via.size(); ++i) {
    const VertexId a = s.PersonVertex(kin.via[i - 1]), b = s.PersonVertex(kin.via[i]);
    PathEdge e;
    e.type = std::string(steps[i - 1]);
    const PersonIndex parent =
        i - 1 < kin.sibling_via_parent.size() ? kin.sibling_via_parent[i - 1] : kNone;
    e.derived = parent != kNone;
    if (e.derived) {
      const VertexId p = s.PersonVertex(parent);
      e.valid = StoredTie(s, a, p, TieKind::kParent, d)
                    .Intersect(StoredTie(s, b, p, TieKind::kParent, d));
    } else {
      e.valid = StoredTie(s, a, b, KinStepKind(e.type), d);
    }
    path.edges.push_back(e);
    path.vertices.push_back(VertexOf(s, b));
  }
}

// The tie that passes ownership from chain[i - 1] down to chain[i].
Interval OwnsLink(const Snapshot& s, const CompanyTie& t, size_t i, Date d) {
  return StoredTie(s, s.OrgVertex(t.chain[i - 1]), s.OrgVertex(t.chain[i]), TieKind::kHolds, d);
}

// The person's own role at the top of the chain.
Interval RoleTie(const Snapshot& s, const CompanyTie& t, Date d) {
  return StoredTie(s, s.PersonVertex(t.person), s.OrgVertex(t.chain[0]), TieKind::kHolds, d,
                   t.role);
}

// person --role--> chain[0] --owns--> ... --owns--> chain.back()
void AppendDown(const Snapshot& s, const CompanyTie& t, Date d, FindingPath& path) {
  for (size_t i = 0; i < t.chain.size(); ++i) {
    PathEdge e;
    e.type = i == 0 ? std::string(RoleName(t)) : "owns";
    if (i == 0) e.share_pct = t.share_pct;
    e.valid = i == 0 ? RoleTie(s, t, d) : OwnsLink(s, t, i, d);
    path.edges.push_back(e);
    path.vertices.push_back(VertexOf(s, s.OrgVertex(t.chain[i])));
  }
}

// chain.back() --owned_by--> ... chain[0] --role of--> person  (the person is appended too)
void AppendUp(const Snapshot& s, const CompanyTie& t, Date d, FindingPath& path) {
  for (size_t i = t.chain.size() - 1; i-- > 0;) {
    PathEdge e;
    e.type = "owned_by";
    e.valid = OwnsLink(s, t, i + 1, d);
    path.edges.push_back(e);
    path.vertices.push_back(VertexOf(s, s.OrgVertex(t.chain[i])));
  }
  PathEdge e;
  e.type = Cat(RoleName(t), "_of");
  e.share_pct = t.share_pct;
  e.valid = RoleTie(s, t, d);
  path.edges.push_back(e);
  path.vertices.push_back(VertexOf(s, s.PersonVertex(t.person)));
}

}  // namespace

std::string RelationOf(const Evidence& e) {
  const std::string_view kin = Name(e.kin.path);
  if (e.from_company && e.to_company) {
    return Cat(RoleName(*e.from_company), "<", kin, ">", RoleName(*e.to_company));
  }
  if (e.to_company) return Cat(kin, ">", RoleName(*e.to_company));
  return std::string(kin);
}

FindingPath PathOf(const Snapshot& s, const Candidate& c) {
  const Evidence& e = c.evidence;
  FindingPath path;
  path.vertices.push_back(VertexOf(s, c.official));
  if (e.from_company) AppendUp(s, *e.from_company, c.date, path);
  AppendKin(s, e.kin, c.date, path);
  if (e.to_company) AppendDown(s, *e.to_company, c.date, path);
  return path;
}

FindingScope ScopeOf(const Snapshot& s, const Candidate& c) {
  const SnapshotData& d = s.data();
  FindingScope scope;
  scope.official = c.official;
  scope.counterparty = c.counterparty;
  scope.official_post = c.official_post;
  auto by_commission = [&](CommissionIndex k) {
    scope.commission = k;
    if (k != kNone) scope.organization = d.commissions[k].org;
  };
  if (auto e = std::get_if<const Employment*>(&c.decision)) {
    scope.post = (*e)->position;
    scope.organization = d.positions[scope.post].org;
    if (c.rule == Rule::kHireCommission) scope.commission = (*e)->selection_commission;
  } else if (auto t = std::get_if<const Tender*>(&c.decision)) {
    scope.organization = (*t)->customer;
    scope.commission = (*t)->commission;
  } else if (auto k = std::get_if<const Contract*>(&c.decision)) {
    scope.organization = (*k)->customer;
    if ((*k)->tender != kNone) scope.commission = d.tenders[(*k)->tender].commission;
  } else if (auto a = std::get_if<const Allocation*>(&c.decision)) {
    by_commission((*a)->commission);
  } else if (auto dc = std::get_if<const DisciplinaryCase*>(&c.decision)) {
    by_commission((*dc)->commission);
  } else if (auto b = std::get_if<const Bonus*>(&c.decision)) {
    scope.organization = (*b)->org;
  }
  return scope;
}

}  // namespace coigraph::graph::internal
