#include "loaders/forward_links.h"

#include <algorithm>

namespace coigraph::loaders {

std::vector<LinkFault> ResolveLinks(const std::vector<uint32_t>& targets,
                                    const std::vector<bool>& own_bad) {
  const size_t n = targets.size();
  enum : uint8_t { kUnseen, kOnPath, kDone };
  std::vector<uint8_t> state(n, kUnseen);
  std::vector<LinkFault> fault(n, LinkFault::kNone);
  std::vector<uint32_t> path;
  for (uint32_t start = 0; start < n; ++start) {
    if (state[start] != kUnseen) continue;
    path.clear();
    uint32_t x = start;
    while (x != kNoLink && state[x] == kUnseen) {
      state[x] = kOnPath;
      path.push_back(x);
      if (own_bad[x]) break;
      x = targets[x];
    }
    // Settle the end of the path, then walk it back: each row falls when the next one does.
    size_t settled = path.size();  // path[settled..] have their fault
    const uint32_t last = path.back();
    if (own_bad[last]) {
      fault[last] = LinkFault::kOwn;
      settled = path.size() - 1;
    } else if (x == kNoLink) {
      settled = path.size() - 1;
    } else if (state[x] == kDone) {
      fault[last] = fault[x] == LinkFault::kNone ? LinkFault::kNone : LinkFault::kTargetRejected;
      settled = path.size() - 1;
    } else {  // x is on the path: a cycle from x to the end
      const size_t at = static_cast<size_t>(std::find(path.begin(), path.end(), x) - path.begin());
      for (size_t i = at; i < path.size(); ++i) fault[path[i]] = LinkFault::kCycle;
      settled = at;
    }
    for (size_t i = settled; i-- > 0;) {
      fault[path[i]] =
          fault[path[i + 1]] == LinkFault::kNone ? LinkFault::kNone : LinkFault::kTargetRejected;
    }
    for (uint32_t p : path) state[p] = kDone;
  }
  return fault;
}

std::vector<uint32_t> CycleFrom(const std::vector<uint32_t>& targets, uint32_t start) {
  std::vector<uint32_t> cycle = {start};
  for (uint32_t x = targets[start]; x != start && x != kNoLink; x = targets[x]) {
    cycle.push_back(x);
  }
  return cycle;
}

}  // namespace coigraph::loaders
