// Every RPC, called once over gRPC and once over HTTP (Connect JSON) with the same request,
// leaves the same audit record: caller, role, RPC, ids, purpose and result. Both transports go
// through RpcRunner, so a difference here is a transport adding or dropping something.
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/audit_log.h"
#include "service/case_store.h"
#include "service/coigraph_service.h"
#include "service/connect_json.h"
#include "service/http_server.h"
#include "service/snapshot_holder.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

namespace v1 = ::coigraph::v1;
using ::testing::ElementsAreArray;
using ::testing::StartsWith;

const std::string kDemo = std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo";
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

// examples/demo: the akim (AKM-01) and his wife's brother, the first deputy (AKM-02).
constexpr char kAkim[] = "700811301846";
constexpr char kDeputy[] = "720518301212";

// One RPC over gRPC: the request as JSON in, the gRPC status out.
using GrpcCall =
    std::function<grpc::Status(v1::Coigraph::Stub&, grpc::ClientContext*, const std::string& json)>;

template <typename Request, typename Response>
GrpcCall Unary(grpc::Status (v1::Coigraph::Stub::*method)(grpc::ClientContext*, const Request&,
                                                          Response*)) {
  return [method](v1::Coigraph::Stub& stub, grpc::ClientContext* ctx, const std::string& json) {
    Request request;
    EXPECT_TRUE(ParseJsonMessage(json, &request).ok()) << json;
    Response response;
    return (stub.*method)(ctx, request, &response);
  };
}

struct RpcCase {
  std::string rpc;
  std::string token;
  std::string json;              // the request, with "CASE" standing for a demo case id
  std::vector<std::string> ids;  // the audit record's ids ("CASE" as above)
  std::string result_prefix;     // of the audit record's result
  GrpcCall grpc;
};

class TransportAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = testing::FreshPath("db");
    cases_ = std::move(SqliteCaseStore::Open(db, KnownCaseVocabulary()).value());
    audit_ = std::move(SqliteAuditLog::Open(db).value());
    ASSERT_TRUE(LoadAndSwap(kDemo, holder_, *cases_, kT0).ok());
    const std::string tokens = "hr_system hr-gw " + base::Sha256Hex("hr") + "\n" +
                               "ethics_commissioner aigerim " + base::Sha256Hex("ethics") + "\n" +
                               "analyst dana " + base::Sha256Hex("analyst") + "\n" +
                               "operator ops " + base::Sha256Hex("ops") + "\n";
    service_ = std::make_unique<CoigraphService>(
        ServiceOptions{.auth = Authenticator::FromText(tokens, "tokens").value(),
                       .cases = cases_.get(),
                       .audit = audit_.get(),
                       .holder = &holder_,
                       .clock = [] { return kT0; },
                       .default_feeds_dir = kDemo,
                       .pseudonym_salt = "test-salt"});
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::Coigraph::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                      grpc::InsecureChannelCredentials()));
    absl::StatusOr<std::unique_ptr<HttpServer>> http =
        HttpServer::Start(service_->api(), {.host = "127.0.0.1", .port = 0});
    ASSERT_TRUE(http.ok()) << http.status();
    http_ = std::move(*http);
    http_client_ = std::make_unique<httplib::Client>("127.0.0.1", http_->port());

    absl::StatusOr<CasePage> page = cases_->List({.page_size = 1});
    ASSERT_TRUE(page.ok() && !page->cases.empty());
    case_id_ = page->cases[0].facts.case_id;
  }

  void TearDown() override {
    if (http_) http_->Stop();
    if (server_) server_->Shutdown();
  }

  std::string WithCase(std::string text) const {
    for (size_t at = text.find("CASE"); at != std::string::npos; at = text.find("CASE", at)) {
      text.replace(at, 4, case_id_);
    }
    return text;
  }

  AuditRecord Newest() {
    absl::StatusOr<AuditPage> page = audit_->Query({.limit = 1});
    EXPECT_TRUE(page.ok() && page->records.size() == 1);
    return page.ok() && !page->records.empty() ? page->records[0] : AuditRecord{};
  }

  AuditRecord CallGrpc(const RpcCase& c) {
    grpc::ClientContext ctx;
    if (!c.token.empty()) ctx.AddMetadata("authorization", "Bearer " + c.token);
    c.grpc(*stub_, &ctx, WithCase(c.json));
    return Newest();
  }

  AuditRecord CallHttp(const RpcCase& c, int* http_status = nullptr) {
    httplib::Headers headers;
    if (!c.token.empty()) headers.emplace("Authorization", "Bearer " + c.token);
    httplib::Result res = http_client_->Post("/coigraph.v1.Coigraph/" + c.rpc, headers,
                                             WithCase(c.json), "application/json");
    EXPECT_TRUE(res) << c.rpc;
    if (res && http_status != nullptr) *http_status = res->status;
    return Newest();
  }

  void ExpectRecord(const AuditRecord& r, const RpcCase& c, const std::string& caller,
                    const std::string& role, const std::string& transport) {
    SCOPED_TRACE(c.rpc + " over " + transport);
    EXPECT_EQ(r.caller, caller);
    EXPECT_EQ(r.role, role);
    EXPECT_EQ(r.rpc, c.rpc);
    // A caller without a valid token is recorded without what it asked about.
    std::vector<std::string> ids;
    if (caller != "anonymous") {
      for (const std::string& id : c.ids) ids.push_back(WithCase(id));
    }
    EXPECT_THAT(r.ids, ElementsAreArray(ids));
    EXPECT_THAT(r.result, StartsWith(c.result_prefix));
  }

  SnapshotHolder holder_;
  std::unique_ptr<SqliteCaseStore> cases_;
  std::unique_ptr<SqliteAuditLog> audit_;
  std::unique_ptr<CoigraphService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<httplib::Client> http_client_;
  std::string case_id_;
};

std::vector<RpcCase> EveryUnaryRpc() {
  using S = v1::Coigraph::Stub;
  return {
      {"CheckHire",
       "ethics",
       R"({"candidateIin":"720518301212","positionId":"AKM-02","date":"2020-01-15",
           "appointedByIin":"700811301846","selectionCommissionId":"HC-AKM",
           "purpose":"hiring order 1/2020"})",
       {kDeputy, "AKM-02", kAkim, "HC-AKM"},
       "OK CONFLICT 2",
       Unary(&S::CheckHire)},
      {"CheckTender",
       "ethics",
       R"({"tenderId":"T-2021-007","purpose":"tender review"})",
       {"T-2021-007"},
       "OK CONFLICT 1",
       Unary(&S::CheckTender)},
      {"CheckBidder",
       "analyst",
       R"({"tenderId":"T-2021-007","supplierBin":"100640118734","purpose":"bidder review"})",
       {"T-2021-007", "100640118734"},
       "OK CONFLICT 1",
       Unary(&S::CheckBidder)},
      {"CheckAllocation",
       "ethics",
       R"({"commissionId":"LC-AKM","recipientIin":"010409601429","date":"2022-03-10",
           "approvedByIin":"720518301212","purpose":"land review"})",
       {"LC-AKM", "010409601429", kDeputy},
       "OK CONFLICT",
       Unary(&S::CheckAllocation)},
      {"FindPaths",
       "analyst",
       R"({"from":"700811301846","to":"720518301212","date":"2021-01-01","k":2,
           "purpose":"paths"})",
       {kAkim, kDeputy},
       "OK 2 paths",
       Unary(&S::FindPaths)},
      {"Neighborhood",
       "analyst",
       R"({"seed":"700811301846","date":"2021-01-01","purpose":"around the akim"})",
       {kAkim},
       "OK ",
       Unary(&S::Neighborhood)},
      {"ListCases",
       "ethics",
       R"({"organizationBin":"990440010213","text":"Ахметов","purpose":"monthly review"})",
       {"990440010213", "Ахметов"},
       "OK ",
       Unary(&S::ListCases)},
      {"GetCase",
       "analyst",
       R"({"caseId":"CASE","purpose":"case review"})",
       {"CASE"},
       "OK CASE_STATUS_",
       Unary(&S::GetCase)},
      {"UpdateCase",
       "ethics",
       R"({"caseId":"CASE","note":"<script>x</script>","purpose":"case review"})",
       {"CASE"},
       "OK CASE_STATUS_",
       Unary(&S::UpdateCase)},
      {"Status", "hr", "{}", {}, "OK version 1", Unary(&S::Status)},
      {"ListAudit",
       "ethics",
       R"({"id":"CASE","purpose":"who looked"})",
       {"CASE"},
       "OK ",
       Unary(&S::ListAudit)},
      {"LoadFeeds",
       "ops",
       R"({"purpose":"nightly reload"})",
       {kDemo},
       "OK version",
       Unary(&S::LoadFeeds)},
  };
}

TEST_F(TransportAuditTest, EveryUnaryRpcIsAuditedAlikeOverGrpcAndHttp) {
  const std::map<std::string, std::pair<std::string, std::string>> who = {
      {"ethics", {"aigerim", "ethics_commissioner"}},
      {"analyst", {"dana", "analyst"}},
      {"hr", {"hr-gw", "hr_system"}},
      {"ops", {"ops", "operator"}}};
  for (const RpcCase& c : EveryUnaryRpc()) {
    const auto& [caller, role] = who.at(c.token);
    const AuditRecord over_grpc = CallGrpc(c);
    ExpectRecord(over_grpc, c, caller, role, "gRPC");
    int status = 0;
    const AuditRecord over_http = CallHttp(c, &status);
    ExpectRecord(over_http, c, caller, role, "HTTP");
    EXPECT_EQ(status, 200) << c.rpc;
    EXPECT_EQ(over_http.purpose, over_grpc.purpose) << c.rpc;
    EXPECT_GT(over_http.seq, over_grpc.seq) << c.rpc;
  }
}

TEST_F(TransportAuditTest, RefusalsNameTheCallerAndRoleOnBothTransports) {
  // An HR system may not list cases; no token at all is anonymous.
  RpcCase denied{"ListCases",
                 "hr",
                 R"({"purpose":"curious"})",
                 {},
                 "PERMISSION_DENIED role",
                 Unary(&v1::Coigraph::Stub::ListCases)};
  ExpectRecord(CallGrpc(denied), denied, "hr-gw", "hr_system", "gRPC");
  int status = 0;
  ExpectRecord(CallHttp(denied, &status), denied, "hr-gw", "hr_system", "HTTP");
  EXPECT_EQ(status, 403);

  RpcCase anonymous{"GetCase",
                    "",
                    R"({"caseId":"CASE","purpose":"x"})",
                    {"CASE"},
                    "UNAUTHENTICATED",
                    Unary(&v1::Coigraph::Stub::GetCase)};
  ExpectRecord(CallGrpc(anonymous), anonymous, "anonymous", "", "gRPC");
  ExpectRecord(CallHttp(anonymous, &status), anonymous, "anonymous", "", "HTTP");
  EXPECT_EQ(status, 401);

  RpcCase no_purpose{"CheckTender",
                     "ethics",
                     R"({"tenderId":"T-2021-007"})",
                     {"T-2021-007"},
                     "INVALID_ARGUMENT purpose",
                     Unary(&v1::Coigraph::Stub::CheckTender)};
  ExpectRecord(CallGrpc(no_purpose), no_purpose, "aigerim", "ethics_commissioner", "gRPC");
  ExpectRecord(CallHttp(no_purpose, &status), no_purpose, "aigerim", "ethics_commissioner", "HTTP");
  EXPECT_EQ(status, 400);
}

TEST_F(TransportAuditTest, AnUnparseableHttpBodyIsInvalidArgumentAndAudited) {
  RpcCase bad{"GetCase", "ethics",           R"({"caseId": 12, "nope": true})",
              {},        "INVALID_ARGUMENT", nullptr};
  int status = 0;
  ExpectRecord(CallHttp(bad, &status), bad, "aigerim", "ethics_commissioner", "HTTP");
  EXPECT_EQ(status, 400);
}

TEST_F(TransportAuditTest, BatchItemsAreAuditedAsTheUnaryCheckHire) {
  RpcCase unary = EveryUnaryRpc()[0];
  const AuditRecord single = CallGrpc(unary);

  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer ethics");
  auto stream = stub_->CheckHireBatch(&ctx);
  v1::CheckHireRequest request;
  ASSERT_TRUE(ParseJsonMessage(unary.json, &request).ok());
  ASSERT_TRUE(stream->Write(request));
  v1::CheckHireResponse response;
  ASSERT_TRUE(stream->Read(&response));
  stream->WritesDone();
  ASSERT_TRUE(stream->Finish().ok());
  const AuditRecord item = Newest();
  EXPECT_EQ(item.rpc, "CheckHireBatch");
  EXPECT_EQ(item.caller, single.caller);
  EXPECT_EQ(item.role, single.role);
  EXPECT_EQ(item.ids, single.ids);
  EXPECT_EQ(item.purpose, single.purpose);
  EXPECT_EQ(item.result, single.result);
  EXPECT_EQ(response.conflicts_size(), 2);
}

TEST_F(TransportAuditTest, ExportIsAuditedAlikeAsAStreamAndAsADownload) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer ethics");
  v1::ExportSubgraphRequest request;
  request.set_case_id(case_id_);
  request.set_format(v1::EXPORT_FORMAT_GRAPHML);
  request.set_radius(1);
  request.set_purpose("export for Gephi");
  auto reader = stub_->ExportSubgraph(&ctx, request);
  std::string streamed;
  v1::ExportChunk chunk;
  while (reader->Read(&chunk)) streamed += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  const AuditRecord over_grpc = Newest();

  httplib::Headers headers = {{"Authorization", "Bearer ethics"}};
  httplib::Result res = http_client_->Get(
      "/api/export?format=graphml&radius=1&purpose=export%20for%20Gephi&case_id=" + case_id_,
      headers);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, streamed);
  EXPECT_THAT(res->get_header_value("Content-Disposition"),
              StartsWith("attachment; filename=\"coigraph-" + case_id_));
  const AuditRecord over_http = Newest();
  for (const AuditRecord* r : {&over_grpc, &over_http}) {
    EXPECT_EQ(r->rpc, "ExportSubgraph");
    EXPECT_EQ(r->caller, "aigerim");
    EXPECT_EQ(r->ids, std::vector<std::string>{case_id_});
    EXPECT_EQ(r->purpose, "export for Gephi");
  }
  EXPECT_EQ(over_http.result, over_grpc.result);
  EXPECT_THAT(over_http.result, StartsWith("OK "));
}

}  // namespace
}  // namespace coigraph::service
