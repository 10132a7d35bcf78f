// Path search for analysts: the k shortest simple paths between two vertices (persons or
// organizations) over kinship and business ties valid on a date.
//
// Example:
//   PathQuery q{.from = a, .to = b, .date = d, .max_hops = 4, .k = 3};
//   absl::StatusOr<std::vector<TiePath>> paths = KShortestPaths(snapshot, q);
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/snapshot.h"

namespace coigraph::graph {

// Relation-type filter: which edge kinds a path may use.
enum class RelationClass : uint8_t { kKinship = 1, kBusiness = 2 };
inline constexpr int kMaxPathHops = 12;
inline constexpr int kMaxPathsK = 50;

struct PathQuery {
  VertexId from = 0;
  VertexId to = 0;
  Date date = 0;
  int max_hops = 4;
  int k = 1;
  bool kinship = true;   // parent/child/spouse/sibling edges allowed
  bool business = true;  // company-role edges allowed
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
                                                   int radius, bool kinship, bool business,
                                                   size_t limit);

}  // namespace coigraph::graph
