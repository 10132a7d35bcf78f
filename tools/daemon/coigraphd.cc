// coigraphd: the coigraph gRPC server, and its HTTP side (JSON API and console).
//
//   coigraphd --feeds DIR --db FILE --listen HOST:PORT [--tokens FILE]
//             [--tls-cert F --tls-key F | --allow-plaintext] [--http HOST:PORT [--console DIR]
//             [--session-hours N]] [--max-exports N] [--max-exports-per-caller N]
//
// Loads DIR, records its cases in the SQLite database FILE (created on first start), and
// serves coigraph.v1.Coigraph plus grpc.health.v1 and server reflection. With --http it also
// serves the same RPCs as Connect JSON, the console's sign-in and downloads, and the console
// itself (docs/http.md). Without --tokens it runs in demo mode: no authentication, and only
// loopback addresses may be listened on; with --tokens but without TLS likewise, unless
// --allow-plaintext (bearer tokens would cross the network in clear text). Port 0 picks a free
// port; the bound addresses are printed as "listening on HOST:PORT" and "console on
// http://HOST:PORT/".
//
// Before serving it checks the database (SQLite's quick_check) and the audit chain from the head
// it wrote to FILE.head at its last clean stop (service/store_check.h), and refuses to start on
// a damaged store, saying what is wrong and which command shows more.
//
// A store fault refuses calls instead of ending the process: UNAVAILABLE with health NOT_SERVING
// until a write goes through again, or, for a -shm file truncated under its mapping (SIGBUS),
// until a restart (service/shm_fault.h).
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "service/audit_head.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
#include "service/coigraph_service.h"
#include "service/export_gate.h"
#include "service/http_server.h"
#include "service/limits.h"
#include "service/listen_address.h"
#include "service/shm_fault.h"
#include "service/snapshot_holder.h"
#include "service/sqlite_db.h"
#include "service/store_check.h"
#include "service/store_probe.h"
#include "tools/flags/flags.h"

#ifndef COIGRAPH_CONSOLE_DIR
#define COIGRAPH_CONSOLE_DIR ""
#endif

ABSL_FLAG(std::string, feeds, "", "the feed directory to load at start");
ABSL_FLAG(std::string, db, "", "the SQLite database of cases and audit records (required)");
ABSL_FLAG(std::string, listen, "", "the gRPC address, HOST:PORT (required; port 0: a free one)");
ABSL_FLAG(std::string, tokens, "", "the tokens file; without it, demo mode (loopback only)");
ABSL_FLAG(std::string, tls_cert, "", "TLS certificate chain (PEM), with --tls-key");
ABSL_FLAG(std::string, tls_key, "", "TLS private key (PEM), with --tls-cert");
ABSL_FLAG(bool, allow_plaintext, false,
          "with --tokens, serve a non-loopback address without TLS (e.g. behind a TLS proxy)");
ABSL_FLAG(std::string, http, "", "also serve the JSON API and the console on HOST:PORT");
ABSL_FLAG(std::string, console, COIGRAPH_CONSOLE_DIR, "the built console (console/dist)");
ABSL_FLAG(int, session_hours, 8, "how long a console sign-in lasts, 1..168 hours");
ABSL_FLAG(int, max_exports, coigraph::service::kMaxConcurrentExports,
          "how many ExportSubgraph streams may run at once, 1..1000");
ABSL_FLAG(int, max_exports_per_caller, coigraph::service::kMaxConcurrentExportsPerCaller,
          "how many ExportSubgraph streams one caller may run at once, 1..--max-exports");

namespace {

using coigraph::service::Authenticator;

constexpr char kUsage[] =
    "usage: coigraphd --feeds DIR --db FILE --listen HOST:PORT [--tokens FILE]"
    " [--tls-cert F --tls-key F | --allow-plaintext] [--http HOST:PORT [--console DIR]"
    " [--session-hours N]] [--max-exports N] [--max-exports-per-caller N]\n";

// The command line, checked as far as it can be without opening anything.
struct DaemonOptions {
  std::optional<std::string> feeds;  // nullopt: nothing loaded until LoadFeeds
  std::string db;
  std::string listen;
  coigraph::service::ListenAddress listen_address;
  std::optional<std::string> tokens;  // nullopt: demo mode
  bool tls = false;                   // --tls-cert and --tls-key given
  std::string tls_cert, tls_key;
  std::string http;  // "": no HTTP side
  coigraph::service::ListenAddress http_address;
  bool allow_plaintext = false;
  std::string console_dir;
  int session_hours = 8;
  coigraph::service::ExportLimits exports;
};

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

int Fail(absl::string_view message) {
  std::cerr << "coigraphd: " << message << "\n";
  return 1;
}

absl::StatusOr<DaemonOptions> Validate(const coigraph::tools::CommandLine& cl) {
  DaemonOptions o;
  if (cl.Given(FLAGS_feeds)) o.feeds = absl::GetFlag(FLAGS_feeds);
  o.db = absl::GetFlag(FLAGS_db);
  o.listen = absl::GetFlag(FLAGS_listen);
  if (cl.Given(FLAGS_tokens)) o.tokens = absl::GetFlag(FLAGS_tokens);
  if (cl.Given(FLAGS_tls_cert) != cl.Given(FLAGS_tls_key)) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  o.tls = cl.Given(FLAGS_tls_cert);
  o.tls_cert = absl::GetFlag(FLAGS_tls_cert);
  o.tls_key = absl::GetFlag(FLAGS_tls_key);
  absl::StatusOr<coigraph::service::ListenAddress> listen =
      coigraph::service::ParseListenAddress(o.listen);
  if (!listen.ok()) return absl::InvalidArgumentError("--listen: " + listen.status().ToString());
  o.listen_address = *listen;
  o.http = absl::GetFlag(FLAGS_http);
  if (!o.http.empty()) {
    absl::StatusOr<coigraph::service::ListenAddress> http =
        coigraph::service::ParseListenAddress(o.http);
    if (!http.ok()) return absl::InvalidArgumentError("--http: " + http.status().ToString());
    o.http_address = *http;
  }
  o.allow_plaintext = absl::GetFlag(FLAGS_allow_plaintext);
  if (o.allow_plaintext && o.tls) {
    return absl::InvalidArgumentError("--allow-plaintext goes without --tls-cert/--tls-key");
  }
  o.session_hours = absl::GetFlag(FLAGS_session_hours);
  if (o.session_hours < 1 || o.session_hours > 24 * 7) {
    return absl::InvalidArgumentError("--session-hours must be 1..168");
  }
  o.console_dir = absl::GetFlag(FLAGS_console);
  o.exports.total = absl::GetFlag(FLAGS_max_exports);
  o.exports.per_caller = absl::GetFlag(FLAGS_max_exports_per_caller);
  if (o.exports.total < 1 || o.exports.total > 1000) {
    return absl::InvalidArgumentError("--max-exports must be 1..1000");
  }
  if (o.exports.per_caller < 1 || o.exports.per_caller > o.exports.total) {
    return absl::InvalidArgumentError("--max-exports-per-caller must be 1..--max-exports");
  }
  return o;
}

// The addresses listened on that are not loopback (parsed, so "127.evil.example.com" is not).
std::vector<std::string> NonLoopback(const DaemonOptions& o) {
  std::vector<std::string> out;
  if (!coigraph::service::IsLoopbackHost(o.listen_address.host)) out.push_back(o.listen);
  if (!o.http.empty() && !coigraph::service::IsLoopbackHost(o.http_address.host)) {
    out.push_back(o.http);
  }
  return out;
}

// The tokens of --tokens; without them demo mode, which may only listen on loopback. Tokens
// sent in clear text over the network are refused unless the operator says --allow-plaintext.
absl::StatusOr<Authenticator> Authentication(const DaemonOptions& o) {
  const std::vector<std::string> exposed = NonLoopback(o);
  if (o.tokens) {
    if (!exposed.empty() && !o.tls) {
      if (!o.allow_plaintext) {
        return absl::InvalidArgumentError(
            "--tokens on " + exposed.front() +
            ", which is not a loopback address, without --tls-cert/--tls-key: bearer tokens "
            "would cross the network in clear text. Serve TLS, or say --allow-plaintext when a "
            "TLS proxy on this host terminates the connections");
      }
      std::cerr << "coigraphd: WARNING: --allow-plaintext: bearer tokens reach " << exposed.front()
                << " in clear text\n";
    }
    absl::StatusOr<Authenticator> auth = Authenticator::FromFile(*o.tokens);
    if (!auth.ok()) return auth.status();
    if (auth->token_count() == 0) {
      return absl::InvalidArgumentError("the tokens file lists no token");
    }
    return auth;
  }
  if (!exposed.empty()) {
    return absl::InvalidArgumentError(
        "without --tokens (demo mode) only a loopback address may be listened on, not " +
        exposed.front());
  }
  std::cerr << "coigraphd: DEMO MODE: no --tokens, so no authentication; serving loopback only\n";
  return Authenticator::Demo();
}

// The salt of the exports' pseudonyms, kept in the database (made on first start).
absl::StatusOr<std::string> PseudonymSalt(const std::string& db_path) {
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteDb>> db =
      coigraph::service::SqliteDb::Open(db_path);
  if (!db.ok()) return db.status();
  return coigraph::service::GetOrCreateSecret(**db, "export_pseudonym_salt");
}

// The gRPC credentials, TLS material checked (readable, PEM, a matching pair): called before
// the feed load, so a bad key is told at once and as what it is.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const DaemonOptions& o) {
  if (!o.tls) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  if (!ReadFile(o.tls_key, &pair.private_key)) {
    return absl::InvalidArgumentError("cannot read --tls-key " + o.tls_key);
  }
  if (!ReadFile(o.tls_cert, &pair.cert_chain)) {
    return absl::InvalidArgumentError("cannot read --tls-cert " + o.tls_cert);
  }
  absl::Status usable = coigraph::service::CheckTlsKeyPair(o.tls_cert, o.tls_key);
  if (!usable.ok()) return usable;
  ssl.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(ssl);
}

// Fails fast on everything that can be checked before serving, then serves until SIGINT or
// SIGTERM.
int Serve(const DaemonOptions& o) {
  // From the start, so that a stop asked for while loading (or right after "listening on") is a
  // clean one, which writes the audit head.
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  // A file-size limit (ulimit -f) would kill the process at the first write past it; ignored,
  // the write fails with EFBIG, which SQLite reports and the call is refused UNAVAILABLE.
  std::signal(SIGXFSZ, SIG_IGN);
  // A -shm file truncated under SQLite's mapping would kill the process with SIGBUS; handled,
  // the store refuses every call UNAVAILABLE until a restart (shm_fault.h).
  absl::Status handler = coigraph::service::InstallShmFaultHandler();
  if (!handler.ok()) return Fail(handler.message());
  absl::StatusOr<Authenticator> auth = Authentication(o);
  if (!auth.ok()) return Fail(auth.status().message());
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = Credentials(o);
  if (!credentials.ok()) return Fail(credentials.status().message());
  // Before anything writes to it: a damaged file is refused, never served or appended to.
  absl::Status store = coigraph::service::CheckDatabase(o.db);
  if (!store.ok()) return Fail(store.message());
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteCaseStore>> cases =
      coigraph::service::SqliteCaseStore::Open(o.db, coigraph::service::KnownCaseVocabulary());
  if (!cases.ok()) return Fail(cases.status().message());
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteAuditLog>> audit =
      coigraph::service::SqliteAuditLog::Open(o.db);
  if (!audit.ok()) return Fail(audit.status().message());
  store = coigraph::service::CheckAuditChain(o.db, **audit);
  if (!store.ok()) return Fail(store.message());
  absl::StatusOr<std::string> salt = PseudonymSalt(o.db);
  if (!salt.ok()) return Fail(salt.status().message());

  coigraph::service::SnapshotHolder holder;
  if (o.feeds) {
    absl::StatusOr<coigraph::service::ScanSummary> loaded =
        coigraph::service::LoadAndSwap(*o.feeds, holder, **cases, absl::Now());
    if (!loaded.ok())
      return Fail("loading " + *o.feeds + ": " + std::string(loaded.status().message()));
    std::cerr << "coigraphd: loaded " << *o.feeds << ": " << holder.Get()->findings.size()
              << " findings, " << loaded->created << " new cases\n";
  }

  // Health follows the store: NOT_SERVING while it cannot be written, SERVING once a write goes
  // through again. The server is built after the service, hence the pointer set later.
  std::atomic<grpc::HealthCheckServiceInterface*> health{nullptr};
  std::atomic<bool> store_writable{true};
  auto on_store_writable = [&health, &store_writable](bool writable) {
    store_writable.store(writable);
    if (grpc::HealthCheckServiceInterface* h = health.load()) h->SetServingStatus(writable);
    // A write to stderr's file may have failed too (a full disk, a file-size limit), which
    // leaves the stream failed and silent for good: clear it, so this line is tried anyway.
    std::cerr.clear();
    if (writable) {
      std::cerr << "coigraphd: the store takes writes again; health SERVING\n";
    } else if (coigraph::service::ShmLost()) {
      std::cerr << "coigraphd: the database's -shm file was damaged; calls are refused "
                   "UNAVAILABLE and health is NOT_SERVING until coigraphd is restarted\n";
    } else {
      std::cerr << "coigraphd: the store cannot be written; calls are refused UNAVAILABLE and "
                   "health is NOT_SERVING until a write goes through\n";
    }
  };
  // While it cannot, a write of its own every few seconds finds out when it can again, so
  // health recovers without waiting for a call (store_probe.h).
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteDb>> probe_db =
      coigraph::service::SqliteDb::Open(o.db);
  if (!probe_db.ok()) return Fail(probe_db.status().message());
  coigraph::service::CoigraphService service({.auth = std::move(*auth),
                                              .cases = cases->get(),
                                              .audit = audit->get(),
                                              .holder = &holder,
                                              .default_feeds_dir = o.feeds.value_or(""),
                                              .pseudonym_salt = *salt,
                                              .exports = o.exports,
                                              .on_store_writable = on_store_writable});

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(o.listen, *credentials, &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) return Fail("cannot listen on " + o.listen);
  server->GetHealthCheckService()->SetServingStatus(true);
  health.store(server->GetHealthCheckService());
  std::cout << "listening on " << o.listen_address.host << ":" << port << std::endl;

  std::unique_ptr<coigraph::service::HttpServer> http_server;
  if (!o.http.empty()) {
    std::string console_dir = o.console_dir;
    if (!console_dir.empty() && !std::ifstream(console_dir + "/index.html")) {
      std::cerr << "coigraphd: no console built at " << console_dir
                << " (npm run build in console/); serving the JSON API only\n";
      console_dir.clear();
    }
    absl::StatusOr<std::unique_ptr<coigraph::service::HttpServer>> started =
        coigraph::service::HttpServer::Start(service.api(),
                                             {.host = o.http_address.host,
                                              .port = o.http_address.port,
                                              .console_dir = console_dir,
                                              .tls_cert_file = o.tls_cert,
                                              .tls_key_file = o.tls_key,
                                              .session_lifetime = absl::Hours(o.session_hours)});
    if (!started.ok()) {
      server->Shutdown();
      return Fail(started.status().message());
    }
    http_server = std::move(*started);
    std::cout << "console on " << http_server->url() << std::endl;
  }

  absl::Time next_probe = absl::InfinitePast();
  while (g_stop == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // After a -shm fault no write can go through (SqliteDb refuses them all): no probe.
    if (store_writable.load() || coigraph::service::ShmLost() || absl::Now() < next_probe) {
      continue;
    }
    next_probe = absl::Now() + coigraph::service::kStoreProbeInterval;
    if (coigraph::service::ProbeStoreWrite(**probe_db, absl::Now()).ok()) {
      service.api().runner().NoteWritable(true);
    }
  }
  std::cerr << "coigraphd: shutting down\n";
  // Health first (NOT_SERVING, Watch streams end), then calls in flight get up to 5 s.
  if (http_server != nullptr) http_server->Stop();
  health.store(nullptr);
  server->GetHealthCheckService()->Shutdown();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  // Every call is answered, so every record is committed: the head is the log's last word,
  // which the next start checks the chain from.
  absl::StatusOr<coigraph::service::AuditHead> head = (*audit)->Head();
  const std::string head_path = coigraph::service::HeadFilePath(o.db);
  absl::Status written =
      head.ok() ? coigraph::service::WriteHeadFile(head_path, *head) : head.status();
  if (!written.ok()) {
    std::cerr << "coigraphd: cannot record the audit head in " << head_path << ": "
              << written.message() << "\n";
  } else {
    std::cerr << "coigraphd: audit head " << coigraph::service::FormatHead(*head) << " written to "
              << head_path << "\n";
  }
  std::cerr << "coigraphd: stopped\n";
  return written.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // absl's deadlock detection (on in Debian's build) costs a graph update per lock: ~8% of a
  // CheckHire's CPU. The service's lock order is fixed; tests run with it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const coigraph::tools::CommandLine cl = coigraph::tools::ParseFlagsOrExit(
      argc, argv,
      {FLAGS_feeds, FLAGS_db, FLAGS_listen, FLAGS_tokens, FLAGS_tls_cert, FLAGS_tls_key,
       FLAGS_allow_plaintext, FLAGS_http, FLAGS_console, FLAGS_session_hours, FLAGS_max_exports,
       FLAGS_max_exports_per_caller},
      {.program = "coigraphd", .usage = kUsage});
  if (!cl.Given(FLAGS_db) || !cl.Given(FLAGS_listen)) {
    std::cerr << "coigraphd: --db and --listen are required\n" << kUsage;
    return 2;
  }
  absl::StatusOr<DaemonOptions> options = Validate(cl);
  if (!options.ok()) return Fail(options.status().message());
  return Serve(*options);
}
