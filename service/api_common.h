// Request parsing and answer building that several areas of CoigraphApi share (api_*.cc).
// Internal to service/.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "coigraph/v1/coigraph.pb.h"
#include "graph/finding.h"
#include "graph/paths.h"
#include "graph/snapshot.h"
#include "service/limits.h"
#include "service/snapshot_holder.h"

namespace coigraph::service {

// The loaded state. Errors: FailedPrecondition before the first load.
absl::StatusOr<std::shared_ptr<const LoadedState>> CurrentState(const SnapshotHolder& holder);

// A relation filter ("kinship", "spouse,founder"); every relation when empty.
// Errors: FieldError naming `field`.
absl::StatusOr<graph::RelationMask> ParseRelations(const std::string& text, std::string_view field);

// A vertex named by IIN or BIN. Errors: FieldError, NotFound.
absl::StatusOr<graph::VertexId> ParseVertex(const graph::Snapshot& s, std::string_view value,
                                            std::string_view field);

// An optional YYYY-MM-DD filter bound: "" stays "". Errors: FieldError naming `field`.
absl::Status CheckOptionalDate(const std::string& value, std::string_view field);

// A page size: 0 means kDefaultPageSize. Errors: FieldError outside 1..kMaxPageSize.
absl::StatusOr<int> PageSize(int32_t requested, std::string_view field);

// "CLEAR" or "CONFLICT n", the result line of a check.
std::string Verdict(size_t findings);

// Verdict, version and findings of a CheckTender / CheckBidder / CheckAllocation answer.
void FindingsToResponse(const std::vector<graph::Finding>& findings, int64_t version,
                        v1::CheckResponse* response);

}  // namespace coigraph::service
