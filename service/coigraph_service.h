// The coigraph.v1.Coigraph service (callback API): authentication, purpose, audit and the
// conversion of each RPC to the graph/ calls that answer it.
//
// Every call goes: authenticate + authorize (auth.h) -> validate fields -> answer from the
// current LoadedState -> append an audit record -> reply. When the audit record cannot be
// written the reply is UNAVAILABLE and carries nothing.
//
// Example:
//   CoigraphService service({.auth = Authenticator::Demo(), .cases = store.get(),
//                            .audit = audit.get(), .holder = &holder});
//   grpc::ServerBuilder b;
//   b.RegisterService(&service);
//
// Thread safety: handlers run concurrently; the dependencies must outlive the service, and the
// server must be shut down before the service is destroyed.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
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
  // The secret salt of export pseudonyms (graph/export.h); the same across restarts so that
  // pseudonyms stay comparable. Empty: pseudonymised exports are FAILED_PRECONDITION.
  std::string pseudonym_salt;
};

// Loads `dir` as the next version, records its cases and swaps it in. Used by coigraphd at
// start-up and by LoadFeeds. Errors: those of LoadScan and CaseStore::RecordScan (the old
// state stays).
absl::StatusOr<ScanSummary> LoadAndSwap(const std::string& dir, SnapshotHolder& holder,
                                        CaseStore& cases, absl::Time now);

class CoigraphService final : public coigraph::v1::Coigraph::CallbackService {
 public:
  explicit CoigraphService(ServiceOptions options);
  ~CoigraphService() override;

  grpc::ServerUnaryReactor* CheckHire(grpc::CallbackServerContext* ctx,
                                      const v1::CheckHireRequest* request,
                                      v1::CheckHireResponse* response) override;
  grpc::ServerBidiReactor<v1::CheckHireRequest, v1::CheckHireResponse>* CheckHireBatch(
      grpc::CallbackServerContext* ctx) override;
  grpc::ServerUnaryReactor* CheckTender(grpc::CallbackServerContext* ctx,
                                        const v1::CheckTenderRequest* request,
                                        v1::CheckResponse* response) override;
  grpc::ServerUnaryReactor* CheckBidder(grpc::CallbackServerContext* ctx,
                                        const v1::CheckBidderRequest* request,
                                        v1::CheckResponse* response) override;
  grpc::ServerUnaryReactor* CheckAllocation(grpc::CallbackServerContext* ctx,
                                            const v1::CheckAllocationRequest* request,
                                            v1::CheckResponse* response) override;
  grpc::ServerUnaryReactor* FindPaths(grpc::CallbackServerContext* ctx,
                                      const v1::FindPathsRequest* request,
                                      v1::FindPathsResponse* response) override;
  grpc::ServerUnaryReactor* Neighborhood(grpc::CallbackServerContext* ctx,
                                         const v1::NeighborhoodRequest* request,
                                         v1::NeighborhoodResponse* response) override;
  grpc::ServerWriteReactor<v1::ExportChunk>* ExportSubgraph(
      grpc::CallbackServerContext* ctx, const v1::ExportSubgraphRequest* request) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* ctx,
                                      const v1::ListCasesRequest* request,
                                      v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* ctx,
                                    const v1::GetCaseRequest* request, v1::Case* response) override;
  grpc::ServerUnaryReactor* UpdateCase(grpc::CallbackServerContext* ctx,
                                       const v1::UpdateCaseRequest* request,
                                       v1::Case* response) override;
  grpc::ServerUnaryReactor* LoadFeeds(grpc::CallbackServerContext* ctx,
                                      const v1::LoadFeedsRequest* request,
                                      v1::LoadFeedsResponse* response) override;
  grpc::ServerUnaryReactor* Status(grpc::CallbackServerContext* ctx,
                                   const v1::StatusRequest* request,
                                   v1::StatusResponse* response) override;

 private:
  friend class HireBatchReactor;
  struct Call;

  // Authenticates the caller of `ctx` for `rpc`.
  Call Begin(grpc::CallbackServerContext* ctx, Rpc rpc) const;
  // The caller's authentication and role, then the purpose every call about a person needs.
  static absl::Status Admit(const Call& call);
  // The audit record of a call that ends with `status`.
  AuditEntry AuditEntryOf(const Call& call, const absl::Status& status,
                          const std::string& result) const;
  // Writes the audit record of `call` with outcome `status` (and `result` when OK); returns the
  // status to answer with (UNAVAILABLE when the audit write failed).
  absl::Status Audit(const Call& call, const absl::Status& status, const std::string& result);
  grpc::ServerUnaryReactor* Reply(grpc::CallbackServerContext* ctx, const Call& call,
                                  absl::Status status, const std::string& result,
                                  google::protobuf::Message* response);

  absl::Status DoCheckHire(const Call& call, const v1::CheckHireRequest& request,
                           v1::CheckHireResponse* response) const;
  absl::Status DoGetCase(const std::string& case_id, v1::Case* response);
  void RunLoad(grpc::ServerUnaryReactor* reactor, Call call, std::string dir,
               v1::LoadFeedsResponse* response);

  ServiceOptions options_;
  std::atomic<bool> loading_{false};
  std::mutex load_thread_mu_;
  std::thread load_thread_;
};

}  // namespace coigraph::service
