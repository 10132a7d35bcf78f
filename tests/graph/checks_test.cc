// The checks of one decision (graph/checks.h) on the hand-made feeds of tests/testdata/rules/:
// a check judges the decision on its date, and a recorded decision is judged as the scan does.
#include "graph/checks.h"

#include <memory>
#include <string>
#include <vector>

#include "graph/rules.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"

namespace coigraph::graph {
namespace {

std::shared_ptr<const Snapshot> Load(const std::string& name) {
  absl::StatusOr<loaders::LoadedFeed> feed =
      loaders::LoadSnapshot(std::string(COIGRAPH_TESTDATA_DIR) + "/rules/" + name);
  EXPECT_TRUE(feed.ok()) << feed.status();
  return feed.ok() ? feed->snapshot : nullptr;
}

Date Day(const char* iso) { return *ParseIsoDate(iso); }

// Ахметов holds P-HEAD from 2018; Ахметова takes P-DEP (below it) on 2019-06-01; they marry on
// 2021-08-14. The scan dates the conflict at the marriage.
TEST(CheckHireTest, JudgesTheHoldersAndTheTieOnTheDate) {
  std::shared_ptr<const Snapshot> s = Load("hire_subordination_married_after_hiring");
  ASSERT_NE(s, nullptr);
  const PersonIndex wife = *s->FindPerson(720520400013);
  const PositionIndex dep = *s->FindPosition("P-DEP");
  // Hired before the marriage: no tie on that day (the marriage is the scan's finding).
  EXPECT_TRUE(
      CheckHire(*s, {.candidate = wife, .position = dep, .date = Day("2019-06-01")}).empty());
  // Checked after the marriage: the husband above holds his post and is her spouse that day.
  const std::vector<Finding> after =
      CheckHire(*s, {.candidate = wife, .position = dep, .date = Day("2022-01-10")});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].rule, Rule::kHireSubordination);
  EXPECT_EQ(after[0].date, Day("2022-01-10"));
  EXPECT_EQ(after[0].relation, "spouse");
  EXPECT_EQ(after[0].scope.official_post, *s->FindPosition("P-HEAD"));
}

// A holder who takes the post above only after the date asked about is not counted.
TEST(CheckHireTest, LaterHoldersAreNotCounted) {
  std::shared_ptr<const Snapshot> s = Load("hire_subordination_married_after_hiring");
  ASSERT_NE(s, nullptr);
  const PersonIndex husband = *s->FindPerson(700315300019);
  // The husband as a candidate for the head post on a day before his wife took the post below
  // it (2019) and before they married (2021): nobody below is his kin on that day. (Before,
  // the check answered the conflict of 2021-08-14.)
  EXPECT_TRUE(CheckHire(*s, {.candidate = husband,
                             .position = *s->FindPosition("P-HEAD"),
                             .date = Day("2017-06-01")})
                  .empty());
}

// CheckAllocation of the decision the feeds record: its decision_id, the scan's findings.
TEST(CheckAllocationTest, ARecordedDecisionKeepsItsId) {
  std::shared_ptr<const Snapshot> s = Load("land_queue_jump");
  ASSERT_NE(s, nullptr);
  const CommissionIndex lc = *s->FindCommission("LC-1");
  const PersonIndex son = *s->FindPerson(950210300019);
  const std::vector<Finding> checked = CheckAllocation(*s, lc, son, Day("2023-03-01"));
  const std::vector<Finding> scanned = RunRules(*s, AllRules());
  ASSERT_EQ(checked.size(), scanned.size());
  for (size_t i = 0; i < checked.size(); ++i) {
    EXPECT_EQ(checked[i].object_id, "D-Q1");
    EXPECT_EQ(checked[i].rule, scanned[i].rule);
    EXPECT_EQ(checked[i].official, scanned[i].official);
    EXPECT_EQ(checked[i].explanation_en, scanned[i].explanation_en);
  }
  // Another day: a hypothetical decision, no id.
  const std::vector<Finding> other = CheckAllocation(*s, lc, son, Day("2023-03-02"));
  ASSERT_FALSE(other.empty());
  for (const Finding& f : other) EXPECT_EQ(f.object_id, "");
}

}  // namespace
}  // namespace coigraph::graph
