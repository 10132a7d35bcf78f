// One privacy policy per role (docs/service.md, "What each role sees"), checked over a real gRPC
// server on loopback over examples/demo: every role calls every RPC, and a researcher's answers,
// whatever it calls, carry no IIN, no name of a person and no commissioner's note.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "base/sha256.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "graph/export.h"
#include "graph/identity_number.h"
#include "gtest/gtest.h"
#include "service/audit_log.h"
#include "service/auth.h"
#include "service/case_store.h"
#include "service/coigraph_service.h"
#include "service/snapshot_holder.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

namespace v1 = ::coigraph::v1;

const std::string kDemo = std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo";
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);
constexpr char kSalt[] = "test-salt";
constexpr char kAkim[] = "700811301846";
constexpr char kDeputy[] = "720518301212";
constexpr char kAkimat[] = "990440010213";  // a state body: a legal entity, shown to everyone
// A commissioner's note that names a person; a researcher must never read it.
constexpr char kNote[] = "Говорил с Ахметов С.Н. лично";

std::string Pseudonym(const std::string& iin) {
  return graph::PersonPseudonym(graph::IdentityNumberValue(iin), kSalt);
}

// What must never reach a researcher: every IIN of persons.csv (an individual entrepreneur's
// BIN is one of them), every surname of four letters or more, every first name with patronymic
// and every short name ("Ахметов С.Н."), and the note.
std::vector<std::string> Secrets() {
  std::vector<std::string> out = {kNote};
  std::ifstream in(kDemo + "/persons.csv");
  std::string line;
  std::getline(in, line);  // header: iin,last_name,first_name,patronymic,...
  auto initial = [](const std::string& s) { return s.empty() ? s : s.substr(0, 2) + "."; };
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ',');
    if (f.size() < 4) continue;
    out.push_back(f[0]);
    if (f[1].size() >= 8) out.push_back(f[1]);  // Cyrillic: two bytes a letter
    out.push_back(f[1] + " " + f[2]);
    out.push_back(f[2] + " " + f[3]);
    out.push_back(f[1] + " " + initial(f[2]) + initial(f[3]));
  }
  return out;
}

struct Answer {
  grpc::StatusCode code = grpc::StatusCode::UNKNOWN;
  std::string message;
  std::string bytes;  // every response message of the call, serialized
};

class PrivacyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = testing::FreshPath("db");
    cases_ = std::move(SqliteCaseStore::Open(db, KnownCaseVocabulary()).value());
    audit_ = std::move(SqliteAuditLog::Open(db).value());
    ASSERT_TRUE(LoadAndSwap(kDemo, holder_, *cases_, kT0).ok());
    std::string tokens;
    for (const auto& [token, role] : kTokens) {
      tokens += std::string(role) + " " + token + "-user " + base::Sha256Hex(token) + "\n";
    }
    service_ = std::make_unique<CoigraphService>(
        ServiceOptions{.auth = Authenticator::FromText(tokens, "tokens").value(),
                       .cases = cases_.get(),
                       .audit = audit_.get(),
                       .holder = &holder_,
                       .clock = [] { return kT0; },
                       .default_feeds_dir = kDemo,
                       .pseudonym_salt = kSalt});
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::Coigraph::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                      grpc::InsecureChannelCredentials()));
    absl::StatusOr<CasePage> page = cases_->List({.page_size = 500});
    ASSERT_TRUE(page.ok());
    for (const CaseRecord& r : page->cases) case_ids_.push_back(r.facts.case_id);
    ASSERT_FALSE(case_ids_.empty());
    // A commissioner has worked on the akim's case: an assignee and a note with a name.
    v1::UpdateCaseRequest update;
    update.set_case_id(CaseIdOf("HIRE_SUBORDINATION", "AKM-02", kAkim, kDeputy));
    update.set_note(kNote);
    update.set_assignee("aigerim");
    update.set_purpose("review");
    v1::Case updated;
    ASSERT_TRUE(stub_->UpdateCase(As("ethics").get(), update, &updated).ok());
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }

  // A person as `token`'s role names one: a researcher by pseudonym, the others by IIN.
  static std::string Person(const std::string& token, const std::string& iin) {
    return token == "researcher" ? Pseudonym(iin) : iin;
  }

  template <typename Response>
  static Answer Done(const grpc::Status& s, const Response& r) {
    return {s.error_code(), s.error_message(), s.ok() ? r.SerializeAsString() : ""};
  }

  Answer Export(const std::string& token, v1::ExportSubgraphRequest r) {
    r.set_purpose("export");
    auto ctx = As(token);
    auto reader = stub_->ExportSubgraph(ctx.get(), r);
    Answer a;
    v1::ExportChunk chunk;
    while (reader->Read(&chunk)) a.bytes += chunk.SerializeAsString();
    const grpc::Status s = reader->Finish();
    a.code = s.error_code();
    a.message = s.error_message();
    return a;
  }

  Answer ExportAround(const std::string& token, v1::ExportFormat format) {
    v1::ExportSubgraphRequest r;
    r.mutable_seeds()->add_ids(Person(token, kAkim));
    r.set_radius(2);
    r.set_date("2021-01-01");
    r.set_format(format);
    return Export(token, r);
  }

  // One call of `rpc` as `token`, with a request its role would make.
  Answer Call(Rpc rpc, const std::string& token) {
    const std::string akim = Person(token, kAkim);
    const std::string deputy = Person(token, kDeputy);
    auto ctx = As(token);
    switch (rpc) {
      case Rpc::kCheckHire:
      case Rpc::kCheckHireBatch: {
        v1::CheckHireRequest r;
        r.set_candidate_iin(kDeputy);
        r.set_position_id("AKM-02");
        r.set_date("2020-01-15");
        r.set_purpose("hiring order 1/2020");
        v1::CheckHireResponse out;
        if (rpc == Rpc::kCheckHire) return Done(stub_->CheckHire(ctx.get(), r, &out), out);
        auto stream = stub_->CheckHireBatch(ctx.get());
        stream->Write(r);
        stream->WritesDone();
        Answer a;
        while (stream->Read(&out)) a.bytes += out.SerializeAsString();
        const grpc::Status s = stream->Finish();
        a.code = s.error_code();
        a.message = s.error_message();
        return a;
      }
      case Rpc::kCheckTender: {
        v1::CheckTenderRequest r;
        r.set_tender_id("T-2021-007");
        r.set_purpose("tender review");
        v1::CheckResponse out;
        return Done(stub_->CheckTender(ctx.get(), r, &out), out);
      }
      case Rpc::kCheckBidder: {
        v1::CheckBidderRequest r;
        r.set_tender_id("T-2021-007");
        r.set_supplier_bin("100640118734");
        r.set_purpose("bidder review");
        v1::CheckResponse out;
        return Done(stub_->CheckBidder(ctx.get(), r, &out), out);
      }
      case Rpc::kCheckAllocation: {
        v1::CheckAllocationRequest r;
        r.set_commission_id("LC-AKM");
        r.set_recipient_iin("010409601429");
        r.set_date("2022-03-10");
        r.set_purpose("land review");
        v1::CheckResponse out;
        return Done(stub_->CheckAllocation(ctx.get(), r, &out), out);
      }
      case Rpc::kFindPaths: {
        v1::FindPathsRequest r;
        r.set_from(akim);
        r.set_to(deputy);
        r.set_date("2021-01-01");
        r.set_k(3);
        r.set_purpose("paths");
        v1::FindPathsResponse out;
        return Done(stub_->FindPaths(ctx.get(), r, &out), out);
      }
      case Rpc::kNeighborhood: {
        v1::NeighborhoodRequest r;
        r.set_seed(akim);
        r.set_date("2021-01-01");
        r.set_radius(3);
        r.set_purpose("around the akim");
        v1::NeighborhoodResponse out;
        return Done(stub_->Neighborhood(ctx.get(), r, &out), out);
      }
      case Rpc::kExportSubgraph:
        return ExportAround(token, v1::EXPORT_FORMAT_GRAPHML);
      case Rpc::kListCases: {
        v1::ListCasesRequest r;
        r.set_include_inactive(true);
        r.set_page_size(500);
        r.set_purpose("monthly review");
        v1::ListCasesResponse out;
        return Done(stub_->ListCases(ctx.get(), r, &out), out);
      }
      case Rpc::kGetCase: {
        v1::GetCaseRequest r;
        r.set_case_id(CaseIdOf("HIRE_SUBORDINATION", "AKM-02", kAkim, kDeputy));
        r.set_purpose("case review");
        v1::Case out;
        return Done(stub_->GetCase(ctx.get(), r, &out), out);
      }
      case Rpc::kUpdateCase: {
        v1::UpdateCaseRequest r;
        r.set_case_id(case_ids_.back());
        r.set_status(v1::CASE_STATUS_IN_REVIEW);
        r.set_purpose("case review");
        v1::Case out;
        return Done(stub_->UpdateCase(ctx.get(), r, &out), out);
      }
      case Rpc::kLoadFeeds: {
        v1::LoadFeedsRequest r;
        r.set_purpose("nightly reload");
        v1::LoadFeedsResponse out;
        return Done(stub_->LoadFeeds(ctx.get(), r, &out), out);
      }
      case Rpc::kStatus: {
        v1::StatusResponse out;
        return Done(stub_->Status(ctx.get(), v1::StatusRequest(), &out), out);
      }
      case Rpc::kListAudit: {
        v1::ListAuditRequest r;
        r.set_purpose("who looked");
        v1::ListAuditResponse out;
        return Done(stub_->ListAudit(ctx.get(), r, &out), out);
      }
    }
    return {};
  }

  static void ExpectNoSecret(const std::string& bytes, const std::string& what) {
    for (const std::string& secret : Secrets()) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << what << " shows \"" << secret << "\"";
    }
  }

  static constexpr std::pair<const char*, const char*> kTokens[] = {
      {"hr", "hr_system"}, {"ethics", "ethics_commissioner"}, {"analyst", "analyst"},
      {"ops", "operator"}, {"researcher", "researcher"},
  };

  SnapshotHolder holder_;
  std::unique_ptr<SqliteCaseStore> cases_;
  std::unique_ptr<SqliteAuditLog> audit_;
  std::unique_ptr<CoigraphService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
  std::vector<std::string> case_ids_;
};

TEST_F(PrivacyTest, EveryRoleCallsEveryRpcAsTheMatrixSays) {
  for (const auto& [token, role_name] : kTokens) {
    const Role role = ParseRole(role_name).value();
    for (Rpc rpc : AllRpcs()) {
      SCOPED_TRACE(std::string(role_name) + " calls " + std::string(Name(rpc)));
      const Answer a = Call(rpc, token);
      if (MayCall(role, rpc)) {
        EXPECT_EQ(a.code, grpc::StatusCode::OK) << a.message;
      } else {
        EXPECT_EQ(a.code, grpc::StatusCode::PERMISSION_DENIED) << a.message;
      }
    }
  }
}

TEST_F(PrivacyTest, AResearcherSeesNoIdentityInAnyAnswer) {
  std::map<std::string, std::string> answers;  // what -> bytes
  for (Rpc rpc : AllRpcs()) {
    if (!MayCall(Role::kResearcher, rpc)) continue;
    const Answer a = Call(rpc, "researcher");
    ASSERT_EQ(a.code, grpc::StatusCode::OK) << Name(rpc) << ": " << a.message;
    ASSERT_FALSE(a.bytes.empty()) << Name(rpc);
    answers[std::string(Name(rpc))] = a.bytes;
  }
  for (const std::string& id : case_ids_) {
    v1::GetCaseRequest r;
    r.set_case_id(id);
    r.set_purpose("case review");
    v1::Case c;
    ASSERT_TRUE(stub_->GetCase(As("researcher").get(), r, &c).ok()) << id;
    answers["GetCase " + id] = c.SerializeAsString();
    v1::ExportSubgraphRequest around;
    around.set_case_id(id);
    around.set_radius(1);
    around.set_format(v1::EXPORT_FORMAT_CYTOSCAPE_JSON);
    const Answer exported = Export("researcher", around);
    ASSERT_EQ(exported.code, grpc::StatusCode::OK) << exported.message;
    answers["ExportSubgraph around " + id] = exported.bytes;
  }
  for (v1::ExportFormat f :
       {v1::EXPORT_FORMAT_GRAPHML, v1::EXPORT_FORMAT_GEXF, v1::EXPORT_FORMAT_DOT,
        v1::EXPORT_FORMAT_CYTOSCAPE_JSON, v1::EXPORT_FORMAT_NEO4J_CSV, v1::EXPORT_FORMAT_FTM}) {
    const Answer a = ExportAround("researcher", f);
    ASSERT_EQ(a.code, grpc::StatusCode::OK) << a.message;
    answers["ExportSubgraph " + v1::ExportFormat_Name(f)] = a.bytes;
  }
  for (const auto& [what, bytes] : answers) ExpectNoSecret(bytes, what);
  // The pseudonyms are there instead: the akim's is in the paths, the neighbourhood, the cases.
  for (const char* rpc : {"FindPaths", "Neighborhood", "ListCases", "GetCase", "ExportSubgraph"}) {
    EXPECT_NE(answers[rpc].find(Pseudonym(kAkim)), std::string::npos) << rpc;
  }
  // Sanity of the secrets: a commissioner's answers do show them.
  EXPECT_NE(Call(Rpc::kGetCase, "ethics").bytes.find(kNote), std::string::npos);
  EXPECT_NE(Call(Rpc::kFindPaths, "ethics").bytes.find(kAkim), std::string::npos);
}

TEST_F(PrivacyTest, OnePersonHasOnePseudonymInPathsNeighbourhoodsCasesAndExports) {
  v1::FindPathsRequest r;
  r.set_from(Pseudonym(kAkim));
  r.set_to(Pseudonym(kDeputy));
  r.set_date("2021-01-01");
  r.set_purpose("paths");
  v1::FindPathsResponse paths;
  grpc::Status s = stub_->FindPaths(As("researcher").get(), r, &paths);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_GT(paths.paths_size(), 0);
  const v1::Path& p = paths.paths(0);
  EXPECT_EQ(p.vertices(0).id(), Pseudonym(kAkim));
  EXPECT_EQ(p.vertices(0).name(), Pseudonym(kAkim));
  EXPECT_EQ(p.vertices(p.vertices_size() - 1).id(), Pseudonym(kDeputy));
  // Every person on the path is in the export under the same pseudonym, and can be asked
  // about by it.
  const Answer exported = ExportAround("researcher", v1::EXPORT_FORMAT_CYTOSCAPE_JSON);
  ASSERT_EQ(exported.code, grpc::StatusCode::OK) << exported.message;
  for (const v1::PathVertex& v : p.vertices()) {
    EXPECT_NE(exported.bytes.find("\"" + v.id() + "\""), std::string::npos) << v.id();
    if (v.kind() != v1::VERTEX_KIND_PERSON) continue;
    v1::NeighborhoodRequest around;
    around.set_seed(v.id());
    around.set_date("2021-01-01");
    around.set_purpose("around");
    v1::NeighborhoodResponse n;
    s = stub_->Neighborhood(As("researcher").get(), around, &n);
    ASSERT_TRUE(s.ok()) << v.id() << ": " << s.error_message();
    EXPECT_EQ(n.vertices(0).id(), v.id());
  }
  // The case gives the same pseudonyms, and no explanation.
  v1::GetCaseRequest get;
  get.set_case_id(CaseIdOf("HIRE_SUBORDINATION", "AKM-02", kAkim, kDeputy));
  get.set_purpose("review");
  v1::Case c;
  ASSERT_TRUE(stub_->GetCase(As("researcher").get(), get, &c).ok());
  EXPECT_EQ(c.finding().official(), Pseudonym(kAkim));
  EXPECT_EQ(c.finding().counterparty(), Pseudonym(kDeputy));
  EXPECT_EQ(c.finding().relation(), "spouse.sibling");
  EXPECT_TRUE(c.finding().pseudonymised());
  EXPECT_EQ(c.finding().explanation_ru(), "");
  EXPECT_EQ(c.note(), "");
  EXPECT_EQ(c.assignee(), "");
  EXPECT_EQ(c.organization_bin(), kAkimat);  // a legal entity keeps its BIN
}

TEST_F(PrivacyTest, AResearcherNamesPersonsByPseudonymOnly) {
  v1::FindPathsRequest r;
  r.set_from(kAkim);
  r.set_to(Pseudonym(kDeputy));
  r.set_date("2021-01-01");
  r.set_purpose("paths");
  v1::FindPathsResponse paths;
  EXPECT_EQ(stub_->FindPaths(As("researcher").get(), r, &paths).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  r.set_from("P-000000000000");
  EXPECT_EQ(stub_->FindPaths(As("researcher").get(), r, &paths).error_code(),
            grpc::StatusCode::NOT_FOUND);
  r.set_from("P-nothex");
  EXPECT_EQ(stub_->FindPaths(As("researcher").get(), r, &paths).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A legal entity by BIN.
  v1::NeighborhoodRequest around;
  around.set_seed(kAkimat);
  around.set_date("2021-01-01");
  around.set_purpose("around the akimat");
  v1::NeighborhoodResponse n;
  grpc::Status s = stub_->Neighborhood(As("researcher").get(), around, &n);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ExpectNoSecret(n.SerializeAsString(), "Neighborhood of the akimat");
  // The case search by text matches names and notes: refused, as is an assignee filter.
  v1::ListCasesRequest list;
  list.set_text("Ахметов");
  list.set_purpose("search");
  v1::ListCasesResponse cases;
  EXPECT_EQ(stub_->ListCases(As("researcher").get(), list, &cases).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.clear_text();
  list.set_assignee("aigerim");
  EXPECT_EQ(stub_->ListCases(As("researcher").get(), list, &cases).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PrivacyTest, AnAnalystSeesIdentitiesInAnswersAndExportsAlike) {
  const Answer paths = Call(Rpc::kFindPaths, "analyst");
  ASSERT_EQ(paths.code, grpc::StatusCode::OK) << paths.message;
  EXPECT_NE(paths.bytes.find(kAkim), std::string::npos);
  for (v1::ExportFormat f : {v1::EXPORT_FORMAT_GRAPHML, v1::EXPORT_FORMAT_NEO4J_CSV}) {
    const Answer exported = ExportAround("analyst", f);
    ASSERT_EQ(exported.code, grpc::StatusCode::OK) << exported.message;
    EXPECT_NE(exported.bytes.find(kAkim), std::string::npos) << v1::ExportFormat_Name(f);
    EXPECT_EQ(exported.bytes.find(Pseudonym(kAkim)), std::string::npos);
  }
  EXPECT_NE(Call(Rpc::kGetCase, "analyst").bytes.find(kNote), std::string::npos);
}

}  // namespace
}  // namespace coigraph::service
