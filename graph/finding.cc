#include "graph/finding.h"

#include <cstdio>
#include <tuple>

#include "base/json.h"
#include "graph/rules/legal_basis.h"

namespace coigraph::graph {

using base::AppendJsonString;

namespace {

struct RuleInfo {
  std::string_view name;
  Sphere sphere;
};

constexpr RuleInfo kRules[kRuleCount] = {
    {"HIRE_SUBORDINATION", Sphere::kHiring},
    {"HIRE_CHAIN", Sphere::kHiring},
    {"HIRE_APPOINTER", Sphere::kHiring},
    {"HIRE_COMMISSION", Sphere::kHiring},
    {"TENDER_COMMISSION", Sphere::kProcurement},
    {"TENDER_SIGNATORY", Sphere::kProcurement},
    {"TENDER_AFFILIATED_BIDDERS", Sphere::kProcurement},
    {"TENDER_BLACKLIST_SUCCESSOR", Sphere::kProcurement},
    {"LAND_COMMISSION", Sphere::kLand},
    {"HOUSING_COMMISSION", Sphere::kHousing},
    {"LAND_QUEUE_JUMP", Sphere::kLand},
    {"HOUSING_QUEUE_JUMP", Sphere::kHousing},
    {"DISCIPLINARY_INTERESTED", Sphere::kDisciplinary},
    {"BONUS_RELATIVE", Sphere::kBonus},
    {"COMMISSION_OTHER", Sphere::kOther},
};

constexpr std::string_view kSpheres[kSphereCount] = {
    "hiring", "procurement", "land", "housing", "disciplinary", "bonus", "other"};
constexpr std::string_view kSeverities[kSeverityCount] = {"low", "medium", "high", "critical"};

// The index of `name` in `names`, as an enum value.
template <typename E, size_t N>
std::optional<E> Find(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

void AppendNumber(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  out += buf;
}

}  // namespace

std::string_view Name(Rule rule) { return kRules[static_cast<size_t>(rule)].name; }
Sphere SphereOf(Rule rule) { return kRules[static_cast<size_t>(rule)].sphere; }
std::string_view Name(Sphere sphere) { return kSpheres[static_cast<size_t>(sphere)]; }
std::string_view Name(Severity severity) { return kSeverities[static_cast<size_t>(severity)]; }
std::string_view Name(EvidenceKind kind) {
  return kind == EvidenceKind::kNameMatched ? "name_matched" : "registry";
}
std::string_view Name(VertexKind kind) {
  return kind == VertexKind::kPerson ? "person" : "organization";
}

std::optional<Rule> ParseRule(std::string_view name) {
  for (int i = 0; i < kRuleCount; ++i) {
    if (kRules[i].name == name) return static_cast<Rule>(i);
  }
  return std::nullopt;
}
std::optional<Sphere> ParseSphere(std::string_view name) { return Find<Sphere>(kSpheres, name); }
std::optional<Severity> ParseSeverity(std::string_view name) {
  return Find<Severity>(kSeverities, name);
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.rule, a.object_id, a.official, a.counterparty) <
         std::tie(b.rule, b.object_id, b.official, b.counterparty);
}

std::string FindingToJson(const Finding& f) {
  std::string out = "{\"rule\":";
  AppendJsonString(out, Name(f.rule));
  out += ",\"sphere\":";
  AppendJsonString(out, Name(SphereOf(f.rule)));
  out += ",\"object_id\":";
  AppendJsonString(out, f.object_id);
  out += ",\"date\":";
  AppendJsonString(out, FormatIsoDate(f.date));
  out += ",\"official\":";
  AppendJsonString(out, f.official);
  out += ",\"counterparty\":";
  AppendJsonString(out, f.counterparty);
  out += ",\"relation\":";
  AppendJsonString(out, f.relation);
  out += ",\"path\":{\"vertices\":[";
  for (size_t i = 0; i < f.path.vertices.size(); ++i) {
    const PathVertex& v = f.path.vertices[i];
    if (i > 0) out += ',';
    out += "{\"id\":";
    AppendJsonString(out, v.id);
    out += ",\"name\":";
    AppendJsonString(out, v.name);
    out += ",\"kind\":";
    AppendJsonString(out, Name(v.kind));
    out += '}';
  }
  out += "],\"edges\":[";
  for (size_t i = 0; i < f.path.edges.size(); ++i) {
    const PathEdge& e = f.path.edges[i];
    if (i > 0) out += ',';
    out += "{\"type\":";
    AppendJsonString(out, e.type);
    if (e.share_pct >= 0) {
      out += ",\"share_pct\":";
      AppendNumber(out, e.share_pct);
    }
    if (e.derived) out += ",\"derived\":true";
    if (e.valid.from != kMinDate) {
      out += ",\"valid_from\":";
      AppendJsonString(out, FormatIsoDate(e.valid.from));
    }
    if (e.valid.to != kMaxDate) {
      out += ",\"valid_to\":";
      AppendJsonString(out, FormatIsoDate(e.valid.to));
    }
    out += '}';
  }
  out += "]},\"severity\":";
  AppendJsonString(out, Name(f.severity));
  out += ",\"evidence\":";
  AppendJsonString(out, Name(f.evidence.kind));
  if (f.evidence.kind == EvidenceKind::kNameMatched) {
    out += ",\"match_score\":";
    AppendNumber(out, f.evidence.match_score);
    out += ",\"matched_name\":";
    AppendJsonString(out, f.evidence.matched_name);
  }
  out += ",\"explanation_ru\":";
  AppendJsonString(out, f.explanation_ru);
  out += ",\"explanation_en\":";
  AppendJsonString(out, f.explanation_en);
  out += ",\"explanation_kk\":";
  AppendJsonString(out, f.explanation_kk);
  const LegalBasis& basis = LegalBasisOf(f.rule);
  out += ",\"legal_basis\":";
  AppendJsonString(out, basis.ru);
  out += ",\"legal_basis_kk\":";
  AppendJsonString(out, basis.kk);
  out += ",\"legal_basis_en\":";
  AppendJsonString(out, basis.en);
  out += '}';
  return out;
}

}  // namespace coigraph::graph
