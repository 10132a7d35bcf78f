#include "service/coigraph_service.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/text.h"
#include "service/convert.h"
#include "service/field_errors.h"
#include "service/parse_request.h"

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

// Replaces what `out` holds (a stream reuses it once its last write is done).
template <typename Message>
absl::Status Serialize(const Message& message, grpc::ByteBuffer* out) {
  out->Clear();
  bool own_buffer = false;
  grpc::Status s = grpc::SerializationTraits<Message>::Serialize(message, out, &own_buffer);
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError(base::Cat("cannot serialize the answer: ", s.error_message()));
}

// A unary call's request and answer, alive until the call is answered.
template <typename Request, typename Response>
struct UnaryCall {
  Request request;
  Response response;
};

// Streams an export once the call's audit record is committed, a chunk at a time: each chunk is
// made by the export's writer when the one before has been written to the transport, so a
// stream holds about one chunk whatever the size of the file, and a stalled or cancelled
// receiver makes nothing more. A refused call only finishes.
class ExportStream final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  v1::ExportSubgraphRequest* request() { return &request_; }
  ExportFiles* files() { return &files_; }

  void Start(const absl::Status& status) {
    if (!status.ok() || files_.writer == nullptr) {
      End(ToGrpcStatus(status));
      return;
    }
    WriteNext();
  }
  void OnWriteDone(bool ok) override {
    if (!ok) {
      End(grpc::Status(grpc::StatusCode::CANCELLED, "the caller went away"));
      return;
    }
    WriteNext();
  }
  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    std::optional<graph::ExportChunkView> next = files_.writer->Next();
    if (!next.has_value()) {
      End(grpc::Status::OK);
      return;
    }
    v1::ExportChunk chunk;
    chunk.set_file_name(std::string(next->file));
    chunk.set_data(std::string(next->data));
    chunk.set_last_of_file(next->last_of_file);
    absl::Status s = Serialize(chunk, &out_);
    if (!s.ok()) {
      End(ToGrpcStatus(s));
      return;
    }
    StartWrite(&out_);
  }
  // Gives the export's slot and snapshot back before the caller can see the end, then finishes.
  void End(const grpc::Status& status) {
    files_ = ExportFiles{};
    Finish(status);
  }

  v1::ExportSubgraphRequest request_;
  ExportFiles files_;
  grpc::ByteBuffer out_;
};

// Reads requests and answers each in order, every one through the runner as a CheckHire of its
// own (authorised and audited as CheckHireBatch); a bad request, or one that does not parse,
// gives a response with `error`.
class HireBatchReactor final : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
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
    StartRead(&in_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    absl::Status s = ParseRequest(in_, &request_);
    if (s.ok()) {
      s = api_.runner().RunAndWait(api_.rpcs().check_hire_batch_item, context_, request_,
                                   &response_);
    } else {
      absl::Notification audited;
      api_.runner().Refuse(Rpc::kCheckHireBatch, context_, s, [&](absl::Status answer) {
        s = std::move(answer);
        audited.Notify();
      });
      audited.WaitForNotification();
    }
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
    s = Serialize(response_, &out_);
    if (!s.ok()) {
      Finish(ToGrpcStatus(s));
      return;
    }
    StartWrite(&out_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
    StartRead(&in_);
  }

  void OnDone() override { delete this; }

 private:
  CoigraphApi& api_;
  CallContext context_;
  grpc::ByteBuffer in_;
  v1::CheckHireRequest request_;
  v1::CheckHireResponse response_;
  grpc::ByteBuffer out_;
};

}  // namespace

template <typename Request, typename Response>
grpc::ServerUnaryReactor* CoigraphService::RunUnary(Ctx* ctx, const RpcDef<Request, Response>& def,
                                                    const Bytes* request, Bytes* response) {
  Unary* reactor = ctx->DefaultReactor();
  const CallContext context = ContextOf(ctx);
  auto call = std::make_unique<UnaryCall<Request, Response>>();
  absl::Status parsed = ParseRequest(*request, &call->request);
  if (!parsed.ok()) {
    api_.runner().Refuse(def.rpc, context, parsed,
                         [reactor](const absl::Status& s) { reactor->Finish(ToGrpcStatus(s)); });
    return reactor;
  }
  UnaryCall<Request, Response>* raw = call.release();  // owned by `done` below
  api_.runner().Run(def, context, raw->request, &raw->response,
                    [reactor, raw, response](const absl::Status& s) {
                      std::unique_ptr<UnaryCall<Request, Response>> owned(raw);
                      absl::Status answer = s;
                      if (answer.ok()) answer = Serialize(owned->response, response);
                      reactor->Finish(ToGrpcStatus(answer));
                    });
  return reactor;
}

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* CoigraphService::CheckHireBatch(
    Ctx* ctx) {
  return new HireBatchReactor(api_, ctx);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* CoigraphService::ExportSubgraph(Ctx* ctx,
                                                                            const Bytes* request) {
  auto* stream = new ExportStream();
  const CallContext context = ContextOf(ctx);
  const auto& def = api_.rpcs().export_subgraph;
  auto start = [stream](const absl::Status& s) { stream->Start(s); };
  absl::Status parsed = ParseRequest(*request, stream->request());
  if (!parsed.ok()) {
    api_.runner().Refuse(def.rpc, context, parsed, start);
    return stream;
  }
  api_.runner().Run(def, context, *stream->request(), stream->files(), start);
  return stream;
}

grpc::ServerUnaryReactor* CoigraphService::CheckHire(Ctx* ctx, const Bytes* request,
                                                     Bytes* response) {
  return RunUnary(ctx, api_.rpcs().check_hire, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckTender(Ctx* ctx, const Bytes* request,
                                                       Bytes* response) {
  return RunUnary(ctx, api_.rpcs().check_tender, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckBidder(Ctx* ctx, const Bytes* request,
                                                       Bytes* response) {
  return RunUnary(ctx, api_.rpcs().check_bidder, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckAllocation(Ctx* ctx, const Bytes* request,
                                                           Bytes* response) {
  return RunUnary(ctx, api_.rpcs().check_allocation, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::FindPaths(Ctx* ctx, const Bytes* request,
                                                     Bytes* response) {
  return RunUnary(ctx, api_.rpcs().find_paths, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::Neighborhood(Ctx* ctx, const Bytes* request,
                                                        Bytes* response) {
  return RunUnary(ctx, api_.rpcs().neighborhood, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::ListCases(Ctx* ctx, const Bytes* request,
                                                     Bytes* response) {
  return RunUnary(ctx, api_.rpcs().list_cases, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::GetCase(Ctx* ctx, const Bytes* request,
                                                   Bytes* response) {
  return RunUnary(ctx, api_.rpcs().get_case, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::UpdateCase(Ctx* ctx, const Bytes* request,
                                                      Bytes* response) {
  return RunUnary(ctx, api_.rpcs().update_case, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::LoadFeeds(Ctx* ctx, const Bytes* request,
                                                     Bytes* response) {
  return RunUnary(ctx, api_.rpcs().load_feeds, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::Status(Ctx* ctx, const Bytes* request, Bytes* response) {
  return RunUnary(ctx, api_.rpcs().status, request, response);
}

grpc::ServerUnaryReactor* CoigraphService::ListAudit(Ctx* ctx, const Bytes* request,
                                                     Bytes* response) {
  return RunUnary(ctx, api_.rpcs().list_audit, request, response);
}

}  // namespace coigraph::service
