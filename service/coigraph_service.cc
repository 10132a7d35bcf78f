#include "service/coigraph_service.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "service/convert.h"
#include "service/field_errors.h"

namespace coigraph::service {

namespace {

std::string MetadataValue(const grpc::CallbackServerContext* ctx, std::string_view key) {
  const auto& md = ctx->client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  if (it == md.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

CallContext ContextOf(grpc::CallbackServerContext* ctx) {
  CallContext c;
  c.authorization = MetadataValue(ctx, "authorization");
  c.peer = ctx->peer();
  const auto deadline = ctx->deadline();
  if (deadline != std::chrono::system_clock::time_point::max()) {
    c.deadline = absl::FromChrono(deadline);
  }
  c.cancelled = [ctx] { return ctx->IsCancelled(); };
  return c;
}

// Streams the chunks of an export, one write at a time, once the call's audit record is
// committed; a refused call only finishes.
class ExportStream final : public grpc::ServerWriteReactor<v1::ExportChunk> {
 public:
  ExportFiles* files() { return &files_; }

  void Start(const absl::Status& status) {
    if (!status.ok() || files_.chunks.empty()) {
      Finish(ToGrpcStatus(status));
      return;
    }
    StartWrite(&files_.chunks.front());
  }
  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the caller went away"));
      return;
    }
    if (++next_ == files_.chunks.size()) {
      Finish(grpc::Status::OK);
      return;
    }
    StartWrite(&files_.chunks[next_]);
  }
  void OnDone() override { delete this; }

 private:
  ExportFiles files_;
  size_t next_ = 0;
};

// Reads requests and answers each in order, every one through the runner as a CheckHire of its
// own (authorised and audited as CheckHireBatch); a bad request gives a response with `error`.
class HireBatchReactor final
    : public grpc::ServerBidiReactor<v1::CheckHireRequest, v1::CheckHireResponse> {
 public:
  HireBatchReactor(CoigraphApi& api, grpc::CallbackServerContext* ctx)
      : api_(api), context_(ContextOf(ctx)) {
    const Call call = api_.runner().Begin(Rpc::kCheckHireBatch, context_);
    if (!call.admitted.ok()) {
      // Refused before any request: audit the refusal and end the stream.
      api_.runner().Audit(call, call.admitted, "",
                          [this](const absl::Status& s) { Finish(ToGrpcStatus(s)); });
      return;
    }
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    absl::Status s =
        api_.runner().RunAndWait(api_.rpcs().check_hire_batch_item, context_, request_, &response_);
    if (absl::IsUnavailable(s)) {
      Finish(ToGrpcStatus(s));
      return;
    }
    if (!s.ok()) {
      response_.Clear();
      response_.set_request_id(request_.request_id());
      response_.mutable_error()->set_code(static_cast<int32_t>(s.code()));
      response_.mutable_error()->set_message(std::string(s.message()));
      response_.mutable_error()->set_field(ViolatedField(s).value_or(""));
    }
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  CoigraphApi& api_;
  CallContext context_;
  v1::CheckHireRequest request_;
  v1::CheckHireResponse response_;
};

}  // namespace

template <typename Request, typename Response>
grpc::ServerUnaryReactor* CoigraphService::Unary(grpc::CallbackServerContext* ctx,
                                                 const RpcDef<Request, Response>& def,
                                                 const Request* request, Response* response) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  api_.runner().Run(def, ContextOf(ctx), *request, response,
                    [reactor](const absl::Status& s) { reactor->Finish(ToGrpcStatus(s)); });
  return reactor;
}

grpc::ServerUnaryReactor* CoigraphService::CheckHire(grpc::CallbackServerContext* ctx,
                                                     const v1::CheckHireRequest* request,
                                                     v1::CheckHireResponse* response) {
  return Unary(ctx, api_.rpcs().check_hire, request, response);
}

grpc::ServerBidiReactor<v1::CheckHireRequest, v1::CheckHireResponse>*
CoigraphService::CheckHireBatch(grpc::CallbackServerContext* ctx) {
  return new HireBatchReactor(api_, ctx);
}

grpc::ServerUnaryReactor* CoigraphService::CheckTender(grpc::CallbackServerContext* ctx,
                                                       const v1::CheckTenderRequest* request,
                                                       v1::CheckResponse* response) {
  return Unary(ctx, api_.rpcs().check_tender, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckBidder(grpc::CallbackServerContext* ctx,
                                                       const v1::CheckBidderRequest* request,
                                                       v1::CheckResponse* response) {
  return Unary(ctx, api_.rpcs().check_bidder, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckAllocation(
    grpc::CallbackServerContext* ctx, const v1::CheckAllocationRequest* request,
    v1::CheckResponse* response) {
  return Unary(ctx, api_.rpcs().check_allocation, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::FindPaths(grpc::CallbackServerContext* ctx,
                                                     const v1::FindPathsRequest* request,
                                                     v1::FindPathsResponse* response) {
  return Unary(ctx, api_.rpcs().find_paths, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::Neighborhood(grpc::CallbackServerContext* ctx,
                                                        const v1::NeighborhoodRequest* request,
                                                        v1::NeighborhoodResponse* response) {
  return Unary(ctx, api_.rpcs().neighborhood, request, response);
}

grpc::ServerWriteReactor<v1::ExportChunk>* CoigraphService::ExportSubgraph(
    grpc::CallbackServerContext* ctx, const v1::ExportSubgraphRequest* request) {
  auto* stream = new ExportStream();
  api_.runner().Run(api_.rpcs().export_subgraph, ContextOf(ctx), *request, stream->files(),
                    [stream](const absl::Status& s) { stream->Start(s); });
  return stream;
}

grpc::ServerUnaryReactor* CoigraphService::ListCases(grpc::CallbackServerContext* ctx,
                                                     const v1::ListCasesRequest* request,
                                                     v1::ListCasesResponse* response) {
  return Unary(ctx, api_.rpcs().list_cases, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::GetCase(grpc::CallbackServerContext* ctx,
                                                   const v1::GetCaseRequest* request,
                                                   v1::Case* response) {
  return Unary(ctx, api_.rpcs().get_case, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::UpdateCase(grpc::CallbackServerContext* ctx,
                                                      const v1::UpdateCaseRequest* request,
                                                      v1::Case* response) {
  return Unary(ctx, api_.rpcs().update_case, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::LoadFeeds(grpc::CallbackServerContext* ctx,
                                                     const v1::LoadFeedsRequest* request,
                                                     v1::LoadFeedsResponse* response) {
  return Unary(ctx, api_.rpcs().load_feeds, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::Status(grpc::CallbackServerContext* ctx,
                                                  const v1::StatusRequest* request,
                                                  v1::StatusResponse* response) {
  return Unary(ctx, api_.rpcs().status, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::ListAudit(grpc::CallbackServerContext* ctx,
                                                     const v1::ListAuditRequest* request,
                                                     v1::ListAuditResponse* response) {
  return Unary(ctx, api_.rpcs().list_audit, request, response);
}

}  // namespace coigraph::service
