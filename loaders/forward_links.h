// Decides which rows of a file stand when rows point at other rows of the same file
// (positions.reports_to, organizations.parent_bin), whatever their order.
//
// A row falls when its own link is bad (unknown target, another organization), when it lies on
// a cycle, or when the row it points to falls:
//
//     P1 <── P2 <── P3        P3 -> P2 -> P1: all stand
//     Q1 ──> Q2 ──> Q1        Q1, Q2: a cycle; Q3 -> Q1 falls with them
//      ^
//      └── Q3
#pragma once

#include <cstdint>
#include <vector>

namespace coigraph::loaders {

enum class LinkFault : uint8_t {
  kNone,            // the row stands
  kOwn,             // its own link is bad (the caller said so)
  kCycle,           // it lies on a cycle of links
  kTargetRejected,  // the row it points to falls
};

inline constexpr uint32_t kNoLink = 0xffffffffu;

// targets[i]: the row that row i points to, kNoLink for none. own_bad[i]: row i's link is bad
// on its own. Returns one LinkFault per row. O(n).
std::vector<LinkFault> ResolveLinks(const std::vector<uint32_t>& targets,
                                    const std::vector<bool>& own_bad);

// The rows of the cycle that `start` lies on, starting with `start`.
// REQUIRES: ResolveLinks said kCycle for `start`.
std::vector<uint32_t> CycleFrom(const std::vector<uint32_t>& targets, uint32_t start);

}  // namespace coigraph::loaders
