// End to end over HTTP: the real coigraphd with --http on a generated region, called as curl
// or any Connect client would (POST /coigraph.v1.Coigraph/<Method>, JSON bodies, bearer tokens
// or the console's session cookie): every unary RPC, every error code a client can provoke, and
// the answers equal to gRPC's.
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "base/sha256.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e_service/daemon_process.h"
#include "tools/generator/region_generator.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::coigraph::v1;

struct Answer {
  int status = 0;
  std::string body;
  google::protobuf::Struct json;  // the body parsed
};

class HttpApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    region_ = new fs::path(fs::path(::testing::TempDir()) /
                           ("coigraph_http_e2e_region_" + std::to_string(getpid())));
    fs::remove_all(*region_);
    ASSERT_TRUE(
        generator::GenerateRegion({.out_dir = region_->string(), .persons = 10000, .seed = 2})
            .ok());
    planted_ = new std::vector<generator::PlantedFinding>(
        generator::ReadPlantedFindings((*region_ / "expected.jsonl").string()).value());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*region_);
    delete region_;
    delete planted_;
  }

  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    work_ = fs::path(::testing::TempDir()) /
            ("coigraph_http_e2e_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    std::ofstream(work_ / "tokens.txt")
        << "hr_system hr-gateway " << base::Sha256Hex("tok-hr") << "\n"
        << "ethics_commissioner aigerim " << base::Sha256Hex("tok-ethics") << "\n"
        << "analyst daniyar " << base::Sha256Hex("tok-analyst") << "\n"
        << "operator ops " << base::Sha256Hex("tok-ops") << "\n";
  }

  void TearDown() override {
    daemon_.Kill();
    if (!HasFailure()) fs::remove_all(work_);
  }

  void Start(bool with_feeds = true) {
    std::vector<std::string> args = {
        "--db",     (work_ / "e2e.db").string(),     "--listen", "127.0.0.1:0",
        "--tokens", (work_ / "tokens.txt").string(), "--http",   "127.0.0.1:0"};
    if (with_feeds) args.insert(args.end(), {"--feeds", region_->string()});
    ASSERT_TRUE(daemon_.Start(COIGRAPHD_BINARY, args, (work_ / "coigraphd.log").string()).ok());
    absl::StatusOr<std::string> url = daemon_.ReadLineAfter("console on ");
    ASSERT_TRUE(url.ok()) << url.status();
    // "http://127.0.0.1:PORT/"
    const std::string host_port = url->substr(7, url->size() - 8);
    http_ = std::make_unique<httplib::Client>("http://" + host_port);
    http_->set_read_timeout(30, 0);
    stub_ = v1::Coigraph::NewStub(
        grpc::CreateChannel(daemon_.address(), grpc::InsecureChannelCredentials()));
  }

  Answer Post(const std::string& method, const std::string& json, const std::string& token,
              httplib::Headers headers = {}) {
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result res =
        http_->Post("/coigraph.v1.Coigraph/" + method, headers, json, "application/json");
    Answer a;
    if (!res) {
      ADD_FAILURE() << method << ": no answer";
      return a;
    }
    a.status = res->status;
    a.body = res->body;
    if (!res->body.empty()) {
      EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, &a.json).ok()) << a.body;
    }
    return a;
  }

  static std::string Code(const Answer& a) {
    auto it = a.json.fields().find("code");
    return it == a.json.fields().end() ? "" : it->second.string_value();
  }

  static inline fs::path* region_ = nullptr;
  static inline std::vector<generator::PlantedFinding>* planted_ = nullptr;
  fs::path work_;
  DaemonProcess daemon_;
  std::unique_ptr<httplib::Client> http_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
};

TEST_F(HttpApiTest, EveryUnaryRpcAnswersOverHttp) {
  Start();
  const generator::PlantedFinding* hire = nullptr;
  for (const generator::PlantedFinding& f : *planted_) {
    if (f.rule == "HIRE_SUBORDINATION") {
      hire = &f;
      break;
    }
  }
  ASSERT_NE(hire, nullptr);
  const std::string purpose = R"("purpose":"e2e over HTTP")";
  Answer a = Post("Status", "{}", "tok-hr");
  EXPECT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json.fields().at("snapshotVersion").string_value(), "1");

  a = Post("ListCases", "{" + purpose + R"(,"rule":"HIRE_SUBORDINATION","pageSize":500})",
           "tok-ethics");
  ASSERT_EQ(a.status, 200) << a.body;
  const auto& cases = a.json.fields().at("cases").list_value().values();
  ASSERT_FALSE(cases.empty());
  // Counts: by status over every filter but the statuses, by sphere over every filter but the
  // sphere (here the rule keeps them to hiring).
  const auto& by_status = a.json.fields().at("countsByStatus").struct_value().fields();
  EXPECT_EQ(by_status.at("CASE_STATUS_NEW").string_value(),
            a.json.fields().at("totalCount").string_value());
  const auto& by_sphere = a.json.fields().at("countsBySphere").struct_value().fields();
  EXPECT_EQ(by_sphere.at("hiring").string_value(), a.json.fields().at("totalCount").string_value());
  EXPECT_EQ(by_sphere.at("procurement").string_value(), "0");
  const std::string case_id = cases[0].struct_value().fields().at("caseId").string_value();

  for (const auto& [method, token, json] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"CheckHire", "tok-hr",
            R"({"candidateIin":")" + hire->counterparty + R"(","positionId":")" + hire->object_id +
                R"(","date":")" + hire->date + R"(",)" + purpose + "}"},
           {"FindPaths", "tok-analyst",
            R"({"from":")" + hire->official + R"(","to":")" + hire->counterparty + R"(","date":")" +
                hire->date + R"(",)" + purpose + "}"},
           {"Neighborhood", "tok-analyst",
            R"({"seed":")" + hire->official + R"(","date":")" + hire->date + R"(",)" + purpose +
                "}"},
           {"GetCase", "tok-analyst", R"({"caseId":")" + case_id + R"(",)" + purpose + "}"},
           {"UpdateCase", "tok-ethics",
            R"({"caseId":")" + case_id + R"(","status":"CASE_STATUS_CONFIRMED","note":"seen",)" +
                purpose + "}"},
           {"ListAudit", "tok-ethics",
            R"({"id":")" + case_id + R"(","verifyChain":true,)" + purpose + "}"},
       }) {
    a = Post(method, json, token);
    EXPECT_EQ(a.status, 200) << method << ": " << a.body;
  }
  a = Post("CheckHire",
           R"({"candidateIin":")" + hire->counterparty + R"(","positionId":")" + hire->object_id +
               R"(","date":")" + hire->date + R"(",)" + purpose + "}",
           "tok-hr");
  EXPECT_EQ(a.json.fields().at("verdict").string_value(), "VERDICT_CONFLICT");
  a = Post("GetCase", R"({"caseId":")" + case_id + R"(",)" + purpose + "}", "tok-ethics");
  EXPECT_EQ(a.json.fields().at("status").string_value(), "CASE_STATUS_CONFIRMED");
  EXPECT_EQ(a.json.fields().at("note").string_value(), "seen");
  a = Post("ListAudit", R"({"id":")" + case_id + R"(","verifyChain":true,)" + purpose + "}",
           "tok-ethics");
  EXPECT_TRUE(a.json.fields().at("chainOk").bool_value()) << a.body;
  // GetCase twice, UpdateCase, ListAudit: the audit records that name the case.
  EXPECT_EQ(a.json.fields().at("records").list_value().values_size(), 4) << a.body;
  a = Post("LoadFeeds", "{" + purpose + "}", "tok-ops");
  EXPECT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json.fields().at("snapshotVersion").string_value(), "2");
}

TEST_F(HttpApiTest, CheckHireAnswersAsOverGrpc) {
  Start();
  int compared = 0;
  for (const generator::PlantedFinding& f : *planted_) {
    if (f.rule != "HIRE_SUBORDINATION" || compared == 5) continue;
    ++compared;
    v1::CheckHireRequest request;
    request.set_candidate_iin(f.counterparty);
    request.set_position_id(f.object_id);
    request.set_date(f.date);
    request.set_purpose("compare");
    std::string json;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(request, &json).ok());
    Answer a = Post("CheckHire", json, "tok-ethics");
    ASSERT_EQ(a.status, 200);
    v1::CheckHireResponse over_http;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(a.body, &over_http).ok());
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-ethics");
    v1::CheckHireResponse over_grpc;
    ASSERT_TRUE(stub_->CheckHire(&ctx, request, &over_grpc).ok());
    EXPECT_EQ(over_http.SerializeAsString(), over_grpc.SerializeAsString()) << f.object_id;
  }
  EXPECT_EQ(compared, 5);
}

TEST_F(HttpApiTest, EveryErrorCodeAClientCanProvoke) {
  Start();
  struct Case {
    std::string method, token, json;
    int http;
    std::string code;
  };
  for (const Case& c : std::vector<Case>{
           {"CheckHire", "tok-hr", R"({"candidateIin":"12","purpose":"p"})", 400,
            "invalid_argument"},
           {"GetCase", "tok-ethics", R"({"caseId":1,"purpose":"p","what":2})", 400,
            "invalid_argument"},
           {"GetCase", "", R"({"caseId":"C-1","purpose":"p"})", 401, "unauthenticated"},
           {"GetCase", "not-a-token", R"({"caseId":"C-1","purpose":"p"})", 401, "unauthenticated"},
           {"GetCase", "tok-hr", R"({"caseId":"C-1","purpose":"p"})", 403, "permission_denied"},
           {"GetCase", "tok-ethics", R"({"caseId":"C-nope","purpose":"p"})", 404, "not_found"},
           {"FindPaths", "tok-analyst",
            R"({"from":"","to":"","date":"2020-01-01","maxHops":99,"purpose":"p"})", 429,
            "resource_exhausted"},
           {"ListAudit", "tok-ethics", R"({"rpc":"DropTables","purpose":"p"})", 400,
            "invalid_argument"},
           {"ListCases", "tok-ethics", R"({"sphere":"hire","purpose":"p"})", 400,
            "invalid_argument"},
           {"ListCases", "tok-ethics", R"({"rule":"HIRE","purpose":"p"})", 400, "invalid_argument"},
           {"ListCases", "tok-ethics", R"({"firstSeenFrom":"2026-13-01","purpose":"p"})", 400,
            "invalid_argument"},
           {"CheckHireBatch", "tok-hr", "{}", 501, "unimplemented"},
           {"ExportSubgraph", "tok-ethics", "{}", 501, "unimplemented"},
       }) {
    Answer a = Post(c.method, c.json, c.token);
    EXPECT_EQ(a.status, c.http) << c.method << " " << c.json << ": " << a.body;
    EXPECT_EQ(Code(a), c.code) << c.method << " " << c.json << ": " << a.body;
  }

  // A field error carries google.rpc.BadRequest, binary (unpadded base64) and readable.
  Answer a = Post("CheckHire", R"({"candidateIin":"12","purpose":"p"})", "tok-hr");
  const auto& detail = a.json.fields().at("details").list_value().values(0).struct_value();
  EXPECT_EQ(detail.fields().at("type").string_value(), "google.rpc.BadRequest");
  std::string binary;
  ASSERT_TRUE(absl::Base64Unescape(detail.fields().at("value").string_value(), &binary));
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(bad_request.ParseFromString(binary));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "candidate_iin");

  // An unknown filter value names its field.
  a = Post("ListCases", R"({"sphere":"hire","purpose":"p"})", "tok-ethics");
  EXPECT_NE(a.body.find(R"("field":"sphere")"), std::string::npos) << a.body;

  // Not JSON at all, and too large.
  httplib::Result res =
      http_->Post("/coigraph.v1.Coigraph/Status", {{"Authorization", "Bearer tok-hr"}}, "a=1",
                  "application/x-www-form-urlencoded");
  EXPECT_EQ(res->status, 415);
  res = http_->Post("/coigraph.v1.Coigraph/Status", {{"Authorization", "Bearer tok-hr"}},
                    std::string(2 << 20, ' '), "application/json");
  EXPECT_EQ(res->status, 413);
}

TEST_F(HttpApiTest, NothingLoadedIsFailedPrecondition) {
  Start(/*with_feeds=*/false);
  Answer a = Post("CheckTender", R"({"tenderId":"T-1","purpose":"p"})", "tok-ethics");
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(Code(a), "failed_precondition");
}

TEST_F(HttpApiTest, CaseChangesMadeOverHttpSurviveARestart) {
  Start();
  Answer list = Post("ListCases", R"({"purpose":"p","pageSize":1})", "tok-ethics");
  const std::string case_id = list.json.fields()
                                  .at("cases")
                                  .list_value()
                                  .values(0)
                                  .struct_value()
                                  .fields()
                                  .at("caseId")
                                  .string_value();
  Answer a =
      Post("UpdateCase",
           R"({"caseId":")" + case_id +
               R"(","status":"CASE_STATUS_DISMISSED","note":"<script>x</script>","purpose":"p"})",
           "tok-ethics");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(daemon_.Stop(), 0);
  Start();
  a = Post("GetCase", R"({"caseId":")" + case_id + R"(","purpose":"p"})", "tok-ethics");
  EXPECT_EQ(a.json.fields().at("status").string_value(), "CASE_STATUS_DISMISSED");
  EXPECT_EQ(a.json.fields().at("note").string_value(), "<script>x</script>");
  // The history: the case's first sighting, then the two changes, by the commissioner.
  std::set<std::string> changed;
  for (const auto& e : a.json.fields().at("history").list_value().values()) {
    const auto& fields = e.struct_value().fields();
    if (fields.at("actor").string_value() == "aigerim") {
      changed.insert(fields.at("field").string_value());
    }
  }
  EXPECT_EQ(changed, (std::set<std::string>{"status", "note"})) << a.body;
}

TEST(CoigraphdHttpFlagsTest, DemoModeServesHttpOnLoopbackOnly) {
  const fs::path work = fs::path(::testing::TempDir()) / "coigraph_http_flags";
  fs::create_directories(work);
  std::string out;
  const int code = RunCommand(std::string(COIGRAPHD_BINARY) + " --db " + (work / "x.db").string() +
                                  " --listen 127.0.0.1:0 --http 0.0.0.0:0",
                              &out);
  EXPECT_NE(code, 0);
  EXPECT_NE(out.find("only a loopback address"), std::string::npos) << out;
  fs::remove_all(work);
}

}  // namespace
}  // namespace coigraph::e2e
