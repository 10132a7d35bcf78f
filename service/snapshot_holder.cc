#include "service/snapshot_holder.h"

#include <algorithm>
#include <utility>

#include "graph/identity_number.h"
#include "graph/rules.h"
#include "graph/text.h"

namespace coigraph::service {

namespace {

bool IsHiring(std::string_view rule) { return rule.starts_with("HIRE_"); }

// The organization the object of a finding belongs to; kNone when unknown.
graph::OrgIndex OrganizationOf(const graph::Snapshot& s, const graph::Finding& f) {
  const graph::SnapshotData& d = s.data();
  const std::string_view rule = graph::Name(f.rule);
  auto commission_org = [&](graph::CommissionIndex c) {
    return c == graph::kNone ? graph::kNone : d.commissions[c].org;
  };
  if (IsHiring(rule)) {
    if (auto p = s.FindPosition(f.object_id)) return d.positions[*p].org;
    return graph::kNone;
  }
  switch (f.rule) {
    case graph::Rule::kTenderCommission:
    case graph::Rule::kTenderAffiliatedBidders:
    case graph::Rule::kTenderBlacklistSuccessor:
      if (auto t = s.FindTender(f.object_id)) return d.tenders[*t].customer;
      return graph::kNone;
    case graph::Rule::kTenderSignatory:
      for (const graph::Contract& c : d.contracts) {
        if (s.Str(c.id) == f.object_id) return c.customer;
      }
      return graph::kNone;
    case graph::Rule::kDisciplinaryInterested:
      for (const graph::DisciplinaryCase& c : d.disciplinary) {
        if (s.Str(c.id) == f.object_id) return commission_org(c.commission);
      }
      return graph::kNone;
    case graph::Rule::kBonusRelative:
      for (const graph::Bonus& b : d.bonuses) {
        if (s.Str(b.id) == f.object_id) return b.org;
      }
      return graph::kNone;
    default:  // the allocation rules
      for (const graph::Allocation& a : d.allocations) {
        if (s.Str(a.id) == f.object_id) return commission_org(a.commission);
      }
      return graph::kNone;
  }
}

// Per-load lookup of the rarer object kinds, so that CaseFactsOf is not quadratic.
class OrganizationIndex {
 public:
  explicit OrganizationIndex(const graph::Snapshot& s) : s_(s) {
    const graph::SnapshotData& d = s.data();
    auto commission_org = [&](graph::CommissionIndex c) {
      return c == graph::kNone ? graph::kNone : d.commissions[c].org;
    };
    for (const graph::Contract& c : d.contracts) by_contract_.emplace(s.Str(c.id), c.customer);
    for (const graph::DisciplinaryCase& c : d.disciplinary) {
      by_other_.emplace(s.Str(c.id), commission_org(c.commission));
    }
    for (const graph::Bonus& b : d.bonuses) by_other_.emplace(s.Str(b.id), b.org);
    for (const graph::Allocation& a : d.allocations) {
      by_other_.emplace(s.Str(a.id), commission_org(a.commission));
    }
  }
  graph::OrgIndex Of(const graph::Finding& f) const {
    const std::string_view rule = graph::Name(f.rule);
    if (IsHiring(rule) || f.rule == graph::Rule::kTenderCommission ||
        f.rule == graph::Rule::kTenderAffiliatedBidders ||
        f.rule == graph::Rule::kTenderBlacklistSuccessor) {
      return OrganizationOf(s_, f);
    }
    const auto& map = f.rule == graph::Rule::kTenderSignatory ? by_contract_ : by_other_;
    auto it = map.find(f.object_id);
    return it == map.end() ? graph::kNone : it->second;
  }

 private:
  const graph::Snapshot& s_;
  absl::flat_hash_map<std::string_view, graph::OrgIndex> by_contract_;
  absl::flat_hash_map<std::string_view, graph::OrgIndex> by_other_;
};

// A person's full name or an organization's name; "" for a number the snapshot does not know.
std::string NameOf(const graph::Snapshot& s, const std::string& number) {
  std::optional<graph::VertexId> v = s.FindVertex(graph::IdentityNumberValue(number));
  if (!v.has_value()) return "";
  return s.IsPerson(*v) ? s.PersonFullName(*v) : s.VertexName(*v);
}

CaseFacts FactsWithOrg(const graph::Snapshot& s, const graph::Finding& f, graph::OrgIndex org) {
  CaseFacts c;
  c.rule = std::string(graph::Name(f.rule));
  c.case_id = CaseIdOf(c.rule, f.object_id, f.official, f.counterparty);
  c.sphere = std::string(graph::SphereOf(f.rule));
  c.object_id = f.object_id;
  c.official = f.official;
  c.counterparty = f.counterparty;
  c.official_name = NameOf(s, f.official);
  c.counterparty_name = NameOf(s, f.counterparty);
  c.date = graph::FormatIsoDate(f.date);
  c.relation = f.relation;
  c.severity = f.severity;
  c.explanation_ru = f.explanation_ru;
  c.explanation_en = f.explanation_en;
  c.explanation_kk = f.explanation_kk;
  if (org != graph::kNone) {
    const graph::Organization& o = s.data().organizations[org];
    c.organization_bin = graph::FormatIdentityNumber(o.bin);
    c.organization_name = std::string(s.Str(o.name));
    c.region = std::string(s.Str(o.region));
  }
  return c;
}

}  // namespace

CaseVocabulary KnownCaseVocabulary() {
  CaseVocabulary v;
  for (int i = 0; i < graph::kRuleCount; ++i) {
    const auto rule = static_cast<graph::Rule>(i);
    v.rules.emplace_back(graph::Name(rule));
    const std::string sphere(graph::SphereOf(rule));
    if (std::find(v.spheres.begin(), v.spheres.end(), sphere) == v.spheres.end()) {
      v.spheres.push_back(sphere);
    }
  }
  v.severities = {"critical", "high", "medium", "low"};
  return v;
}

const graph::Finding* LoadedState::FindingOfCase(const std::string& case_id) const {
  auto it = finding_by_case.find(case_id);
  return it == finding_by_case.end() ? nullptr : &findings[it->second];
}

CaseFacts CaseFactsOf(const graph::Snapshot& s, const graph::Finding& f) {
  return FactsWithOrg(s, f, OrganizationOf(s, f));
}

absl::StatusOr<std::shared_ptr<const LoadedState>> LoadScan(const std::string& dir, int64_t version,
                                                            absl::Time now) {
  const absl::Time start = absl::Now();
  absl::StatusOr<loaders::LoadedFeed> feed = loaders::LoadSnapshot(dir);
  if (!feed.ok()) return feed.status();
  auto state = std::make_shared<LoadedState>();
  state->version = version;
  state->feeds_dir = dir;
  state->loaded_at = now;
  state->snapshot = std::move(feed->snapshot);
  state->report = std::move(feed->report);
  state->findings = graph::RunRules(*state->snapshot, graph::AllRules());
  const OrganizationIndex orgs(*state->snapshot);
  state->cases.reserve(state->findings.size());
  for (uint32_t i = 0; i < state->findings.size(); ++i) {
    const graph::Finding& f = state->findings[i];
    state->cases.push_back(FactsWithOrg(*state->snapshot, f, orgs.Of(f)));
    state->finding_by_case.emplace(state->cases.back().case_id, i);
  }
  state->load_duration = absl::Now() - start;
  return state;
}

std::string CureDeadline(std::string_view rule, std::string_view date) {
  if (rule != "HIRE_SUBORDINATION" && rule != "HIRE_CHAIN") return "";
  if (!graph::ParseIsoDate(date).has_value()) return "";
  int year = std::stoi(std::string(date.substr(0, 4)));
  int month = std::stoi(std::string(date.substr(5, 2))) + 3;
  int day = std::stoi(std::string(date.substr(8, 2)));
  if (month > 12) {
    month -= 12;
    ++year;
  }
  while (day > 28 && !graph::IsValidCivilDate(year, month, day)) --day;
  if (!graph::IsValidCivilDate(year, month, day)) return "";
  return graph::FormatIsoDate(
      graph::DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

}  // namespace coigraph::service
