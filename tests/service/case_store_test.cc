#include "service/case_store.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "service/field_errors.h"
#include "service/sqlite_db.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

using testing::FreshPath;

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);  // 2023-11-14T22:13:20Z

CaseFacts Facts(std::string rule, std::string object_id, std::string official,
                std::string counterparty, std::string date, std::string official_name = "",
                std::string counterparty_name = "") {
  CaseFacts f;
  f.case_id = CaseIdOf(rule, object_id, official, counterparty);
  f.rule = std::move(rule);
  f.sphere = f.rule.starts_with("HIRE") ? "hiring" : "procurement";
  f.object_id = std::move(object_id);
  f.official = std::move(official);
  f.counterparty = std::move(counterparty);
  f.official_name = std::move(official_name);
  f.counterparty_name = std::move(counterparty_name);
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

// The names are in Cyrillic only; A's Russian explanation also has the official's short name.
const CaseFacts kA = [] {
  CaseFacts f = Facts("HIRE_SUBORDINATION", "POS-2", "800101300011", "820202400022", "2023-01-10",
                      "Жұмабаев Марат Қайратұлы", "Ахметова Әлия Серікқызы");
  f.explanation_ru = "Руководитель Жұмабаев М.Қ. — супруг подчинённой Ахметовой Ә.С.";
  return f;
}();
const CaseFacts kB = Facts("TENDER_COMMISSION", "T-1", "800101300011", "990340005678", "2023-03-01",
                           "Жұмабаев Марат Қайратұлы", "ТОО «Алтын Құрылыс»");
const CaseFacts kC = Facts("HIRE_CHAIN", "POS-3", "790303300044", "850505300033", "2022-06-01",
                           "Хасенов Ерлан Бауыржанұлы", "Жумабекова Дана Ерланқызы");

const CaseVocabulary kVocabulary = {
    .rules = {"HIRE_SUBORDINATION", "HIRE_CHAIN", "TENDER_COMMISSION"},
    .spheres = {"hiring", "procurement", "land"},
    .severities = {"critical", "high", "medium", "low"},
};

std::unique_ptr<SqliteCaseStore> OpenStore(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteCaseStore>> store = SqliteCaseStore::Open(path, kVocabulary);
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
}

// The ids of a page, in order.
std::vector<std::string> Ids(const absl::StatusOr<CasePage>& page) {
  EXPECT_TRUE(page.ok()) << page.status();
  std::vector<std::string> ids;
  if (page.ok()) {
    for (const CaseRecord& c : page->cases) ids.push_back(c.facts.case_id);
  }
  return ids;
}

std::vector<std::string> Search(SqliteCaseStore& store, const std::string& text) {
  CaseFilter f;
  f.text = text;
  return Ids(store.List(f));
}

using IdList = std::vector<std::string>;

TEST(CaseStoreTest, TextSearchMeetsCyrillicAndLatinSpellings) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA, kB, kC}, kT0).ok());
  const IdList a_and_b = {kB.case_id, kA.case_id};  // newest finding first
  // The stored names are Cyrillic only.
  EXPECT_EQ(Search(*store, "Жұмабаев"), a_and_b);
  EXPECT_EQ(Search(*store, "жумабаев"), a_and_b);  // Russian spelling, lower case
  EXPECT_EQ(Search(*store, "zhumabaev"), a_and_b);
  EXPECT_EQ(Search(*store, "ZHUMABAYEV"), a_and_b);
  EXPECT_EQ(Search(*store, "Jumabaev"), a_and_b);
  EXPECT_EQ(Search(*store, "Zhumabaev Marat"), a_and_b);
  // The short name is only in A's explanation.
  EXPECT_EQ(Search(*store, "ZHUMABAYEV M.K."), IdList{kA.case_id});
  EXPECT_EQ(Search(*store, "aliya"), IdList{kA.case_id});
  EXPECT_EQ(Search(*store, "altyn kurylys"), IdList{kB.case_id});
  EXPECT_EQ(Search(*store, "YERLAN"), (IdList{kC.case_id}));  // Ерлан and Ерланқызы, both C
  EXPECT_EQ(Search(*store, "Khasenov"), IdList{kC.case_id});
  // "Жумабекова" shares "Жумаб" with "Жұмабаев" but is not it.
  EXPECT_EQ(Search(*store, "Zhumabekova"), IdList{kC.case_id});
  EXPECT_EQ(Search(*store, "Жумабаева"), IdList{});
  // Other texts of a case: rule, relation, object id.
  EXPECT_EQ(Search(*store, "tender_commission"), IdList{kB.case_id});
  EXPECT_EQ(Search(*store, "pos-"), (IdList{kA.case_id, kC.case_id}));
  // Only white space: no filter.
  EXPECT_EQ(Search(*store, "  "), (IdList{kB.case_id, kA.case_id, kC.case_id}));
}

TEST(CaseStoreTest, TextSearchFindsIinSubstrings) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA, kB, kC}, kT0).ok());
  EXPECT_EQ(Search(*store, "800101"), (IdList{kB.case_id, kA.case_id}));
  EXPECT_EQ(Search(*store, "0303300"), IdList{kC.case_id});
  EXPECT_EQ(Search(*store, "990340005678"), IdList{kB.case_id});
  EXPECT_EQ(Search(*store, "400022"), IdList{kA.case_id});  // 820202400022
}

TEST(CaseStoreTest, TextSearchSeesNoteAndAssigneeAfterUpdate) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA, kB, kC}, kT0).ok());
  EXPECT_EQ(Search(*store, "kadrov"), IdList{});
  ASSERT_TRUE(store
                  ->Update(kC.case_id, {.note = std::string("Запрос в отдел кадров"),
                                        .assignee = std::string("Айгерім"),
                                        .actor = "bolat",
                                        .role = "ethics_commissioner",
                                        .time = kT0})
                  .ok());
  EXPECT_EQ(Search(*store, "kadrov"), IdList{kC.case_id});
  EXPECT_EQ(Search(*store, "AYGERIM"), IdList{kC.case_id});
  // A later scan keeps the note and assignee in the key.
  ASSERT_TRUE(store->RecordScan({kA, kB, kC}, kT0 + absl::Hours(1)).ok());
  EXPECT_EQ(Search(*store, "kadrov"), IdList{kC.case_id});
}

TEST(CaseStoreTest, ListFiltersBySeverityAssigneeAndFirstSeen) {
  auto store = OpenStore(FreshPath("db"));
  CaseFacts a = kA;
  a.severity = "critical";
  ASSERT_TRUE(store->RecordScan({a, kB}, kT0).ok());                        // first seen 2023-11-14
  ASSERT_TRUE(store->RecordScan({a, kB, kC}, kT0 + absl::Hours(24)).ok());  // C: 2023-11-15
  ASSERT_TRUE(store
                  ->Update(kB.case_id, {.assignee = std::string("aigerim"),
                                        .actor = "bolat",
                                        .role = "ethics_commissioner",
                                        .time = kT0})
                  .ok());

  CaseFilter f;
  f.severities = {"critical"};
  EXPECT_EQ(Ids(store->List(f)), IdList{kA.case_id});
  f.severities = {"high", "low"};
  EXPECT_EQ(Ids(store->List(f)), (IdList{kB.case_id, kC.case_id}));

  f = CaseFilter();
  f.assignee = "aigerim";
  EXPECT_EQ(Ids(store->List(f)), IdList{kB.case_id});
  f.assignee = "aiger";  // exact, not a substring
  EXPECT_EQ(Ids(store->List(f)), IdList{});

  f = CaseFilter();
  f.first_seen_to = "2023-11-14";  // inclusive: the whole day
  EXPECT_EQ(Ids(store->List(f)), (IdList{kB.case_id, kA.case_id}));
  f.first_seen_to = "2023-11-13";
  EXPECT_EQ(Ids(store->List(f)), IdList{});
  f = CaseFilter();
  f.first_seen_from = "2023-11-15";
  EXPECT_EQ(Ids(store->List(f)), IdList{kC.case_id});
  f.first_seen_from = "2023-11-14";
  f.first_seen_to = "2023-11-15";
  EXPECT_EQ(Ids(store->List(f)), (IdList{kB.case_id, kA.case_id, kC.case_id}));
  f.first_seen_from = "2023-11-16";
  f.first_seen_to = "";
  EXPECT_EQ(Ids(store->List(f)), IdList{});
}

// The field a List() error names, "" when it names none, "ok" when List() succeeded.
std::string FieldOf(SqliteCaseStore& store, const CaseFilter& f) {
  absl::StatusOr<CasePage> page = store.List(f);
  if (page.ok()) return "ok";
  EXPECT_TRUE(absl::IsInvalidArgument(page.status())) << page.status();
  return ViolatedField(page.status()).value_or("");
}

TEST(CaseStoreTest, UnknownFilterValuesAreErrorsNamingTheField) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA}, kT0).ok());
  CaseFilter f;
  f.sphere = "hire";
  EXPECT_EQ(FieldOf(*store, f), "sphere");
  EXPECT_EQ(store->List(f).status().message(),
            "sphere: unknown sphere \"hire\" (known: hiring, procurement, land)");
  f = CaseFilter();
  f.rule = "hire_subordination";  // names are exact
  EXPECT_EQ(FieldOf(*store, f), "rule");
  f = CaseFilter();
  f.severities = {"high", "severe"};
  EXPECT_EQ(FieldOf(*store, f), "severities");
  f.severities = {""};
  EXPECT_EQ(FieldOf(*store, f), "severities");
  for (const auto& [name, field] :
       {std::pair{"date_from", &CaseFilter::date_from}, std::pair{"date_to", &CaseFilter::date_to},
        std::pair{"first_seen_from", &CaseFilter::first_seen_from},
        std::pair{"first_seen_to", &CaseFilter::first_seen_to}}) {
    for (const char* bad : {"2023-02-30", "15.11.2023", "2023-11-15T00:00:00Z"}) {
      f = CaseFilter();
      f.*field = bad;
      EXPECT_EQ(FieldOf(*store, f), name) << bad;
    }
  }
  f = CaseFilter();
  f.page_size = 0;
  EXPECT_EQ(FieldOf(*store, f), "page_size");
  f.page_size = 501;
  EXPECT_EQ(FieldOf(*store, f), "page_size");
  f.page_size = 10;
  f.page_token = "x";
  EXPECT_EQ(FieldOf(*store, f), "page_token");
  // Known values that match nothing are an empty page, not an error.
  f = CaseFilter();
  f.sphere = "land";
  f.rule = "HIRE_CHAIN";
  f.severities = {"low"};
  EXPECT_EQ(FieldOf(*store, f), "ok");
}

TEST(CaseStoreTest, CountsLeaveOutTheirOwnFilter) {
  auto store = OpenStore(FreshPath("db"));
  CaseFacts d = Facts("HIRE_CHAIN", "POS-4", "800101300011", "860606300055", "2023-05-05");
  ASSERT_TRUE(store->RecordScan({kA, kB, kC, d}, kT0).ok());
  for (const auto& [id, status] : {std::pair{kA.case_id, CaseStatus::kConfirmed},
                                   std::pair{kB.case_id, CaseStatus::kConfirmed},
                                   std::pair{kC.case_id, CaseStatus::kDismissed}}) {
    ASSERT_TRUE(store->Update(id, {.status = status, .time = kT0}).ok());
  }
  // hiring: A CONFIRMED, C DISMISSED, D NEW; procurement: B CONFIRMED.
  CaseFilter f;
  f.sphere = "hiring";
  f.statuses = {CaseStatus::kConfirmed};
  absl::StatusOr<CasePage> page = store->List(f);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(Ids(page), IdList{kA.case_id});
  EXPECT_EQ(page->total_count, 1);
  const std::map<CaseStatus, int64_t> hiring_by_status = {
      {CaseStatus::kNew, 1},       {CaseStatus::kInReview, 0}, {CaseStatus::kConfirmed, 1},
      {CaseStatus::kDismissed, 1}, {CaseStatus::kResolved, 0},
  };
  EXPECT_EQ(page->counts_by_status, hiring_by_status);
  const std::map<std::string, int64_t> confirmed_by_sphere = {
      {"hiring", 1}, {"land", 0}, {"procurement", 1}};
  EXPECT_EQ(page->counts_by_sphere, confirmed_by_sphere);

  // With a text filter too: "Жұмабаев" is the official of A and B only (D has no names).
  f.text = "zhumabaev";
  page = store->List(f);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->total_count, 1);
  EXPECT_EQ(page->counts_by_status.at(CaseStatus::kConfirmed), 1);
  EXPECT_EQ(page->counts_by_status.at(CaseStatus::kNew), 0);
  EXPECT_EQ(page->counts_by_sphere.at("procurement"), 1);

  // Two statuses: the total is theirs together; the counts are unchanged.
  f = CaseFilter();
  f.statuses = {CaseStatus::kNew, CaseStatus::kDismissed};
  page = store->List(f);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Ids(page), (IdList{d.case_id, kC.case_id}));
  EXPECT_EQ(page->total_count, 2);
  EXPECT_EQ(page->counts_by_status.at(CaseStatus::kConfirmed), 2);
  const std::map<std::string, int64_t> new_or_dismissed_by_sphere = {
      {"hiring", 2}, {"land", 0}, {"procurement", 0}};
  EXPECT_EQ(page->counts_by_sphere, new_or_dismissed_by_sphere);
}

// The `cases` table as the store made it before names and search keys.
constexpr char kOldSchema[] = R"sql(
CREATE TABLE cases(
  case_id TEXT PRIMARY KEY, rule TEXT NOT NULL, sphere TEXT NOT NULL, object_id TEXT NOT NULL,
  official TEXT NOT NULL, counterparty TEXT NOT NULL, finding_date TEXT NOT NULL,
  relation TEXT NOT NULL, severity TEXT NOT NULL, explanation_ru TEXT NOT NULL,
  explanation_en TEXT NOT NULL, organization_bin TEXT NOT NULL, organization_name TEXT NOT NULL,
  region TEXT NOT NULL, status INTEGER NOT NULL, assignee TEXT NOT NULL, note TEXT NOT NULL,
  active INTEGER NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
  scan INTEGER NOT NULL
);
CREATE INDEX cases_by_date ON cases(finding_date DESC, case_id);
CREATE TABLE case_history(
  id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL REFERENCES cases(case_id),
  time TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, field TEXT NOT NULL,
  old_value TEXT NOT NULL, new_value TEXT NOT NULL
);
CREATE INDEX case_history_by_case ON case_history(case_id, id);
CREATE TABLE store_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO store_meta VALUES('scan', 1);
)sql";

TEST(CaseStoreTest, OpenMigratesAnOldDatabaseAndKeysItsCases) {
  const std::string path = FreshPath("db");
  {
    absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->Exec(kOldSchema).ok());
    absl::StatusOr<SqliteStatement> st = (*db)->Prepare(
        "INSERT INTO cases VALUES(?1, 'HIRE_SUBORDINATION', 'hiring', 'POS-2', '800101300011',"
        " '820202400022', '2023-01-10', 'spouse', 'high', ?2, 'Head of unit', '990340001234',"
        " 'Акимат', 'Almaty', 3, 'Айгерім', '', 1, '2023-11-14T22:13:20.000Z',"
        " '2023-11-14T22:13:20.000Z', 1)");
    ASSERT_TRUE(st.ok()) << st.status();
    st->Bind(1, kA.case_id);
    st->Bind(2, kA.explanation_ru);
    ASSERT_TRUE(st->Run().ok());
  }

  auto store = OpenStore(path);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<CaseRecord> a = store->Get(kA.case_id);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->status, CaseStatus::kConfirmed);
  EXPECT_EQ(a->facts.official_name, "");  // until a scan finds it again
  // The backfilled key has the explanation's short name, the organization and the assignee.
  EXPECT_EQ(Search(*store, "zhumabayev m.k."), IdList{kA.case_id});
  EXPECT_EQ(Search(*store, "akimat"), IdList{kA.case_id});
  EXPECT_EQ(Search(*store, "aygerim"), IdList{kA.case_id});
  EXPECT_EQ(Search(*store, "Marat"), IdList{});

  // The next scan brings the names; status and assignee stay.
  ASSERT_TRUE(store->RecordScan({kA}, kT0 + absl::Hours(1)).ok());
  a = store->Get(kA.case_id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->facts.official_name, "Жұмабаев Марат Қайратұлы");
  EXPECT_EQ(a->status, CaseStatus::kConfirmed);
  EXPECT_EQ(Search(*store, "Marat"), IdList{kA.case_id});
  EXPECT_EQ(Search(*store, "aygerim"), IdList{kA.case_id});
  store.reset();

  // Opening again changes nothing.
  store = OpenStore(path);
  EXPECT_EQ(Search(*store, "Marat"), IdList{kA.case_id});
}

// More than the allowed share of active cases would become inactive: refused, nothing changed.
TEST(CaseStoreTest, ScanThatWouldMakeTooManyCasesInactiveChangesNothing) {
  auto store = OpenStore(FreshPath("db"));
  ASSERT_TRUE(store->RecordScan({kA, kB, kC}, kT0).ok());
  // One of three (33 %) would go: more than 20 %.
  absl::StatusOr<ScanSummary> s = store->RecordScan({kA, kB}, kT0 + absl::Hours(1), 0.2);
  ASSERT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("would make 1 of 3 active cases inactive (33.3 %)"),
            std::string::npos)
      << s.status();
  absl::StatusOr<CaseRecord> c = store->Get(kC.case_id);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->active);
  // Within the limit it records as always.
  s = store->RecordScan({kA, kB}, kT0 + absl::Hours(2), 0.5);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->disappeared, 1);
}

}  // namespace
}  // namespace coigraph::service
