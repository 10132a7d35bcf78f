// proto <-> domain: the one place coigraph.v1 messages meet graph/ and service/ types, and the
// one place grpc::Status is made (ToGrpcStatus).
//
// Example:
//   v1::Finding out;
//   FindingToProto(snapshot, finding, case_id, &out);
//   if (!MaySeeRelatives(role)) RedactFinding(&out);
//   return ToGrpcStatus(absl::NotFoundError("no tender T-9"));   // grpc NOT_FOUND
#pragma once

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"
#include "coigraph/v1/case.pb.h"
#include "coigraph/v1/coigraph.pb.h"
#include "coigraph/v1/finding.pb.h"
#include "graph/finding.h"
#include "graph/paths.h"
#include "graph/snapshot.h"
#include "loaders/feed_loader.h"
#include "loaders/names/tie_hints.h"
#include "service/case_store.h"

namespace coigraph::service {

namespace v1 = ::coigraph::v1;

// absl::Status -> grpc::Status: the same code and message; a FieldError (field_errors.h) also
// carries google.rpc.Status with a google.rpc.BadRequest naming the field.
grpc::Status ToGrpcStatus(const absl::Status& status);

// "critical" -> SEVERITY_CRITICAL, ...; unknown -> UNSPECIFIED.
v1::Severity SeverityToProto(graph::Severity severity);
// The inverse: "critical", ...; "" for SEVERITY_UNSPECIFIED or an unknown value.
std::string SeverityName(v1::Severity severity);

void FindingToProto(const graph::Finding& f, const std::string& case_id, v1::Finding* out);
// Keeps rule, sphere, object_id, date, severity and case_id; clears who and how; sets redacted.
void RedactFinding(v1::Finding* f);
// A finding rebuilt from stored case facts (no path), for cases the snapshot no longer gives.
void CaseFactsToFinding(const CaseFacts& facts, v1::Finding* out);

// A path of the tie graph, with ids and names.
void TiePathToProto(const graph::Snapshot& s, const graph::TiePath& path, v1::Path* out);
void VertexToProto(const graph::Snapshot& s, graph::VertexId v, v1::PathVertex* out);
void TieToProto(const graph::Tie& tie, bool from_person, v1::PathEdge* out);

v1::CaseStatus CaseStatusToProto(CaseStatus status);
// Everything but `finding` and `history`.
void CaseRecordToProto(const CaseRecord& record, v1::Case* out);
void CaseEventToProto(const CaseEvent& event, v1::CaseEvent* out);
// An undeclared-tie hint with its ids and names (coigraph.v1.TieHint).
void TieHintToProto(const graph::Snapshot& s, const loaders::names::TieHint& hint,
                    v1::TieHint* out);

void FileReportToProto(const loaders::FileReport& report, v1::FileLoad* out);
// The listing and counts of a load; with `records`, also its first kMaxLoadRecords reject and
// warning records (reasons and names made valid UTF-8; the rows' text is left out).
void LoadSummaryToProto(const loaders::LoadReport& report, bool records, v1::LoadSummary* out);
inline constexpr size_t kMaxLoadRecords = 100;

}  // namespace coigraph::service
