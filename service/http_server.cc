#include "service/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/json.h"
#include "base/text.h"
#include "google/protobuf/struct.pb.h"
#include "graph/export.h"
#include "service/connect_json.h"
#include "service/console_sessions.h"
#include "service/field_errors.h"
#include "service/rpc_runner.h"

namespace coigraph::service {

namespace {

constexpr char kSessionCookie[] = "coigraph_session";
constexpr char kCsrfHeader[] = "X-CSRF-Token";
constexpr char kJson[] = "application/json";

// Every answer: what a page of ours may load and run (no inline script, nothing from other
// origins), and no framing, sniffing or referrers.
const httplib::Headers& SafetyHeaders() {
  static const httplib::Headers* headers = new httplib::Headers{
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  return *headers;
}

void WriteError(const absl::Status& status, httplib::Response& res) {
  ConnectError e = ConnectErrorOf(status);
  res.status = e.http_status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(e.body, kJson);
}

void WriteJson(const std::string& body, httplib::Response& res) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, kJson);
}

// The value of cookie `name` in the request's Cookie headers; "" when absent.
std::string CookieValue(const httplib::Request& req, std::string_view name) {
  const size_t n = req.get_header_value_count("Cookie");
  for (size_t i = 0; i < n; ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    for (absl::string_view part : absl::StrSplit(header, ';')) {
      part = absl::StripAsciiWhitespace(part);
      if (absl::ConsumePrefix(&part, base::AbslView(name)) && absl::ConsumePrefix(&part, "=")) {
        return std::string(part);
      }
    }
  }
  return "";
}

// Equal contents, in time that does not depend on where they differ.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

// A file name for Content-Disposition: letters, digits, '.', '-', '_' only.
std::string SafeFileName(std::string_view name) {
  std::string out;
  for (char c : name) {
    out += absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'
               ? c
               : '_';
  }
  return out.substr(0, 120);
}

std::string ContentTypeOf(std::string_view file) {
  if (file.ends_with(".graphml") || file.ends_with(".gexf")) return "application/xml";
  if (file.ends_with(".ftm.json")) return "application/x-ndjson";  // one entity a line
  if (file.ends_with(".json")) return kJson;
  if (file.ends_with(".csv")) return "text/csv; charset=utf-8";
  if (file.ends_with(".dot")) return "text/vnd.graphviz; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

struct HttpServer::Impl {
  Impl(CoigraphApi& a, HttpOptions o)
      : api(a), options(std::move(o)), sessions(options.session_lifetime) {}

  CoigraphApi& api;
  HttpOptions options;
  ConsoleSessions sessions;
  std::unique_ptr<httplib::Server> server;
  bool tls = false;
  using JsonHandler =
      std::function<void(const CallContext&, const std::string& body, httplib::Response&)>;
  absl::flat_hash_map<std::string, JsonHandler> rpcs;  // method name -> handler

  // The audit record of a call refused before it could be run (its body did not parse, its
  // CSRF token was wrong), then the refusal; a caller who may not make the call at all is told
  // that instead.
  void Refuse(Rpc rpc, const CallContext& context, const absl::Status& status,
              httplib::Response& res) {
    WriteError(Wait([&](RpcRunner::Done done) {
                 api.runner().Refuse(rpc, context, status, std::move(done));
               }),
               res);
  }

  // A call refused before a caller was established (a session that ended, a CSRF token that
  // does not match): audited as anonymous.
  void RefuseAnonymous(Rpc rpc, const httplib::Request& req, const absl::Status& status,
                       httplib::Response& res) {
    Call call;
    call.rpc = rpc;
    call.peer = PeerOf(req);
    WriteError(
        Wait([&](RpcRunner::Done done) { api.runner().Audit(call, status, "", std::move(done)); }),
        res);
  }

  // Starts `audit` and waits for the status it answers with.
  static absl::Status Wait(const std::function<void(RpcRunner::Done)>& audit) {
    absl::Notification audited;
    absl::Status answer;
    audit([&](absl::Status s) {
      answer = std::move(s);
      audited.Notify();
    });
    audited.WaitForNotification();
    return answer;
  }

  // The peer as gRPC names it ("ipv4:10.0.0.7:5123", "ipv6:[::1]:5123"), so that the
  // AnonymousGate sees one address whichever transport it comes by.
  static std::string PeerOf(const httplib::Request& req) {
    if (req.remote_addr.find(':') != std::string::npos) {
      return base::Cat("ipv6:[", req.remote_addr, "]:", req.remote_port);
    }
    return base::Cat("ipv4:", req.remote_addr, ":", req.remote_port);
  }

  template <typename Request, typename Response>
  void AddJsonRpc(const RpcDef<Request, Response>& def) {
    rpcs[std::string(Name(def.rpc))] =
        [this, &def](const CallContext& context, const std::string& body, httplib::Response& res) {
          Request request;
          absl::Status parsed = ParseJsonMessage(body, &request);
          if (!parsed.ok()) {
            Refuse(def.rpc, context, parsed, res);
            return;
          }
          Response response;
          absl::Status s = api.runner().RunAndWait(def, context, request, &response);
          if (!s.ok()) {
            WriteError(s, res);
            return;
          }
          WriteJson(MessageToJson(response), res);
        };
  }

  // Who calls: a bearer token, else the session cookie (which, for a state-changing request,
  // must come with the session's CSRF token). Errors: Unauthenticated for a session that
  // ended, PermissionDenied for a missing or wrong CSRF token.
  absl::StatusOr<CallContext> ContextOf(const httplib::Request& req, bool state_changing) {
    CallContext context;
    context.peer = PeerOf(req);
    const std::string timeout = req.get_header_value("Connect-Timeout-Ms");
    int64_t ms = 0;
    if (!timeout.empty() && absl::SimpleAtoi(timeout, &ms) && ms > 0) {
      context.deadline = absl::Now() + absl::Milliseconds(ms);
    }
    context.authorization = req.get_header_value("Authorization");
    if (!context.authorization.empty()) return context;
    const std::string cookie = CookieValue(req, kSessionCookie);
    if (cookie.empty()) return context;  // the runner refuses it as unauthenticated
    std::optional<ConsoleSession> session = sessions.Find(cookie, absl::Now());
    if (!session.has_value()) {
      return absl::UnauthenticatedError("the session has ended; sign in again");
    }
    if (state_changing && !SameSecret(req.get_header_value(kCsrfHeader), session->csrf_token)) {
      return absl::PermissionDeniedError(
          "a request with the session cookie needs the session's X-CSRF-Token header");
    }
    context.session = session->principal;
    return context;
  }

  void ServeRpc(const httplib::Request& req, httplib::Response& res) {
    const std::string method = req.matches[1];
    auto it = rpcs.find(method);
    if (it == rpcs.end()) {
      WriteError(absl::UnimplementedError(
                     method == "CheckHireBatch"
                         ? "CheckHireBatch is a bidirectional stream: call it over gRPC"
                     : method == "ExportSubgraph"
                         ? "ExportSubgraph is a download over HTTP: GET /api/export"
                         : base::Cat("no method coigraph.v1.Coigraph/", method)),
                 res);
      return;
    }
    const std::string content_type = req.get_header_value("Content-Type");
    if (!content_type.empty() && !absl::StartsWith(content_type, kJson)) {
      WriteError(absl::InvalidArgumentError("Content-Type must be application/json"), res);
      res.status = 415;
      return;
    }
    absl::StatusOr<CallContext> context = ContextOf(req, /*state_changing=*/true);
    if (!context.ok()) {
      // Audited under this RPC, with no caller (anonymous) since none was established.
      RefuseAnonymous(ParseRpc(method), req, context.status(), res);
      return;
    }
    it->second(*context, req.body, res);
  }

  static Rpc ParseRpc(std::string_view name) {
    for (Rpc rpc : AllRpcs()) {
      if (Name(rpc) == name) return rpc;
    }
    return Rpc::kStatus;
  }

  std::string SessionJson(const ConsoleSession& s) const {
    std::string out = "{\"name\":";
    base::AppendJsonString(out, s.principal.name);
    out += ",\"role\":";
    base::AppendJsonString(out, Name(s.principal.role));
    out += ",\"csrfToken\":";
    base::AppendJsonString(out, s.csrf_token);
    out += ",\"expiresAt\":";
    base::AppendJsonString(out, FormatRfc3339(s.expires));
    out += ",\"demo\":";
    out += api.options().auth.demo() ? "true" : "false";
    out += ",\"rpcs\":[";
    bool first = true;
    for (Rpc rpc : AllRpcs()) {
      if (!MayCall(s.principal.role, rpc)) continue;
      if (!first) out += ",";
      first = false;
      base::AppendJsonString(out, Name(rpc));
    }
    out += "]}";
    return out;
  }

  std::string CookieHeader(const std::string& value, int64_t max_age_seconds) const {
    return base::Cat(kSessionCookie, "=", value,
                     "; Path=/; HttpOnly; SameSite=Strict; Max-Age=", max_age_seconds,
                     tls ? "; Secure" : "");
  }

  // No caller: audited as "anonymous".
  static absl::StatusOr<Principal> Anonymous() {
    return absl::UnauthenticatedError("no caller established");
  }

  // Writes the audit record `name` (kSignInRecord, kSignOutRecord) of a sign-in or sign-out
  // through the same runner as the RPCs and waits for its commit. Returns `status`, or
  // UNAVAILABLE when the record could not be written.
  absl::Status AuditSession(const httplib::Request& req, std::string_view name,
                            const absl::StatusOr<Principal>& who, const absl::Status& status,
                            const std::string& result = "") {
    return Wait([&](RpcRunner::Done done) {
      api.runner().AuditEvent(name, who, status, result, PeerOf(req), std::move(done));
    });
  }

  // Every sign-in, granted or refused, is audited before it is answered: the token's caller and
  // role when the token is known, "anonymous" otherwise; never the token.
  void SignIn(const httplib::Request& req, httplib::Response& res) {
    // {"token": "..."}: parsed with protobuf's JSON into a Struct so any JSON is handled.
    google::protobuf::Struct body;
    const absl::Status parsed = ParseJsonMessage(req.body, &body);
    absl::StatusOr<Principal> who = Anonymous();
    absl::Status refusal;
    if (!parsed.ok()) {
      // The parser's message may quote the body, and so the token: the record does not.
      refusal = absl::InvalidArgumentError("the body is not {\"token\": \"...\"}");
    } else {
      std::string token;
      auto it = body.fields().find("token");
      if (it != body.fields().end()) token = it->second.string_value();
      who = api.options().auth.Authenticate("Bearer " + token);
      if (!who.ok()) {
        refusal = absl::UnauthenticatedError("unknown token");
      } else if (who->role == Role::kHrSystem) {
        refusal = absl::PermissionDeniedError(
            "an hr_system token calls the API; the console is for people");
      }
    }
    const absl::Status answer = AuditSession(req, kSignInRecord, who, refusal);
    if (!answer.ok()) {
      // A body that did not parse is told the parser's message (its sender knows the token).
      const bool audited = answer.code() != absl::StatusCode::kUnavailable;
      WriteError(audited && !parsed.ok() ? parsed : answer, res);
      return;
    }
    const ConsoleSession s = sessions.Open(*who, absl::Now());
    res.set_header("Set-Cookie",
                   CookieHeader(s.id, absl::ToInt64Seconds(options.session_lifetime)));
    WriteJson(SessionJson(s), res);
  }

  void SessionInfo(const httplib::Request& req, httplib::Response& res) {
    std::optional<ConsoleSession> s = sessions.Find(CookieValue(req, kSessionCookie), absl::Now());
    if (!s.has_value()) {
      WriteError(absl::UnauthenticatedError("not signed in"), res);
      return;
    }
    WriteJson(SessionJson(*s), res);
  }

  // Audited as the session's person; a request with the cookie but without its CSRF token is
  // refused and audited as anonymous (as RPCs are), one without a session as anonymous "OK no
  // session" (signing out twice is no error).
  void SignOut(const httplib::Request& req, httplib::Response& res) {
    const std::string cookie = CookieValue(req, kSessionCookie);
    std::optional<ConsoleSession> s = sessions.Find(cookie, absl::Now());
    if (s.has_value() && !SameSecret(req.get_header_value(kCsrfHeader), s->csrf_token)) {
      WriteError(
          AuditSession(req, kSignOutRecord, Anonymous(),
                       absl::PermissionDeniedError("signing out needs the session's X-CSRF-Token")),
          res);
      return;
    }
    const absl::Status answer =
        s.has_value()
            ? AuditSession(req, kSignOutRecord, s->principal, absl::OkStatus())
            : AuditSession(req, kSignOutRecord, Anonymous(), absl::OkStatus(), "no session");
    if (!answer.ok()) {
      WriteError(answer, res);
      return;
    }
    sessions.Close(cookie);
    res.set_header("Set-Cookie", CookieHeader("", 0));
    WriteJson("{}", res);
  }

  // GET /api/export?format=...&case_id=... | &seeds=a,b&date=...  [&radius=&file=&purpose=]
  void Export(const httplib::Request& req, httplib::Response& res) {
    v1::ExportSubgraphRequest request;
    const std::string format = req.get_param_value("format");
    std::optional<graph::ExportFormat> f = graph::ParseExportFormat(format);
    if (f.has_value()) {
      switch (*f) {
        case graph::ExportFormat::kGraphml:
          request.set_format(v1::EXPORT_FORMAT_GRAPHML);
          break;
        case graph::ExportFormat::kGexf:
          request.set_format(v1::EXPORT_FORMAT_GEXF);
          break;
        case graph::ExportFormat::kDot:
          request.set_format(v1::EXPORT_FORMAT_DOT);
          break;
        case graph::ExportFormat::kCytoscapeJson:
          request.set_format(v1::EXPORT_FORMAT_CYTOSCAPE_JSON);
          break;
        case graph::ExportFormat::kNeo4jCsv:
          request.set_format(v1::EXPORT_FORMAT_NEO4J_CSV);
          break;
        case graph::ExportFormat::kFtm:
          request.set_format(v1::EXPORT_FORMAT_FTM);
          break;
      }
    }
    request.set_case_id(req.get_param_value("case_id"));
    if (req.has_param("seeds")) {
      for (absl::string_view id :
           absl::StrSplit(req.get_param_value("seeds"), ',', absl::SkipWhitespace())) {
        request.mutable_seeds()->add_ids(std::string(absl::StripAsciiWhitespace(id)));
      }
    }
    request.set_date(req.get_param_value("date"));
    request.set_purpose(req.get_param_value("purpose"));
    const RpcDef<v1::ExportSubgraphRequest, ExportFiles>& def = api.rpcs().export_subgraph;
    absl::StatusOr<CallContext> context = ContextOf(req, /*state_changing=*/false);
    if (!context.ok()) {
      RefuseAnonymous(def.rpc, req, context.status(), res);
      return;
    }
    int radius = 1;
    if (req.has_param("radius") && !absl::SimpleAtoi(req.get_param_value("radius"), &radius)) {
      Refuse(def.rpc, *context, FieldError("radius", "must be a number"), res);
      return;
    }
    request.set_radius(radius);
    if (!f.has_value()) {
      Refuse(def.rpc, *context,
             FieldError("format", "one of graphml, gexf, dot, cytoscape, neo4j, ftm"), res);
      return;
    }
    std::vector<std::string> names;
    for (std::string_view name : graph::ExportFileNames(*f)) names.emplace_back(name);
    std::string file = req.get_param_value("file");
    if (file.empty() && names.size() == 1) file = names.front();
    if (std::find(names.begin(), names.end(), file) == names.end()) {
      Refuse(
          def.rpc, *context,
          FieldError("file", base::Cat("one of the format's files: ", absl::StrJoin(names, ", "))),
          res);
      return;
    }
    ExportFiles files;
    absl::Status s = api.runner().RunAndWait(def, *context, request, &files);
    if (!s.ok()) {
      WriteError(s, res);
      return;
    }
    const std::string subject =
        request.has_seeds() ? base::Cat(request.seeds().ids_size(), "-seeds") : request.case_id();
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition",
                   base::Cat("attachment; filename=\"", SafeFileName("coigraph-" + subject), "-",
                             SafeFileName(file), "\""));
    // Sent as it is made, a chunk of the file at a time (chunked transfer encoding): the
    // export is never whole in memory. The other files of the format are made and dropped.
    // The export's slot is given back when httplib lets go of the provider.
    auto running = std::make_shared<ExportFiles>(std::move(files));
    res.set_chunked_content_provider(
        ContentTypeOf(file), [running, file](size_t /*offset*/, httplib::DataSink& sink) {
          while (std::optional<graph::ExportChunkView> c = running->writer->Next()) {
            if (c->file == file) return sink.write(c->data.data(), c->data.size());
          }
          *running = ExportFiles{};
          sink.done();
          return true;
        });
  }

  void Route() {
    const CoigraphApi::Rpcs& r = api.rpcs();
    AddJsonRpc(r.check_hire);
    AddJsonRpc(r.check_tender);
    AddJsonRpc(r.check_bidder);
    AddJsonRpc(r.check_allocation);
    AddJsonRpc(r.find_paths);
    AddJsonRpc(r.neighborhood);
    AddJsonRpc(r.list_cases);
    AddJsonRpc(r.get_case);
    AddJsonRpc(r.update_case);
    AddJsonRpc(r.load_feeds);
    AddJsonRpc(r.status);
    AddJsonRpc(r.list_audit);

    httplib::Server& s = *server;
    s.set_default_headers(SafetyHeaders());
    s.set_payload_max_length(options.max_body_bytes);
    s.set_read_timeout(10, 0);
    s.set_write_timeout(30, 0);
    s.set_keep_alive_max_count(1000);
    // An answer goes out as headers then body; with Nagle's algorithm the body waits for the
    // client's delayed ACK of the headers (40 ms on Linux), which doubled ListCases' time.
    s.set_tcp_nodelay(true);
    s.Post(R"(/coigraph\.v1\.Coigraph/([A-Za-z]+))",
           [this](const httplib::Request& req, httplib::Response& res) { ServeRpc(req, res); });
    s.Post("/api/session",
           [this](const httplib::Request& req, httplib::Response& res) { SignIn(req, res); });
    s.Get("/api/session",
          [this](const httplib::Request& req, httplib::Response& res) { SessionInfo(req, res); });
    s.Delete("/api/session",
             [this](const httplib::Request& req, httplib::Response& res) { SignOut(req, res); });
    s.Get("/api/export",
          [this](const httplib::Request& req, httplib::Response& res) { Export(req, res); });
    if (!options.console_dir.empty()) {
      s.set_mount_point("/", options.console_dir);
      s.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
      s.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
      s.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
    }
    s.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
          WriteError(absl::InternalError("the server failed on this request"), res);
        });
    s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 404) {
        WriteError(absl::NotFoundError(base::Cat("nothing at ", req.path)), res);
        res.status = 404;
      } else if (res.status == 413) {
        WriteError(absl::ResourceExhaustedError("the request body is too large"), res);
        res.status = 413;
      }
    });
  }
};

absl::Status CheckTlsKeyPair(const std::string& cert_file, const std::string& key_file) {
  // OpenSSL (through httplib) loads both and refuses a key that does not match the certificate.
  httplib::SSLServer probe(cert_file.c_str(), key_file.c_str());
  if (probe.is_valid()) return absl::OkStatus();
  return absl::InvalidArgumentError(base::Cat("the TLS certificate ", cert_file, " and key ",
                                              key_file,
                                              " cannot be used together (unreadable, not PEM, "
                                              "or not a matching pair)"));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(CoigraphApi& api,
                                                              HttpOptions options) {
  auto impl = std::make_unique<Impl>(api, std::move(options));
  const HttpOptions& o = impl->options;
  if (o.tls_cert_file.empty() != o.tls_key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!o.tls_cert_file.empty()) {
    auto tls =
        std::make_unique<httplib::SSLServer>(o.tls_cert_file.c_str(), o.tls_key_file.c_str());
    if (!tls->is_valid()) {
      return absl::InvalidArgumentError(base::Cat("the TLS certificate ", o.tls_cert_file,
                                                  " or key ", o.tls_key_file,
                                                  " cannot be used (unreadable, not PEM, or "
                                                  "not a matching pair)"));
    }
    impl->server = std::move(tls);
    impl->tls = true;
  } else {
    impl->server = std::make_unique<httplib::Server>();
  }
  if (!o.console_dir.empty()) {
    std::ifstream index(o.console_dir + "/index.html");
    if (!index) {
      return absl::NotFoundError(base::Cat("no console at ", o.console_dir,
                                           " (index.html missing: build it with `npm run "
                                           "build` in console/)"));
    }
  }
  impl->Route();
  int port = o.port == 0 ? impl->server->bind_to_any_port(o.host)
                         : (impl->server->bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0) {
    return absl::UnavailableError(base::Cat("cannot listen on ", o.host, ":", o.port));
  }
  std::unique_ptr<HttpServer> server(new HttpServer(std::move(impl)));
  server->port_ = port;
  httplib::Server* raw = server->impl_->server.get();
  server->thread_ = std::thread([raw] { raw->listen_after_bind(); });
  for (int i = 0; i < 5000 && !raw->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return server;
}

std::string HttpServer::url() const {
  const std::string& host = impl_->options.host;
  const bool v6 = host.find(':') != std::string::npos;
  return base::Cat(impl_->tls ? "https://" : "http://", v6 ? "[" : "", host, v6 ? "]" : "", ":",
                   port_, "/");
}

void HttpServer::Stop() {
  if (impl_ == nullptr || impl_->server == nullptr) return;
  impl_->server->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace coigraph::service
