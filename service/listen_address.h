// The parts of a listen address (HOST:PORT, [V6]:PORT) and whether it is loopback.
//
// The loopback check decides whether coigraphd may serve without tokens (demo mode) or send
// bearer tokens without TLS, so it parses the host instead of matching text: "127.0.0.1",
// "127.3.4.5", "::1", "[::1]:50051", "localhost" are loopback; "127.evil.example.com",
// "0.0.0.0", "::" and any other name are not.
//
// Example:
//   absl::StatusOr<ListenAddress> a = ParseListenAddress("[::1]:50051");   // host "::1"
//   IsLoopbackHost(a->host)                                                 // true
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace coigraph::service {

struct ListenAddress {
  std::string host;  // without brackets
  int port = 0;
};

// HOST:PORT or [V6]:PORT, port 0..65535. Errors: InvalidArgument.
absl::StatusOr<ListenAddress> ParseListenAddress(std::string_view address);

// 127.0.0.0/8, ::1 (also IPv4-mapped ::ffff:127.x.y.z) and the name "localhost".
bool IsLoopbackHost(std::string_view host);

}  // namespace coigraph::service
