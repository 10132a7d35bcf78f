// Prints console/src/i18n/relations.ts, the console's relation labels in English, Russian and
// Kazakh, from the one table of relation words (graph/tie_labels.h). The file is committed; the
// test tools.RelationWordsTsTest fails when it differs from this output.
//
//   build/bin/console_words > console/src/i18n/relations.ts
#include <iostream>

#include "tools/vocab/relation_words_ts.h"

int main() {
  std::cout << coigraph::tools::RelationWordsTs();
  return std::cout ? 0 : 1;
}
