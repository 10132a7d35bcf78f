#include "graph/finding.h"

#include <cstdio>
#include <tuple>

#include "graph/legal_basis.h"
#include "graph/text.h"

namespace coigraph::graph {

namespace {

struct RuleInfo {
  std::string_view name;
  std::string_view sphere;
};

constexpr RuleInfo kRules[kRuleCount] = {
    {"HIRE_SUBORDINATION", "hiring"},
    {"HIRE_CHAIN", "hiring"},
    {"HIRE_APPOINTER", "hiring"},
    {"HIRE_COMMISSION", "hiring"},
    {"TENDER_COMMISSION", "procurement"},
    {"TENDER_SIGNATORY", "procurement"},
    {"TENDER_AFFILIATED_BIDDERS", "procurement"},
    {"TENDER_BLACKLIST_SUCCESSOR", "procurement"},
    {"LAND_COMMISSION", "land"},
    {"HOUSING_COMMISSION", "housing"},
    {"LAND_QUEUE_JUMP", "land"},
    {"HOUSING_QUEUE_JUMP", "housing"},
    {"DISCIPLINARY_INTERESTED", "disciplinary"},
    {"BONUS_RELATIVE", "bonus"},
    {"COMMISSION_OTHER", "other"},
};

void AppendNumber(std::string& out, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  out += buf;
}

}  // namespace

std::string_view Name(Rule rule) { return kRules[static_cast<size_t>(rule)].name; }
std::string_view SphereOf(Rule rule) { return kRules[static_cast<size_t>(rule)].sphere; }

bool ParseRule(std::string_view name, Rule* rule) {
  for (int i = 0; i < kRuleCount; ++i) {
    if (kRules[i].name == name) {
      *rule = static_cast<Rule>(i);
      return true;
    }
  }
  return false;
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.rule, a.object_id, a.official, a.counterparty) <
         std::tie(b.rule, b.object_id, b.official, b.counterparty);
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string FindingToJson(const Finding& f) {
  std::string out = "{\"rule\":";
  AppendJsonString(out, Name(f.rule));
  out += ",\"sphere\":";
  AppendJsonString(out, SphereOf(f.rule));
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
    AppendJsonString(out, v.kind);
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
  AppendJsonString(out, f.severity);
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
