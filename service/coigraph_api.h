// The coigraph.v1.Coigraph RPCs, whatever the transport: each one an RpcDef that RpcRunner runs
// (authentication, purpose, audit) and that the gRPC service (coigraph_service.h) and the HTTP
// server (http_server.h) only convert to and from their wire.
//
// Where each RPC is answered:
//   api_checks.cc     CheckHire (and the items of CheckHireBatch), CheckTender, CheckBidder,
//                     CheckAllocation
//   api_analysts.cc   FindPaths, Neighborhood
//   api_export.cc     ExportSubgraph
//   api_cases.cc      ListCases, GetCase, UpdateCase
//   api_operators.cc  LoadFeeds, Status
//   api_audit.cc      ListAudit
//   api_privacy.cc    what each role is shown of people (pseudonyms) and may name in a request
//
// Example:
//   CoigraphApi api({.auth = Authenticator::Demo(), .cases = store.get(),
//                    .audit = audit.get(), .holder = &holder});
//   v1::Case answer;
//   absl::Status s = api.runner().RunAndWait(api.rpcs().get_case, context, request, &answer);
//
// Thread safety: every RPC may run concurrently; the dependencies must outlive the api.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "coigraph/v1/coigraph.pb.h"
#include "graph/export.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
#include "service/export_gate.h"
#include "service/limits.h"
#include "service/pseudonyms.h"
#include "service/rpc_runner.h"
#include "service/snapshot_holder.h"

namespace coigraph::service {

struct ServiceOptions {
  Authenticator auth = Authenticator::Demo();
  CaseStore* cases = nullptr;        // required
  AuditLog* audit = nullptr;         // required
  SnapshotHolder* holder = nullptr;  // required
  // The clock of audit records, case changes and loads (tests pin it).
  std::function<absl::Time()> clock = [] { return absl::Now(); };
  // LoadFeeds with an empty dir reloads this one.
  std::string default_feeds_dir;
  // LoadFeeds without `force` is refused when more than this share of the active cases would
  // become inactive (a feed that lost most of its rows must not empty the commissioners' queue).
  double max_inactive_share = kDefaultMaxInactiveShare;
  // The secret salt of pseudonyms (graph/export.h, service/pseudonyms.h); the same across
  // restarts so that pseudonyms stay comparable. Empty: every call of a role that sees
  // pseudonyms (researcher) is FAILED_PRECONDITION.
  std::string pseudonym_salt;
  // How many calls without a valid token each address may make (anonymous_gate.h).
  AnonymousLimits anonymous;
  // How many exports may stream at once, per caller and in all (export_gate.h).
  ExportLimits exports;
  // Told false when the store cannot be written (calls are refused UNAVAILABLE), true when a
  // later write goes through (RpcRunner). May be empty.
  std::function<void(bool writable)> on_store_writable;
};

// Loads `dir` as the next version, records its cases and swaps it in. Used by coigraphd at
// start-up and by LoadFeeds. Errors: those of LoadScan and CaseStore::RecordScan (the old
// state stays); when more than `max_inactive_share` of the active cases would become inactive,
// FailedPrecondition naming the feed files that have fewer rows than in the last load.
absl::StatusOr<ScanSummary> LoadAndSwap(const std::string& dir, SnapshotHolder& holder,
                                        CaseStore& cases, absl::Time now,
                                        double max_inactive_share = 1.0);

// An export admitted and ready to be sent. Nothing of its files is made yet: the transport
// asks `writer` for one chunk (at most 64 KiB) at a time as its receiver takes them, so no
// export is ever whole in memory. `state` keeps alive the snapshot the writer reads; `slot` is
// the export's place among those running (export_gate.h), given back when this is destroyed.
struct ExportFiles {
  std::shared_ptr<const LoadedState> state;
  std::unique_ptr<graph::SubgraphWriter> writer;
  ExportGate::Slot slot;
  size_t vertex_count = 0;
  std::string format;  // "EXPORT_FORMAT_GRAPHML", ...
};

class CoigraphApi {
 public:
  struct Rpcs {
    RpcDef<v1::CheckHireRequest, v1::CheckHireResponse> check_hire;
    // One item of a CheckHireBatch stream: CheckHire, authorised and audited as the batch.
    RpcDef<v1::CheckHireRequest, v1::CheckHireResponse> check_hire_batch_item;
    RpcDef<v1::CheckTenderRequest, v1::CheckResponse> check_tender;
    RpcDef<v1::CheckBidderRequest, v1::CheckResponse> check_bidder;
    RpcDef<v1::CheckAllocationRequest, v1::CheckResponse> check_allocation;
    RpcDef<v1::FindPathsRequest, v1::FindPathsResponse> find_paths;
    RpcDef<v1::NeighborhoodRequest, v1::NeighborhoodResponse> neighborhood;
    RpcDef<v1::ExportSubgraphRequest, ExportFiles> export_subgraph;
    RpcDef<v1::ListCasesRequest, v1::ListCasesResponse> list_cases;
    RpcDef<v1::GetCaseRequest, v1::Case> get_case;
    RpcDef<v1::UpdateCaseRequest, v1::Case> update_case;
    RpcDef<v1::LoadFeedsRequest, v1::LoadFeedsResponse> load_feeds;
    RpcDef<v1::StatusRequest, v1::StatusResponse> status;
    RpcDef<v1::ListAuditRequest, v1::ListAuditResponse> list_audit;
  };

  explicit CoigraphApi(ServiceOptions options);
  CoigraphApi(const CoigraphApi&) = delete;
  CoigraphApi& operator=(const CoigraphApi&) = delete;

  const Rpcs& rpcs() const { return rpcs_; }
  RpcRunner& runner() { return runner_; }
  const ServiceOptions& options() const { return options_; }

 private:
  absl::Status CheckHire(const Call& call, const v1::CheckHireRequest& request,
                         v1::CheckHireResponse* response) const;
  absl::Status CheckTender(const Call& call, const v1::CheckTenderRequest& request,
                           v1::CheckResponse* response) const;
  absl::Status CheckBidder(const Call& call, const v1::CheckBidderRequest& request,
                           v1::CheckResponse* response) const;
  absl::Status CheckAllocation(const Call& call, const v1::CheckAllocationRequest& request,
                               v1::CheckResponse* response) const;
  absl::Status FindPaths(const Call& call, const v1::FindPathsRequest& request,
                         v1::FindPathsResponse* response) const;
  absl::Status Neighborhood(const Call& call, const v1::NeighborhoodRequest& request,
                            v1::NeighborhoodResponse* response) const;
  absl::Status ExportSubgraph(const Call& call, const v1::ExportSubgraphRequest& request,
                              ExportFiles* response) const;
  absl::Status ListCases(const Call& call, const v1::ListCasesRequest& request,
                         v1::ListCasesResponse* response) const;
  absl::Status GetCase(const Call& call, const v1::GetCaseRequest& request,
                       v1::Case* response) const;
  absl::Status UpdateCase(const Call& call, const v1::UpdateCaseRequest& request,
                          v1::Case* response) const;
  absl::Status LoadFeeds(const Call& call, const v1::LoadFeedsRequest& request,
                         v1::LoadFeedsResponse* response);
  absl::Status Status(const Call& call, const v1::StatusRequest& request,
                      v1::StatusResponse* response) const;
  absl::Status ListAudit(const Call& call, const v1::ListAuditRequest& request,
                         v1::ListAuditResponse* response) const;

  // What the caller is shown of people: nullopt when its role sees identities, else the
  // pseudonymiser of its answers. Errors: FailedPrecondition when the server has no salt.
  absl::StatusOr<std::optional<Pseudonymiser>> ShownTo(const Call& call) const;
  // A vertex a request names: ParseVertex; for a role that sees pseudonyms, a pseudonym from an
  // earlier answer or a legal entity's BIN, and a natural person's IIN or an individual
  // entrepreneur's BIN is PermissionDenied (naming a person by IIN would tie the two).
  absl::StatusOr<graph::VertexId> RequestVertex(const Call& call, const LoadedState& state,
                                                std::string_view value,
                                                std::string_view field) const;
  // A case with its finding (from the current state when it still gives it) and history.
  absl::Status FillCase(const std::string& case_id, v1::Case* response) const;
  // The RpcDefs of each area (api_*.cc), filled in by the constructor.
  void DefineChecks();
  void DefineAnalysts();
  void DefineCases();
  void DefineOperators();
  void DefineAudit();

  ServiceOptions options_;
  Rpcs rpcs_;
  std::atomic<bool> loading_{false};
  mutable ExportGate exports_;
  // The pseudonyms of the snapshot of pseudonym_index_version_, built at the first call that
  // needs them (RequestVertex).
  mutable std::mutex pseudonym_mu_;
  mutable std::shared_ptr<const PseudonymIndex> pseudonym_index_;
  mutable int64_t pseudonym_index_version_ = -1;
  // Last: destroyed first, so the calls on threads of their own end while the rest still is.
  RpcRunner runner_;
};

}  // namespace coigraph::service
