// The coigraph.v1.Coigraph gRPC service (callback API): converts each call to the RpcRunner
// path of CoigraphApi (coigraph_api.h) and its answer back. No handler logic lives here.
//
// Every method takes its request as raw bytes and parses it itself: gRPC's own parsing answers a
// body that does not parse with UNIMPLEMENTED, no message and no audit record, before any
// handler of ours runs. Here it is INVALID_ARGUMENT ("the request is not a coigraph.v1.X
// message"), audited under the caller like any refused call.
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

namespace internal {
using g = ::coigraph::v1::Coigraph;
// Every method of coigraph.v1.Coigraph in its raw-bytes callback form.
using RawCoigraphService =
    g::WithRawCallbackMethod_CheckHire<g::WithRawCallbackMethod_CheckHireBatch<
        g::WithRawCallbackMethod_CheckTender<g::WithRawCallbackMethod_CheckBidder<
            g::WithRawCallbackMethod_CheckAllocation<g::WithRawCallbackMethod_FindPaths<
                g::WithRawCallbackMethod_Neighborhood<g::WithRawCallbackMethod_ExportSubgraph<
                    g::WithRawCallbackMethod_ListCases<g::WithRawCallbackMethod_GetCase<
                        g::WithRawCallbackMethod_UpdateCase<g::WithRawCallbackMethod_LoadFeeds<
                            g::WithRawCallbackMethod_Status<g::WithRawCallbackMethod_ListAudit<
                                g::Service> > > > > > > > > > > > > >;
}  // namespace internal

class CoigraphService final : public internal::RawCoigraphService {
 public:
  explicit CoigraphService(ServiceOptions options) : api_(std::move(options)) {}

  CoigraphApi& api() { return api_; }

  using Unary = grpc::ServerUnaryReactor;
  using Bytes = grpc::ByteBuffer;
  using Ctx = grpc::CallbackServerContext;

  Unary* CheckHire(Ctx* ctx, const Bytes* request, Bytes* response) override;
  grpc::ServerBidiReactor<Bytes, Bytes>* CheckHireBatch(Ctx* ctx) override;
  Unary* CheckTender(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* CheckBidder(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* CheckAllocation(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* FindPaths(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* Neighborhood(Ctx* ctx, const Bytes* request, Bytes* response) override;
  grpc::ServerWriteReactor<Bytes>* ExportSubgraph(Ctx* ctx, const Bytes* request) override;
  Unary* ListCases(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* GetCase(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* UpdateCase(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* LoadFeeds(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* Status(Ctx* ctx, const Bytes* request, Bytes* response) override;
  Unary* ListAudit(Ctx* ctx, const Bytes* request, Bytes* response) override;

 private:
  template <typename Request, typename Response>
  Unary* RunUnary(Ctx* ctx, const RpcDef<Request, Response>& def, const Bytes* request,
                  Bytes* response);

  CoigraphApi api_;
};

}  // namespace coigraph::service
