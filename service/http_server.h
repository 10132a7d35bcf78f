// coigraphd's HTTP side (docs/http.md): the Connect unary JSON API of every unary RPC, the
// console's sign-in sessions, export downloads and the console's static files, all through the
// same CoigraphApi and RpcRunner as gRPC (the same tokens, roles, purpose checks and audit log).
//
// cpp-httplib (Debian's libcpp-httplib-dev 0.11) serves it: a thread pool of blocking handlers,
// which suits calls that are answered in microseconds to milliseconds, TLS through OpenSSL, and
// static files with path checks; docs/service.md says why it was chosen over Boost.Beast.
//
// Example:
//   absl::StatusOr<std::unique_ptr<HttpServer>> http =
//       HttpServer::Start(service.api(), {.host = "127.0.0.1", .port = 8080,
//                                          .console_dir = "build/console/dist"});
//   std::cout << "console on " << (*http)->url() << "\n";
//   (*http)->Stop();
//
// Thread safety: Start and Stop from one thread; requests are served on the server's threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/coigraph_api.h"

namespace coigraph::service {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  // The built console (index.html, app.js, app.css); empty: no console, the API only.
  std::string console_dir;
  // PEM files; both set: HTTPS, and the session cookie is Secure.
  std::string tls_cert_file;
  std::string tls_key_file;
  absl::Duration session_lifetime = absl::Hours(8);
  // At most this many bytes of request body (a JSON request is a few hundred bytes).
  size_t max_body_bytes = 1 << 20;
};

// OK when the PEM certificate chain `cert_file` and private key `key_file` can serve TLS
// together (readable, PEM, the key matching the certificate). Errors: InvalidArgument naming
// both files. coigraphd checks this before its feed load, for gRPC and HTTP alike.
absl::Status CheckTlsKeyPair(const std::string& cert_file, const std::string& key_file);

class HttpServer {
 public:
  // Binds and starts serving. Errors: InvalidArgument for a TLS certificate or key that cannot
  // be used, Unavailable when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(CoigraphApi& api, HttpOptions options);
  ~HttpServer();

  int port() const { return port_; }
  // "http://127.0.0.1:8080/" (https under TLS).
  std::string url() const;
  // Stops accepting, ends the requests in flight and returns.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace coigraph::service
