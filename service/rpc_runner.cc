#include "service/rpc_runner.h"

#include "base/text.h"
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
  entry.ids = call.ids;
  entry.purpose = call.purpose;
  entry.result = status.ok()
                     ? base::Cat("OK ", result)
                     : base::Cat(absl::StatusCodeToString(status.code()), " ", status.message());
  return entry;
}

// The answer waits for its audit record's commit, but no transport thread does: the audit
// writer calls `done`.
void RpcRunner::Audit(const Call& call, const absl::Status& status, const std::string& result,
                      Done done) {
  Append(EntryOf(call, status, result), status, std::move(done));
}

void RpcRunner::AuditEvent(std::string_view name, const absl::StatusOr<Principal>& who,
                           const absl::Status& status, const std::string& result, Done done) {
  Call call;
  call.principal = who;
  AuditEntry entry = EntryOf(call, status, result);
  entry.rpc = std::string(name);
  if (status.ok() && result.empty()) entry.result = "OK";
  Append(entry, status, std::move(done));
}

void RpcRunner::Append(const AuditEntry& entry, const absl::Status& status, Done done) {
  audit_->AppendAsync(
      entry, [status, done = std::move(done)](const absl::StatusOr<AuditRecord>& record) {
        if (!record.ok()) {
          done(absl::UnavailableError("the audit log cannot be written; the call is refused"));
          return;
        }
        done(status);
      });
}

}  // namespace coigraph::service
