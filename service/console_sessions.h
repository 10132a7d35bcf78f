// The console's sign-in sessions: a random session id in an HttpOnly cookie, and a random
// CSRF token bound to it that the console's own pages read from the sign-in answer and send
// back as `X-CSRF-Token` with every state-changing request.
//
// Only SHA-256 hashes of session ids are kept, in memory: a restart signs everybody out.
//
// Example:
//   ConsoleSessions sessions(absl::Hours(8));
//   ConsoleSession s = sessions.Open(principal, now);        // s.id goes in the cookie
//   std::optional<ConsoleSession> again = sessions.Find(cookie_value, now);
//   sessions.Close(cookie_value);
//
// Thread safety: every method may be called from many threads.
#pragma once

#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/auth.h"

namespace coigraph::service {

struct ConsoleSession {
  std::string id;          // 64 hex digits (256 random bits); in the cookie only
  std::string csrf_token;  // 64 hex digits; in the sign-in answer only
  Principal principal;
  absl::Time expires;
};

class ConsoleSessions {
 public:
  explicit ConsoleSessions(absl::Duration lifetime) : lifetime_(lifetime) {}

  // A new session for `principal`, valid for the lifetime from `now`.
  ConsoleSession Open(const Principal& principal, absl::Time now);
  // The session of cookie value `id`; nullopt when unknown or expired (it is then dropped).
  std::optional<ConsoleSession> Find(const std::string& id, absl::Time now);
  // Ends the session of `id` (nothing when unknown).
  void Close(const std::string& id);

 private:
  absl::Duration lifetime_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, ConsoleSession> by_hash_ ABSL_GUARDED_BY(mu_);
};

// 32 random bytes from the kernel, as 64 lowercase hex digits.
std::string RandomHex256();

}  // namespace coigraph::service
