// One call in flight, as the handlers see it whatever the transport: who, what about, why, and
// whether the caller still waits.
//
// A transport (gRPC in grpc_service.cc, HTTP in http_server.cc) fills a CallContext from its
// request; RpcRunner turns it into a Call by authenticating the caller, and the handler's
// Describe function adds the ids and purpose the audit record names.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/auth.h"

namespace coigraph::service {

// What a transport knows of a call before it is authenticated.
struct CallContext {
  // The bearer credential ("Bearer <token>", "" when absent), used when `session` is unset.
  std::string authorization;
  // A caller already authenticated by the transport (the HTTP console's session cookie).
  std::optional<Principal> session;
  // The caller's address, for the record ("ipv4:127.0.0.1:5123").
  std::string peer;
  // When the caller stops waiting (infinite: never).
  absl::Time deadline = absl::InfiniteFuture();
  // True once the caller went away. May be empty (never).
  std::function<bool()> cancelled;
};

// The call a handler answers.
struct Call {
  Rpc rpc = Rpc::kStatus;
  // The authenticated caller; Unauthenticated when there is none. A caller whose role may not
  // make this call is authenticated all the same (the audit record names it) and `admitted`
  // says PermissionDenied.
  absl::StatusOr<Principal> principal = absl::UnauthenticatedError("not authenticated");
  absl::Status admitted;
  std::vector<std::string> ids;  // what the call is about, for the audit record
  std::string purpose;
  // The caller's address (CallContext::peer): calls without a valid token are rate-limited
  // and recorded by it.
  std::string peer;
  absl::Time deadline = absl::InfiniteFuture();
  std::function<bool()> cancelled;

  // REQUIRES: the call was admitted.
  const Principal& who() const { return *principal; }
  // OK while the caller still waits for the answer; DeadlineExceeded or Cancelled once it does
  // not, so a long handler stops between its steps instead of computing an answer nobody reads.
  absl::Status StillWanted() const;
};

// How often a long loop of a handler calls Call::StillWanted(): once per this many units of its
// work. One figure per unit, as the units differ in cost (a look costs a clock read and a call
// into the transport, so it should stay small beside the work between two looks):
//   * a vertex of a Neighborhood answer: its ties are read and filtered (cheap);
inline constexpr size_t kVerticesPerCancelCheck = 1024;
//   * a case of a ListCases page: converted to the proto with its whole finding (path and three
//     explanations), from the loaded state or the stored facts (dearer; a page is <= 500);
inline constexpr size_t kCasesPerCancelCheck = 64;

}  // namespace coigraph::service
