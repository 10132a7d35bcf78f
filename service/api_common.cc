#include "service/api_common.h"

#include <optional>

#include "base/text.h"
#include "service/case_store.h"
#include "service/convert.h"
#include "service/field_errors.h"

namespace coigraph::service {

absl::StatusOr<std::shared_ptr<const LoadedState>> CurrentState(const SnapshotHolder& holder) {
  std::shared_ptr<const LoadedState> state = holder.Get();
  if (state == nullptr) return absl::FailedPreconditionError("no feeds loaded yet (LoadFeeds)");
  return state;
}

absl::StatusOr<graph::RelationMask> ParseRelations(const std::string& text,
                                                   std::string_view field) {
  if (text.empty()) return graph::kAllRelations;
  std::optional<graph::RelationMask> mask = graph::ParseRelationFilter(text);
  if (!mask.has_value()) {
    return FieldError(field,
                      "unknown relation (kinship, business, or steps and roles such as"
                      " spouse,sibling,founder)");
  }
  return *mask;
}

absl::StatusOr<graph::VertexId> ParseVertex(const graph::Snapshot& s, std::string_view value,
                                            std::string_view field) {
  absl::StatusOr<uint64_t> number = ParseIdentityField(value, field);
  if (!number.ok()) return number.status();
  std::optional<graph::VertexId> v = s.FindVertex(*number);
  if (!v.has_value()) return absl::NotFoundError(base::Cat(field, " ", value, " is not known"));
  return *v;
}

absl::Status CheckOptionalDate(const std::string& value, std::string_view field) {
  if (value.empty()) return absl::OkStatus();
  return ParseDateField(value, field).status();
}

absl::StatusOr<int> PageSize(int32_t requested, std::string_view field) {
  if (requested == 0) return kDefaultPageSize;
  if (requested < 1 || requested > kMaxPageSize) {
    return FieldError(field, base::Cat("must be 1..", kMaxPageSize));
  }
  return requested;
}

std::string Verdict(size_t findings) {
  return findings == 0 ? "CLEAR" : base::Cat("CONFLICT ", findings);
}

void FindingsToResponse(const std::vector<graph::Finding>& findings, int64_t version,
                        v1::CheckResponse* response) {
  response->set_verdict(findings.empty() ? v1::VERDICT_CLEAR : v1::VERDICT_CONFLICT);
  response->set_snapshot_version(version);
  for (const graph::Finding& f : findings) {
    const std::string rule(graph::Name(f.rule));
    FindingToProto(f, CaseIdOf(rule, f.object_id, f.official, f.counterparty),
                   response->add_findings());
  }
}

}  // namespace coigraph::service
