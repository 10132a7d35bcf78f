#include "service/case_store.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

using testing::FreshPath;

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);  // 2023-11-14T22:13:20Z

CaseFacts Facts(std::string rule, std::string object_id, std::string official,
                std::string counterparty, std::string date) {
  CaseFacts f;
  f.case_id = CaseIdOf(rule, object_id, official, counterparty);
  f.rule = std::move(rule);
  f.sphere = f.rule.starts_with("HIRE") ? "hiring" : "procurement";
  f.object_id = std::move(object_id);
  f.official = std::move(official);
  f.counterparty = std::move(counterparty);
  f.date = std::move(date);
  f.relation = "spouse";
  f.severity = "high";
  f.explanation_ru = "Начальник отдела — супруг подчинённого";
  f.explanation_en = "Head of unit is the spouse of a subordinate";
  f.organization_bin = "990340001234";
  f.organization_name = "Акимат";
  f.region = "Almaty";
  return f;
}

const CaseFacts kA =
    Facts("HIRE_SUBORDINATION", "POS-2", "800101300011", "820202400022", "2023-01-10");
const CaseFacts kB =
    Facts("TENDER_COMMISSION", "T-1", "800101300011", "990340005678", "2023-03-01");
const CaseFacts kC = Facts("HIRE_CHAIN", "POS-3", "800101300011", "850505300033", "2022-06-01");

std::unique_ptr<SqliteCaseStore> OpenStore(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteCaseStore>> store = SqliteCaseStore::Open(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

TEST(CaseIdTest, StableAndDistinct) {
  EXPECT_EQ(CaseIdOf("HIRE_CHAIN", "P1", "1", "2"), CaseIdOf("HIRE_CHAIN", "P1", "1", "2"));
  EXPECT_NE(CaseIdOf("HIRE_CHAIN", "P1", "1", "2"), CaseIdOf("HIRE_CHAIN", "P1", "2", "1"));
  EXPECT_EQ(CaseIdOf("HIRE_CHAIN", "P1", "1", "2").size(), 22u);
  EXPECT_TRUE(CaseIdOf("HIRE_CHAIN", "P1", "1", "2").starts_with("C-"));
}

TEST(CaseStoreTest, FirstScanCreatesNewCases) {
  auto store = OpenStore(FreshPath("db"));
  absl::StatusOr<ScanSummary> s = store->RecordScan({kA, kB}, kT0);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->created, 2);
  EXPECT_EQ(s->seen_again, 0);
  EXPECT_EQ(s->disappeared, 0);
  absl::StatusOr<CaseRecord> a = store->Get(kA.case_id);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->status, CaseStatus::kNew);
  EXPECT_TRUE(a->active);
  EXPECT_EQ(a->facts.rule, "HIRE_SUBORDINATION");
  EXPECT_EQ(a->facts.explanation_ru, kA.explanation_ru);
  EXPECT_EQ(a->first_seen, "2023-11-14T22:13:20.000Z");
}

TEST(CaseStoreTest, UpsertKeepsStatusAndMarksDisappeared) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA, kB}, kT0).ok());
  ASSERT_TRUE(store
                  ->Update(kA.case_id, {.status = CaseStatus::kConfirmed,
                                        .actor = "aigerim",
                                        .role = "ethics_commissioner",
                                        .time = kT0 + absl::Hours(1)})
                  .ok());

  CaseFacts a2 = kA;
  a2.severity = "critical";  // facts may change between scans; the status stays
  absl::StatusOr<ScanSummary> s = store->RecordScan({a2, kC}, kT0 + absl::Hours(2));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->created, 1);
  EXPECT_EQ(s->seen_again, 1);
  EXPECT_EQ(s->disappeared, 1);

  absl::StatusOr<CaseRecord> a = store->Get(kA.case_id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status, CaseStatus::kConfirmed);
  EXPECT_EQ(a->facts.severity, "critical");
  EXPECT_EQ(a->first_seen, "2023-11-14T22:13:20.000Z");
  EXPECT_EQ(a->last_seen, "2023-11-15T00:13:20.000Z");
  absl::StatusOr<CaseRecord> b = store->Get(kB.case_id);
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->active);

  // B comes back: same case, still NEW, and its history says so.
  s = store->RecordScan({kA, kB, kC}, kT0 + absl::Hours(3));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->created, 0);
  EXPECT_EQ(s->seen_again, 3);
  absl::StatusOr<std::vector<CaseEvent>> h = store->History(kB.case_id);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 3u);
  EXPECT_EQ((*h)[0].field, "created");
  EXPECT_EQ((*h)[1].field, "disappeared");
  EXPECT_EQ((*h)[2].field, "reappeared");
}

TEST(CaseStoreTest, UpdateRecordsWhoChangedWhatWhen) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA}, kT0).ok());
  absl::StatusOr<CaseRecord> r =
      store->Update(kA.case_id, {.status = CaseStatus::kInReview,
                                 .note = std::string("asked HR for the order"),
                                 .assignee = std::string("aigerim"),
                                 .actor = "bolat",
                                 .role = "ethics_commissioner",
                                 .time = kT0 + absl::Minutes(5)});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, CaseStatus::kInReview);
  EXPECT_EQ(r->assignee, "aigerim");
  // The same values again change nothing and add no event.
  ASSERT_TRUE(store
                  ->Update(kA.case_id, {.status = CaseStatus::kInReview,
                                        .actor = "bolat",
                                        .role = "ethics_commissioner",
                                        .time = kT0 + absl::Minutes(6)})
                  .ok());

  absl::StatusOr<std::vector<CaseEvent>> h = store->History(kA.case_id);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 4u);
  EXPECT_EQ((*h)[0].field, "created");
  EXPECT_EQ((*h)[0].actor, "system");
  const CaseEvent& status = (*h)[1];
  EXPECT_EQ(status.field, "status");
  EXPECT_EQ(status.old_value, "NEW");
  EXPECT_EQ(status.new_value, "IN_REVIEW");
  EXPECT_EQ(status.actor, "bolat");
  EXPECT_EQ(status.role, "ethics_commissioner");
  EXPECT_EQ(status.time, "2023-11-14T22:18:20.000Z");
  EXPECT_EQ((*h)[2].field, "note");
  EXPECT_EQ((*h)[2].new_value, "asked HR for the order");
  EXPECT_EQ((*h)[3].field, "assignee");
  EXPECT_EQ((*h)[3].new_value, "aigerim");
}

TEST(CaseStoreTest, UnknownCaseIsNotFound) {
  auto store = OpenStore(FreshPath("db"));
  EXPECT_TRUE(absl::IsNotFound(store->Get("C-00000000000000000000").status()));
  EXPECT_TRUE(absl::IsNotFound(store->History("C-0").status()));
  EXPECT_TRUE(absl::IsNotFound(
      store->Update("C-0", {.status = CaseStatus::kResolved, .time = kT0}).status()));
}

TEST(CaseStoreTest, SurvivesReopen) {
  const std::string path = FreshPath("db");
  {
    auto store = OpenStore(path);
    ASSERT_TRUE(store->RecordScan({kA, kB}, kT0).ok());
    ASSERT_TRUE(store
                    ->Update(kB.case_id, {.status = CaseStatus::kDismissed,
                                          .note = std::string("registry error"),
                                          .actor = "bolat",
                                          .role = "ethics_commissioner",
                                          .time = kT0})
                    .ok());
  }
  auto store = OpenStore(path);
  absl::StatusOr<CaseRecord> b = store->Get(kB.case_id);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->status, CaseStatus::kDismissed);
  EXPECT_EQ(b->note, "registry error");
  // A scan after the restart finds B again: it stays DISMISSED.
  ASSERT_TRUE(store->RecordScan({kA, kB}, kT0 + absl::Hours(24)).ok());
  EXPECT_EQ(store->Get(kB.case_id)->status, CaseStatus::kDismissed);
  absl::StatusOr<std::map<CaseStatus, int64_t>> counts = store->CountByStatus();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)[CaseStatus::kNew], 1);
  EXPECT_EQ((*counts)[CaseStatus::kDismissed], 1);
}

TEST(CaseStoreTest, ListFiltersAndPages) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA, kB, kC}, kT0).ok());

  CaseFilter all;
  all.page_size = 2;
  absl::StatusOr<CasePage> p1 = store->List(all);
  ASSERT_TRUE(p1.ok()) << p1.status();
  EXPECT_EQ(p1->total_count, 3);
  ASSERT_EQ(p1->cases.size(), 2u);
  EXPECT_EQ(p1->cases[0].facts.case_id, kB.case_id);  // newest finding date first
  EXPECT_EQ(p1->cases[1].facts.case_id, kA.case_id);
  all.page_token = p1->next_page_token;
  absl::StatusOr<CasePage> p2 = store->List(all);
  ASSERT_TRUE(p2.ok());
  ASSERT_EQ(p2->cases.size(), 1u);
  EXPECT_EQ(p2->cases[0].facts.case_id, kC.case_id);
  EXPECT_EQ(p2->next_page_token, "");

  CaseFilter hiring;
  hiring.sphere = "hiring";
  hiring.date_from = "2023-01-01";
  absl::StatusOr<CasePage> h = store->List(hiring);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->cases.size(), 1u);
  EXPECT_EQ(h->cases[0].facts.case_id, kA.case_id);

  CaseFilter text;
  text.text = "990340005678";
  ASSERT_EQ(store->List(text)->cases.size(), 1u);

  CaseFilter confirmed;
  confirmed.statuses = {CaseStatus::kConfirmed};
  EXPECT_EQ(store->List(confirmed)->total_count, 0);

  CaseFilter bad;
  bad.page_size = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(store->List(bad).status()));
  bad.page_size = 10;
  bad.page_token = "x";
  EXPECT_TRUE(absl::IsInvalidArgument(store->List(bad).status()));
}

}  // namespace
}  // namespace coigraph::service
