// What a role that may not see identities (a researcher, auth.h MaySeeIdentities) is shown
// instead of people, in every answer: the pseudonyms of the exports (graph::VertexPseudonym,
// "P-"/"E-" + 12 hex digits of salted SHA-256), and the way back from a pseudonym to its vertex
// for the requests that name one. docs/service.md, "What each role sees", is the policy.
//
// Example:
//   const Pseudonymiser shown(salt);
//   shown.Finding(&finding);   // IINs -> "P-…", persons' names and every free text gone
//   const PseudonymIndex index(snapshot, salt);
//   absl::StatusOr<graph::VertexId> v = index.Find("P-0123456789ab");
//
// Thread safety: both are immutable once built.
#pragma once

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "coigraph/v1/case.pb.h"
#include "coigraph/v1/coigraph.pb.h"
#include "coigraph/v1/finding.pb.h"
#include "graph/snapshot.h"

namespace coigraph::service {

// True for 12 digits shaped as an IIN (the fifth digit 0..3, the tens digit of the birth day): a
// person's number or an individual entrepreneur's BIN, which is its owner's IIN. Legal entities'
// BINs have 4..6 there (graph/identity_number.h).
bool IsNaturalPersonNumber(std::string_view number);

// Rewrites answers as a researcher sees them. Everything that names a natural person becomes
// its pseudonym; free text that can carry a name (explanations, notes, assignees, who changed
// a case) is cleared. Legal entities keep their BIN and name; rules, relations, dates, case
// ids and legal bases stay.
class Pseudonymiser {
 public:
  explicit Pseudonymiser(std::string salt) : salt_(std::move(salt)) {}

  // A number as shown: a natural person's number -> "P-…", or "E-…" when `organization` (an
  // individual entrepreneur); a legal entity's BIN as it is; "" for anything else.
  std::string Number(std::string_view number, bool organization) const;
  // id (and, for natural persons, name) of a vertex of a path or neighbourhood.
  void Vertex(v1::PathVertex* vertex) const;
  void Path(v1::Path* path) const;
  // official, counterparty and path pseudonymised, explanations cleared, `pseudonymised` set.
  void Finding(v1::Finding* finding) const;
  // The finding, an individual entrepreneur's organization, assignee, note, the history's
  // actors and note/assignee values, and the tie hints.
  void Case(v1::Case* c) const;
  // member, person and an individual entrepreneur bidder pseudonymised (names too), a bid
  // filer's name cleared, and what matched (surname stem, patronymic root, address) cleared:
  // they are parts of names and homes. name_matched and address_matched stay.
  void TieHint(v1::TieHint* hint) const;

 private:
  std::string salt_;
};

// The vertex of each pseudonym of one snapshot: every person and individual entrepreneur,
// hashed once (about a second per million persons).
class PseudonymIndex {
 public:
  PseudonymIndex(const graph::Snapshot& s, std::string_view salt);

  // Errors: FieldError naming `field` when `pseudonym` is not "P-"/"E-" + 12 hex digits;
  // NotFound; FailedPrecondition when two vertices share the pseudonym (48 bits: expect a few
  // such pairs among tens of millions of persons), so that no answer is about the wrong one.
  absl::StatusOr<graph::VertexId> Find(std::string_view pseudonym, std::string_view field) const;

 private:
  absl::flat_hash_map<std::string, graph::VertexId> vertex_;
  absl::flat_hash_set<std::string> ambiguous_;
};

}  // namespace coigraph::service
