// The one path every call takes, over gRPC and over HTTP alike:
//
//   authenticate -> authorise -> describe (ids, purpose) -> purpose check -> run (validate,
//   answer, convert) -> audit record committed -> answer (cleared when the call failed)
//
// An RpcDef says, for one RPC, what its audit record names (Describe), how it is answered (Run)
// and what its result line says (Result). The transports only convert their wire format to the
// request message and back.
//
// Example:
//   RpcDef<v1::GetCaseRequest, v1::Case> def{.rpc = Rpc::kGetCase, .describe = ..., .run = ...,
//                                             .result = ...};
//   runner.Run(def, context, request, &response, [](absl::Status s) { /* reply */ });
//
// Thread safety: Run may be called from many threads; `done` runs on the audit writer's thread
// (or the calling thread), once.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "service/anonymous_gate.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/rpc_call.h"

namespace coigraph::service {

// The names of the audit records of the HTTP console's sign-in (POST /api/session) and
// sign-out (DELETE /api/session), which are not RPCs of the API.
inline constexpr std::string_view kSignInRecord = "SignIn";
inline constexpr std::string_view kSignOutRecord = "SignOut";

template <typename Request, typename Response>
struct RpcDef {
  Rpc rpc = Rpc::kStatus;
  // Whether the call must state a purpose (every call about a person does).
  bool needs_purpose = true;
  // Whether Run takes long enough (a feed load) to need a thread of its own.
  bool own_thread = false;
  // The ids and purpose the audit record names; runs before the caller is admitted, so a
  // refused call is recorded with what it asked about.
  std::function<void(const Request&, Call&)> describe;
  // Validates the request and answers it. Errors: FieldError for a bad field, NotFound, ...
  std::function<absl::Status(const Call&, const Request&, Response*)> run;
  // The audit record's result line of an answered call ("CONFLICT 2", "12 cases").
  std::function<std::string(const Response&)> result;
};

class RpcRunner {
 public:
  using Done = std::function<void(absl::Status)>;

  // `on_writable` (may be empty) is told when the store turns unwritable (a call's audit record
  // or its own write failed with UNAVAILABLE) and writable again (a later one went through);
  // coigraphd turns gRPC health NOT_SERVING and back with it.
  RpcRunner(const Authenticator* auth, AuditLog* audit, std::function<absl::Time()> clock,
            AnonymousLimits anonymous = {}, std::function<void(bool)> on_writable = {})
      : auth_(auth),
        audit_(audit),
        clock_(std::move(clock)),
        anonymous_(anonymous),
        on_writable_(std::move(on_writable)) {}
  // Waits for the calls running on threads of their own.
  ~RpcRunner();

  // Answers `request` into `response` and calls `done` with the status to reply with, after
  // the call's audit record is committed (UNAVAILABLE, with `response` cleared, when it could
  // not be). REQUIRES: `request` and `response` outlive `done`.
  template <typename Request, typename Response>
  void Run(const RpcDef<Request, Response>& def, const CallContext& context, const Request& request,
           Response* response, Done done);

  // Run, waiting for `done`.
  template <typename Request, typename Response>
  absl::Status RunAndWait(const RpcDef<Request, Response>& def, const CallContext& context,
                          const Request& request, Response* response);

  // The caller of `context` for `rpc`, authenticated and checked against the role matrix.
  Call Begin(Rpc rpc, const CallContext& context) const;
  // The caller's admission, then the purpose when `needs_purpose`.
  static absl::Status Admit(const Call& call, bool needs_purpose);
  // Writes the audit record of `call` with outcome `status` (and `result` when OK); `done` gets
  // the status to answer with (UNAVAILABLE when the record could not be written). A call
  // without a valid token passes the AnonymousGate of its peer first: past it, `done` gets
  // RESOURCE_EXHAUSTED and the call mostly no record (anonymous_gate.h).
  void Audit(const Call& call, const absl::Status& status, const std::string& result, Done done);
  // A call of `rpc` refused before it could be run with `why` (its request did not parse, its
  // CSRF token was wrong): audited as Audit does, under its caller when the context names one
  // who may make the call; a caller who may not is told that instead of `why`.
  void Refuse(Rpc rpc, const CallContext& context, const absl::Status& why, Done done);
  // The audit record of a call that ends with `status`. A call without a valid token is
  // recorded compactly: no ids and no purpose (it may not ask about anyone), and its address.
  AuditEntry EntryOf(const Call& call, const absl::Status& status, const std::string& result) const;
  // Writes the audit record `name` (kSignInRecord, kSignOutRecord) of something a caller did
  // that is not an RPC: caller and role of `who` ("anonymous" when it is an error), no ids, no
  // purpose, the result "OK" (then `result` when not empty) or the refusal `status`. `done` as
  // for Audit; `peer` as CallContext::peer, for the AnonymousGate when `who` is an error.
  void AuditEvent(std::string_view name, const absl::StatusOr<Principal>& who,
                  const absl::Status& status, const std::string& result, std::string_view peer,
                  Done done);

  const Authenticator& auth() const { return *auth_; }

  // Tells on_writable when the store's state changed: called by the calls' writes, and by
  // coigraphd's probe (store_probe.h) when the store takes writes again without a call.
  void NoteWritable(bool writable);

 private:
  template <typename Response>
  static void Clear(Response* response) {
    if constexpr (requires { response->Clear(); }) {
      response->Clear();
    } else {
      *response = Response{};
    }
  }
  void StartThread(std::function<void()> work);
  // Writes `entry` (bounded: audit_bounds.h); `done` gets `status`, or UNAVAILABLE when the
  // record could not be written.
  void Append(const AuditEntry& entry, const absl::Status& status, Done done);
  // Audit of an entry whose call had no valid token: through the gate of `peer`.
  void AppendAnonymous(AuditEntry entry, std::string_view peer, const absl::Status& status,
                       Done done);

  const Authenticator* auth_;
  AuditLog* audit_;
  std::function<absl::Time()> clock_;
  AnonymousGate anonymous_;
  std::function<void(bool)> on_writable_;
  std::atomic<int> writable_{1};  // 1: the last write went through
  std::mutex threads_mu_;
  std::vector<std::thread> threads_;
};

template <typename Request, typename Response>
void RpcRunner::Run(const RpcDef<Request, Response>& def, const CallContext& context,
                    const Request& request, Response* response, Done done) {
  auto call = std::make_shared<Call>(Begin(def.rpc, context));
  def.describe(request, *call);
  absl::Status admitted = Admit(*call, def.needs_purpose);
  auto finish = [this, call, response, done = std::move(done),
                 result = def.result](const absl::Status& status) mutable {
    const std::string line = status.ok() ? result(*response) : "";
    Audit(*call, status, line, [response, done = std::move(done)](absl::Status answer) {
      if (!answer.ok()) Clear(response);
      done(std::move(answer));
    });
  };
  if (!admitted.ok()) {
    finish(admitted);
    return;
  }
  if (def.own_thread) {
    StartThread([call, &request, response, run = def.run, finish = std::move(finish)]() mutable {
      finish(run(*call, request, response));
    });
    return;
  }
  finish(def.run(*call, request, response));
}

template <typename Request, typename Response>
absl::Status RpcRunner::RunAndWait(const RpcDef<Request, Response>& def, const CallContext& context,
                                   const Request& request, Response* response) {
  absl::Notification finished;
  absl::Status answer;
  Run(def, context, request, response, [&](absl::Status s) {
    answer = std::move(s);
    finished.Notify();
  });
  finished.WaitForNotification();
  return answer;
}

}  // namespace coigraph::service
