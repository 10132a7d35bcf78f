// The coigraph.v1.Coigraph gRPC service (callback API): converts each call to the RpcRunner
// path of CoigraphApi (coigraph_api.h) and its answer back. No handler logic lives here.
//
// Example:
//   CoigraphService service({.auth = Authenticator::Demo(), .cases = store.get(),
//                            .audit = audit.get(), .holder = &holder});
//   grpc::ServerBuilder b;
//   b.RegisterService(&service);
//   HttpServer http(service.api(), ...);   // the same calls over HTTP
//
// Thread safety: handlers run concurrently; the dependencies must outlive the service, and the
// server must be shut down before the service is destroyed.
#pragma once

#include "coigraph/v1/coigraph.grpc.pb.h"
#include "service/coigraph_api.h"

namespace coigraph::service {

class CoigraphService final : public coigraph::v1::Coigraph::CallbackService {
 public:
  explicit CoigraphService(ServiceOptions options) : api_(std::move(options)) {}

  CoigraphApi& api() { return api_; }

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
  grpc::ServerUnaryReactor* ListAudit(grpc::CallbackServerContext* ctx,
                                      const v1::ListAuditRequest* request,
                                      v1::ListAuditResponse* response) override;

 private:
  template <typename Request, typename Response>
  grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* ctx,
                                  const RpcDef<Request, Response>& def, const Request* request,
                                  Response* response);

  CoigraphApi api_;
};

}  // namespace coigraph::service
