// The analysts' queries: FindPaths and Neighborhood.
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "base/text.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/convert.h"
#include "service/field_errors.h"
#include "service/limits.h"

namespace coigraph::service {

void CoigraphApi::DefineAnalysts() {
  rpcs_.find_paths = {
      .rpc = Rpc::kFindPaths,
      .describe =
          [](const v1::FindPathsRequest& r, Call& call) {
            call.ids = {r.from(), r.to()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return FindPaths(c, r, out); },
      .result = [](const v1::FindPathsResponse& r) { return base::Cat(r.paths_size(), " paths"); },
  };
  rpcs_.neighborhood = {
      .rpc = Rpc::kNeighborhood,
      .describe =
          [](const v1::NeighborhoodRequest& r, Call& call) {
            call.ids = {r.seed()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return Neighborhood(c, r, out); },
      .result =
          [](const v1::NeighborhoodResponse& r) {
            return base::Cat(r.vertices_size(), " vertices");
          },
  };
  rpcs_.export_subgraph = {
      .rpc = Rpc::kExportSubgraph,
      .describe =
          [](const v1::ExportSubgraphRequest& r, Call& call) {
            if (r.has_seeds()) {
              call.ids.assign(r.seeds().ids().begin(), r.seeds().ids().end());
            } else {
              call.ids = {r.case_id()};
            }
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return ExportSubgraph(c, r, out); },
      .result =
          [](const ExportFiles& f) { return base::Cat(f.vertex_count, " vertices ", f.format); },
  };
}

absl::Status CoigraphApi::FindPaths(const Call& call, const v1::FindPathsRequest& request,
                                    v1::FindPathsResponse* response) const {
  graph::PathQuery q;
  absl::StatusOr<graph::Date> date = ParseDateField(request.date(), "date");
  if (!date.ok()) return date.status();
  q.date = *date;
  q.max_hops = request.max_hops() == 0 ? kDefaultPathHops : request.max_hops();
  q.k = request.k() == 0 ? kDefaultPathsK : request.k();
  if (q.max_hops < 0) return FieldError("max_hops", base::Cat("must be 1..", graph::kMaxPathHops));
  if (q.k < 0) return FieldError("k", base::Cat("must be 1..", graph::kMaxPathsK));
  if (q.max_hops > graph::kMaxPathHops) {
    return absl::ResourceExhaustedError(
        base::Cat("max_hops ", q.max_hops, " is above the limit of ", graph::kMaxPathHops));
  }
  if (q.k > graph::kMaxPathsK) {
    return absl::ResourceExhaustedError(
        base::Cat("k ", q.k, " is above the limit of ", graph::kMaxPathsK));
  }
  absl::StatusOr<graph::RelationMask> relations = ParseRelations(request.relations(), "relations");
  if (!relations.ok()) return relations.status();
  q.relations = *relations;
  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  absl::StatusOr<std::optional<Pseudonymiser>> shown = ShownTo(call);
  if (!shown.ok()) return shown.status();
  absl::StatusOr<graph::VertexId> from = RequestVertex(call, **state, request.from(), "from");
  if (!from.ok()) return from.status();
  absl::StatusOr<graph::VertexId> to = RequestVertex(call, **state, request.to(), "to");
  if (!to.ok()) return to.status();
  q.from = *from;
  q.to = *to;
  absl::Status s = call.StillWanted();
  if (!s.ok()) return s;
  // TODO(coigraph): graph::KShortestPaths takes no cancellation hook, so one search runs to
  // its end (bounded by max_hops and k); the checks around it drop the answer.
  absl::StatusOr<std::vector<graph::TiePath>> paths = graph::KShortestPaths(snap, q);
  if (!paths.ok()) return paths.status();
  s = call.StillWanted();
  if (!s.ok()) return s;
  for (const graph::TiePath& p : *paths) {
    v1::Path* out = response->add_paths();
    TiePathToProto(snap, p, out);
    if (shown->has_value()) (*shown)->Path(out);
  }
  response->set_snapshot_version((*state)->version);
  return absl::OkStatus();
}

absl::Status CoigraphApi::Neighborhood(const Call& call, const v1::NeighborhoodRequest& request,
                                       v1::NeighborhoodResponse* response) const {
  absl::StatusOr<graph::Date> date = ParseDateField(request.date(), "date");
  if (!date.ok()) return date.status();
  const int radius = request.radius() == 0 ? kDefaultNeighborhoodRadius : request.radius();
  if (radius < 0) return FieldError("radius", base::Cat("must be 1..", kMaxNeighborhoodRadius));
  if (radius > kMaxNeighborhoodRadius) {
    return absl::ResourceExhaustedError(
        base::Cat("radius ", radius, " is above the limit of ", kMaxNeighborhoodRadius));
  }
  absl::StatusOr<graph::RelationMask> relations = ParseRelations(request.relations(), "relations");
  if (!relations.ok()) return relations.status();
  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  absl::StatusOr<std::optional<Pseudonymiser>> shown = ShownTo(call);
  if (!shown.ok()) return shown.status();
  absl::StatusOr<graph::VertexId> seed = RequestVertex(call, **state, request.seed(), "seed");
  if (!seed.ok()) return seed.status();
  absl::StatusOr<std::vector<graph::VertexId>> vertices =
      graph::Neighborhood(snap, {*seed}, *date, radius, *relations, kMaxNeighborhoodVertices);
  if (!vertices.ok()) return vertices.status();
  absl::Status s = call.StillWanted();
  if (!s.ok()) return s;
  // The seed first, then the rest in the order graph gives them.
  std::vector<graph::VertexId> order = {*seed};
  for (graph::VertexId v : *vertices) {
    if (v != *seed) order.push_back(v);
  }
  absl::flat_hash_map<graph::VertexId, int32_t> index;
  for (graph::VertexId v : order) {
    index.emplace(v, static_cast<int32_t>(index.size()));
    v1::PathVertex* out = response->add_vertices();
    VertexToProto(snap, v, out);
    if (shown->has_value()) (*shown)->Vertex(out);
  }
  for (size_t i = 0; i < order.size(); ++i) {
    const graph::VertexId v = order[i];
    if (i % kVerticesPerCancelCheck == kVerticesPerCancelCheck - 1) {
      s = call.StillWanted();
      if (!s.ok()) return s;
    }
    for (const graph::Tie& t : snap.Ties(v)) {
      if (!t.valid.Contains(*date)) continue;
      if ((graph::RelationBit(t) & *relations) == 0) continue;
      auto it = index.find(t.target);
      if (it == index.end()) continue;
      v1::NeighborhoodEdge* e = response->add_edges();
      e->set_from(index[v]);
      e->set_to(it->second);
      TieToProto(t, snap.IsPerson(v), e->mutable_edge());
    }
  }
  response->set_snapshot_version((*state)->version);
  return absl::OkStatus();
}

}  // namespace coigraph::service
