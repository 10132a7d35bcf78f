// GetCase carries the undeclared-tie hints of the case's tender (docs/rules.md, "Undeclared-tie
// hints"), over a real gRPC server on loopback: with names for an ethics commissioner, with
// pseudonyms and nothing of a name or a home for a researcher.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

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

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);
constexpr char kSalt[] = "test-salt";
constexpr char kMember[] = "800515300017";  // Жақыпов Ерлан Серікұлы, chair of the commission
constexpr char kWife[] = "820310400012";  // Жақыпова Алия, founder of B1: a declared spouse
constexpr char kSister[] = "830202400007";  // Джакупова Айгуль Сериковна, founder of B2
constexpr char kB1[] = "100540000018";
constexpr char kB2[] = "110640000013";

std::string Pseudonym(const std::string& iin) {
  return graph::PersonPseudonym(graph::IdentityNumberValue(iin), kSalt);
}

// A tender whose chair's wife founded one bidder (a TENDER_COMMISSION case) and whose sister,
// with no kinship row, founded another and lives with him; the other bid was filed by a name
// of their family.
void WriteFeed(const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto write = [&](const char* file, const std::string& text) {
    std::ofstream(dir / file, std::ios::binary) << text;
  };
  write("persons.csv", std::string("iin,last_name,first_name,patronymic,birth_date,sex\n") +
                           kMember + ",Жақыпов,Ерлан,Серікұлы,1980-05-15,M\n" + kWife +
                           ",Жақыпова,Алия,Маратқызы,1982-03-10,F\n" + kSister +
                           ",Джакупова,Айгуль,Сериковна,1983-02-02,F\n");
  write("organizations.csv", std::string("bin,name,kind\n940140000385,Акимат,state_body\n") + kB1 +
                                 ",ТОО Береке,company\n" + kB2 + ",ТОО Жол,company\n");
  write("kinship.csv",
        std::string("person_iin,relative_iin,relation\n") + kMember + "," + kWife + ",spouse\n");
  write("commissions.csv", "commission_id,org_bin,kind,title\nC1,940140000385,tender,Комиссия\n");
  write("commission_members.csv",
        std::string("commission_id,person_iin,role\nC1,") + kMember + ",chair\n");
  write("tenders.csv",
        "tender_id,customer_bin,method,announced_date,commission_id\n"
        "T1,940140000385,open_tender,2023-03-01,C1\n");
  write("bids.csv", std::string("tender_id,supplier_bin,outcome,filed_by_name\nT1,") + kB1 +
                        ",won,\nT1," + kB2 + ",lost,ДЖАКУПОВ НУРЛАН СЕРИКОВИЧ\n");
  write("company_roles.csv", std::string("company_bin,role,holder_iin\n") + kB1 + ",founder," +
                                 kWife + "\n" + kB2 + ",founder," + kSister + "\n");
  write("residence.csv", std::string("person_iin,address_id,valid_from\n") + kMember +
                             ",ADR-7,2020-01-01\n" + kSister + ",ADR-7,2020-01-01\n");
}

class CaseHintsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path feeds = testing::FreshPath("feeds");
    WriteFeed(feeds);
    const std::string db = testing::FreshPath("db");
    cases_ = std::move(SqliteCaseStore::Open(db, KnownCaseVocabulary()).value());
    audit_ = std::move(SqliteAuditLog::Open(db).value());
    ASSERT_TRUE(LoadAndSwap(feeds.string(), holder_, *cases_, kT0).ok());
    std::string tokens;
    for (const auto& [token, role] :
         {std::pair{"ethics", "ethics_commissioner"}, std::pair{"researcher", "researcher"}}) {
      tokens += std::string(role) + " " + token + "-user " + base::Sha256Hex(token) + "\n";
    }
    service_ = std::make_unique<CoigraphService>(
        ServiceOptions{.auth = Authenticator::FromText(tokens, "tokens").value(),
                       .cases = cases_.get(),
                       .audit = audit_.get(),
                       .holder = &holder_,
                       .clock = [] { return kT0; },
                       .default_feeds_dir = feeds.string(),
                       .pseudonym_salt = kSalt});
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::Coigraph::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                      grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  v1::Case GetCase(const std::string& token) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + std::string(token));
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    v1::GetCaseRequest r;
    r.set_case_id(CaseIdOf("TENDER_COMMISSION", "T1", kMember, kB1));
    r.set_purpose("case review");
    v1::Case c;
    const grpc::Status s = stub_->GetCase(&ctx, r, &c);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return c;
  }

  SnapshotHolder holder_;
  std::unique_ptr<SqliteCaseStore> cases_;
  std::unique_ptr<SqliteAuditLog> audit_;
  std::unique_ptr<CoigraphService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
};

TEST_F(CaseHintsTest, GetCaseCarriesTheTendersHintsApartFromTheFinding) {
  const v1::Case c = GetCase("ethics");
  EXPECT_EQ(c.finding().rule(), "TENDER_COMMISSION");
  EXPECT_EQ(c.finding().counterparty(), kB1);  // the wife: a finding, not a hint
  ASSERT_EQ(c.tie_hints_size(), 2) << c.DebugString();
  const v1::TieHint& sister = c.tie_hints(0);
  EXPECT_EQ(sister.tender_id(), "T1");
  EXPECT_EQ(sister.date(), "2023-03-01");
  EXPECT_EQ(sister.member(), kMember);
  EXPECT_EQ(sister.member_name(), "Жақыпов Ерлан Серікұлы");
  EXPECT_EQ(sister.bidder(), kB2);
  EXPECT_EQ(sister.bidder_name(), "ТОО Жол");
  EXPECT_EQ(sister.party(), "founder");
  EXPECT_EQ(sister.person(), kSister);
  EXPECT_EQ(sister.person_name(), "Джакупова Айгуль Сериковна");
  EXPECT_TRUE(sister.name_matched());
  EXPECT_EQ(sister.surname_stem(), "jakip");
  EXPECT_EQ(sister.patronymic_root(), "serik");
  EXPECT_TRUE(sister.address_matched());
  EXPECT_EQ(sister.address(), "ADR-7");
  const v1::TieHint& filer = c.tie_hints(1);
  EXPECT_EQ(filer.party(), "bid_filer");
  EXPECT_EQ(filer.person(), "");
  EXPECT_EQ(filer.person_name(), "ДЖАКУПОВ НУРЛАН СЕРИКОВИЧ");
  EXPECT_FALSE(filer.address_matched());
}

TEST_F(CaseHintsTest, AResearcherSeesPseudonymsAndNoNamePartOrAddress) {
  const v1::Case c = GetCase("researcher");
  ASSERT_EQ(c.tie_hints_size(), 2) << c.DebugString();
  const v1::TieHint& sister = c.tie_hints(0);
  EXPECT_EQ(sister.member(), Pseudonym(kMember));
  EXPECT_EQ(sister.member_name(), Pseudonym(kMember));
  EXPECT_EQ(sister.person(), Pseudonym(kSister));
  EXPECT_EQ(sister.person_name(), Pseudonym(kSister));
  EXPECT_EQ(sister.bidder(), kB2);  // a legal entity stays
  EXPECT_TRUE(sister.name_matched());
  EXPECT_TRUE(sister.address_matched());
  EXPECT_EQ(sister.surname_stem(), "");
  EXPECT_EQ(sister.patronymic_root(), "");
  EXPECT_EQ(sister.address(), "");
  const v1::TieHint& filer = c.tie_hints(1);
  EXPECT_EQ(filer.person(), "");
  EXPECT_EQ(filer.person_name(), "");
  const std::string bytes = c.SerializeAsString();
  for (const std::string& secret :
       {std::string(kMember), std::string(kSister), std::string("Жақыпов"),
        std::string("Джакупова"), std::string("ДЖАКУПОВ"), std::string("jakip"),
        std::string("ADR-7")}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace coigraph::service
