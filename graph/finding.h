// A finding: one conflict of interest found by a rule (docs/rules.md, "A finding").
//
// Identified by (rule, object_id, official, counterparty); it carries the closest tie found on
// its date, as a relation string and as the path of vertices and edges that make it up.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/date.h"
#include "graph/model.h"
#include "graph/snapshot.h"

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

std::string_view Name(Rule rule);  // "HIRE_SUBORDINATION"
std::optional<Rule> ParseRule(std::string_view name);

// The area of decisions a rule belongs to.
enum class Sphere : uint8_t {
  kHiring,
  kProcurement,
  kLand,
  kHousing,
  kDisciplinary,
  kBonus,
  kOther
};
inline constexpr int kSphereCount = 7;
Sphere SphereOf(Rule rule);
std::string_view Name(Sphere sphere);  // "hiring", "procurement", "land", ...
std::optional<Sphere> ParseSphere(std::string_view name);

// How grave a finding is: closeness of the tie, one step up for money or land (docs/rules.md,
// "Severity").
enum class Severity : uint8_t { kLow, kMedium, kHigh, kCritical };
inline constexpr int kSeverityCount = 4;
std::string_view Name(Severity severity);  // "low", "medium", "high", "critical"
std::optional<Severity> ParseSeverity(std::string_view name);

enum class VertexKind : uint8_t { kPerson, kOrganization };
std::string_view Name(VertexKind kind);  // "person", "organization"

// One vertex or edge of a finding's path.
struct PathVertex {
  std::string id;    // IIN or BIN
  std::string name;  // "Ахметов Б.С." or the organization's name
  VertexKind kind = VertexKind::kPerson;
};
struct PathEdge {
  std::string type;       // kin step ("spouse", "parent", ...) or company role ("founder", ...)
  double share_pct = -1;  // a role's share, < 0 when not given
  bool derived = false;   // a sibling tie derived from a shared parent
  // The validity of the fact behind the edge that held on the finding's date (for a derived
  // sibling: both parent facts; for an individual entrepreneur's tie: always).
  Interval valid = kAlways;
};
// vertices[i] --edges[i]--> vertices[i + 1]
struct FindingPath {
  std::vector<PathVertex> vertices;
  std::vector<PathEdge> edges;
};

// What a rule judged, as indexes into the snapshot it ran on (kNone where the rule has none),
// so that callers never look an object up again by its id.
struct FindingScope {
  VertexId official = kNone;            // the official's vertex
  VertexId counterparty = kNone;        // the counterparty's vertex
  OrgIndex organization = kNone;        // whose decision it is: the post's organization, the
                                        // tender's or contract's customer, the commission's
                                        // organization, the bonus's organization
  PositionIndex post = kNone;           // hiring: the lower post, or the appointee's post
  PositionIndex official_post = kNone;  // HIRE_SUBORDINATION / HIRE_CHAIN: the official's post
  CommissionIndex commission = kNone;   // the commission the decision was taken by
};

// What a finding rests on (docs/rules.md, "Evidence"): facts stated by registries with their
// identifiers, or a commission seat whose member the source named only by name, matched to a
// person by the importer (graph::CommissionSeat::match_score). A name-matched finding is at most
// kNameMatchedSeverityCap, and its explanations name the name as given.
enum class EvidenceKind : uint8_t { kRegistry, kNameMatched };
std::string_view Name(EvidenceKind kind);  // "registry", "name_matched"
struct FindingEvidence {
  EvidenceKind kind = EvidenceKind::kRegistry;
  double match_score = 0;    // kNameMatched: the match's score, in (0, 1]
  std::string matched_name;  // kNameMatched: the name as the source gave it
};
inline constexpr Severity kNameMatchedSeverityCap = Severity::kMedium;

struct Finding {
  Rule rule = Rule::kHireSubordination;
  std::string object_id;
  Date date = 0;
  std::string official;      // IIN, or BIN for the two bidder rules
  std::string counterparty;  // IIN or BIN
  std::string relation;      // "spouse.sibling", "self", "sibling>founder", ...
  FindingPath path;
  Severity severity = Severity::kLow;
  std::string explanation_ru;
  std::string explanation_en;
  std::string explanation_kk;
  FindingEvidence evidence;
  FindingScope scope;
};

// Orders findings deterministically: rule (table order), object_id, official, counterparty.
bool FindingLess(const Finding& a, const Finding& b);

// One JSON object, no trailing newline; field names those of docs/rules.md, "A finding": the
// rule's fields, the explanations and the legal basis (legal_basis in Russian, legal_basis_kk,
// legal_basis_en; graph/rules/legal_basis.h).
std::string FindingToJson(const Finding& f);

}  // namespace coigraph::graph
