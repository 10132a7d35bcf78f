// Starts the real service in-process on 127.0.0.1:0 over examples/demo and calls it with a real
// gRPC client.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/synchronization/notification.h"
#include "base/sha256.h"
#include "base/text.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
#include "service/coigraph_service.h"
#include "service/limits.h"
#include "service/snapshot_holder.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

namespace v1 = ::coigraph::v1;

const std::string kDemo = std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo";
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

// examples/demo: the first deputy akim (AKM-02, 720518301212) is the spouse's sibling of the
// akim (AKM-01, 700811301846), to whom the post reports.
//
//   AKM-01 akim 700811301846 ──spouse──▶ X ──sibling──▶ 720518301212 AKM-02 (reports to AKM-01)
constexpr char kAkim[] = "700811301846";
constexpr char kDeputy[] = "720518301212";

// The number of findings examples/demo/expected_findings.tsv lists (its lines minus the header).
int ExpectedDemoFindings() {
  std::ifstream in(kDemo + "/expected_findings.tsv");
  std::string line;
  int n = -1;
  while (std::getline(in, line)) {
    if (!line.empty()) ++n;
  }
  return n;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = testing::FreshPath("db");
    cases_ = std::move(SqliteCaseStore::Open(db, KnownCaseVocabulary()).value());
    audit_ = std::move(SqliteAuditLog::Open(db).value());
    absl::StatusOr<ScanSummary> loaded = LoadAndSwap(kDemo, holder_, *cases_, kT0);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    const std::string tokens = "hr_system hr-gw " + base::Sha256Hex("hr") + "\n" +
                               "ethics_commissioner aigerim " + base::Sha256Hex("ethics") + "\n" +
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
    ASSERT_NE(port, 0);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::Coigraph::NewStub(channel_);
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return ctx;
  }

  static v1::CheckHireRequest DeputyHire() {
    v1::CheckHireRequest r;
    r.set_candidate_iin(kDeputy);
    r.set_position_id("AKM-02");
    r.set_date("2020-01-15");
    r.set_purpose("hiring order 1/2020");
    r.set_request_id("r1");
    return r;
  }

  SnapshotHolder holder_;
  std::unique_ptr<SqliteCaseStore> cases_;
  std::unique_ptr<SqliteAuditLog> audit_;
  std::unique_ptr<CoigraphService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
};

TEST_F(ServerTest, StatusReportsTheLoadedDemo) {
  v1::StatusResponse response;
  grpc::Status s = stub_->Status(As("ops").get(), v1::StatusRequest(), &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.snapshot_version(), 1);
  EXPECT_EQ(response.feeds_dir(), kDemo);
  EXPECT_FALSE(response.demo_mode());
  EXPECT_EQ(response.finding_count(), ExpectedDemoFindings());
  EXPECT_EQ(response.cases_by_status().at(v1::CASE_STATUS_NEW), ExpectedDemoFindings());
  EXPECT_GT(response.person_count(), 0);
}

TEST_F(ServerTest, NoTokenIsUnauthenticatedWrongRoleIsPermissionDenied) {
  v1::StatusResponse status;
  EXPECT_EQ(stub_->Status(As("").get(), v1::StatusRequest(), &status).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->Status(As("nope").get(), v1::StatusRequest(), &status).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::ListCasesRequest list;
  list.set_purpose("curiosity");
  v1::ListCasesResponse cases;
  EXPECT_EQ(stub_->ListCases(As("hr").get(), list, &cases).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CheckHireResponse hire;
  EXPECT_EQ(stub_->CheckHire(As("ops").get(), DeputyHire(), &hire).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ServerTest, CheckHireGivesTheScanFindingToACommissioner) {
  v1::CheckHireResponse response;
  grpc::Status s = stub_->CheckHire(As("ethics").get(), DeputyHire(), &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.verdict(), v1::VERDICT_CONFLICT);
  EXPECT_EQ(response.request_id(), "r1");
  ASSERT_EQ(response.conflicts_size(), 1);
  const v1::HireConflict& c = response.conflicts(0);
  EXPECT_EQ(c.rule(), "HIRE_SUBORDINATION");
  EXPECT_EQ(c.position_id(), "AKM-01");  // the post above, held by the relative
  EXPECT_EQ(c.case_id(), CaseIdOf("HIRE_SUBORDINATION", "AKM-02", kAkim, kDeputy));
  EXPECT_EQ(c.finding().official(), kAkim);
  EXPECT_EQ(c.finding().counterparty(), kDeputy);
  EXPECT_EQ(c.finding().relation(), "spouse.sibling");
  EXPECT_FALSE(c.finding().redacted());
  // Explained in three languages, with the rule's legal basis and each tie's dates.
  EXPECT_NE(c.finding().explanation_kk().find("әйелінің"), std::string::npos)
      << c.finding().explanation_kk();
  EXPECT_NE(c.finding().legal_basis().find("ст. 14"), std::string::npos);
  EXPECT_NE(c.finding().legal_basis_en().find("Art. 14"), std::string::npos);
  EXPECT_NE(c.finding().legal_basis_kk().find("14-бап"), std::string::npos);
  ASSERT_GT(c.finding().path().edges_size(), 0);
  EXPECT_EQ(c.finding().path().edges(0).type(), "spouse");
  EXPECT_FALSE(c.finding().path().edges(0).valid_from().empty());
  // The hypothetical hire is the conflict the scan found: the same case.
  v1::GetCaseRequest get;
  get.set_case_id(c.case_id());
  get.set_purpose("review");
  v1::Case found;
  ASSERT_TRUE(stub_->GetCase(As("ethics").get(), get, &found).ok());
  EXPECT_EQ(found.status(), v1::CASE_STATUS_NEW);
  EXPECT_EQ(found.cure_deadline(), "2020-04-15");
  EXPECT_TRUE(found.active());
}

TEST_F(ServerTest, CheckHireHidesTheRelativeFromHr) {
  v1::CheckHireResponse response;
  grpc::Status s = stub_->CheckHire(As("hr").get(), DeputyHire(), &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(response.verdict(), v1::VERDICT_CONFLICT);
  ASSERT_EQ(response.conflicts_size(), 1);
  const v1::Finding& f = response.conflicts(0).finding();
  EXPECT_TRUE(f.redacted());
  EXPECT_EQ(f.official(), "");
  EXPECT_EQ(f.relation(), "");
  EXPECT_EQ(f.path().vertices_size(), 0);
  EXPECT_EQ(f.explanation_kk(), "");
  EXPECT_FALSE(f.legal_basis().empty());  // the law is not about the person
  EXPECT_EQ(f.rule(), "HIRE_SUBORDINATION");
  EXPECT_EQ(response.conflicts(0).case_id(),
            CaseIdOf("HIRE_SUBORDINATION", "AKM-02", kAkim, kDeputy));
}

TEST_F(ServerTest, BadRequestsNameTheField) {
  v1::CheckHireRequest r = DeputyHire();
  r.set_candidate_iin("720518301213");  // wrong check digit
  v1::CheckHireResponse response;
  grpc::Status s = stub_->CheckHire(As("ethics").get(), r, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad));
  ASSERT_EQ(bad.field_violations_size(), 1);
  EXPECT_EQ(bad.field_violations(0).field(), "candidate_iin");

  r = DeputyHire();
  r.clear_purpose();
  s = stub_->CheckHire(As("ethics").get(), r, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "purpose: required");
  for (const char* empty_words : {" ", "\t \n", "...", " - / - "}) {
    r.set_purpose(empty_words);
    s = stub_->CheckHire(As("ethics").get(), r, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << empty_words;
    EXPECT_EQ(s.error_message(), "purpose: must say what the work is for, in words");
  }
  r.set_purpose("ежемесячная проверка");  // words in any script
  EXPECT_TRUE(stub_->CheckHire(As("ethics").get(), r, &response).ok());

  r = DeputyHire();
  r.set_position_id("NO-SUCH-POST");
  EXPECT_EQ(stub_->CheckHire(As("ethics").get(), r, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// ExportSubgraph: too many seeds is INVALID_ARGUMENT naming `seeds`; an export that has been
// read to its end gives its slot back (more exports in a row than a caller may run at once).
TEST_F(ServerTest, ExportSeedsAreLimitedAndAFinishedExportGivesItsSlotBack) {
  v1::ExportSubgraphRequest r;
  r.set_format(v1::EXPORT_FORMAT_GRAPHML);
  r.set_date("2020-01-15");
  r.set_purpose("export for Gephi");
  for (int i = 0; i <= kMaxExportSeeds; ++i) r.mutable_seeds()->add_ids(kAkim);
  {
    auto ctx = As("ethics");
    auto reader = stub_->ExportSubgraph(ctx.get(), r);
    v1::ExportChunk chunk;
    EXPECT_FALSE(reader->Read(&chunk));
    grpc::Status s = reader->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message(), base::Cat("seeds: ", kMaxExportSeeds + 1,
                                           " ids, more than the limit of ", kMaxExportSeeds));
  }
  r.mutable_seeds()->clear_ids();
  r.mutable_seeds()->add_ids(kAkim);
  r.mutable_seeds()->add_ids(kDeputy);
  for (int i = 0; i < 2 * kMaxConcurrentExportsPerCaller + 1; ++i) {
    auto ctx = As("ethics");
    auto reader = stub_->ExportSubgraph(ctx.get(), r);
    std::string file;
    v1::ExportChunk chunk;
    int last = 0;
    while (reader->Read(&chunk)) {
      file += chunk.data();
      last += chunk.last_of_file() ? 1 : 0;
    }
    ASSERT_TRUE(reader->Finish().ok()) << "export " << i;
    EXPECT_EQ(last, 1);
    EXPECT_NE(file.find(kDeputy), std::string::npos);
    EXPECT_NE(file.find("</graphml>"), std::string::npos);
  }
  absl::StatusOr<std::vector<AuditRecord>> records = audit_->Read(1, 100);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->back().result, "OK 2 vertices EXPORT_FORMAT_GRAPHML");
}

TEST_F(ServerTest, BatchAnswersEachRequestInOrder) {
  auto ctx = As("hr");
  auto stream = stub_->CheckHireBatch(ctx.get());
  v1::CheckHireRequest good = DeputyHire();
  v1::CheckHireRequest bad = DeputyHire();
  bad.set_request_id("r2");
  bad.set_date("2020-02-30");
  ASSERT_TRUE(stream->Write(good));
  ASSERT_TRUE(stream->Write(bad));
  stream->WritesDone();
  v1::CheckHireResponse a, b;
  ASSERT_TRUE(stream->Read(&a));
  ASSERT_TRUE(stream->Read(&b));
  EXPECT_EQ(a.request_id(), "r1");
  EXPECT_EQ(a.verdict(), v1::VERDICT_CONFLICT);
  EXPECT_EQ(b.request_id(), "r2");
  EXPECT_EQ(b.error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(b.error().field(), "date");
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(ServerTest, UpdateCaseKeepsHistoryAndEveryCallIsAudited) {
  const std::string id = CaseIdOf("HIRE_SUBORDINATION", "AKM-02", kAkim, kDeputy);
  v1::UpdateCaseRequest update;
  update.set_case_id(id);
  update.set_status(v1::CASE_STATUS_IN_REVIEW);
  update.set_assignee("aigerim");
  update.set_purpose("case review");
  v1::Case c;
  grpc::Status s = stub_->UpdateCase(As("ethics").get(), update, &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(c.status(), v1::CASE_STATUS_IN_REVIEW);
  ASSERT_EQ(c.history_size(), 3);
  EXPECT_EQ(c.history(1).field(), "status");
  EXPECT_EQ(c.history(1).actor(), "aigerim");

  // A reload finds the same conflict again: same case, status kept.
  v1::LoadFeedsRequest load;
  load.set_purpose("nightly reload");
  v1::LoadFeedsResponse loaded;
  s = stub_->LoadFeeds(As("ops").get(), load, &loaded);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(loaded.snapshot_version(), 2);
  EXPECT_EQ(loaded.cases_created(), 0);
  EXPECT_EQ(loaded.cases_seen_again(), ExpectedDemoFindings());
  v1::GetCaseRequest get;
  get.set_case_id(id);
  get.set_purpose("check");
  ASSERT_TRUE(stub_->GetCase(As("ethics").get(), get, &c).ok());
  EXPECT_EQ(c.status(), v1::CASE_STATUS_IN_REVIEW);

  absl::StatusOr<std::vector<AuditRecord>> records = audit_->Read(1, 100);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].rpc, "UpdateCase");
  EXPECT_EQ((*records)[0].caller, "aigerim");
  EXPECT_EQ((*records)[0].purpose, "case review");
  EXPECT_EQ((*records)[0].ids, std::vector<std::string>{id});
  EXPECT_EQ((*records)[1].rpc, "LoadFeeds");
  EXPECT_EQ((*records)[2].rpc, "GetCase");
  EXPECT_EQ(*audit_->VerifyChain(), 3);
}

// A reload from a feed that lost most of its rows (here: every file but persons.csv and
// organizations.csv) would make every case inactive: refused, nothing changed, and the message
// says how many cases and which files shrank. With `force` it loads.
TEST_F(ServerTest, ReloadThatWouldEmptyTheQueueIsRefusedUnlessForced) {
  const std::string thin = testing::FreshPath("thin");
  std::filesystem::create_directories(thin);
  for (const char* file : {"persons.csv", "organizations.csv"}) {
    std::filesystem::copy_file(kDemo + "/" + file, thin + "/" + file);
  }
  v1::LoadFeedsRequest load;
  load.set_dir(thin);
  load.set_purpose("nightly reload");
  v1::LoadFeedsResponse loaded;
  grpc::Status s = stub_->LoadFeeds(As("ops").get(), load, &loaded);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  const int n = ExpectedDemoFindings();
  EXPECT_NE(s.error_message().find(base::Cat("would make ", n, " of ", n, " active cases")),
            std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("employment.csv absent"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("force"), std::string::npos) << s.error_message();

  v1::StatusResponse status;
  ASSERT_TRUE(stub_->Status(As("ops").get(), v1::StatusRequest(), &status).ok());
  EXPECT_EQ(status.snapshot_version(), 1);
  EXPECT_EQ(status.cases_by_status().at(static_cast<int32_t>(CaseStatus::kNew)), n);

  load.set_force(true);
  s = stub_->LoadFeeds(As("ops").get(), load, &loaded);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(loaded.snapshot_version(), 2);
  EXPECT_EQ(loaded.cases_disappeared(), n);
}

TEST_F(ServerTest, RefusalsAreAuditedToo) {
  v1::StatusResponse status;
  ASSERT_FALSE(stub_->Status(As("").get(), v1::StatusRequest(), &status).ok());
  absl::StatusOr<std::vector<AuditRecord>> records = audit_->Read(1, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].caller, "anonymous");
  EXPECT_TRUE((*records)[0].result.starts_with("UNAUTHENTICATED")) << (*records)[0].result;
}

// The audit log is append-only: a record must not grow with what a caller sends.
TEST_F(ServerTest, AuditRecordsAreBoundedWhateverTheRequest) {
  v1::CheckHireRequest r = DeputyHire();
  r.set_purpose(std::string(kMaxPurposeBytes, 'p'));
  v1::CheckHireResponse response;
  EXPECT_TRUE(stub_->CheckHire(As("ethics").get(), r, &response).ok());

  r.set_purpose(std::string(kMaxPurposeBytes + 1, 'p'));
  grpc::Status s = stub_->CheckHire(As("ethics").get(), r, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(s.error_message().starts_with("purpose: longer than")) << s.error_message();

  r.set_purpose(std::string(1 << 20, 'p'));  // 1 MiB
  r.set_candidate_iin(std::string(100000, '7'));
  EXPECT_EQ(stub_->CheckHire(As("ethics").get(), r, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  absl::StatusOr<std::vector<AuditRecord>> records = audit_->Read(1, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].purpose.size(),
            kMaxPurposeBytes > kMaxAuditValueBytes ? kMaxAuditValueBytes : kMaxPurposeBytes);
  for (const AuditRecord& record : *records) {
    EXPECT_LE(record.purpose.size(), kMaxAuditValueBytes);
    EXPECT_LE(record.result.size(), kMaxAuditValueBytes);
    for (const std::string& id : record.ids) EXPECT_LE(id.size(), kMaxAuditValueBytes);
  }
  const AuditRecord& big = (*records)[2];
  EXPECT_EQ(big.caller, "aigerim");
  EXPECT_TRUE(big.purpose.starts_with("ppp"));
  EXPECT_NE(big.purpose.find("[cut: 1048576 bytes, sha256 "), std::string::npos) << big.purpose;
  EXPECT_NE(big.ids[0].find("[cut: 100000 bytes, sha256 "), std::string::npos) << big.ids[0];
  EXPECT_EQ(*audit_->VerifyChain(), 3);
}

TEST_F(ServerTest, CallersWithoutATokenAreAuditedCompactlyAndRateLimited) {
  v1::CheckHireRequest r = DeputyHire();
  r.set_purpose(std::string(1 << 20, 'p'));
  v1::CheckHireResponse response;
  for (int i = 0; i < kAnonymousBurst; ++i) {
    EXPECT_EQ(stub_->CheckHire(As("nope").get(), r, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  // The test's clock stands still, so the bucket never refills: every later call is refused,
  // the first of them with a record, the others (within the report interval) without.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(stub_->CheckHire(As("").get(), r, &response).error_code(),
              grpc::StatusCode::RESOURCE_EXHAUSTED);
  }
  absl::StatusOr<std::vector<AuditRecord>> records = audit_->Read(1, 100);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), static_cast<size_t>(kAnonymousBurst) + 1);
  for (const AuditRecord& record : *records) {
    EXPECT_EQ(record.caller, "anonymous");
    EXPECT_TRUE(record.ids.empty());
    EXPECT_EQ(record.purpose, "");
    EXPECT_NE(record.result.find("(from 127.0.0.1)"), std::string::npos) << record.result;
  }
  EXPECT_TRUE(records->front().result.starts_with("UNAUTHENTICATED unknown token"));
  EXPECT_TRUE(records->back().result.starts_with("RESOURCE_EXHAUSTED")) << records->back().result;
  // A valid token is not held back by its address's anonymous calls.
  EXPECT_TRUE(stub_->CheckHire(As("ethics").get(), DeputyHire(), &response).ok());
}

// gRPC's own parsing would answer UNIMPLEMENTED with no message and no record.
TEST_F(ServerTest, ARequestThatDoesNotParseIsInvalidArgumentAndAudited) {
  grpc::GenericStub generic(channel_);
  const std::string garbage = "\xff\xff\xff\xff";
  grpc::Slice slice(garbage);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  auto ctx = As("ethics");
  absl::Notification done;
  grpc::Status s;
  generic.UnaryCall(ctx.get(), "/coigraph.v1.Coigraph/CheckHire", grpc::StubOptions(), &request,
                    &response, [&](grpc::Status status) {
                      s = std::move(status);
                      done.Notify();
                    });
  done.WaitForNotification();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "the request is not a coigraph.v1.CheckHireRequest message");
  absl::StatusOr<std::vector<AuditRecord>> records = audit_->Read(1, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].caller, "aigerim");
  EXPECT_EQ((*records)[0].rpc, "CheckHire");
  EXPECT_TRUE((*records)[0].result.starts_with("INVALID_ARGUMENT the request is not"));
}

}  // namespace
}  // namespace coigraph::service
