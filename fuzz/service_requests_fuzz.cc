// Request decoding and handling of every RPC, as the gRPC service does it: the input's first line
// names the RPC ("CheckHire", ..., "CheckHireBatch" for one item of its stream), the rest is the
// request's body on the wire. The body is parsed as the gRPC service parses it
// (service/parse_request.h): a body that does not parse is refused through RpcRunner::Refuse, as
// the service refuses it; one that does runs the RPC's RpcDef through RpcRunner (authentication,
// purpose, the handler's validation, the engine on the demo feed, the audit record), and the
// answer is serialized. The caller is the demo principal (every role's RPCs); the audit log keeps
// nothing; the case store is SQLite in a scratch directory, made afresh every 10,000 inputs so
// that updated cases cannot grow it without bound.
#include <google/protobuf/stubs/logging.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "coigraph/v1/coigraph.pb.h"
#include "fuzz/feed_input.h"
#include "graph/export.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
#include "service/coigraph_api.h"
#include "service/parse_request.h"
#include "service/snapshot_holder.h"

namespace {

namespace service = coigraph::service;
namespace graph = coigraph::graph;

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);
constexpr int kInputsPerStore = 10000;

// An audit log that keeps nothing: every append succeeds.
class NullAuditLog final : public service::AuditLog {
 public:
  absl::StatusOr<service::AuditRecord> Append(const service::AuditEntry& entry) override {
    service::AuditRecord r;
    r.seq = ++seq_;
    r.caller = entry.caller;
    r.rpc = entry.rpc;
    return r;
  }
  absl::StatusOr<std::vector<service::AuditRecord>> Read(int64_t /*from_seq*/,
                                                         int /*limit*/) override {
    return std::vector<service::AuditRecord>{};
  }
  absl::StatusOr<service::AuditPage> Query(const service::AuditQuery& /*query*/) override {
    return service::AuditPage{};
  }
  absl::StatusOr<int64_t> VerifyChain() override { return 0; }

 private:
  int64_t seq_ = 0;
};

// The service over the demo feed, as coigraphd starts it in demo mode.
struct Service {
  explicit Service(const std::string& db) {
    cases = std::move(service::SqliteCaseStore::Open(db, service::KnownCaseVocabulary()).value());
    if (!service::LoadAndSwap(COIGRAPH_DEMO_DIR, holder, *cases, kT0).ok()) std::abort();
    api = std::make_unique<service::CoigraphApi>(
        service::ServiceOptions{.auth = service::Authenticator::Demo(),
                                .cases = cases.get(),
                                .audit = &audit,
                                .holder = &holder,
                                .clock = [] { return kT0; },
                                .default_feeds_dir = COIGRAPH_DEMO_DIR,
                                .pseudonym_salt = "fuzz-salt"});
  }
  NullAuditLog audit;
  service::SnapshotHolder holder;
  std::unique_ptr<service::SqliteCaseStore> cases;
  std::unique_ptr<service::CoigraphApi> api;  // last: destroyed first
};

// Serializes an answer as the service would.
template <typename Response>
void Serialize(const Response& response) {
  std::string bytes;
  if (!response.SerializeToString(&bytes)) std::abort();
}
// An export is made as it is read: every chunk, as the stream would send it.
void Serialize(const service::ExportFiles& files) {
  if (files.writer == nullptr) return;
  while (std::optional<graph::ExportChunkView> next = files.writer->Next()) {
    coigraph::v1::ExportChunk c;
    c.set_file_name(std::string(next->file));
    c.set_data(std::string(next->data));
    c.set_last_of_file(next->last_of_file);
    Serialize(c);
  }
}

template <typename Request, typename Response>
void Run(service::CoigraphApi& api, const service::RpcDef<Request, Response>& def,
         const grpc::ByteBuffer& body) {
  const service::CallContext context{.peer = "ipv4:127.0.0.1:1"};
  Request request;
  const absl::Status parsed = service::ParseRequest(body, &request);
  if (!parsed.ok()) {
    absl::Notification done;
    api.runner().Refuse(def.rpc, context, parsed, [&](const absl::Status&) { done.Notify(); });
    done.WaitForNotification();
    return;
  }
  Response response;
  if (api.runner().RunAndWait(def, context, request, &response).ok()) Serialize(response);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // protobuf logs every string field that is not UTF-8 as an ERROR; here that is the input.
  static const bool quiet = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  (void)quiet;
  static coigraph::fuzz::ScratchDir dir("service");
  static std::unique_ptr<Service> s;
  static int inputs = 0;
  if (inputs++ % kInputsPerStore == 0) {
    s.reset();
    dir.Clear();
    s = std::make_unique<Service>(dir.path() + "/coigraph.db");
  }
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  if (eol == std::string_view::npos) return 0;
  const std::string_view rpc = input.substr(0, eol);
  const std::string_view bytes = input.substr(eol + 1);
  const grpc::Slice slice(bytes.data(), bytes.size());
  const grpc::ByteBuffer body(&slice, 1);
  service::CoigraphApi& api = *s->api;
  const service::CoigraphApi::Rpcs& r = api.rpcs();
  if (rpc == "CheckHire") Run(api, r.check_hire, body);
  if (rpc == "CheckHireBatch") Run(api, r.check_hire_batch_item, body);
  if (rpc == "CheckTender") Run(api, r.check_tender, body);
  if (rpc == "CheckBidder") Run(api, r.check_bidder, body);
  if (rpc == "CheckAllocation") Run(api, r.check_allocation, body);
  if (rpc == "FindPaths") Run(api, r.find_paths, body);
  if (rpc == "Neighborhood") Run(api, r.neighborhood, body);
  if (rpc == "ExportSubgraph") Run(api, r.export_subgraph, body);
  if (rpc == "ListCases") Run(api, r.list_cases, body);
  if (rpc == "GetCase") Run(api, r.get_case, body);
  if (rpc == "UpdateCase") Run(api, r.update_case, body);
  if (rpc == "LoadFeeds") Run(api, r.load_feeds, body);
  if (rpc == "Status") Run(api, r.status, body);
  if (rpc == "ListAudit") Run(api, r.list_audit, body);
  return 0;
}
