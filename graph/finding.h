// A finding: one conflict of interest found by a rule (docs/rules.md, "A finding").
//
// Identified by (rule, object_id, official, counterparty); it carries the closest tie found on
// its date, as a relation string and as the path of vertices and edges that make it up.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/date.h"

namespace coigraph::graph {

enum class Rule : uint8_t {
  kHireSubordination,
  kHireChain,
  kHireAppointer,
  kHireCommission,
  kTenderCommission,
  kTenderSignatory,
  kTenderAffiliatedBidders,
  kTenderBlacklistSuccessor,
  kLandCommission,
  kHousingCommission,
  kLandQueueJump,
  kHousingQueueJump,
  kDisciplinaryInterested,
  kBonusRelative,
  kCommissionOther,
};
inline constexpr int kRuleCount = 15;

std::string_view Name(Rule rule);      // "HIRE_SUBORDINATION"
std::string_view SphereOf(Rule rule);  // "hiring", "procurement", "land", ...
bool ParseRule(std::string_view name, Rule* rule);

// One vertex or edge of a finding's path.
struct PathVertex {
  std::string id;    // IIN or BIN
  std::string name;  // "Ахметов Б.С." or the organization's name
  std::string kind;  // "person" or "organization"
};
struct PathEdge {
  std::string type;       // kin step ("spouse", "parent", ...) or company role ("founder", ...)
  double share_pct = -1;  // a role's share, < 0 when not given
  bool derived = false;   // a sibling tie derived from a shared parent
};
// vertices[i] --edges[i]--> vertices[i + 1]
struct FindingPath {
  std::vector<PathVertex> vertices;
  std::vector<PathEdge> edges;
};

struct Finding {
  Rule rule = Rule::kHireSubordination;
  std::string object_id;
  Date date = 0;
  std::string official;      // IIN, or BIN for the two bidder rules
  std::string counterparty;  // IIN or BIN
  std::string relation;      // "spouse.sibling", "self", "sibling>founder", ...
  FindingPath path;
  std::string severity;  // "critical", "high", "medium", "low"
  std::string explanation_ru;
  std::string explanation_en;
};

// Orders findings deterministically: rule (table order), object_id, official, counterparty.
bool FindingLess(const Finding& a, const Finding& b);

// One JSON object, no trailing newline; field names exactly those of docs/rules.md, "A finding".
std::string FindingToJson(const Finding& f);
// Appends `s` as a JSON string literal (quotes, escapes control characters).
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace coigraph::graph
