// A finding resting on a commission seat matched by name (docs/rules.md, "Evidence") through the
// service: the case store keeps its evidence across a reload, the Finding message carries it, and
// neither a redacted nor a pseudonymised answer gives away the name as the source wrote it.
#include <filesystem>
#include <memory>
#include <string>

#include "coigraph/v1/finding.pb.h"
#include "gtest/gtest.h"
#include "loaders/goszakup/import_goszakup.h"
#include "service/case_store.h"
#include "service/coigraph_api.h"
#include "service/convert.h"
#include "service/pseudonyms.h"
#include "service/snapshot_holder.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

constexpr char kListed[] = "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ";

TEST(EvidenceTest, ANameMatchedCaseKeepsItsEvidenceAndHidesTheName) {
  const std::string scenario =
      std::string(COIGRAPH_SOURCE_DIR) + "/tests/testdata/goszakup/scenario";
  const std::string feed = testing::FreshPath("feed");
  absl::StatusOr<loaders::goszakup::ImportReport> imported = loaders::goszakup::ImportGoszakup(
      {.in_dir = scenario + "/in", .out_dir = feed, .merge_dir = scenario + "/civil"});
  ASSERT_TRUE(imported.ok()) << imported.status();

  const std::string db = testing::FreshPath("db");
  std::unique_ptr<SqliteCaseStore> cases =
      std::move(SqliteCaseStore::Open(db, KnownCaseVocabulary()).value());
  SnapshotHolder holder;
  const absl::Time t0 = absl::FromUnixSeconds(1700000000);
  ASSERT_TRUE(LoadAndSwap(feed, holder, *cases, t0).ok());
  // Twice: the second scan updates the stored case rather than inserting it.
  ASSERT_TRUE(LoadAndSwap(feed, holder, *cases, t0 + absl::Hours(1)).ok());

  const std::string id = CaseIdOf("TENDER_COMMISSION", "5001", "700512301018", "110540030031");
  absl::StatusOr<CaseRecord> stored = cases->Get(id);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->facts.matched_name, kListed);
  EXPECT_GE(stored->facts.match_score, 0.85);
  EXPECT_EQ(stored->facts.severity, "medium");

  v1::Finding f;
  CaseFactsToFinding(stored->facts, &f);
  EXPECT_EQ(f.evidence(), "name_matched");
  EXPECT_EQ(f.matched_name(), kListed);
  EXPECT_DOUBLE_EQ(f.match_score(), stored->facts.match_score);

  v1::Finding redacted = f;
  RedactFinding(&redacted);
  EXPECT_EQ(redacted.evidence(), "name_matched");  // what it rests on is no identity
  EXPECT_EQ(redacted.matched_name(), "");
  v1::Finding pseudonymised = f;
  Pseudonymiser("salt").Finding(&pseudonymised);
  EXPECT_EQ(pseudonymised.evidence(), "name_matched");
  EXPECT_EQ(pseudonymised.matched_name(), "");
  EXPECT_EQ(pseudonymised.SerializeAsString().find(kListed), std::string::npos);

  // Every other case of the feed rests on registries.
  absl::StatusOr<CasePage> page = cases->List({.page_size = 100});
  ASSERT_TRUE(page.ok());
  for (const CaseRecord& r : page->cases) {
    v1::Finding other;
    CaseFactsToFinding(r.facts, &other);
    EXPECT_EQ(other.evidence(), r.facts.case_id == id ? "name_matched" : "registry");
  }
}

}  // namespace
}  // namespace coigraph::service
