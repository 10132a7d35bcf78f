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
// TieLabelWords: the label in English, Russian and Kazakh, the one table of relation words.
// The explanations (graph/rules/explain_words.cc) take their role words and ungendered kin
// words from it, and the console's labels are generated from it (tools/vocab, checked by the
// ctest console.RelationWordsInSync).
//
// Example:
//   for (const Tie& t : s.Ties(v)) std::cout << TieLabel(t) << "\n";
#pragma once

#include <span>
#include <string_view>

#include "graph/snapshot.h"

namespace coigraph::graph {

std::string_view TieLabel(const Tie& t);
std::string_view TieType(const Tie& t);
std::string_view TieRole(const Tie& t);

// A relation word in the three languages. Kazakh words are possessive ("әкесі", "his/her
// father"; "құрылтайшысы", "its founder"), since a relation always belongs to someone.
struct TieLabelWords {
  std::string_view label, en, ru, kk;
};
// Every label TieLabel can return, and "self" (a path of one person), in a fixed order.
std::span<const TieLabelWords> AllTieLabelWords();
// The words of one label; nullptr for an unknown label.
const TieLabelWords* WordsOfTieLabel(std::string_view label);

}  // namespace coigraph::graph
