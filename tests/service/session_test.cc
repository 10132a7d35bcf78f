// The console's sign-in over HTTP: cookies, CSRF, roles, sign-out, expiry, safety headers and
// the static files, against the real HttpServer on 127.0.0.1:0.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "base/sha256.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"
#include "service/audit_log.h"
#include "service/case_store.h"
#include "service/coigraph_api.h"
#include "service/connect_json.h"
#include "service/console_sessions.h"
#include "service/http_server.h"
#include "service/rpc_runner.h"
#include "service/snapshot_holder.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kDemo = std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo";
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

TEST(ConsoleSessionsTest, SessionsExpireAndCanBeClosed) {
  ConsoleSessions sessions(absl::Hours(8));
  const ConsoleSession s = sessions.Open({"aigerim", Role::kEthicsCommissioner}, kT0);
  EXPECT_EQ(s.id.size(), 64u);
  EXPECT_EQ(s.csrf_token.size(), 64u);
  EXPECT_NE(s.id, s.csrf_token);
  ASSERT_TRUE(sessions.Find(s.id, kT0 + absl::Hours(7)).has_value());
  EXPECT_EQ(sessions.Find(s.id, kT0 + absl::Hours(7))->principal.name, "aigerim");
  EXPECT_FALSE(sessions.Find(s.id, kT0 + absl::Hours(8)).has_value());
  EXPECT_FALSE(sessions.Find(s.id, kT0).has_value()) << "an expired session is dropped";

  const ConsoleSession t = sessions.Open({"dana", Role::kAnalyst}, kT0);
  sessions.Close(t.id);
  EXPECT_FALSE(sessions.Find(t.id, kT0).has_value());
  EXPECT_FALSE(sessions.Find("", kT0).has_value());
  EXPECT_FALSE(sessions.Find(std::string(64, '0'), kT0).has_value());
}

// The real audit log, or, once `refuse` is set, one whose every append fails (a full disk).
class SwitchableAuditLog final : public AuditLog {
 public:
  explicit SwitchableAuditLog(AuditLog* real) : real_(real) {}
  absl::StatusOr<AuditRecord> Append(const AuditEntry& entry) override {
    if (refuse) return absl::UnavailableError("the disk is full");
    return real_->Append(entry);
  }
  absl::StatusOr<std::vector<AuditRecord>> Read(int64_t from_seq, int limit) override {
    return real_->Read(from_seq, limit);
  }
  absl::StatusOr<AuditPage> Query(const AuditQuery& query) override { return real_->Query(query); }
  absl::StatusOr<int64_t> VerifyChain() override { return real_->VerifyChain(); }

  std::atomic<bool> refuse = false;

 private:
  AuditLog* real_;
};

class SessionTest : public ::testing::Test {
 protected:
  // The callers: a token per role (DemoSessionTest: demo mode).
  virtual Authenticator Auth() {
    const std::string tokens = "hr_system hr-gw " + base::Sha256Hex("hr") + "\n" +
                               "ethics_commissioner aigerim " + base::Sha256Hex("ethics") + "\n" +
                               "analyst dana " + base::Sha256Hex("analyst") + "\n";
    return Authenticator::FromText(tokens, "tokens").value();
  }

  void SetUp() override {
    const std::string db = testing::FreshPath("db");
    cases_ = std::move(SqliteCaseStore::Open(db, KnownCaseVocabulary()).value());
    audit_ = std::move(SqliteAuditLog::Open(db).value());
    switchable_audit_ = std::make_unique<SwitchableAuditLog>(audit_.get());
    ASSERT_TRUE(LoadAndSwap(kDemo, holder_, *cases_, kT0).ok());
    api_ = std::make_unique<CoigraphApi>(ServiceOptions{.auth = Auth(),
                                                        .cases = cases_.get(),
                                                        .audit = switchable_audit_.get(),
                                                        .holder = &holder_});
    const std::string site = testing::FreshPath("site");
    console_dir_ = site + "/console";
    std::filesystem::create_directories(console_dir_);
    std::ofstream(console_dir_ + "/index.html") << "<!doctype html><title>coigraph</title>";
    std::ofstream(console_dir_ + "/app.js") << "console.log(1);";
    std::ofstream(site + "/secret.txt") << "not to be served";
    absl::StatusOr<std::unique_ptr<HttpServer>> http =
        HttpServer::Start(*api_, {.host = "127.0.0.1", .port = 0, .console_dir = console_dir_});
    ASSERT_TRUE(http.ok()) << http.status();
    http_ = std::move(*http);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", http_->port());
  }

  void TearDown() override {
    if (http_) http_->Stop();
  }

  // Signs in with `token`; returns the cookie's value and the CSRF token ("" when refused).
  std::pair<std::string, std::string> SignIn(const std::string& token, int* status = nullptr) {
    httplib::Result res =
        client_->Post("/api/session", "{\"token\":\"" + token + "\"}", "application/json");
    EXPECT_TRUE(res);
    if (status != nullptr) *status = res->status;
    if (res->status != 200) return {"", ""};
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
    EXPECT_THAT(set_cookie, HasSubstr("SameSite=Strict"));
    EXPECT_THAT(set_cookie, HasSubstr("Path=/"));
    EXPECT_THAT(set_cookie, Not(HasSubstr("Secure"))) << "plain HTTP";
    const std::string value = set_cookie.substr(set_cookie.find('=') + 1,
                                                set_cookie.find(';') - set_cookie.find('=') - 1);
    google::protobuf::Struct body;
    EXPECT_TRUE(ParseJsonMessage(res->body, &body).ok()) << res->body;
    return {value, body.fields().at("csrfToken").string_value()};
  }

  httplib::Result Rpc(const std::string& method, const std::string& json, const std::string& cookie,
                      const std::string& csrf) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", "other=1; coigraph_session=" + cookie);
    if (!csrf.empty()) headers.emplace("X-CSRF-Token", csrf);
    return client_->Post("/coigraph.v1.Coigraph/" + method, headers, json, "application/json");
  }

  // DELETE /api/session with the cookie (when not empty) and the CSRF header (when not empty).
  httplib::Result SignOut(const std::string& cookie, const std::string& csrf) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", "coigraph_session=" + cookie);
    if (!csrf.empty()) headers.emplace("X-CSRF-Token", csrf);
    return client_->Delete("/api/session", headers);
  }

  // The audit records named `rpc`, oldest first.
  std::vector<AuditRecord> Records(const std::string& rpc) {
    absl::StatusOr<AuditPage> page = audit_->Query({.rpc = rpc, .limit = 100});
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return {};
    std::reverse(page->records.begin(), page->records.end());
    return page->records;
  }

  SnapshotHolder holder_;
  std::unique_ptr<SqliteCaseStore> cases_;
  std::unique_ptr<SqliteAuditLog> audit_;
  std::unique_ptr<SwitchableAuditLog> switchable_audit_;
  std::unique_ptr<CoigraphApi> api_;
  std::string console_dir_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(SessionTest, SignInGivesTheRoleItsRpcsAndACookieSession) {
  httplib::Result res = client_->Post("/api/session", R"({"token":"ethics"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  google::protobuf::Struct body;
  ASSERT_TRUE(ParseJsonMessage(res->body, &body).ok());
  EXPECT_EQ(body.fields().at("name").string_value(), "aigerim");
  EXPECT_EQ(body.fields().at("role").string_value(), "ethics_commissioner");
  std::vector<std::string> rpcs;
  for (const auto& v : body.fields().at("rpcs").list_value().values()) {
    rpcs.push_back(v.string_value());
  }
  EXPECT_THAT(rpcs, ::testing::Contains("UpdateCase"));
  EXPECT_THAT(rpcs, ::testing::Contains("ListAudit"));
  EXPECT_THAT(rpcs, Not(::testing::Contains("LoadFeeds")));

  auto [cookie, csrf] = SignIn("analyst");
  httplib::Result who = client_->Get("/api/session", {{"Cookie", "coigraph_session=" + cookie}});
  ASSERT_TRUE(who);
  EXPECT_EQ(who->status, 200);
  EXPECT_THAT(who->body, HasSubstr("\"role\":\"analyst\""));
  EXPECT_THAT(who->body, Not(HasSubstr("UpdateCase")));
}

TEST_F(SessionTest, UnknownAndHrSystemTokensCannotSignIn) {
  int status = 0;
  SignIn("wrong", &status);
  EXPECT_EQ(status, 401);
  SignIn("hr", &status);
  EXPECT_EQ(status, 403);
  SignIn("", &status);
  EXPECT_EQ(status, 401);
}

TEST_F(SessionTest, CookieCallsNeedTheSessionsCsrfToken) {
  auto [cookie, csrf] = SignIn("ethics");
  const std::string list = R"({"purpose":"monthly review"})";
  httplib::Result res = Rpc("ListCases", list, cookie, "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("X-CSRF-Token"));
  res = Rpc("ListCases", list, cookie, std::string(64, 'a'));
  EXPECT_EQ(res->status, 403);
  res = Rpc("ListCases", list, cookie, csrf);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr("\"totalCount\":\"35\""));

  // Another session's CSRF token is no good either.
  auto [other_cookie, other_csrf] = SignIn("ethics");
  EXPECT_EQ(Rpc("ListCases", list, cookie, other_csrf)->status, 403);

  // The refusals are audited (anonymous: the CSRF check comes before the caller is trusted).
  absl::StatusOr<AuditPage> page = audit_->Query({.rpc = "ListCases", .limit = 10});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->records.size(), 4u);
  EXPECT_EQ(page->records[0].result.substr(0, 17), "PERMISSION_DENIED");
  EXPECT_EQ(page->records[0].caller, "anonymous");
  EXPECT_EQ(page->records[1].caller, "aigerim");
}

TEST_F(SessionTest, TheRoleStillDecidesWithACookie) {
  auto [cookie, csrf] = SignIn("analyst");
  httplib::Result res =
      Rpc("UpdateCase", R"({"caseId":"C-1","note":"x","purpose":"p"})", cookie, csrf);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("permission_denied"));
  EXPECT_THAT(res->body, HasSubstr("analyst may not call UpdateCase"));
}

TEST_F(SessionTest, SignOutEndsTheSession) {
  auto [cookie, csrf] = SignIn("ethics");
  httplib::Headers headers = {{"Cookie", "coigraph_session=" + cookie}};
  httplib::Result res = client_->Delete("/api/session", headers);
  EXPECT_EQ(res->status, 403) << "signing out needs the CSRF token too";
  headers.emplace("X-CSRF-Token", csrf);
  res = client_->Delete("/api/session", headers);
  ASSERT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  res = Rpc("Status", "{}", cookie, csrf);
  EXPECT_EQ(res->status, 401);
  EXPECT_THAT(res->body, HasSubstr("sign in again"));
  EXPECT_EQ(client_->Get("/api/session", {{"Cookie", "coigraph_session=" + cookie}})->status, 401);
}

TEST_F(SessionTest, EveryAnswerCarriesTheSafetyHeaders) {
  for (const char* path : {"/", "/app.js", "/api/session", "/nothing-here"}) {
    httplib::Result res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_THAT(res->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"))
        << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
  httplib::Result index = client_->Get("/");
  EXPECT_EQ(index->status, 200);
  EXPECT_THAT(index->body, HasSubstr("<title>coigraph</title>"));
  EXPECT_THAT(index->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(client_->Get("/app.js")->get_header_value("Content-Type"),
              HasSubstr("text/javascript"));
}

TEST_F(SessionTest, FilesOutsideTheConsoleAreNotServed) {
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"}) {
    httplib::Result res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_NE(res->status, 200) << path;
    EXPECT_THAT(res->body, Not(HasSubstr("not to be served"))) << path;
  }
}

TEST_F(SessionTest, StreamsAndUnknownMethodsAreUnimplemented) {
  httplib::Headers bearer = {{"Authorization", "Bearer ethics"}};
  httplib::Result res =
      client_->Post("/coigraph.v1.Coigraph/CheckHireBatch", bearer, "{}", "application/json");
  EXPECT_EQ(res->status, 501);
  EXPECT_THAT(res->body, HasSubstr("gRPC"));
  res = client_->Post("/coigraph.v1.Coigraph/DropTables", bearer, "{}", "application/json");
  EXPECT_EQ(res->status, 501);
  res = client_->Post("/coigraph.v1.Coigraph/Status", bearer, "x=1",
                      "application/x-www-form-urlencoded");
  EXPECT_EQ(res->status, 415) << "a form post (what a cross-site page can send) is refused";
}

// Every sign-in is audited, granted or refused, under the token's caller and role when the token
// is known and as anonymous otherwise; the token itself is never written.
TEST_F(SessionTest, SignInsAreAuditedGrantedOrRefused) {
  int status = 0;
  SignIn("ethics", &status);
  EXPECT_EQ(status, 200);
  SignIn("not-a-token-0451", &status);
  EXPECT_EQ(status, 401);
  SignIn("hr", &status);
  EXPECT_EQ(status, 403);
  SignIn("", &status);
  EXPECT_EQ(status, 401);
  httplib::Result bad =
      client_->Post("/api/session", R"({"token":"half-typed-0451)", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);

  const std::vector<AuditRecord> records = Records(std::string(kSignInRecord));
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].caller, "aigerim");
  EXPECT_EQ(records[0].role, "ethics_commissioner");
  EXPECT_EQ(records[0].result, "OK");
  EXPECT_EQ(records[1].caller, "anonymous");
  EXPECT_EQ(records[1].role, "");
  EXPECT_EQ(records[1].result, "UNAUTHENTICATED unknown token (from 127.0.0.1)");
  EXPECT_EQ(records[2].caller, "hr-gw");
  EXPECT_EQ(records[2].role, "hr_system");
  EXPECT_THAT(records[2].result, ::testing::StartsWith("PERMISSION_DENIED "));
  EXPECT_EQ(records[3].caller, "anonymous");
  EXPECT_EQ(records[3].result, "UNAUTHENTICATED unknown token (from 127.0.0.1)");
  EXPECT_EQ(records[4].caller, "anonymous");
  EXPECT_THAT(records[4].result, ::testing::StartsWith("INVALID_ARGUMENT "));
  for (const AuditRecord& r : records) {
    EXPECT_EQ(r.rpc, "SignIn");
    EXPECT_TRUE(r.ids.empty()) << r.result;
    EXPECT_EQ(r.purpose, "") << r.result;
    for (const std::string& field : {r.caller, r.role, r.purpose, r.result}) {
      EXPECT_THAT(field, Not(HasSubstr("0451"))) << "a record holds the token";
    }
  }
  EXPECT_TRUE(audit_->VerifyChain().ok());
}

TEST_F(SessionTest, SignOutsAreAudited) {
  auto [cookie, csrf] = SignIn("analyst");
  EXPECT_EQ(SignOut(cookie, "")->status, 403);
  EXPECT_EQ(SignOut(cookie, csrf)->status, 200);
  EXPECT_EQ(SignOut(cookie, csrf)->status, 200) << "signing out again is no error";

  const std::vector<AuditRecord> records = Records(std::string(kSignOutRecord));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].caller, "anonymous") << "no CSRF token: the caller is not trusted";
  EXPECT_THAT(records[0].result, ::testing::StartsWith("PERMISSION_DENIED "));
  EXPECT_EQ(records[1].caller, "dana");
  EXPECT_EQ(records[1].role, "analyst");
  EXPECT_EQ(records[1].result, "OK");
  EXPECT_EQ(records[2].caller, "anonymous");
  EXPECT_EQ(records[2].result, "OK no session (from 127.0.0.1)");
  for (const AuditRecord& r : records) {
    EXPECT_EQ(r.rpc, "SignOut");
    EXPECT_TRUE(r.ids.empty());
    EXPECT_EQ(r.purpose, "");
  }
}

TEST_F(SessionTest, ListAuditFindsTheSignIns) {
  SignIn("analyst");
  httplib::Result res =
      client_->Post("/coigraph.v1.Coigraph/ListAudit", {{"Authorization", "Bearer ethics"}},
                    R"({"rpc":"SignIn","purpose":"who signed in"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr(R"("caller":"dana")"));
  EXPECT_THAT(res->body, HasSubstr(R"("rpc":"SignIn")"));
}

TEST_F(SessionTest, NoSessionWithoutItsAuditRecord) {
  switchable_audit_->refuse = true;
  httplib::Result res = client_->Post("/api/session", R"({"token":"ethics"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503) << res->body;
  EXPECT_EQ(res->get_header_value("Set-Cookie"), "") << "no session was opened";
  EXPECT_THAT(res->body, Not(HasSubstr("csrfToken")));
  switchable_audit_->refuse = false;

  auto [cookie, csrf] = SignIn("ethics");
  switchable_audit_->refuse = true;
  EXPECT_EQ(SignOut(cookie, csrf)->status, 503);
  switchable_audit_->refuse = false;
  httplib::Result who = client_->Get("/api/session", {{"Cookie", "coigraph_session=" + cookie}});
  EXPECT_EQ(who->status, 200) << "the session goes on until its sign-out is audited";
}

class DemoSessionTest : public SessionTest {
 protected:
  Authenticator Auth() override { return Authenticator::Demo(); }
};

TEST_F(DemoSessionTest, DemoSignInsAndSignOutsAreAuditedAsDemo) {
  auto [cookie, csrf] = SignIn("anything");
  ASSERT_FALSE(cookie.empty());
  EXPECT_EQ(SignOut(cookie, csrf)->status, 200);
  const std::vector<AuditRecord> in = Records(std::string(kSignInRecord));
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].caller, "demo");
  EXPECT_EQ(in[0].role, "demo");
  EXPECT_EQ(in[0].result, "OK");
  const std::vector<AuditRecord> out = Records(std::string(kSignOutRecord));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].caller, "demo");
  EXPECT_EQ(out[0].result, "OK");
}

}  // namespace
}  // namespace coigraph::service
