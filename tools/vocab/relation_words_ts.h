// The console's relation labels (console/src/i18n/relations.ts) as TypeScript, written from the
// one table of relation words (graph/tie_labels.h, TieLabelWords).
#pragma once

#include <string>

namespace coigraph::tools {

// The whole module text, byte for byte as committed.
std::string RelationWordsTs();

}  // namespace coigraph::tools
