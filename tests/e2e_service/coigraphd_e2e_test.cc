// End to end: the real coigraphd binary, started on 127.0.0.1:0 over a generated region with a
// tokens file, called over loopback with a real gRPC client.
//
//   GenerateRegion(seed 1, 10^4 persons) --> feeds/ + expected.jsonl
//   coigraphd --feeds feeds/ --db e2e.db --listen 127.0.0.1:0 --tokens tokens.txt
//        ^                                        |
//        +---- gRPC (Bearer tokens, one per role) +--> audit_log in e2e.db --> coigraph-audit
//
// Every test runs its own daemon and database (ctest runs each test in its own process).
#include <grpcpp/grpcpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "base/sha256.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "graph/date.h"
#include "graph/identity_number.h"
#include "graph/paths.h"
#include "graph/snapshot.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "service/audit_log.h"
#include "service/case_store.h"
#include "tests/e2e_service/daemon_process.h"
#include "tools/generator/region_generator.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::coigraph::v1;
using Key = std::tuple<std::string, std::string, std::string, std::string>;

constexpr char kPurpose[] = "e2e test";
// The date of the big export of the export limits test.
constexpr char kExportDate[] = "2020-01-01";

// The region every test runs on: generated once per process (0.1 s), with its own snapshot
// loaded in-process to look up the objects behind the planted findings.
struct Region {
  fs::path dir;
  std::vector<generator::PlantedFinding> expected;
  std::shared_ptr<const graph::Snapshot> snapshot;
};

const Region& TheRegion() {
  static const Region* region = [] {
    auto* r = new Region;
    r->dir = fs::path(::testing::TempDir()) /
             ("coigraph_e2e_service_region_" + std::to_string(getpid()));
    fs::remove_all(r->dir);
    absl::StatusOr<generator::RegionSummary> s =
        generator::GenerateRegion({.out_dir = r->dir.string(), .persons = 10000, .seed = 1});
    if (!s.ok()) return r;
    r->expected = generator::ReadPlantedFindings((r->dir / "expected.jsonl").string()).value();
    absl::StatusOr<loaders::LoadedFeed> feed = loaders::LoadSnapshot(r->dir.string());
    if (feed.ok()) r->snapshot = feed->snapshot;
    return r;
  }();
  return *region;
}

std::string Iin(const graph::Snapshot& s, graph::PersonIndex p) {
  return graph::FormatIdentityNumber(s.data().persons[p].iin);
}

// The ids of a finding, as a key.
Key KeyOf(const v1::Finding& f) {
  return {f.rule(), f.object_id(), f.official(), f.counterparty()};
}
Key KeyOf(const generator::PlantedFinding& f) {
  return {f.rule, f.object_id, f.official, f.counterparty};
}
std::string Describe(const Key& k) {
  return std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<2>(k) + " -> " + std::get<3>(k);
}

class CoigraphdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Region& region = TheRegion();
    ASSERT_NE(region.snapshot, nullptr) << "the generated region did not load";
    ASSERT_FALSE(region.expected.empty());
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    work_ = fs::path(::testing::TempDir()) /
            ("coigraph_e2e_service_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    db_ = (work_ / "e2e.db").string();
    tokens_ = (work_ / "tokens.txt").string();
    std::ofstream t(tokens_);
    t << "# role name sha256(token)\n"
      << "hr_system hr-gateway " << base::Sha256Hex("tok-hr") << "\n"
      << "ethics_commissioner aigerim " << base::Sha256Hex("tok-ethics") << "\n"
      << "analyst daniyar " << base::Sha256Hex("tok-analyst") << "\n"
      << "operator ops " << base::Sha256Hex("tok-ops") << "\n"
      << "researcher ruslan " << base::Sha256Hex("tok-researcher") << "\n";
  }

  void TearDown() override {
    daemon_.Kill();
    stub_.reset();
    if (!HasFailure()) fs::remove_all(work_);
  }

  // Starts coigraphd on the region (or on nothing when `with_feeds` is false), with `extra`
  // flags.
  void StartDaemon(bool with_feeds = true, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--db", db_, "--listen", "127.0.0.1:0", "--tokens", tokens_};
    args.insert(args.end(), extra.begin(), extra.end());
    if (with_feeds) {
      args.insert(args.begin(), TheRegion().dir.string());
      args.insert(args.begin(), "--feeds");
    }
    absl::Status s = daemon_.Start(COIGRAPHD_BINARY, args, (work_ / "coigraphd.log").string());
    ASSERT_TRUE(s.ok()) << s << "; log: " << (work_ / "coigraphd.log");
    channel_ = grpc::CreateChannel(daemon_.address(), grpc::InsecureChannelCredentials());
    stub_ = v1::Coigraph::NewStub(channel_);
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }

  fs::path work_;
  std::string db_;
  std::string tokens_;
  DaemonProcess daemon_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
};

// The fields a BadRequest names.
std::vector<std::string> ViolatedFields(const grpc::Status& s) {
  std::vector<std::string> fields;
  google::rpc::Status details;
  if (!details.ParseFromString(s.error_details())) return fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Checks give the scan's conflicts

TEST_F(CoigraphdTest, CheckHireGivesThePlantedHiringConflicts) {
  StartDaemon();
  const graph::Snapshot& s = *TheRegion().snapshot;
  int checked = 0;
  for (const generator::PlantedFinding& e : TheRegion().expected) {
    if (!e.rule.starts_with("HIRE_")) continue;
    v1::CheckHireRequest r;
    r.set_candidate_iin(e.counterparty);
    r.set_position_id(e.object_id);
    r.set_date(e.date);
    r.set_purpose(kPurpose);
    if (e.rule == "HIRE_APPOINTER" || e.rule == "HIRE_COMMISSION") {
      // The appointment as the feeds record it: its appointer and selection commission.
      const std::optional<graph::PositionIndex> pos = s.FindPosition(e.object_id);
      ASSERT_TRUE(pos.has_value()) << e.object_id;
      bool found = false;
      for (const graph::Employment& emp : s.data().employments) {
        if (emp.position != *pos || Iin(s, emp.person) != e.counterparty) continue;
        r.set_date(graph::FormatIsoDate(emp.valid.from));
        if (emp.appointed_by != graph::kNone) r.set_appointed_by_iin(Iin(s, emp.appointed_by));
        if (emp.selection_commission != graph::kNone) {
          r.set_selection_commission_id(
              std::string(s.Str(s.data().commissions[emp.selection_commission].id)));
        }
        found = true;
      }
      ASSERT_TRUE(found) << "no employment behind " << Describe(KeyOf(e));
    }
    v1::CheckHireResponse full;
    grpc::Status st = stub_->CheckHire(As("tok-ethics").get(), r, &full);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(full.verdict(), v1::VERDICT_CONFLICT) << Describe(KeyOf(e));
    bool hit = false;
    for (const v1::HireConflict& c : full.conflicts()) {
      if (KeyOf(c.finding()) != KeyOf(e)) continue;
      hit = true;
      EXPECT_EQ(c.finding().relation(), e.relation);
      EXPECT_EQ(c.case_id(), service::CaseIdOf(e.rule, e.object_id, e.official, e.counterparty));
      EXPECT_FALSE(c.finding().redacted());
    }
    EXPECT_TRUE(hit) << "CheckHire misses " << Describe(KeyOf(e));

    // The HR system gets the same verdict and case ids, without the relative.
    v1::CheckHireResponse redacted;
    st = stub_->CheckHire(As("tok-hr").get(), r, &redacted);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(redacted.conflicts_size(), full.conflicts_size());
    for (int i = 0; i < redacted.conflicts_size(); ++i) {
      EXPECT_EQ(redacted.conflicts(i).case_id(), full.conflicts(i).case_id());
      EXPECT_TRUE(redacted.conflicts(i).finding().redacted());
      EXPECT_TRUE(redacted.conflicts(i).finding().counterparty().empty() ||
                  redacted.conflicts(i).finding().counterparty() == e.counterparty);
      EXPECT_TRUE(redacted.conflicts(i).finding().relation().empty());
    }
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

TEST_F(CoigraphdTest, CheckHireBatchAnswersEachRequestInOrder) {
  StartDaemon();
  const generator::PlantedFinding* e = nullptr;
  for (const auto& x : TheRegion().expected) {
    if (x.rule == "HIRE_SUBORDINATION") e = &x;
  }
  ASSERT_NE(e, nullptr);
  std::vector<v1::CheckHireRequest> requests(3);
  for (size_t i = 0; i < requests.size(); ++i) {
    requests[i].set_candidate_iin(e->counterparty);
    requests[i].set_position_id(e->object_id);
    requests[i].set_date(e->date);
    requests[i].set_purpose(kPurpose);
    requests[i].set_request_id("r" + std::to_string(i));
  }
  requests[1].set_candidate_iin("12345");      // INVALID_ARGUMENT, the stream goes on
  requests[2].set_position_id("POS-NO-SUCH");  // NOT_FOUND
  auto ctx = As("tok-hr");
  auto stream = stub_->CheckHireBatch(ctx.get());
  for (const v1::CheckHireRequest& r : requests) ASSERT_TRUE(stream->Write(r));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<v1::CheckHireResponse> responses;
  v1::CheckHireResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  grpc::Status st = stream->Finish();
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].request_id(), "r0");
  EXPECT_EQ(responses[0].verdict(), v1::VERDICT_CONFLICT);
  EXPECT_EQ(responses[0].conflicts(0).case_id(),
            service::CaseIdOf(e->rule, e->object_id, e->official, e->counterparty));
  EXPECT_EQ(responses[1].request_id(), "r1");
  EXPECT_EQ(responses[1].error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(responses[1].error().field(), "candidate_iin");
  EXPECT_EQ(responses[2].request_id(), "r2");
  EXPECT_EQ(responses[2].error().code(), static_cast<int>(grpc::StatusCode::NOT_FOUND));
}

TEST_F(CoigraphdTest, CheckTenderAndCheckBidderGiveThePlantedProcurementConflicts) {
  StartDaemon();
  const graph::Snapshot& s = *TheRegion().snapshot;
  // Planted findings by tender: the four tender rules by object, signatory via its contract.
  std::map<std::string, std::set<Key>> want;
  for (const generator::PlantedFinding& e : TheRegion().expected) {
    if (!e.rule.starts_with("TENDER_")) continue;
    std::string tender = e.object_id;
    if (e.rule == "TENDER_SIGNATORY") {
      tender.clear();
      for (const graph::Contract& c : s.data().contracts) {
        if (s.Str(c.id) == e.object_id && c.tender != graph::kNone) {
          tender = std::string(s.Str(s.data().tenders[c.tender].id));
        }
      }
      if (tender.empty()) continue;  // a contract without a tender: CheckTender cannot see it
    }
    want[tender].insert(KeyOf(e));
  }
  ASSERT_GE(want.size(), 5u);
  for (const auto& [tender, keys] : want) {
    v1::CheckTenderRequest r;
    r.set_tender_id(tender);
    r.set_purpose(kPurpose);
    v1::CheckResponse response;
    grpc::Status st = stub_->CheckTender(As("tok-analyst").get(), r, &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
    std::set<Key> got;
    for (const v1::Finding& f : response.findings()) got.insert(KeyOf(f));
    EXPECT_EQ(got, keys) << "tender " << tender;
    EXPECT_EQ(response.verdict(), v1::VERDICT_CONFLICT);
  }
  // Before the award: the planted commission conflicts, bidder by bidder.
  int bidders = 0;
  for (const generator::PlantedFinding& e : TheRegion().expected) {
    if (e.rule != "TENDER_COMMISSION") continue;
    v1::CheckBidderRequest r;
    r.set_tender_id(e.object_id);
    r.set_supplier_bin(e.counterparty);
    r.set_purpose(kPurpose);
    v1::CheckResponse response;
    grpc::Status st = stub_->CheckBidder(As("tok-ethics").get(), r, &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
    std::set<Key> got;
    for (const v1::Finding& f : response.findings()) got.insert(KeyOf(f));
    EXPECT_TRUE(got.count(KeyOf(e))) << "CheckBidder misses " << Describe(KeyOf(e));
    ++bidders;
  }
  EXPECT_GE(bidders, 2);
}

TEST_F(CoigraphdTest, CheckAllocationGivesThePlantedCommissionConflicts) {
  StartDaemon();
  const graph::Snapshot& s = *TheRegion().snapshot;
  int checked = 0;
  for (const generator::PlantedFinding& e : TheRegion().expected) {
    if (e.rule.find("COMMISSION") == std::string::npos && e.rule.find("QUEUE") == std::string::npos)
      continue;
    if (e.rule.starts_with("HIRE_") || e.rule.starts_with("TENDER_")) continue;
    const graph::Allocation* a = nullptr;
    for (const graph::Allocation& x : s.data().allocations) {
      if (s.Str(x.id) == e.object_id) a = &x;
    }
    ASSERT_NE(a, nullptr) << "no allocation " << e.object_id;
    v1::CheckAllocationRequest r;
    r.set_commission_id(std::string(s.Str(s.data().commissions[a->commission].id)));
    r.set_recipient_iin(Iin(s, a->recipient));
    r.set_date(graph::FormatIsoDate(a->decision_date));
    if (a->approved_by != graph::kNone) r.set_approved_by_iin(Iin(s, a->approved_by));
    r.set_purpose(kPurpose);
    v1::CheckResponse response;
    grpc::Status st = stub_->CheckAllocation(As("tok-ethics").get(), r, &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
    // A decision not yet taken has no id of its own: compare rule, official and counterparty.
    std::set<Key> got;
    for (const v1::Finding& f : response.findings()) {
      got.insert({f.rule(), "", f.official(), f.counterparty()});
    }
    EXPECT_TRUE(got.count({e.rule, "", e.official, e.counterparty}))
        << "CheckAllocation misses " << Describe(KeyOf(e));
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

// ---------------------------------------------------------------------------------------------
// Refusals and bad requests

TEST_F(CoigraphdTest, RefusesWithoutTokenAndWithTheWrongRole) {
  StartDaemon();
  const generator::PlantedFinding& e = TheRegion().expected.front();
  v1::CheckHireRequest hire;
  hire.set_candidate_iin(e.counterparty);
  hire.set_position_id(e.object_id);
  hire.set_date(e.date);
  hire.set_purpose(kPurpose);
  v1::CheckHireResponse hr;
  EXPECT_EQ(stub_->CheckHire(As("").get(), hire, &hr).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->CheckHire(As("not-a-token").get(), hire, &hr).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->CheckHire(As("tok-analyst").get(), hire, &hr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->CheckHire(As("tok-ops").get(), hire, &hr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CheckTenderRequest tender;
  tender.set_tender_id("T-1");
  tender.set_purpose(kPurpose);
  v1::CheckResponse cr;
  EXPECT_EQ(stub_->CheckTender(As("tok-hr").get(), tender, &cr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::UpdateCaseRequest update;
  update.set_case_id("C-0");
  update.set_purpose(kPurpose);
  v1::Case c;
  EXPECT_EQ(stub_->UpdateCase(As("tok-analyst").get(), update, &c).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::LoadFeedsRequest load;
  load.set_purpose(kPurpose);
  v1::LoadFeedsResponse lr;
  EXPECT_EQ(stub_->LoadFeeds(As("tok-ethics").get(), load, &lr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CoigraphdTest, BadRequestsGetTheirCodes) {
  StartDaemon();
  const generator::PlantedFinding& e = TheRegion().expected.front();
  auto hire = [&] {
    v1::CheckHireRequest r;
    r.set_candidate_iin(e.counterparty);
    r.set_position_id(e.object_id);
    r.set_date(e.date);
    r.set_purpose(kPurpose);
    return r;
  };
  v1::CheckHireResponse hr;
  v1::CheckHireRequest r = hire();
  r.clear_purpose();
  grpc::Status st = stub_->CheckHire(As("tok-hr").get(), r, &hr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(st), std::vector<std::string>{"purpose"});

  r = hire();
  std::string bad = e.counterparty;
  bad.back() = bad.back() == '9' ? '0' : static_cast<char>(bad.back() + 1);  // wrong check digit
  r.set_candidate_iin(bad);
  st = stub_->CheckHire(As("tok-hr").get(), r, &hr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(st), std::vector<std::string>{"candidate_iin"});

  r = hire();
  r.set_candidate_iin("12345");
  st = stub_->CheckHire(As("tok-hr").get(), r, &hr);
  EXPECT_EQ(ViolatedFields(st), std::vector<std::string>{"candidate_iin"});

  r = hire();
  r.set_date("2020-02-30");
  st = stub_->CheckHire(As("tok-hr").get(), r, &hr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(st), std::vector<std::string>{"date"});

  r = hire();
  r.set_position_id("POS-NO-SUCH");
  EXPECT_EQ(stub_->CheckHire(As("tok-hr").get(), r, &hr).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::CheckTenderRequest t;
  t.set_tender_id("T-NO-SUCH");
  t.set_purpose(kPurpose);
  v1::CheckResponse cr;
  EXPECT_EQ(stub_->CheckTender(As("tok-analyst").get(), t, &cr).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetCaseRequest g;
  g.set_case_id("C-00000000000000000000");
  g.set_purpose(kPurpose);
  v1::Case c;
  EXPECT_EQ(stub_->GetCase(As("tok-ethics").get(), g, &c).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::CheckBidderRequest b;
  b.set_tender_id(e.object_id);
  b.set_supplier_bin("not-a-bin");
  b.set_purpose(kPurpose);
  st = stub_->CheckBidder(As("tok-analyst").get(), b, &cr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(st), std::vector<std::string>{"supplier_bin"});
}

TEST_F(CoigraphdTest, LimitsAreResourceExhaustedAndPathsAreFound) {
  StartDaemon();
  const generator::PlantedFinding* e = nullptr;
  for (const auto& x : TheRegion().expected) {
    if (x.rule == "HIRE_SUBORDINATION") e = &x;
  }
  ASSERT_NE(e, nullptr);
  v1::FindPathsRequest p;
  p.set_from(e->official);
  p.set_to(e->counterparty);
  p.set_date(e->date);
  p.set_purpose(kPurpose);
  v1::FindPathsResponse pr;
  grpc::Status st = stub_->FindPaths(As("tok-analyst").get(), p, &pr);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_GE(pr.paths_size(), 1);

  p.set_max_hops(13);
  EXPECT_EQ(stub_->FindPaths(As("tok-analyst").get(), p, &pr).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  p.set_max_hops(4);
  p.set_k(51);
  EXPECT_EQ(stub_->FindPaths(As("tok-analyst").get(), p, &pr).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);

  v1::NeighborhoodRequest n;
  n.set_seed(e->official);
  n.set_date(e->date);
  n.set_radius(2);
  n.set_purpose(kPurpose);
  v1::NeighborhoodResponse nr;
  st = stub_->Neighborhood(As("tok-ethics").get(), n, &nr);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_GE(nr.vertices_size(), 2);
  EXPECT_EQ(nr.vertices(0).id(), e->official);
  n.set_radius(5);
  EXPECT_EQ(stub_->Neighborhood(As("tok-ethics").get(), n, &nr).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);

  // ExportSubgraph streams GraphML in chunks: pseudonymised for a researcher, with IINs for an
  // analyst and an ethics commissioner; radius above 3 is RESOURCE_EXHAUSTED.
  auto export_as = [&](const std::string& token, int radius, std::string* body) {
    v1::ExportSubgraphRequest x;
    x.mutable_seeds()->add_ids(e->official);
    x.set_date(e->date);
    x.set_radius(radius);
    x.set_format(v1::EXPORT_FORMAT_GRAPHML);
    x.set_purpose(kPurpose);
    auto ctx = As(token);
    std::unique_ptr<grpc::ClientReader<v1::ExportChunk>> reader =
        stub_->ExportSubgraph(ctx.get(), x);
    v1::ExportChunk chunk;
    body->clear();
    int last = 0;
    while (reader->Read(&chunk)) {
      EXPECT_EQ(chunk.file_name(), "subgraph.graphml");
      *body += chunk.data();
      last += chunk.last_of_file() ? 1 : 0;
    }
    grpc::Status done = reader->Finish();
    if (done.ok()) {
      EXPECT_EQ(last, 1);
    }
    return done;
  };
  std::string body;
  st = export_as("tok-researcher", 2, &body);
  EXPECT_EQ(st.error_code(),
            grpc::StatusCode::PERMISSION_DENIED);  // a researcher names a pseudonym
  st = export_as("tok-analyst", 2, &body);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_NE(body.find("<graphml"), std::string::npos);
  EXPECT_NE(body.find(e->official), std::string::npos);
  EXPECT_EQ(body.find("\"P-"), std::string::npos) << "an analyst's export shows a pseudonym";
  st = export_as("tok-ethics", 2, &body);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_NE(body.find(e->official), std::string::npos);
  EXPECT_EQ(export_as("tok-analyst", 4, &body).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(export_as("tok-hr", 1, &body).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CoigraphdTest, NothingLoadedIsFailedPreconditionUntilLoadFeeds) {
  StartDaemon(/*with_feeds=*/false);
  const generator::PlantedFinding& e = TheRegion().expected.front();
  v1::CheckHireRequest r;
  r.set_candidate_iin(e.counterparty);
  r.set_position_id(e.object_id);
  r.set_date(e.date);
  r.set_purpose(kPurpose);
  v1::CheckHireResponse hr;
  EXPECT_EQ(stub_->CheckHire(As("tok-hr").get(), r, &hr).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::StatusResponse status;
  ASSERT_TRUE(stub_->Status(As("tok-hr").get(), v1::StatusRequest(), &status).ok());
  EXPECT_EQ(status.snapshot_version(), 0);
  // Without --feeds a LoadFeeds must name its directory.
  v1::LoadFeedsRequest load;
  load.set_purpose(kPurpose);
  v1::LoadFeedsResponse lr;
  grpc::Status st = stub_->LoadFeeds(As("tok-ops").get(), load, &lr);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(st), std::vector<std::string>{"dir"});
  load.set_dir(TheRegion().dir.string());
  st = stub_->LoadFeeds(As("tok-ops").get(), load, &lr);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(lr.snapshot_version(), 1);
  EXPECT_EQ(lr.finding_count(), static_cast<int64_t>(TheRegion().expected.size()));
  EXPECT_TRUE(stub_->CheckHire(As("tok-hr").get(), r, &hr).ok());
  EXPECT_EQ(hr.verdict(), v1::VERDICT_CONFLICT);
}

TEST_F(CoigraphdTest, ShortDeadlinesAreHonouredAndNeverCrashTheServer) {
  StartDaemon();
  const graph::Snapshot& s = *TheRegion().snapshot;
  // Two persons far apart, the heaviest path search the limits allow.
  v1::FindPathsRequest p;
  p.set_from(Iin(s, graph::PersonIndex(0)));
  p.set_to(Iin(s, graph::PersonIndex(static_cast<uint32_t>(s.person_count() - 1))));
  p.set_date("2021-01-01");
  p.set_max_hops(12);
  p.set_k(50);
  p.set_purpose(kPurpose);
  int exceeded = 0;
  for (int i = 0; i < 5; ++i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-analyst");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::microseconds(500));
    v1::FindPathsResponse pr;
    grpc::Status st = stub_->FindPaths(&ctx, p, &pr);
    EXPECT_TRUE(st.ok() || st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                st.error_code() == grpc::StatusCode::CANCELLED)
        << st.error_code() << " " << st.error_message();
    if (st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) ++exceeded;
  }
  EXPECT_GT(exceeded, 0);
  v1::ListCasesRequest l;
  l.set_purpose(kPurpose);
  l.set_page_size(500);
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-ethics");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::microseconds(200));
    v1::ListCasesResponse lr;
    grpc::Status st = stub_->ListCases(&ctx, l, &lr);
    EXPECT_TRUE(st.ok() || st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
                st.error_code() == grpc::StatusCode::CANCELLED)
        << st.error_code() << " " << st.error_message();
  }
  // Still serving.
  v1::StatusResponse status;
  grpc::Status st = stub_->Status(As("tok-analyst").get(), v1::StatusRequest(), &status);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(status.snapshot_version(), 1);
}

// ---------------------------------------------------------------------------------------------
// Audit, cases, reloads

TEST_F(CoigraphdTest, AuditChainVerifiesAndHoldsTheQueries) {
  StartDaemon();
  const generator::PlantedFinding& e = TheRegion().expected.front();
  v1::CheckHireRequest r;
  r.set_candidate_iin(e.counterparty);
  r.set_position_id(e.object_id);
  r.set_date(e.date);
  r.set_purpose("hiring order 17/2024");
  v1::CheckHireResponse hr;
  ASSERT_TRUE(stub_->CheckHire(As("tok-hr").get(), r, &hr).ok());
  EXPECT_EQ(stub_->CheckHire(As("").get(), r, &hr).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->CheckHire(As("tok-analyst").get(), r, &hr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  std::string out;
  // While coigraphd runs (WAL): the records committed so far.
  EXPECT_EQ(RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " verify " + db_, &out), 0) << out;
  EXPECT_EQ(out, "audit chain OK: 3 records\n");
  ASSERT_EQ(RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " list " + db_ + " --limit 1", &out), 0)
      << out;
  EXPECT_EQ(out.find("{\"seq\":1,"), 0u) << out;
  EXPECT_NE(out.find("\"purpose\":\"hiring order 17/2024\""), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;

  std::unique_ptr<service::SqliteAuditLog> log = service::SqliteAuditLog::Open(db_).value();
  std::vector<service::AuditRecord> records = log->Read(1, 100).value();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].caller, "hr-gateway");
  EXPECT_EQ(records[0].role, "hr_system");
  EXPECT_EQ(records[0].rpc, "CheckHire");
  EXPECT_EQ(records[0].purpose, "hiring order 17/2024");
  EXPECT_EQ(records[0].ids, (std::vector<std::string>{e.counterparty, e.object_id}));
  EXPECT_TRUE(records[0].result.starts_with("OK CONFLICT")) << records[0].result;
  EXPECT_EQ(records[1].caller, "anonymous");
  EXPECT_TRUE(records[1].result.starts_with("UNAUTHENTICATED")) << records[1].result;
  EXPECT_TRUE(records[2].result.starts_with("PERMISSION_DENIED")) << records[2].result;
  log.reset();

  // A record edited behind the triggers' back breaks the chain at that record.
  daemon_.Stop();
  const std::string copy = (work_ / "tampered.db").string();
  fs::copy_file(db_, copy);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER audit_log_no_update;"
                         " UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 2;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " verify " + copy, &out), 1) << out;
  EXPECT_EQ(out, "audit chain BROKEN: audit record 2: content does not match its hash\n");
  EXPECT_EQ(
      RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " verify " + (work_ / "none.db").string(),
                 &out),
      2);
  EXPECT_FALSE(fs::exists(work_ / "none.db"));
}

TEST_F(CoigraphdTest, CaseUpdatesSurviveAKillAndRestart) {
  StartDaemon();
  v1::ListCasesRequest l;
  l.set_purpose(kPurpose);
  l.set_rule("HIRE_SUBORDINATION");
  v1::ListCasesResponse lr;
  grpc::Status st = stub_->ListCases(As("tok-ethics").get(), l, &lr);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_GE(lr.cases_size(), 1);
  const std::string id = lr.cases(0).case_id();
  EXPECT_EQ(lr.cases(0).status(), v1::CASE_STATUS_NEW);
  EXPECT_FALSE(lr.cases(0).cure_deadline().empty());

  v1::UpdateCaseRequest u;
  u.set_case_id(id);
  u.set_status(v1::CASE_STATUS_CONFIRMED);
  u.set_note("spouse confirmed by the registry office");
  u.set_assignee("aigerim");
  u.set_purpose(kPurpose);
  v1::Case updated;
  st = stub_->UpdateCase(As("tok-ethics").get(), u, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.status(), v1::CASE_STATUS_CONFIRMED);

  EXPECT_EQ(daemon_.Kill(), 128 + SIGKILL);
  StartDaemon();
  v1::GetCaseRequest g;
  g.set_case_id(id);
  g.set_purpose(kPurpose);
  v1::Case c;
  st = stub_->GetCase(As("tok-analyst").get(), g, &c);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(c.status(), v1::CASE_STATUS_CONFIRMED);
  EXPECT_EQ(c.note(), "spouse confirmed by the registry office");
  EXPECT_EQ(c.assignee(), "aigerim");
  EXPECT_TRUE(c.active());
  std::set<std::string> changed;
  for (const v1::CaseEvent& ev : c.history()) {
    if (ev.actor() == "aigerim") changed.insert(ev.field());
  }
  EXPECT_TRUE(changed.count("status")) << c.DebugString();
  EXPECT_TRUE(changed.count("note"));
  EXPECT_TRUE(changed.count("assignee"));

  std::string out;
  EXPECT_EQ(RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " verify " + db_, &out), 0) << out;
}

TEST_F(CoigraphdTest, ReloadUnderConcurrentCheckHire) {
  StartDaemon();
  const generator::PlantedFinding* e = nullptr;
  for (const auto& x : TheRegion().expected) {
    if (x.rule == "HIRE_SUBORDINATION") e = &x;
  }
  ASSERT_NE(e, nullptr);
  v1::CheckHireRequest r;
  r.set_candidate_iin(e->counterparty);
  r.set_position_id(e->object_id);
  r.set_date(e->date);
  r.set_purpose(kPurpose);

  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, errors{0}, wrong{0};
  std::set<int64_t> versions;
  std::mutex versions_mu;
  std::thread checker([&] {
    auto stub = v1::Coigraph::NewStub(channel_);
    while (!stop.load()) {
      v1::CheckHireResponse hr;
      grpc::Status st = stub->CheckHire(As("tok-hr").get(), r, &hr);
      ++calls;
      if (!st.ok()) {
        ++errors;
        continue;
      }
      if (hr.verdict() != v1::VERDICT_CONFLICT) ++wrong;
      std::lock_guard<std::mutex> l(versions_mu);
      versions.insert(hr.snapshot_version());
    }
  });
  for (int64_t want = 2; want <= 3; ++want) {
    v1::LoadFeedsRequest load;
    load.set_purpose(kPurpose);
    v1::LoadFeedsResponse lr;
    grpc::Status st = stub_->LoadFeeds(As("tok-ops").get(), load, &lr);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(lr.snapshot_version(), want);
    EXPECT_EQ(lr.cases_created(), 0);
    EXPECT_EQ(lr.cases_seen_again(), static_cast<int64_t>(TheRegion().expected.size()));
  }
  // A few answers from the last version too.
  const int before = calls.load();
  while (calls.load() < before + 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  checker.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_TRUE(versions.count(3));
  v1::StatusResponse status;
  ASSERT_TRUE(stub_->Status(As("tok-ops").get(), v1::StatusRequest(), &status).ok());
  EXPECT_EQ(status.snapshot_version(), 3);
}

// ---------------------------------------------------------------------------------------------
// Exports stream, a limited number at once

// An export of a few hundred KB of GraphML or more, opened on a channel of its own that does not
// grow its flow-control window (no BDP probing), so that a stream nobody reads stalls the
// server's writes instead of being taken whole into the client's buffers.
// Seeds and a radius whose subgraph is as large as the server exports: the 100 organizations
// with the most ties on kExportDate, at the largest radius that stays within 10,000 vertices.
v1::ExportSubgraphRequest BigExport() {
  static const v1::ExportSubgraphRequest* request = [] {
    const graph::Snapshot& s = *TheRegion().snapshot;
    std::vector<std::pair<size_t, graph::VertexId>> by_ties;
    for (size_t v = s.person_count(); v < s.vertex_count(); ++v) {
      const graph::VertexId id(static_cast<uint32_t>(v));
      by_ties.emplace_back(s.Ties(id).size(), id);
    }
    std::sort(by_ties.rbegin(), by_ties.rend());
    by_ties.resize(std::min<size_t>(by_ties.size(), 100));
    std::vector<graph::VertexId> seeds;
    auto* r = new v1::ExportSubgraphRequest;
    for (const auto& [ties, v] : by_ties) {
      seeds.push_back(v);
      r->mutable_seeds()->add_ids(s.VertexNumber(v));
    }
    r->set_date(kExportDate);
    const graph::Date date = graph::ParseIsoDate(kExportDate).value();
    for (int radius = 3; radius >= 0; --radius) {
      if (graph::Neighborhood(s, seeds, date, radius, graph::kAllRelations, 10000).ok()) {
        r->set_radius(radius);
        break;
      }
    }
    return r;
  }();
  return *request;
}

struct OpenExport {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::Coigraph::Stub> stub;
  std::unique_ptr<grpc::ClientContext> ctx;
  std::unique_ptr<grpc::ClientReader<v1::ExportChunk>> reader;
  grpc::Status ended;  // how it ended when it did before its first chunk

  // Reads the rest; the status of the stream, and the file when `file` is given.
  grpc::Status ReadToTheEnd(std::string* file) {
    v1::ExportChunk chunk;
    while (reader->Read(&chunk)) *file += chunk.data();
    return reader->Finish();
  }
  void Cancel() {
    ctx->TryCancel();
    v1::ExportChunk chunk;
    while (reader->Read(&chunk)) {
    }
    reader->Finish();
  }
};

std::unique_ptr<OpenExport> StartExport(const std::string& address, const std::string& token) {
  auto x = std::make_unique<OpenExport>();
  grpc::ChannelArguments args;
  args.SetInt("grpc.http2.bdp_probe", 0);
  static std::atomic<int> channels{0};
  args.SetInt("grpc.channel_id", ++channels);  // a connection of its own, not a shared one
  x->channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  x->stub = v1::Coigraph::NewStub(x->channel);
  x->ctx = std::make_unique<grpc::ClientContext>();
  x->ctx->AddMetadata("authorization", "Bearer " + token);
  x->ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::ExportSubgraphRequest r = BigExport();
  r.set_format(v1::EXPORT_FORMAT_GRAPHML);
  r.set_purpose(kPurpose);
  x->reader = x->stub->ExportSubgraph(x->ctx.get(), r);
  v1::ExportChunk chunk;
  if (!x->reader->Read(&chunk)) x->ended = x->reader->Finish();
  return x;
}

// A stream its reader does not read holds its export's slot: past 2 a caller, or past
// --max-exports in all, the next export is RESOURCE_EXHAUSTED naming the limit; a cancelled one
// gives its slot back; a held one read later is whole.
TEST_F(CoigraphdTest, ConcurrentExportsAreLimitedPerCallerAndInAll) {
  StartDaemon(true, {"--max-exports", "3"});
  std::unique_ptr<OpenExport> a1 = StartExport(daemon_.address(), "tok-analyst");
  std::unique_ptr<OpenExport> a2 = StartExport(daemon_.address(), "tok-analyst");
  ASSERT_TRUE(a1->ended.ok() && a2->ended.ok()) << a1->ended.error_message();
  std::unique_ptr<OpenExport> a3 = StartExport(daemon_.address(), "tok-analyst");
  EXPECT_EQ(a3->ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(a3->ended.error_message().find("limit of concurrent exports per caller (2)"),
            std::string::npos)
      << a3->ended.error_message();

  std::unique_ptr<OpenExport> e1 = StartExport(daemon_.address(), "tok-ethics");
  ASSERT_TRUE(e1->ended.ok()) << e1->ended.error_message();
  std::unique_ptr<OpenExport> e2 = StartExport(daemon_.address(), "tok-ethics");
  EXPECT_EQ(e2->ended.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(e2->ended.error_message().find("limit of concurrent exports (3)"), std::string::npos)
      << e2->ended.error_message();

  // The server notices the cancel (its stalled write fails) and gives the slot back.
  a1->Cancel();
  std::unique_ptr<OpenExport> e3;
  for (int i = 0; i < 50; ++i) {
    e3 = StartExport(daemon_.address(), "tok-ethics");
    if (e3->ended.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(e3->ended.ok()) << e3->ended.error_message();

  std::string file;
  ASSERT_TRUE(a2->ReadToTheEnd(&file).ok());
  EXPECT_GT(file.size(), size_t{256} << 10) << "the export is smaller than this test needs";
  EXPECT_TRUE(file.ends_with("</graphml>\n")) << file.substr(file.size() - 100);
  e1->Cancel();
  e3->Cancel();
}

// ---------------------------------------------------------------------------------------------
// kill -9 during LoadFeeds

// A crash while a load runs (its scan, or its cases being recorded): the restarted coigraphd
// opens the database (its start-up checks pass), the audit chain verifies, and every case update
// acknowledged before the load is there. Killed at several moments of the load; at least one of
// them must come before its answer.
TEST_F(CoigraphdTest, AKillDuringLoadFeedsLosesNoAcknowledgedUpdate) {
  int killed_mid_load = 0;
  std::map<std::string, std::string> acknowledged;  // case id -> its note
  for (int round = 0; round < 4; ++round) {
    StartDaemon();
    v1::ListCasesRequest l;
    l.set_purpose(kPurpose);
    l.set_page_size(4);
    v1::ListCasesResponse lr;
    ASSERT_TRUE(stub_->ListCases(As("tok-ethics").get(), l, &lr).ok());
    for (const v1::Case& c : lr.cases()) {
      // Every case keeps the note of its last acknowledged update, from every round.
      auto it = acknowledged.find(c.case_id());
      if (it != acknowledged.end()) {
        EXPECT_EQ(c.note(), it->second) << "round " << round;
      }
      v1::UpdateCaseRequest u;
      u.set_case_id(c.case_id());
      u.set_note("before the kill of round " + std::to_string(round));
      u.set_purpose(kPurpose);
      v1::Case out;
      ASSERT_TRUE(stub_->UpdateCase(As("tok-ethics").get(), u, &out).ok());
      acknowledged[c.case_id()] = u.note();
    }
    std::atomic<bool> answered{false};
    std::thread load([&] {
      v1::LoadFeedsRequest r;
      r.set_force(true);
      r.set_purpose(kPurpose);
      v1::LoadFeedsResponse response;
      if (stub_->LoadFeeds(As("tok-ops").get(), r, &response).ok()) answered = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(round * 60));
    EXPECT_EQ(daemon_.Kill(), 128 + SIGKILL);
    load.join();
    if (!answered.load()) ++killed_mid_load;
    stub_.reset();
    channel_.reset();
    std::string out;
    EXPECT_EQ(RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " verify " + db_, &out), 0) << out;
  }
  StartDaemon();
  for (const auto& [id, note] : acknowledged) {
    v1::GetCaseRequest g;
    g.set_case_id(id);
    g.set_purpose(kPurpose);
    v1::Case c;
    ASSERT_TRUE(stub_->GetCase(As("tok-ethics").get(), g, &c).ok()) << id;
    EXPECT_EQ(c.note(), note) << id;
  }
  EXPECT_GE(killed_mid_load, 1) << "every load was answered before its kill";
  EXPECT_EQ(daemon_.Stop(), 0);
  std::string out;
  EXPECT_EQ(RunCommand(std::string(COIGRAPH_AUDIT_BINARY) + " verify " + db_ +
                           " --expect-head $(cat " + db_ + ".head)",
                       &out),
            0)
      << out;
}

}  // namespace
}  // namespace coigraph::e2e
