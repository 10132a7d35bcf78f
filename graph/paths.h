// Path search for analysts: the k shortest simple paths between two vertices (persons or
// organizations) over kinship and business ties valid on a date. Two persons who share a
// parent on the date are one `sibling` step apart, as in the rules.
//
// Example:
//   PathQuery q{.from = a, .to = b, .date = d, .max_hops = 4, .k = 3};
//   absl::StatusOr<std::vector<TiePath>> paths = KShortestPaths(snapshot, q);
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/snapshot.h"

namespace coigraph::graph {

inline constexpr int kMaxPathHops = 12;

// Relation-type filter: a bit per kinship step (parent, child, spouse, sibling) and per company
// role (founder, owner, beneficial_owner, director, board_member).
using RelationMask = uint32_t;
inline constexpr RelationMask kAllRelations = 0x1ff;
inline constexpr RelationMask kKinshipRelations = 0x0f;
inline constexpr RelationMask kBusinessRelations = 0x1f0;
// The bit of one tie (a role tie of an individual entrepreneur counts as `owner`).
RelationMask RelationBit(const Tie& tie);
// "kinship", "business", or a comma-separated list of step and role names; nullopt on an
// unknown name.
std::optional<RelationMask> ParseRelationFilter(std::string_view text);
inline constexpr int kMaxPathsK = 50;

struct PathQuery {
  VertexId from;
  VertexId to;
  Date date = 0;
  int max_hops = 4;
  int k = 1;
  RelationMask relations = kAllRelations;
};

struct TiePath {
  std::vector<VertexId> vertices;  // from ... to
  std::vector<Tie> edges;          // edges[i] joins vertices[i] -> vertices[i+1]
};

// Up to k shortest simple paths (Yen's algorithm over BFS), shortest first, ties broken by
// vertex ids. Errors: InvalidArgument when max_hops is not in 1..kMaxPathHops or k not in
// 1..kMaxPathsK, or from/to are out of range.
absl::StatusOr<std::vector<TiePath>> KShortestPaths(const Snapshot& s, const PathQuery& q);

// Vertices within `radius` hops of `seeds` on `d` (both classes of edges unless filtered),
// sorted; at most `limit` vertices (ResourceExhausted beyond).
absl::StatusOr<std::vector<VertexId>> Neighborhood(const Snapshot& s,
                                                   const std::vector<VertexId>& seeds, Date d,
                                                   int radius, RelationMask relations,
                                                   size_t limit);

}  // namespace coigraph::graph
