// The conflict rules of docs/rules.md ("The rule table"), run over a snapshot.
//
// Example:
//   RuleSet only{Rule::kTenderCommission};
//   std::vector<Finding> f = RunRules(*snapshot, only);   // sorted by FindingLess
//
// Thread safety: pure functions of a const snapshot.
#pragma once

#include <bitset>
#include <vector>

#include "graph/finding.h"
#include "graph/snapshot.h"

namespace coigraph::graph {

using RuleSet = std::bitset<kRuleCount>;
inline RuleSet AllRules() { return RuleSet().set(); }

// Every finding of the selected rules, one per (rule, object_id, official, counterparty),
// sorted by FindingLess.
std::vector<Finding> RunRules(const Snapshot& snapshot, const RuleSet& rules);

}  // namespace coigraph::graph
