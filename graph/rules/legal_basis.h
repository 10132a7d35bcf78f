// The legal basis of each rule: the law and article a finding cites, in Russian, Kazakh and
// English (docs/rules.md, "Legal basis"). One static table; a finding carries its rule, and
// every output (JSON lines, gRPC, the console) reads the citation from here.
//
// Example:
//   LegalBasisOf(Rule::kHireSubordination).en
//     // "Law of the RK No. 410-V "On Combating Corruption", Art. 14 p. 1 ..."
#pragma once

#include <string_view>

#include "graph/finding.h"

namespace coigraph::graph {

struct LegalBasis {
  std::string_view ru;
  std::string_view kk;
  std::string_view en;
};

const LegalBasis& LegalBasisOf(Rule rule);

}  // namespace coigraph::graph
