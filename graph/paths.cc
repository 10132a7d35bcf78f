#include "graph/paths.h"

#include <algorithm>
#include <deque>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "base/text.h"
#include "graph/kinship.h"

namespace coigraph::graph {

using base::Cat;

namespace {

struct EdgeFilter {
  Date date;
  RelationMask relations;
  bool Allows(const Tie& t) const {
    return t.valid.Contains(date) && (RelationBit(t) & relations) != 0;
  }
};

constexpr std::string_view kRelationNames[] = {"parent",           "child",    "spouse",
                                               "sibling",          "founder",  "owner",
                                               "beneficial_owner", "director", "board_member"};

using VertexPath = std::vector<VertexId>;

// Calls f(tie) for every allowed tie out of `u`, plus a sibling tie to every person who shares
// a parent with `u` on the date (the rules count such siblings as one step, so paths do too):
//
//        parent
//        /    \.
//       u ---- v   (sibling, derived)
template <typename F>
void ForEachAllowedTie(const Snapshot& s, VertexId u, const EdgeFilter& filter, const F& f) {
  for (const Tie& t : s.Ties(u)) {
    if (filter.Allows(t)) f(t);
  }
  Tie sibling;
  sibling.kind = TieKind::kSibling;
  if (!s.IsPerson(u) || (RelationBit(sibling) & filter.relations) == 0) return;
  ForEachDerivedSibling(s, s.PersonOf(u), filter.date, [&](const DerivedSibling& d) {
    sibling.target = s.PersonVertex(d.person);
    sibling.valid = d.valid;
    f(sibling);
  });
}

// Shortest path from `from` to `to` of at most `max_hops` edges, avoiding `banned_vertices` and
// the edges in `banned_edges`; neighbours are visited in vertex-id order, so among equally short
// paths the one with the smallest vertex ids wins.
std::optional<VertexPath> Bfs(const Snapshot& s, VertexId from, VertexId to, int max_hops,
                              const EdgeFilter& filter,
                              const absl::flat_hash_set<VertexId>& banned_vertices,
                              const std::set<std::pair<VertexId, VertexId>>& banned_edges) {
  absl::flat_hash_map<VertexId, VertexId> parent{{from, from}};
  absl::flat_hash_map<VertexId, int> depth{{from, 0}};
  std::deque<VertexId> queue{from};
  std::vector<VertexId> next;
  while (!queue.empty()) {
    const VertexId u = queue.front();
    queue.pop_front();
    if (u == to) break;
    if (depth[u] >= max_hops) continue;
    next.clear();
    ForEachAllowedTie(s, u, filter, [&](const Tie& t) {
      if (banned_vertices.contains(t.target) || banned_edges.contains({u, t.target}) ||
          parent.contains(t.target)) {
        return;
      }
      next.push_back(t.target);
    });
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    for (VertexId v : next) {
      parent.emplace(v, u);
      depth.emplace(v, depth[u] + 1);
      queue.push_back(v);
    }
  }
  if (!parent.contains(to)) return std::nullopt;
  VertexPath path{to};
  while (path.back() != from) path.push_back(parent[path.back()]);
  std::reverse(path.begin(), path.end());
  return path;
}

bool PathLess(const VertexPath& a, const VertexPath& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

// The closest allowed edge from u to v (kinship before business, then by role).
Tie EdgeBetween(const Snapshot& s, VertexId u, VertexId v, const EdgeFilter& filter) {
  std::optional<Tie> best;
  ForEachAllowedTie(s, u, filter, [&](const Tie& t) {
    if (t.target != v) return;
    if (!best || std::tie(t.kind, t.role) < std::tie(best->kind, best->role)) best = t;
  });
  return best.value_or(Tie{});
}

}  // namespace

RelationMask RelationBit(const Tie& tie) {
  switch (tie.kind) {
    case TieKind::kParent:
      return 1u << 0;
    case TieKind::kChild:
      return 1u << 1;
    case TieKind::kSpouse:
      return 1u << 2;
    case TieKind::kSibling:
      return 1u << 3;
    case TieKind::kHolds:
    case TieKind::kHeldBy:
      break;
  }
  const auto role = tie.entrepreneur ? CompanyRoleKind::kOwner : tie.role;
  return 1u << (4 + static_cast<unsigned>(role));
}

std::optional<RelationMask> ParseRelationFilter(std::string_view text) {
  RelationMask mask = 0;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    text = comma == std::string_view::npos ? "" : text.substr(comma + 1);
    if (name == "kinship") {
      mask |= kKinshipRelations;
      continue;
    }
    if (name == "business") {
      mask |= kBusinessRelations;
      continue;
    }
    bool known = false;
    for (size_t i = 0; i < std::size(kRelationNames); ++i) {
      if (kRelationNames[i] == name) {
        mask |= 1u << i;
        known = true;
      }
    }
    if (!known) return std::nullopt;
  }
  if (mask == 0) return std::nullopt;
  return mask;
}

absl::StatusOr<std::vector<TiePath>> KShortestPaths(const Snapshot& s, const PathQuery& q) {
  if (q.max_hops < 1 || q.max_hops > kMaxPathHops) {
    return absl::InvalidArgumentError(
        Cat("max_hops must be in 1..", kMaxPathHops, ", got ", q.max_hops));
  }
  if (q.k < 1 || q.k > kMaxPathsK) {
    return absl::InvalidArgumentError(Cat("k must be in 1..", kMaxPathsK, ", got ", q.k));
  }
  if (!s.IsVertex(q.from) || !s.IsVertex(q.to)) {
    return absl::InvalidArgumentError("from/to is not a vertex of the snapshot");
  }
  const EdgeFilter filter{q.date, q.relations};
  std::vector<VertexPath> found;
  std::set<VertexPath, decltype(&PathLess)> candidates(&PathLess);
  if (q.from != q.to) {
    if (auto first = Bfs(s, q.from, q.to, q.max_hops, filter, {}, {})) found.push_back(*first);
  }
  // Yen: each next path deviates from a found one at some spur vertex.
  while (!found.empty() && static_cast<int>(found.size()) < q.k) {
    const VertexPath& last = found.back();
    for (size_t i = 0; i + 1 < last.size(); ++i) {
      const VertexPath root(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      std::set<std::pair<VertexId, VertexId>> banned_edges;
      for (const VertexPath& p : found) {
        if (p.size() > i + 1 && std::equal(root.begin(), root.end(), p.begin())) {
          banned_edges.insert({p[i], p[i + 1]});
        }
      }
      absl::flat_hash_set<VertexId> banned_vertices(root.begin(), root.end() - 1);
      const int hops_left = q.max_hops - static_cast<int>(i);
      auto spur = Bfs(s, last[i], q.to, hops_left, filter, banned_vertices, banned_edges);
      if (!spur) continue;
      VertexPath total = root;
      total.insert(total.end(), spur->begin() + 1, spur->end());
      if (std::find(found.begin(), found.end(), total) == found.end()) {
        candidates.insert(std::move(total));
      }
    }
    if (candidates.empty()) break;
    found.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  std::vector<TiePath> out;
  for (const VertexPath& p : found) {
    TiePath tp;
    tp.vertices = p;
    for (size_t i = 0; i + 1 < p.size(); ++i)
      tp.edges.push_back(EdgeBetween(s, p[i], p[i + 1], filter));
    out.push_back(std::move(tp));
  }
  return out;
}

absl::StatusOr<std::vector<VertexId>> Neighborhood(const Snapshot& s,
                                                   const std::vector<VertexId>& seeds, Date d,
                                                   int radius, RelationMask relations,
                                                   size_t limit) {
  if (radius < 0 || radius > kMaxPathHops) {
    return absl::InvalidArgumentError(Cat("radius must be in 0..", kMaxPathHops, ", got ", radius));
  }
  const EdgeFilter filter{d, relations};
  absl::flat_hash_map<VertexId, int> depth;
  std::deque<VertexId> queue;
  for (VertexId v : seeds) {
    if (!s.IsVertex(v)) return absl::InvalidArgumentError("seed is not a vertex");
    if (depth.emplace(v, 0).second) queue.push_back(v);
  }
  if (depth.size() > limit) {
    return absl::ResourceExhaustedError(
        Cat("neighbourhood of ", depth.size(), " seeds exceeds ", limit, " vertices"));
  }
  while (!queue.empty()) {
    const VertexId u = queue.front();
    queue.pop_front();
    const int du = depth[u];
    if (du >= radius) continue;
    bool over = false;
    ForEachAllowedTie(s, u, filter, [&](const Tie& t) {
      if (over || !depth.emplace(t.target, du + 1).second) return;
      over = depth.size() > limit;
      queue.push_back(t.target);
    });
    if (over) {
      return absl::ResourceExhaustedError(
          Cat("neighbourhood exceeds ", limit, " vertices; lower the radius"));
    }
  }
  std::vector<VertexId> out;
  out.reserve(depth.size());
  for (const auto& [v, unused] : depth) out.push_back(v);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace coigraph::graph
