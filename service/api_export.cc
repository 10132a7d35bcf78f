// ExportSubgraph: the subgraph around a case or seeds, in a file format.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/text.h"
#include "graph/export.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/convert.h"
#include "service/field_errors.h"
#include "service/limits.h"

namespace coigraph::service {

namespace {

std::optional<graph::ExportFormat> ExportFormatFromProto(v1::ExportFormat f) {
  switch (f) {
    case v1::EXPORT_FORMAT_GRAPHML:
      return graph::ExportFormat::kGraphml;
    case v1::EXPORT_FORMAT_GEXF:
      return graph::ExportFormat::kGexf;
    case v1::EXPORT_FORMAT_DOT:
      return graph::ExportFormat::kDot;
    case v1::EXPORT_FORMAT_CYTOSCAPE_JSON:
      return graph::ExportFormat::kCytoscapeJson;
    case v1::EXPORT_FORMAT_NEO4J_CSV:
      return graph::ExportFormat::kNeo4jCsv;
    case v1::EXPORT_FORMAT_FTM:
      return graph::ExportFormat::kFtm;
    default:
      return std::nullopt;
  }
}

}  // namespace

absl::Status CoigraphApi::ExportSubgraph(const Call& call, const v1::ExportSubgraphRequest& request,
                                         ExportFiles* response) const {
  response->format = v1::ExportFormat_Name(request.format());
  std::optional<graph::ExportFormat> format = ExportFormatFromProto(request.format());
  if (!format.has_value()) return FieldError("format", "required: one of the ExportFormat values");
  if (request.radius() < 0) return FieldError("radius", base::Cat("must be 0..", kMaxExportRadius));
  if (request.radius() > kMaxExportRadius) {
    return absl::ResourceExhaustedError(
        base::Cat("radius ", request.radius(), " is above the limit of ", kMaxExportRadius));
  }
  if (!request.has_seeds() && request.case_id().empty()) {
    return FieldError("case_id", "required (or seeds)");
  }
  if (request.has_seeds() && request.seeds().ids().empty()) {
    return FieldError("seeds", "at least one IIN or BIN");
  }
  if (request.seeds().ids_size() > kMaxExportSeeds) {
    return FieldError("seeds", base::Cat(request.seeds().ids_size(),
                                         " ids, more than the limit of ", kMaxExportSeeds));
  }
  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;

  // The seeds, and the date when the request leaves it to the case.
  std::vector<graph::VertexId> seeds;
  std::vector<std::string> seed_ids;
  std::string date_text = request.date();
  if (request.has_seeds()) {
    seed_ids.assign(request.seeds().ids().begin(), request.seeds().ids().end());
    if (date_text.empty()) return FieldError("date", "required with seeds");
  } else {
    absl::StatusOr<CaseRecord> record = options_.cases->Get(request.case_id());
    if (!record.ok()) return record.status();
    const graph::Finding* f = (*state)->FindingOfCase(request.case_id());
    if (f != nullptr) {
      // By kind: an individual entrepreneur's BIN is its owner's IIN, and both are on a path.
      for (const graph::PathVertex& v : f->path.vertices) {
        absl::StatusOr<uint64_t> number = ParseIdentityField(v.id, "seeds");
        if (!number.ok()) return number.status();
        std::optional<graph::VertexId> vertex;
        if (v.kind == graph::VertexKind::kOrganization) {
          if (std::optional<graph::OrgIndex> o = snap.FindOrganization(*number)) {
            vertex = snap.OrgVertex(*o);
          }
        } else if (std::optional<graph::PersonIndex> p = snap.FindPerson(*number)) {
          vertex = snap.PersonVertex(*p);
        }
        if (vertex.has_value()) seeds.push_back(*vertex);
      }
    }
    if (seeds.empty()) {
      // The case's own ends, which the caller did not name.
      for (const std::string& id : {record->facts.official, record->facts.counterparty}) {
        absl::StatusOr<graph::VertexId> v = ParseVertex(snap, id, "case_id");
        if (!v.ok()) return v.status();
        seeds.push_back(*v);
      }
    }
    if (date_text.empty()) date_text = record->facts.date;
  }
  absl::StatusOr<graph::Date> date = ParseDateField(date_text, "date");
  if (!date.ok()) return date.status();
  for (const std::string& id : seed_ids) {
    absl::StatusOr<graph::VertexId> v = RequestVertex(call, **state, id, "seeds");
    if (!v.ok()) return v.status();
    seeds.push_back(*v);
  }
  absl::StatusOr<std::vector<graph::VertexId>> vertices = graph::Neighborhood(
      snap, seeds, *date, request.radius(), graph::kAllRelations, kMaxExportVertices);
  if (!vertices.ok()) return vertices.status();
  response->vertex_count = vertices->size();
  absl::Status s = call.StillWanted();
  if (!s.ok()) return s;

  graph::ExportOptions options;
  options.date = *date;
  options.pseudonymise = !MaySeeIdentities(call.who().role);
  options.pseudonym_salt = options_.pseudonym_salt;
  if (options.pseudonymise && options.pseudonym_salt.empty()) {
    return absl::FailedPreconditionError("the server has no pseudonym salt");
  }
  // Last, so that a refused request never takes a slot: held until the stream ends.
  absl::StatusOr<ExportGate::Slot> slot = exports_.Acquire(call.who().name);
  if (!slot.ok()) return slot.status();
  absl::StatusOr<std::unique_ptr<graph::SubgraphWriter>> writer =
      graph::SubgraphWriter::Create(snap, *vertices, *format, std::move(options));
  if (!writer.ok()) return writer.status();
  response->state = *std::move(state);
  response->writer = *std::move(writer);
  response->slot = *std::move(slot);
  return absl::OkStatus();
}

}  // namespace coigraph::service
