// coigraphd: the coigraph gRPC server, and its HTTP side (JSON API and console).
//
//   coigraphd --feeds DIR --db FILE --listen HOST:PORT [--tokens FILE]
//             [--tls-cert F --tls-key F] [--http HOST:PORT [--console DIR]
//             [--session-hours N]]
//
// Loads DIR, records its cases in the SQLite database FILE (created on first start), and
// serves coigraph.v1.Coigraph plus grpc.health.v1 and server reflection. With --http it also
// serves the same RPCs as Connect JSON, the console's sign-in and downloads, and the console
// itself (docs/http.md). Without --tokens it runs in demo mode: no authentication, and only
// loopback addresses may be listened on. Port 0 picks a free port; the bound addresses are
// printed as "listening on HOST:PORT" and "console on http://HOST:PORT/".
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
#include "service/coigraph_service.h"
#include "service/http_server.h"
#include "service/snapshot_holder.h"
#include "service/sqlite_db.h"

namespace {

using coigraph::service::Authenticator;

constexpr char kUsage[] =
    "usage: coigraphd --feeds DIR --db FILE --listen HOST:PORT [--tokens FILE]"
    " [--tls-cert F --tls-key F] [--http HOST:PORT [--console DIR] [--session-hours N]]\n";

#ifndef COIGRAPH_CONSOLE_DIR
#define COIGRAPH_CONSOLE_DIR ""
#endif

volatile sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

// The host part of HOST:PORT or [V6]:PORT.
std::string HostOf(const std::string& listen) {
  if (!listen.empty() && listen[0] == '[') return listen.substr(1, listen.find(']') - 1);
  return listen.substr(0, listen.rfind(':'));
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

int Fail(const std::string& message) {
  std::cerr << "coigraphd: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // absl's deadlock detection (on in Debian's build) costs a graph update per lock: ~8% of a
  // CheckHire's CPU. The service's lock order is fixed; tests run with it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (!arg.starts_with("--") || i + 1 >= argc) {
      std::cerr << kUsage;
      return 2;
    }
    const std::string name = arg.substr(2);
    if (name != "feeds" && name != "db" && name != "listen" && name != "tokens" &&
        name != "tls-cert" && name != "tls-key" && name != "http" && name != "console" &&
        name != "session-hours") {
      std::cerr << "coigraphd: unknown flag " << arg << "\n" << kUsage;
      return 2;
    }
    flags[name] = argv[++i];
  }
  if (!flags.contains("db") || !flags.contains("listen")) {
    std::cerr << kUsage;
    return 2;
  }
  if (flags.contains("tls-cert") != flags.contains("tls-key")) {
    return Fail("--tls-cert and --tls-key go together");
  }
  const std::string listen = flags["listen"];
  if (listen.rfind(':') == std::string::npos) return Fail("--listen must be HOST:PORT");
  const std::string http = flags.contains("http") ? flags["http"] : "";
  int http_port = 0;
  if (!http.empty() && (http.rfind(':') == std::string::npos ||
                        !absl::SimpleAtoi(http.substr(http.rfind(':') + 1), &http_port))) {
    return Fail("--http must be HOST:PORT");
  }
  int session_hours = 8;
  if (flags.contains("session-hours") &&
      (!absl::SimpleAtoi(flags["session-hours"], &session_hours) || session_hours < 1 ||
       session_hours > 24 * 7)) {
    return Fail("--session-hours must be 1..168");
  }
  std::string console_dir = flags.contains("console") ? flags["console"] : COIGRAPH_CONSOLE_DIR;

  // Fail fast on everything that can be checked before serving.
  Authenticator auth = Authenticator::Demo();
  if (flags.contains("tokens")) {
    absl::StatusOr<Authenticator> a = Authenticator::FromFile(flags["tokens"]);
    if (!a.ok()) return Fail(std::string(a.status().message()));
    auth = std::move(*a);
    if (auth.token_count() == 0) return Fail("the tokens file lists no token");
  } else {
    for (const std::string& address : {listen, http}) {
      if (!address.empty() && !IsLoopback(HostOf(address))) {
        return Fail(
            "without --tokens (demo mode) only a loopback address may be listened on, not " +
            address);
      }
    }
    std::cerr << "coigraphd: DEMO MODE: no --tokens, so no authentication; serving loopback only\n";
  }

  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteCaseStore>> cases =
      coigraph::service::SqliteCaseStore::Open(flags["db"],
                                               coigraph::service::KnownCaseVocabulary());
  if (!cases.ok()) return Fail(std::string(cases.status().message()));
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteAuditLog>> audit =
      coigraph::service::SqliteAuditLog::Open(flags["db"]);
  if (!audit.ok()) return Fail(std::string(audit.status().message()));

  std::string salt;
  {
    absl::StatusOr<std::unique_ptr<coigraph::service::SqliteDb>> db =
        coigraph::service::SqliteDb::Open(flags["db"]);
    if (!db.ok()) return Fail(std::string(db.status().message()));
    absl::StatusOr<std::string> secret =
        coigraph::service::GetOrCreateSecret(**db, "export_pseudonym_salt");
    if (!secret.ok()) return Fail(std::string(secret.status().message()));
    salt = std::move(*secret);
  }

  coigraph::service::SnapshotHolder holder;
  if (flags.contains("feeds")) {
    absl::StatusOr<coigraph::service::ScanSummary> loaded =
        coigraph::service::LoadAndSwap(flags["feeds"], holder, **cases, absl::Now());
    if (!loaded.ok())
      return Fail("loading " + flags["feeds"] + ": " + std::string(loaded.status().message()));
    std::cerr << "coigraphd: loaded " << flags["feeds"] << ": " << holder.Get()->findings.size()
              << " findings, " << loaded->created << " new cases\n";
  }

  coigraph::service::CoigraphService service({.auth = std::move(auth),
                                              .cases = cases->get(),
                                              .audit = audit->get(),
                                              .holder = &holder,
                                              .default_feeds_dir = flags["feeds"],
                                              .pseudonym_salt = salt});

  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (flags.contains("tls-cert")) {
    grpc::SslServerCredentialsOptions ssl;
    grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
    if (!ReadFile(flags["tls-key"], &pair.private_key)) return Fail("cannot read --tls-key");
    if (!ReadFile(flags["tls-cert"], &pair.cert_chain)) return Fail("cannot read --tls-cert");
    ssl.pem_key_cert_pairs.push_back(std::move(pair));
    credentials = grpc::SslServerCredentials(ssl);
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(listen, credentials, &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) return Fail("cannot listen on " + listen);
  server->GetHealthCheckService()->SetServingStatus(true);
  std::cout << "listening on " << HostOf(listen) << ":" << port << std::endl;

  std::unique_ptr<coigraph::service::HttpServer> http_server;
  if (!http.empty()) {
    if (!console_dir.empty() && !std::ifstream(console_dir + "/index.html")) {
      std::cerr << "coigraphd: no console built at " << console_dir
                << " (npm run build in console/); serving the JSON API only\n";
      console_dir.clear();
    }
    absl::StatusOr<std::unique_ptr<coigraph::service::HttpServer>> started =
        coigraph::service::HttpServer::Start(service.api(),
                                             {.host = HostOf(http),
                                              .port = http_port,
                                              .console_dir = console_dir,
                                              .tls_cert_file = flags["tls-cert"],
                                              .tls_key_file = flags["tls-key"],
                                              .session_lifetime = absl::Hours(session_hours)});
    if (!started.ok()) {
      server->Shutdown();
      return Fail(std::string(started.status().message()));
    }
    http_server = std::move(*started);
    std::cout << "console on " << http_server->url() << std::endl;
  }

  signal(SIGINT, OnSignal);
  signal(SIGTERM, OnSignal);
  while (g_stop == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cerr << "coigraphd: shutting down\n";
  // Health first (NOT_SERVING, Watch streams end), then calls in flight get up to 5 s.
  if (http_server != nullptr) http_server->Stop();
  server->GetHealthCheckService()->Shutdown();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  std::cerr << "coigraphd: stopped\n";
  return 0;
}
