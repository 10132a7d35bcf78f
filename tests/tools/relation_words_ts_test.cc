// The console's relation labels are the engine's: console/src/i18n/relations.ts is exactly what
// tools/vocab writes from graph/tie_labels.cc, and every relation word the explanations use has
// a label there.
#include "tools/vocab/relation_words_ts.h"

#include <fstream>
#include <sstream>
#include <string>

#include "graph/tie_labels.h"
#include "gtest/gtest.h"

namespace coigraph::tools {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RelationWordsTsTest, CommittedFileIsTheTablesOutput) {
  const std::string committed =
      ReadFile(std::string(COIGRAPH_SOURCE_DIR) + "/console/src/i18n/relations.ts");
  ASSERT_FALSE(committed.empty()) << "console/src/i18n/relations.ts is missing";
  EXPECT_EQ(committed, RelationWordsTs())
      << "regenerate: build/bin/console_words > console/src/i18n/relations.ts";
}

TEST(RelationWordsTsTest, EveryLabelHasWordsInEveryLanguage) {
  for (const std::string_view label :
       {"self", "parent", "child", "spouse", "sibling", "founder", "owner", "beneficial_owner",
        "director", "board_member", "held_by_founder", "held_by_owner", "held_by_beneficial_owner",
        "held_by_director", "held_by_board_member"}) {
    const graph::TieLabelWords* w = graph::WordsOfTieLabel(label);
    ASSERT_NE(w, nullptr) << label;
    EXPECT_FALSE(w->en.empty() || w->ru.empty() || w->kk.empty()) << label;
    EXPECT_NE(RelationWordsTs().find(std::string("\"rel.").append(label).append("\"")),
              std::string::npos)
        << label;
  }
  EXPECT_EQ(graph::WordsOfTieLabel("cousin"), nullptr);
}

}  // namespace
}  // namespace coigraph::tools
