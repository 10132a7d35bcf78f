#include "service/auth.h"

#include "base/sha256.h"
#include "gtest/gtest.h"

namespace coigraph::service {
namespace {

Authenticator Make() {
  const std::string text =
      "# role name sha256(token)\n"
      "hr_system hr-gateway " +
      base::Sha256Hex("hr-secret") +
      "\n"
      "\n"
      "ethics_commissioner aigerim " +
      base::Sha256Hex("ethics-secret") +
      "  # Almaty office\n"
      "analyst dana " +
      base::Sha256Hex("analyst-secret") +
      "\n"
      "operator ops " +
      base::Sha256Hex("ops-secret") + "\n";
  absl::StatusOr<Authenticator> auth = Authenticator::FromText(text, "tokens");
  EXPECT_TRUE(auth.ok()) << auth.status();
  return *auth;
}

TEST(AuthTest, BearerTokenNamesTheCaller) {
  Authenticator auth = Make();
  EXPECT_EQ(auth.token_count(), 4u);
  absl::StatusOr<Principal> p = auth.Authenticate("Bearer ethics-secret");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->name, "aigerim");
  EXPECT_EQ(p->role, Role::kEthicsCommissioner);
}

TEST(AuthTest, MissingMalformedOrUnknownTokenIsUnauthenticated) {
  Authenticator auth = Make();
  EXPECT_TRUE(absl::IsUnauthenticated(auth.Authenticate("").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(auth.Authenticate("hr-secret").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(auth.Authenticate("Bearer ").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(auth.Authenticate("Basic hr-secret").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(auth.Authenticate("Bearer hr-secreT").status()));
  EXPECT_TRUE(absl::IsUnauthenticated(auth.Authorize("", Rpc::kStatus).status()));
}

TEST(AuthTest, WrongRoleIsPermissionDenied) {
  Authenticator auth = Make();
  EXPECT_TRUE(auth.Authorize("Bearer hr-secret", Rpc::kCheckHire).ok());
  absl::Status s = auth.Authorize("Bearer hr-secret", Rpc::kListCases).status();
  EXPECT_TRUE(absl::IsPermissionDenied(s)) << s;
  EXPECT_EQ(s.message(), "role hr_system may not call ListCases");
  EXPECT_TRUE(
      absl::IsPermissionDenied(auth.Authorize("Bearer analyst-secret", Rpc::kUpdateCase).status()));
  EXPECT_TRUE(
      absl::IsPermissionDenied(auth.Authorize("Bearer ethics-secret", Rpc::kLoadFeeds).status()));
  EXPECT_TRUE(auth.Authorize("Bearer ops-secret", Rpc::kLoadFeeds).ok());
}

TEST(AuthTest, RoleMatrix) {
  // Every role may ask for Status; only operators load; only commissioners change cases.
  for (Role r : {Role::kHrSystem, Role::kEthicsCommissioner, Role::kAnalyst, Role::kOperator,
                 Role::kResearcher}) {
    EXPECT_TRUE(MayCall(r, Rpc::kStatus)) << Name(r);
    EXPECT_EQ(MayCall(r, Rpc::kLoadFeeds), r == Role::kOperator) << Name(r);
    EXPECT_EQ(MayCall(r, Rpc::kUpdateCase), r == Role::kEthicsCommissioner) << Name(r);
  }
  EXPECT_TRUE(MayCall(Role::kHrSystem, Rpc::kCheckHireBatch));
  EXPECT_FALSE(MayCall(Role::kHrSystem, Rpc::kFindPaths));
  EXPECT_FALSE(MayCall(Role::kOperator, Rpc::kCheckHire));
  EXPECT_FALSE(MaySeeRelatives(Role::kHrSystem));
  EXPECT_TRUE(MaySeeRelatives(Role::kEthicsCommissioner));
  EXPECT_TRUE(MaySeeIdentities(Role::kAnalyst));
  EXPECT_FALSE(MaySeeIdentities(Role::kResearcher));
  EXPECT_TRUE(MayCall(Role::kResearcher, Rpc::kExportSubgraph));
  EXPECT_FALSE(MayCall(Role::kResearcher, Rpc::kCheckTender));
  EXPECT_FALSE(MayCall(Role::kResearcher, Rpc::kListAudit));
  EXPECT_EQ(ParseRole("researcher"), Role::kResearcher);
}

TEST(AuthTest, DemoModeLetsEveryoneIn) {
  Authenticator auth = Authenticator::Demo();
  absl::StatusOr<Principal> p = auth.Authorize("", Rpc::kLoadFeeds);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->name, "demo");
  EXPECT_EQ(p->role, Role::kDemo);
}

TEST(AuthTest, BadTokensFileLinesNameFileAndLine) {
  const std::string hash = base::Sha256Hex("x");
  auto error = [](std::string_view text) {
    return std::string(Authenticator::FromText(text, "tokens").status().message());
  };
  EXPECT_EQ(error("hr_system a " + hash + "\nboss b " + hash),
            "tokens:2: unknown role \"boss\" (hr_system, ethics_commissioner, analyst, operator, "
            "researcher)");
  EXPECT_EQ(error("hr_system a deadbeef"), "tokens:1: the token hash must be 64 hex digits");
  EXPECT_EQ(error("hr_system " + hash), "tokens:1: expected ROLE NAME SHA256_HEX_OF_TOKEN");
  EXPECT_EQ(error("hr_system a " + hash + "\nanalyst b " + hash),
            "tokens:2: this token hash is listed twice");
  EXPECT_TRUE(absl::IsNotFound(Authenticator::FromFile("/nonexistent/tokens").status()));
}

}  // namespace
}  // namespace coigraph::service
