#include "service/rpc_runner.h"

#include "base/text.h"
#include "service/audit_bounds.h"
#include "service/field_errors.h"

namespace coigraph::service {

absl::Status Call::StillWanted() const {
  if (absl::Now() > deadline) return absl::DeadlineExceededError("the call's deadline passed");
  if (cancelled && cancelled()) return absl::CancelledError("the caller cancelled the call");
  return absl::OkStatus();
}

RpcRunner::~RpcRunner() {
  std::lock_guard<std::mutex> lock(threads_mu_);
  for (std::thread& t : threads_) t.join();
}

void RpcRunner::StartThread(std::function<void()> work) {
  std::lock_guard<std::mutex> lock(threads_mu_);
  threads_.emplace_back(std::move(work));
}

Call RpcRunner::Begin(Rpc rpc, const CallContext& context) const {
  Call call;
  call.rpc = rpc;
  call.peer = context.peer;
  call.deadline = context.deadline;
  call.cancelled = context.cancelled;
  call.principal = context.session.has_value() ? absl::StatusOr<Principal>(*context.session)
                                               : auth_->Authenticate(context.authorization);
  call.admitted =
      call.principal.ok() ? MayCallStatus(call.principal->role, rpc) : call.principal.status();
  return call;
}

absl::Status RpcRunner::Admit(const Call& call, bool needs_purpose) {
  if (!call.admitted.ok()) return call.admitted;
  if (!needs_purpose) return absl::OkStatus();
  return RequirePurpose(call.purpose);
}

AuditEntry RpcRunner::EntryOf(const Call& call, const absl::Status& status,
                              const std::string& result) const {
  AuditEntry entry;
  entry.time = clock_();
  entry.caller = call.principal.ok() ? call.principal->name : "anonymous";
  entry.role = call.principal.ok() ? std::string(Name(call.principal->role)) : "";
  entry.rpc = std::string(Name(call.rpc));
  entry.result = status.ok()
                     ? base::Cat("OK ", result)
                     : base::Cat(absl::StatusCodeToString(status.code()), " ", status.message());
  if (call.principal.ok()) {
    entry.ids = call.ids;
    entry.purpose = call.purpose;
  } else {
    // Anyone can send these: what they asked about is not recorded (it could fill the log),
    // where they came from is.
    base::Append(entry.result, " (from ", PeerAddress(call.peer), ")");
  }
  return entry;
}

// The answer waits for its audit record's commit, but no transport thread does: the audit
// writer calls `done`.
void RpcRunner::Audit(const Call& call, const absl::Status& status, const std::string& result,
                      Done done) {
  if (!call.principal.ok()) {
    AppendAnonymous(EntryOf(call, status, result), call.peer, status, std::move(done));
    return;
  }
  Append(EntryOf(call, status, result), status, std::move(done));
}

void RpcRunner::Refuse(Rpc rpc, const CallContext& context, const absl::Status& why, Done done) {
  const Call call = Begin(rpc, context);
  Audit(call, call.admitted.ok() ? why : call.admitted, "", std::move(done));
}

void RpcRunner::AuditEvent(std::string_view name, const absl::StatusOr<Principal>& who,
                           const absl::Status& status, const std::string& result,
                           std::string_view peer, Done done) {
  Call call;
  call.principal = who;
  call.peer = std::string(peer);
  AuditEntry entry = EntryOf(call, status, result);
  entry.rpc = std::string(name);
  if (status.ok() && result.empty()) entry.result = "OK";
  if (!who.ok()) {
    AppendAnonymous(std::move(entry), peer, status, std::move(done));
    return;
  }
  Append(entry, status, std::move(done));
}

void RpcRunner::AppendAnonymous(AuditEntry entry, std::string_view peer, const absl::Status& status,
                                Done done) {
  const AnonymousGate::Decision d = anonymous_.Admit(peer, clock_());
  const absl::Status answer =
      d.admitted ? status
                 : absl::ResourceExhaustedError(
                       "too many calls without a valid token from this address; send a token");
  if (!d.record) {
    done(answer);
    return;
  }
  if (!d.admitted) {
    entry.result =
        base::Cat("RESOURCE_EXHAUSTED calls without a valid token (from ", PeerAddress(peer), ")");
  }
  if (d.unrecorded > 0) {
    base::Append(entry.result, "; ", d.unrecorded,
                 " such calls from this address refused without a record since its last one");
  }
  Append(entry, answer, std::move(done));
}

void RpcRunner::Append(const AuditEntry& entry, const absl::Status& status, Done done) {
  audit_->AppendAsync(BoundedAuditEntry(entry), [this, status, done = std::move(done)](
                                                    const absl::StatusOr<AuditRecord>& record) {
    // The audit record is the one write every call makes: whether it (and the call's own
    // writes) went through says whether the store can be written now.
    NoteWritable(record.ok() && !absl::IsUnavailable(status));
    if (!record.ok()) {
      done(absl::UnavailableError(
          base::Cat("the audit log cannot be written, so the call is refused (",
                    record.status().message(), ")")));
      return;
    }
    done(status);
  });
}

void RpcRunner::NoteWritable(bool writable) {
  const int now = writable ? 1 : 0;
  if (writable_.exchange(now) != now && on_writable_) on_writable_(writable);
}

}  // namespace coigraph::service
