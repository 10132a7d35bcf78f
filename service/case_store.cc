#include "service/case_store.h"

#include <sqlite3.h>
#include <string.h>  // NOLINT(modernize-deprecated-headers): memmem is POSIX, not in <cstring>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/latin_fold.h"
#include "base/sha256.h"
#include "base/text.h"
#include "graph/date.h"
#include "service/audit_log.h"
#include "service/field_errors.h"
#include "service/limits.h"
#include "service/sqlite_db.h"

namespace coigraph::service {

namespace {

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS cases(
  case_id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  sphere TEXT NOT NULL,
  object_id TEXT NOT NULL,
  official TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  finding_date TEXT NOT NULL,
  relation TEXT NOT NULL,
  severity TEXT NOT NULL,
  explanation_ru TEXT NOT NULL,
  explanation_en TEXT NOT NULL,
  organization_bin TEXT NOT NULL,
  organization_name TEXT NOT NULL,
  region TEXT NOT NULL,
  status INTEGER NOT NULL,
  assignee TEXT NOT NULL,
  note TEXT NOT NULL,
  active INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  scan INTEGER NOT NULL,
  official_name TEXT NOT NULL DEFAULT '',
  counterparty_name TEXT NOT NULL DEFAULT '',
  search_key TEXT NOT NULL DEFAULT '',
  explanation_kk TEXT NOT NULL DEFAULT '',
  match_score_milli INTEGER NOT NULL DEFAULT 0,
  matched_name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS case_history(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases(case_id),
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS case_history_by_case ON case_history(case_id, id);
CREATE TABLE IF NOT EXISTS store_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql";

constexpr char kCaseColumns[] =
    "SELECT case_id, rule, sphere, object_id, official, counterparty, finding_date, relation,"
    " severity, explanation_ru, explanation_en, organization_bin, organization_name, region,"
    " status, assignee, note, active, first_seen, last_seen, official_name, counterparty_name,"
    " explanation_kk, match_score_milli, matched_name FROM cases";

// Columns added after the first schema, with how to add them to an older table.
constexpr const char* kAddedColumns[][2] = {
    {"official_name", "ALTER TABLE cases ADD COLUMN official_name TEXT NOT NULL DEFAULT ''"},
    {"counterparty_name",
     "ALTER TABLE cases ADD COLUMN counterparty_name TEXT NOT NULL DEFAULT ''"},
    {"search_key", "ALTER TABLE cases ADD COLUMN search_key TEXT NOT NULL DEFAULT ''"},
    {"explanation_kk", "ALTER TABLE cases ADD COLUMN explanation_kk TEXT NOT NULL DEFAULT ''"},
    {"match_score_milli",
     "ALTER TABLE cases ADD COLUMN match_score_milli INTEGER NOT NULL DEFAULT 0"},
    {"matched_name", "ALTER TABLE cases ADD COLUMN matched_name TEXT NOT NULL DEFAULT ''"},
};

// The version of base::FoldToLatin the stored search keys were made with (store_meta
// 'search_fold'); raise it whenever the fold changes, and Open() makes every key again.
constexpr int64_t kSearchFoldVersion = 1;

CaseRecord CaseFromRow(const SqliteStatement& st) {
  CaseRecord c;
  c.facts.case_id = st.ColumnText(0);
  c.facts.rule = st.ColumnText(1);
  c.facts.sphere = st.ColumnText(2);
  c.facts.object_id = st.ColumnText(3);
  c.facts.official = st.ColumnText(4);
  c.facts.counterparty = st.ColumnText(5);
  c.facts.date = st.ColumnText(6);
  c.facts.relation = st.ColumnText(7);
  c.facts.severity = st.ColumnText(8);
  c.facts.explanation_ru = st.ColumnText(9);
  c.facts.explanation_en = st.ColumnText(10);
  c.facts.organization_bin = st.ColumnText(11);
  c.facts.organization_name = st.ColumnText(12);
  c.facts.region = st.ColumnText(13);
  c.status = CaseStatusFromInt(st.ColumnInt(14)).value_or(CaseStatus::kNew);
  c.assignee = st.ColumnText(15);
  c.note = st.ColumnText(16);
  c.active = st.ColumnInt(17) != 0;
  c.first_seen = st.ColumnText(18);
  c.last_seen = st.ColumnText(19);
  c.facts.official_name = st.ColumnText(20);
  c.facts.counterparty_name = st.ColumnText(21);
  c.facts.explanation_kk = st.ColumnText(22);
  c.facts.match_score = static_cast<double>(st.ColumnInt(23)) / 1000.0;
  c.facts.matched_name = st.ColumnText(24);
  return c;
}

// Binds the fact columns: case_id and 13 more to ?1..?14, the names to ?17 and ?18, the Kazakh
// explanation to ?20, the name match to ?21 and ?22.
void BindFacts(SqliteStatement& st, const CaseFacts& f) {
  st.Bind(1, f.case_id);
  st.Bind(2, f.rule);
  st.Bind(3, f.sphere);
  st.Bind(4, f.object_id);
  st.Bind(5, f.official);
  st.Bind(6, f.counterparty);
  st.Bind(7, f.date);
  st.Bind(8, f.relation);
  st.Bind(9, f.severity);
  st.Bind(10, f.explanation_ru);
  st.Bind(11, f.explanation_en);
  st.Bind(12, f.organization_bin);
  st.Bind(13, f.organization_name);
  st.Bind(14, f.region);
  st.Bind(17, f.official_name);
  st.Bind(18, f.counterparty_name);
  st.Bind(20, f.explanation_kk);
  st.Bind(21, static_cast<int64_t>(std::llround(f.match_score * 1000.0)));
  st.Bind(22, f.matched_name);
}

// The fold of the searchable facts of a case, one line each (CaseFilter::text lists them).
absl::StatusOr<std::string> FactsSearchKey(const CaseFacts& f) {
  std::string key;
  for (const std::string* text :
       {&f.official, &f.official_name, &f.counterparty, &f.counterparty_name, &f.object_id, &f.rule,
        &f.relation, &f.organization_bin, &f.organization_name, &f.region, &f.explanation_ru,
        &f.explanation_en}) {
    absl::StatusOr<std::string> folded = base::FoldToLatin(*text);
    if (!folded.ok()) return folded.status();
    absl::StrAppend(&key, *folded, "\n");
  }
  return key;
}

// The whole key: the facts' lines, then the note's and the assignee's.
absl::StatusOr<std::string> SearchKey(std::string_view facts_key, std::string_view note,
                                      std::string_view assignee) {
  absl::StatusOr<std::string> folded_note = base::FoldToLatin(note);
  if (!folded_note.ok()) return folded_note.status();
  absl::StatusOr<std::string> folded_assignee = base::FoldToLatin(assignee);
  if (!folded_assignee.ok()) return folded_assignee.status();
  return base::Cat(facts_key, *folded_note, "\n", *folded_assignee);
}

absl::StatusOr<std::string> SearchKey(const CaseRecord& c) {
  absl::StatusOr<std::string> facts_key = FactsSearchKey(c.facts);
  if (!facts_key.ok()) return facts_key.status();
  return SearchKey(*facts_key, c.note, c.assignee);
}

// BEGIN (deferred) ... COMMIT: the reads in between see one state of the database, and, unlike
// SqliteTransaction, it takes no write lock from the audit log's connection.
class ReadTransaction {
 public:
  explicit ReadTransaction(SqliteDb& db) : db_(db) {}
  ~ReadTransaction() {
    if (open_) db_.Exec("ROLLBACK").IgnoreError();  // only reads happened: nothing to lose
  }
  absl::Status Begin() {
    absl::Status s = db_.Exec("BEGIN");
    open_ = s.ok();
    return s;
  }

 private:
  SqliteDb& db_;
  bool open_ = false;
};

// Makes the `cases` table of an older schema current: adds the missing columns and, when the
// keys were made by another fold version (or never), computes every case's search key.
absl::Status MigrateCases(SqliteDb& db) {
  SqliteTransaction tx(db);
  absl::Status s = tx.Begin();
  if (!s.ok()) return s;
  std::set<std::string> columns;
  {
    absl::StatusOr<SqliteStatement> st = db.Prepare("PRAGMA table_info(cases)");
    if (!st.ok()) return st.status();
    for (;;) {
      absl::StatusOr<bool> row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      columns.insert(st->ColumnText(1));
    }
  }
  for (const auto& [column, sql] : kAddedColumns) {
    if (columns.contains(column)) continue;
    s = db.Exec(sql);
    if (!s.ok()) return s;
  }
  // List()'s index: in page order, with every column a filter reads, so that List() walks (and
  // counts over) about 700 bytes a case instead of the 1.4 KB rows, and reads a row only for
  // the cases of the page. It replaces cases_by_date(finding_date DESC, case_id), its prefix.
  s = db.Exec(
      "DROP INDEX IF EXISTS cases_by_date;"
      "CREATE INDEX IF NOT EXISTS cases_for_list ON cases(finding_date DESC, case_id, active,"
      " status, sphere, rule, severity, organization_bin, region, assignee, first_seen,"
      " search_key)");
  if (!s.ok()) return s;

  int64_t version = 0;
  {
    absl::StatusOr<SqliteStatement> st =
        db.Prepare("SELECT value FROM store_meta WHERE key = 'search_fold'");
    if (!st.ok()) return st.status();
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (*row) version = st->ColumnInt(0);
  }
  if (version != kSearchFoldVersion) {
    std::vector<std::pair<std::string, std::string>> keys;  // case id, key
    absl::StatusOr<SqliteStatement> st = db.Prepare(kCaseColumns);
    if (!st.ok()) return st.status();
    for (;;) {
      absl::StatusOr<bool> row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const CaseRecord c = CaseFromRow(*st);
      absl::StatusOr<std::string> key = SearchKey(c);
      if (!key.ok()) return key.status();
      keys.emplace_back(c.facts.case_id, *std::move(key));
    }
    absl::StatusOr<SqliteStatement> up =
        db.Prepare("UPDATE cases SET search_key = ?2 WHERE case_id = ?1");
    if (!up.ok()) return up.status();
    for (const auto& [id, key] : keys) {
      up->Reset();
      up->Bind(1, id);
      up->Bind(2, key);
      s = up->Run();
      if (!s.ok()) return s;
    }
    absl::StatusOr<SqliteStatement> meta = db.Prepare(
        "INSERT INTO store_meta(key, value) VALUES('search_fold', ?1)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!meta.ok()) return meta.status();
    meta->Bind(1, kSearchFoldVersion);
    s = meta->Run();
    if (!s.ok()) return s;
  }
  return tx.Commit();
}

// SQL contains_text(haystack, needle): 1 when needle's bytes occur in haystack's, else 0.
// SQLite's instr() calls memcmp at every position and was most of a text search's time
// (about 20 ms over a 1e6-person region's 4 MB of keys); memmem is an order of magnitude faster.
void ContainsText(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  const void* haystack = sqlite3_value_blob(argv[0]);
  const int haystack_size = sqlite3_value_bytes(argv[0]);
  const void* needle = sqlite3_value_blob(argv[1]);
  const int needle_size = sqlite3_value_bytes(argv[1]);
  if (needle_size == 0) {
    sqlite3_result_int(context, 1);
    return;
  }
  if (haystack == nullptr || needle == nullptr) {
    sqlite3_result_int(context, 0);
    return;
  }
  sqlite3_result_int(context, memmem(haystack, static_cast<size_t>(haystack_size), needle,
                                     static_cast<size_t>(needle_size)) != nullptr);
}

absl::Status RegisterContainsText(SqliteDb& db) {
  const int rc = sqlite3_create_function_v2(db.handle(), "contains_text", 2,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                            nullptr, ContainsText, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return db.Error("registering contains_text");
  return absl::OkStatus();
}

// `value` is empty or one of `known`; otherwise a FieldError naming `field`.
absl::Status CheckKnown(std::string_view field, std::string_view what, const std::string& value,
                        const std::vector<std::string>& known) {
  if (value.empty() || std::find(known.begin(), known.end(), value) != known.end()) {
    return absl::OkStatus();
  }
  return FieldError(field, base::Cat("unknown ", what, " \"", value,
                                     "\" (known: ", absl::StrJoin(known, ", "), ")"));
}

// The parts of a WHERE clause. The counts leave out the status and sphere conditions (the
// facets) and apply them per group.
enum class Facet { kNone, kStatus, kSphere };
struct Condition {
  Facet facet;
  std::string sql;  // with `?` placeholders, bound from args in order
  std::vector<std::string> args;
};

// SELECT `head` WHERE <conditions> `tail`, the facets' conditions only if `with_facets`.
absl::StatusOr<SqliteStatement> PrepareWhere(SqliteDb& db, std::string_view head,
                                             const std::vector<Condition>& conditions,
                                             bool with_facets, std::string_view tail) {
  std::string where = " WHERE 1";
  std::vector<std::string> args;
  for (const Condition& c : conditions) {
    if (!with_facets && c.facet != Facet::kNone) continue;
    base::Append(where, " AND ", c.sql);
    args.insert(args.end(), c.args.begin(), c.args.end());
  }
  absl::StatusOr<SqliteStatement> st = db.Prepare(base::Cat(head, where, tail));
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < args.size(); ++i) st->Bind(static_cast<int>(i + 1), args[i]);
  return st;
}

}  // namespace

std::string_view Name(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew:
      return "NEW";
    case CaseStatus::kInReview:
      return "IN_REVIEW";
    case CaseStatus::kConfirmed:
      return "CONFIRMED";
    case CaseStatus::kDismissed:
      return "DISMISSED";
    case CaseStatus::kResolved:
      return "RESOLVED";
  }
  return "UNKNOWN";
}

std::optional<CaseStatus> CaseStatusFromInt(int64_t value) {
  if (value < 1 || value > 5) return std::nullopt;
  return static_cast<CaseStatus>(value);
}

std::string CaseIdOf(std::string_view rule, std::string_view object_id, std::string_view official,
                     std::string_view counterparty) {
  return base::Cat(
      "C-", base::Sha256Hex(base::Cat(rule, "|", object_id, "|", official, "|", counterparty))
                .substr(0, 20));
}

struct SqliteCaseStore::Impl {
  std::unique_ptr<SqliteDb> db;

  absl::Status AddEvent(std::string_view case_id, const CaseEvent& e) {
    absl::StatusOr<SqliteStatement> st = db->Prepare(
        "INSERT INTO case_history(case_id, time, actor, role, field, old_value, new_value)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st.ok()) return st.status();
    st->Bind(1, case_id);
    st->Bind(2, e.time);
    st->Bind(3, e.actor);
    st->Bind(4, e.role);
    st->Bind(5, e.field);
    st->Bind(6, e.old_value);
    st->Bind(7, e.new_value);
    return st->Run();
  }

  absl::StatusOr<CaseRecord> Get(std::string_view case_id) {
    absl::StatusOr<SqliteStatement> st =
        db->Prepare(absl::StrCat(kCaseColumns, " WHERE case_id = ?1"));
    if (!st.ok()) return st.status();
    st->Bind(1, case_id);
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::NotFoundError(base::Cat("no case ", case_id));
    return CaseFromRow(*st);
  }
};

SqliteCaseStore::SqliteCaseStore(std::unique_ptr<Impl> impl, CaseVocabulary vocabulary)
    : vocabulary_(std::move(vocabulary)), impl_(std::move(impl)) {}
SqliteCaseStore::~SqliteCaseStore() = default;

absl::StatusOr<std::unique_ptr<SqliteCaseStore>> SqliteCaseStore::Open(const std::string& path,
                                                                       CaseVocabulary vocabulary) {
  // Fail at start-up, not at the first search, when ICU lacks the transliterator.
  absl::StatusOr<std::string> probe = base::FoldToLatin("Жұмабаев");
  if (!probe.ok()) return probe.status();
  absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path);
  if (!db.ok()) return db.status();
  // List() reads every row of the cases table a few times (counts, text search); with SQLite's
  // default 2 MB cache a region's table (about 1.4 KB a case) is read again from the file each
  // time. Up to 64 MB of it stays in this connection's cache.
  absl::Status s = (*db)->Exec("PRAGMA cache_size = -65536");
  if (!s.ok()) return s;
  s = RegisterContainsText(**db);
  if (!s.ok()) return s;
  s = (*db)->Exec(kSchema);
  if (!s.ok()) return s;
  s = MigrateCases(**db);
  if (!s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  return std::unique_ptr<SqliteCaseStore>(
      new SqliteCaseStore(std::move(impl), std::move(vocabulary)));
}

absl::StatusOr<ScanSummary> SqliteCaseStore::RecordScan(const std::vector<CaseFacts>& found,
                                                        absl::Time time,
                                                        double max_inactive_share) {
  // Folding is the slow part (ICU); done before taking the lock.
  std::vector<std::string> facts_keys;
  facts_keys.reserve(found.size());
  for (const CaseFacts& f : found) {
    absl::StatusOr<std::string> key = FactsSearchKey(f);
    if (!key.ok()) return key.status();
    facts_keys.push_back(*std::move(key));
  }

  absl::MutexLock lock(&mu_);
  SqliteDb& db = *impl_->db;
  const std::string now = FormatRfc3339(time);
  SqliteTransaction tx(db);
  absl::Status s = tx.Begin();
  if (!s.ok()) return s;

  // Each scan gets a number; cases not touched by this one are the ones that disappeared.
  int64_t scan = 1;
  {
    absl::StatusOr<SqliteStatement> st =
        db.Prepare("SELECT value FROM store_meta WHERE key = 'scan'");
    if (!st.ok()) return st.status();
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (*row) scan = st->ColumnInt(0) + 1;
    absl::StatusOr<SqliteStatement> up = db.Prepare(
        "INSERT INTO store_meta(key, value) VALUES('scan', ?1)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!up.ok()) return up.status();
    up->Bind(1, scan);
    s = up->Run();
    if (!s.ok()) return s;
  }

  int64_t active_before = 0;
  {
    absl::StatusOr<SqliteStatement> st = db.Prepare("SELECT COUNT(*) FROM cases WHERE active = 1");
    if (!st.ok()) return st.status();
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    active_before = st->ColumnInt(0);
  }

  absl::StatusOr<SqliteStatement> select =
      db.Prepare("SELECT active, note, assignee FROM cases WHERE case_id = ?1");
  absl::StatusOr<SqliteStatement> insert = db.Prepare(
      "INSERT INTO cases(case_id, rule, sphere, object_id, official, counterparty, finding_date,"
      " relation, severity, explanation_ru, explanation_en, organization_bin, organization_name,"
      " region, status, assignee, note, active, first_seen, last_seen, scan, official_name,"
      " counterparty_name, search_key, explanation_kk, match_score_milli, matched_name)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, '', '', 1, ?15,"
      " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)");
  absl::StatusOr<SqliteStatement> update = db.Prepare(
      "UPDATE cases SET rule = ?2, sphere = ?3, object_id = ?4, official = ?5, counterparty = ?6,"
      " finding_date = ?7, relation = ?8, severity = ?9, explanation_ru = ?10,"
      " explanation_en = ?11, organization_bin = ?12, organization_name = ?13, region = ?14,"
      " active = 1, last_seen = ?15, scan = ?16, official_name = ?17, counterparty_name = ?18,"
      " search_key = ?19, explanation_kk = ?20, match_score_milli = ?21, matched_name = ?22"
      " WHERE case_id = ?1");
  if (!select.ok()) return select.status();
  if (!insert.ok()) return insert.status();
  if (!update.ok()) return update.status();

  ScanSummary summary;
  for (size_t i = 0; i < found.size(); ++i) {
    const CaseFacts& f = found[i];
    select->Reset();
    select->Bind(1, f.case_id);
    absl::StatusOr<bool> row = select->Step();
    if (!row.ok()) return row.status();
    const bool known = *row;
    const bool was_active = known && select->ColumnInt(0) != 0;
    absl::StatusOr<std::string> key =
        known ? SearchKey(facts_keys[i], select->ColumnText(1), select->ColumnText(2))
              : SearchKey(facts_keys[i], "", "");
    if (!key.ok()) return key.status();
    SqliteStatement& st = known ? *update : *insert;
    st.Reset();
    BindFacts(st, f);
    st.Bind(15, now);
    st.Bind(16, scan);
    st.Bind(19, *key);
    s = st.Run();
    if (!s.ok()) return s;
    if (!known) {
      ++summary.created;
      s = impl_->AddEvent(f.case_id, {now, "system", "system", "created", "", "NEW"});
    } else {
      ++summary.seen_again;
      if (!was_active) {
        s = impl_->AddEvent(f.case_id, {now, "system", "system", "reappeared", "", ""});
      }
    }
    if (!s.ok()) return s;
  }

  {
    // The guard against a feed that lost most of its rows: the transaction is rolled back.
    absl::StatusOr<SqliteStatement> st =
        db.Prepare("SELECT COUNT(*) FROM cases WHERE active = 1 AND scan < ?1");
    if (!st.ok()) return st.status();
    st->Bind(1, scan);
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    const int64_t would_go = st->ColumnInt(0);
    if (active_before > 0 &&
        static_cast<double>(would_go) > max_inactive_share * static_cast<double>(active_before)) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "would make %d of %d active cases inactive (%.1f %%), more than the limit of %g %%",
          would_go, active_before,
          100.0 * static_cast<double>(would_go) / static_cast<double>(active_before),
          100.0 * max_inactive_share));
    }
  }

  absl::StatusOr<SqliteStatement> gone_events = db.Prepare(
      "INSERT INTO case_history(case_id, time, actor, role, field, old_value, new_value)"
      " SELECT case_id, ?1, 'system', 'system', 'disappeared', '', '' FROM cases"
      " WHERE active = 1 AND scan < ?2");
  if (!gone_events.ok()) return gone_events.status();
  gone_events->Bind(1, now);
  gone_events->Bind(2, scan);
  s = gone_events->Run();
  if (!s.ok()) return s;
  absl::StatusOr<SqliteStatement> gone =
      db.Prepare("UPDATE cases SET active = 0 WHERE active = 1 AND scan < ?1");
  if (!gone.ok()) return gone.status();
  gone->Bind(1, scan);
  s = gone->Run();
  if (!s.ok()) return s;
  summary.disappeared = db.Changes();

  s = tx.Commit();
  if (!s.ok()) return s;
  return summary;
}

absl::StatusOr<CaseRecord> SqliteCaseStore::Get(std::string_view case_id) {
  absl::MutexLock lock(&mu_);
  return impl_->Get(case_id);
}

absl::StatusOr<std::vector<CaseEvent>> SqliteCaseStore::History(std::string_view case_id) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<CaseRecord> c = impl_->Get(case_id);
  if (!c.ok()) return c.status();
  absl::StatusOr<SqliteStatement> st = impl_->db->Prepare(
      "SELECT time, actor, role, field, old_value, new_value FROM case_history"
      " WHERE case_id = ?1 ORDER BY id");
  if (!st.ok()) return st.status();
  st->Bind(1, case_id);
  std::vector<CaseEvent> events;
  for (;;) {
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    events.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2), st->ColumnText(3),
                      st->ColumnText(4), st->ColumnText(5)});
  }
  return events;
}

absl::StatusOr<CasePage> SqliteCaseStore::List(const CaseFilter& filter) {
  if (filter.page_size < 1 || filter.page_size > kMaxPageSize) {
    return FieldError("page_size",
                      absl::StrCat("must be 1..", kMaxPageSize, ", got ", filter.page_size));
  }
  int64_t offset = 0;
  if (!filter.page_token.empty() && (!absl::SimpleAtoi(filter.page_token, &offset) || offset < 0)) {
    return FieldError("page_token", "is not one this server gave");
  }
  absl::Status s = CheckKnown("sphere", "sphere", filter.sphere, vocabulary_.spheres);
  if (!s.ok()) return s;
  s = CheckKnown("rule", "rule", filter.rule, vocabulary_.rules);
  if (!s.ok()) return s;
  for (const std::string& severity : filter.severities) {
    if (severity.empty()) return FieldError("severities", "empty severity");
    s = CheckKnown("severities", "severity", severity, vocabulary_.severities);
    if (!s.ok()) return s;
  }
  std::vector<Condition> conditions;
  auto equal = [&](Facet facet, const char* column, const std::string& value) {
    if (!value.empty()) conditions.push_back({facet, absl::StrCat(column, " = ?"), {value}});
  };
  for (const auto& [field, value] :
       {std::pair{"date_from", &filter.date_from}, std::pair{"date_to", &filter.date_to},
        std::pair{"first_seen_from", &filter.first_seen_from},
        std::pair{"first_seen_to", &filter.first_seen_to}}) {
    if (value->empty()) continue;
    absl::StatusOr<graph::Date> d = ParseDateField(*value, field);
    if (!d.ok()) return d.status();
  }
  equal(Facet::kSphere, "sphere", filter.sphere);
  equal(Facet::kNone, "rule", filter.rule);
  if (!filter.severities.empty()) {
    Condition c{Facet::kNone, "severity IN (", {}};
    for (const std::string& severity : filter.severities) {
      absl::StrAppend(&c.sql, c.args.empty() ? "?" : ", ?");
      c.args.push_back(severity);
    }
    c.sql += ")";
    conditions.push_back(std::move(c));
  }
  equal(Facet::kNone, "organization_bin", filter.organization_bin);
  equal(Facet::kNone, "region", filter.region);
  equal(Facet::kNone, "assignee", filter.assignee);
  if (!filter.date_from.empty()) {
    conditions.push_back({Facet::kNone, "finding_date >= ?", {filter.date_from}});
  }
  if (!filter.date_to.empty()) {
    conditions.push_back({Facet::kNone, "finding_date <= ?", {filter.date_to}});
  }
  // first_seen is RFC 3339 ("2023-11-14T22:13:20.000Z"): on or after a day is >= the day's
  // date; on or before a day is before the next day's date.
  if (!filter.first_seen_from.empty()) {
    conditions.push_back({Facet::kNone, "first_seen >= ?", {filter.first_seen_from}});
  }
  if (!filter.first_seen_to.empty()) {
    conditions.push_back({Facet::kNone,
                          "first_seen < ?",
                          {graph::FormatIsoDate(*graph::ParseIsoDate(filter.first_seen_to) + 1)}});
  }
  if (!filter.text.empty()) {
    absl::StatusOr<std::string> folded = base::FoldToLatin(filter.text);
    if (!folded.ok()) return folded.status();
    if (!folded->empty()) {
      conditions.push_back({Facet::kNone, "contains_text(search_key, ?)", {*std::move(folded)}});
    }
  }
  if (!filter.statuses.empty()) {
    Condition c{Facet::kStatus, "status IN (", {}};
    for (size_t i = 0; i < filter.statuses.size(); ++i) {
      absl::StrAppend(&c.sql, i > 0 ? ", " : "", static_cast<int>(filter.statuses[i]));
    }
    c.sql += ")";
    conditions.push_back(std::move(c));
  }
  if (!filter.include_inactive) conditions.push_back({Facet::kNone, "active = 1", {}});

  absl::MutexLock lock(&mu_);
  SqliteDb& db = *impl_->db;
  ReadTransaction tx(db);
  s = tx.Begin();
  if (!s.ok()) return s;
  CasePage page;
  for (int v = static_cast<int>(CaseStatus::kNew); v <= static_cast<int>(CaseStatus::kResolved);
       ++v) {
    page.counts_by_status[static_cast<CaseStatus>(v)] = 0;
  }
  for (const std::string& sphere : vocabulary_.spheres) page.counts_by_sphere[sphere] = 0;
  {
    // One pass for both counts and the total: group by both facets, then apply each facet's
    // filter to the other's counts.
    absl::StatusOr<SqliteStatement> st =
        PrepareWhere(db, "SELECT status, sphere, count(*) FROM cases", conditions,
                     /*with_facets=*/false, " GROUP BY status, sphere");
    if (!st.ok()) return st.status();
    for (;;) {
      absl::StatusOr<bool> row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      std::optional<CaseStatus> status = CaseStatusFromInt(st->ColumnInt(0));
      if (!status.has_value()) continue;
      const std::string sphere = st->ColumnText(1);
      const int64_t n = st->ColumnInt(2);
      const bool status_passes =
          filter.statuses.empty() || std::find(filter.statuses.begin(), filter.statuses.end(),
                                               *status) != filter.statuses.end();
      const bool sphere_passes = filter.sphere.empty() || sphere == filter.sphere;
      if (sphere_passes) page.counts_by_status[*status] += n;
      if (status_passes) page.counts_by_sphere[sphere] += n;
      if (status_passes && sphere_passes) page.total_count += n;
    }
  }
  if (offset >= page.total_count) return page;  // nothing to read
  absl::StatusOr<SqliteStatement> st =
      PrepareWhere(db, kCaseColumns, conditions, /*with_facets=*/true,
                   absl::StrCat(" ORDER BY finding_date DESC, case_id LIMIT ", filter.page_size,
                                " OFFSET ", offset));
  if (!st.ok()) return st.status();
  for (;;) {
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    page.cases.push_back(CaseFromRow(*st));
  }
  const int64_t next = offset + static_cast<int64_t>(page.cases.size());
  if (next < page.total_count && !page.cases.empty()) page.next_page_token = absl::StrCat(next);
  return page;
}

absl::StatusOr<CaseRecord> SqliteCaseStore::Update(std::string_view case_id,
                                                   const CaseChange& change) {
  absl::MutexLock lock(&mu_);
  SqliteDb& db = *impl_->db;
  SqliteTransaction tx(db);
  absl::Status s = tx.Begin();
  if (!s.ok()) return s;
  absl::StatusOr<CaseRecord> current = impl_->Get(case_id);
  if (!current.ok()) return current.status();

  const std::string now = FormatRfc3339(change.time);
  std::vector<CaseEvent> events;
  CaseRecord next = *current;
  if (change.status.has_value() && *change.status != current->status) {
    next.status = *change.status;
    events.push_back({now, change.actor, change.role, "status", std::string(Name(current->status)),
                      std::string(Name(next.status))});
  }
  if (change.note.has_value() && *change.note != current->note) {
    next.note = *change.note;
    events.push_back({now, change.actor, change.role, "note", current->note, next.note});
  }
  if (change.assignee.has_value() && *change.assignee != current->assignee) {
    next.assignee = *change.assignee;
    events.push_back(
        {now, change.actor, change.role, "assignee", current->assignee, next.assignee});
  }
  if (events.empty()) return next;

  absl::StatusOr<std::string> key = SearchKey(next);
  if (!key.ok()) return key.status();
  absl::StatusOr<SqliteStatement> st = db.Prepare(
      "UPDATE cases SET status = ?2, note = ?3, assignee = ?4, search_key = ?5 WHERE case_id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, case_id);
  st->Bind(2, static_cast<int>(next.status));
  st->Bind(3, next.note);
  st->Bind(4, next.assignee);
  st->Bind(5, *key);
  s = st->Run();
  if (!s.ok()) return s;
  for (const CaseEvent& e : events) {
    s = impl_->AddEvent(case_id, e);
    if (!s.ok()) return s;
  }
  s = tx.Commit();
  if (!s.ok()) return s;
  return next;
}

absl::StatusOr<std::map<CaseStatus, int64_t>> SqliteCaseStore::CountByStatus() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<SqliteStatement> st =
      impl_->db->Prepare("SELECT status, count(*) FROM cases GROUP BY status");
  if (!st.ok()) return st.status();
  std::map<CaseStatus, int64_t> counts;
  for (;;) {
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (auto status = CaseStatusFromInt(st->ColumnInt(0))) counts[*status] = st->ColumnInt(1);
  }
  return counts;
}

}  // namespace coigraph::service
