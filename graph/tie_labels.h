// The words for a tie of the snapshot's graph (snapshot.h's Tie), one table for every surface:
// gRPC's PathEdge.type, the CLI's `paths` steps and the analyst exports all read them here.
//
// TieLabel: what the target is to the source, in one word:
//   parent, child, spouse, sibling             a kinship step
//   founder, owner, beneficial_owner, ...      holds: the role the source holds in the target
//   held_by_founder, held_by_owner, ...        held_by: the role the target holds in the source
// (the spelling proto/coigraph/v1/finding.proto documents for PathEdge.type).
//
// The exports (export.h) split it in two columns: TieType is the kind ("parent", "child",
// "spouse", "sibling", "holds", "held_by"); TieRole is the company role of a holds tie,
// "adoptive" on an adoptive parent tie (the directions the exports write), else empty.
//
// Example:
//   for (const Tie& t : s.Ties(v)) std::cout << TieLabel(t) << "\n";
#pragma once

#include <string_view>

#include "graph/snapshot.h"

namespace coigraph::graph {

std::string_view TieLabel(const Tie& t);
std::string_view TieType(const Tie& t);
std::string_view TieRole(const Tie& t);

}  // namespace coigraph::graph
