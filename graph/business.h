// Business ties (docs/rules.md, "Business ties") between persons and companies, judged on a date.
//
//   person ──founder──▶ A ──owner──▶ B ──owner──▶ ... ──▶ X     (≤ 5 company links below A)
//   person ──director──▶ Y                                   (Y only)
//   person ◀══ individual entrepreneur whose BIN is the person's IIN
//
// Example:
//   for (const CompanyTie& t : HoldersOf(snapshot, x, date)) { ... t.person, t.role ... }
#pragma once

#include <cstdint>
#include <vector>

#include "graph/snapshot.h"

namespace coigraph::graph {

inline constexpr int kMaxOwnershipLinks = 5;

// How a person is tied to a company.
struct CompanyTie {
  PersonIndex person = kNone;
  OrgIndex company = kNone;
  CompanyRoleKind role = CompanyRoleKind::kOwner;  // the person's own role at the top
  bool entrepreneur = false;                       // the company is the person's IE
  float share_pct = -1.0f;                         // the person's own share, < 0 unknown
  // Companies from the one the person holds the role in down to `company` (size = links + 1).
  std::vector<OrgIndex> chain;
  int links() const { return static_cast<int>(chain.size()) - 1; }
};

// Strict "closer than" between two ties to the same company: fewer links, then role order.
bool CloserCompanyTie(const CompanyTie& a, const CompanyTie& b);

// Every person tied to company `x` on `d`, one (closest) tie per person, sorted by person.
std::vector<CompanyTie> HoldersOf(const Snapshot& s, OrgIndex x, Date d);

// Every company person `p` is tied to on `d`, one (closest) tie per company, sorted by company.
std::vector<CompanyTie> CompaniesOf(const Snapshot& s, PersonIndex p, Date d);

// Display name of a role as relation strings write it ("founder", ..., IE: "owner").
std::string_view RoleName(const CompanyTie& tie);

}  // namespace coigraph::graph
