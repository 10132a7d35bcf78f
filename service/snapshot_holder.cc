#include "service/snapshot_holder.h"

#include <algorithm>
#include <utility>

#include "base/text.h"
#include "graph/identity_number.h"
#include "graph/rules.h"

namespace coigraph::service {

namespace {

// A person's full name or an organization's name; "" for no vertex.
std::string NameOf(const graph::Snapshot& s, graph::VertexId v) {
  if (v == graph::kNone) return "";
  return s.IsPerson(v) ? s.PersonFullName(s.PersonOf(v)) : s.VertexName(v);
}

}  // namespace

CaseFacts CaseFactsOf(const graph::Snapshot& s, const graph::Finding& f) {
  CaseFacts c;
  c.rule = std::string(graph::Name(f.rule));
  c.case_id = CaseIdOf(c.rule, f.object_id, f.official, f.counterparty);
  c.sphere = std::string(graph::Name(graph::SphereOf(f.rule)));
  c.object_id = f.object_id;
  c.official = f.official;
  c.counterparty = f.counterparty;
  c.official_name = NameOf(s, f.scope.official);
  c.counterparty_name = NameOf(s, f.scope.counterparty);
  c.date = graph::FormatIsoDate(f.date);
  c.relation = f.relation;
  c.severity = std::string(graph::Name(f.severity));
  c.explanation_ru = f.explanation_ru;
  c.explanation_en = f.explanation_en;
  c.explanation_kk = f.explanation_kk;
  if (f.evidence.kind == graph::EvidenceKind::kNameMatched) {
    c.match_score = f.evidence.match_score;
    c.matched_name = f.evidence.matched_name;
  }
  if (const graph::OrgIndex org = f.scope.organization; org != graph::kNone) {
    const graph::Organization& o = s.data().organizations[org];
    c.organization_bin = graph::FormatIdentityNumber(o.bin);
    c.organization_name = std::string(s.Str(o.name));
    c.region = std::string(s.Str(o.region));
  }
  return c;
}

CaseVocabulary KnownCaseVocabulary() {
  CaseVocabulary v;
  for (int i = 0; i < graph::kRuleCount; ++i) {
    const auto rule = static_cast<graph::Rule>(i);
    v.rules.emplace_back(graph::Name(rule));
    const std::string sphere(graph::Name(graph::SphereOf(rule)));
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
  state->cases.reserve(state->findings.size());
  for (uint32_t i = 0; i < state->findings.size(); ++i) {
    const graph::Finding& f = state->findings[i];
    state->cases.push_back(CaseFactsOf(*state->snapshot, f));
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
