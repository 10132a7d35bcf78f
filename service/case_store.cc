#include "service/case_store.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "graph/sha256.h"
#include "graph/text.h"
#include "service/audit_log.h"
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
  scan INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_date ON cases(finding_date DESC, case_id);
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
    " status, assignee, note, active, first_seen, last_seen FROM cases";

constexpr int kMaxPageSize = 500;

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
  return c;
}

// Binds the 13 fact columns after case_id to ?2..?14.
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
  return graph::Cat(
      "C-", graph::Sha256Hex(graph::Cat(rule, "|", object_id, "|", official, "|", counterparty))
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
    if (!*row) return absl::NotFoundError(graph::Cat("no case ", case_id));
    return CaseFromRow(*st);
  }
};

SqliteCaseStore::SqliteCaseStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteCaseStore::~SqliteCaseStore() = default;

absl::StatusOr<std::unique_ptr<SqliteCaseStore>> SqliteCaseStore::Open(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path);
  if (!db.ok()) return db.status();
  absl::Status s = (*db)->Exec(kSchema);
  if (!s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  return std::unique_ptr<SqliteCaseStore>(new SqliteCaseStore(std::move(impl)));
}

absl::StatusOr<ScanSummary> SqliteCaseStore::RecordScan(const std::vector<CaseFacts>& found,
                                                        absl::Time time) {
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

  absl::StatusOr<SqliteStatement> select =
      db.Prepare("SELECT active FROM cases WHERE case_id = ?1");
  absl::StatusOr<SqliteStatement> insert = db.Prepare(
      "INSERT INTO cases(case_id, rule, sphere, object_id, official, counterparty, finding_date,"
      " relation, severity, explanation_ru, explanation_en, organization_bin, organization_name,"
      " region, status, assignee, note, active, first_seen, last_seen, scan)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, '', '', 1, ?15,"
      " ?15, ?16)");
  absl::StatusOr<SqliteStatement> update = db.Prepare(
      "UPDATE cases SET rule = ?2, sphere = ?3, object_id = ?4, official = ?5, counterparty = ?6,"
      " finding_date = ?7, relation = ?8, severity = ?9, explanation_ru = ?10,"
      " explanation_en = ?11, organization_bin = ?12, organization_name = ?13, region = ?14,"
      " active = 1, last_seen = ?15, scan = ?16 WHERE case_id = ?1");
  if (!select.ok()) return select.status();
  if (!insert.ok()) return insert.status();
  if (!update.ok()) return update.status();

  ScanSummary summary;
  for (const CaseFacts& f : found) {
    select->Reset();
    select->Bind(1, f.case_id);
    absl::StatusOr<bool> row = select->Step();
    if (!row.ok()) return row.status();
    const bool known = *row;
    const bool was_active = known && select->ColumnInt(0) != 0;
    SqliteStatement& st = known ? *update : *insert;
    st.Reset();
    BindFacts(st, f);
    st.Bind(15, now);
    st.Bind(16, scan);
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
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must be 1..", kMaxPageSize, ", got ", filter.page_size));
  }
  int64_t offset = 0;
  if (!filter.page_token.empty() && (!absl::SimpleAtoi(filter.page_token, &offset) || offset < 0)) {
    return absl::InvalidArgumentError("page_token is not one this server gave");
  }

  // The WHERE clause and its text arguments, bound in order.
  std::string where = " WHERE 1";
  std::vector<std::string> args;
  auto equal = [&](const char* column, const std::string& value) {
    if (value.empty()) return;
    args.push_back(value);
    absl::StrAppend(&where, " AND ", column, " = ?", args.size());
  };
  equal("sphere", filter.sphere);
  equal("rule", filter.rule);
  equal("organization_bin", filter.organization_bin);
  equal("region", filter.region);
  if (!filter.date_from.empty()) {
    args.push_back(filter.date_from);
    absl::StrAppend(&where, " AND finding_date >= ?", args.size());
  }
  if (!filter.date_to.empty()) {
    args.push_back(filter.date_to);
    absl::StrAppend(&where, " AND finding_date <= ?", args.size());
  }
  if (!filter.text.empty()) {
    args.push_back(filter.text);
    const size_t n = args.size();
    absl::StrAppend(&where, " AND (instr(explanation_ru, ?", n, ") OR instr(explanation_en, ?", n,
                    ") OR instr(object_id, ?", n, ") OR instr(relation, ?", n,
                    ") OR instr(official, ?", n, ") OR instr(counterparty, ?", n,
                    ") OR instr(note, ?", n, ") OR instr(assignee, ?", n, "))");
  }
  if (!filter.statuses.empty()) {
    where += " AND status IN (";
    for (size_t i = 0; i < filter.statuses.size(); ++i) {
      absl::StrAppend(&where, i > 0 ? ", " : "", static_cast<int>(filter.statuses[i]));
    }
    where += ")";
  }
  if (!filter.include_inactive) where += " AND active = 1";

  absl::MutexLock lock(&mu_);
  CasePage page;
  {
    absl::StatusOr<SqliteStatement> st =
        impl_->db->Prepare(absl::StrCat("SELECT count(*) FROM cases", where));
    if (!st.ok()) return st.status();
    for (size_t i = 0; i < args.size(); ++i) st->Bind(static_cast<int>(i + 1), args[i]);
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    page.total_count = st->ColumnInt(0);
  }
  absl::StatusOr<SqliteStatement> st = impl_->db->Prepare(
      absl::StrCat(kCaseColumns, where, " ORDER BY finding_date DESC, case_id LIMIT ",
                   filter.page_size, " OFFSET ", offset));
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < args.size(); ++i) st->Bind(static_cast<int>(i + 1), args[i]);
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

  absl::StatusOr<SqliteStatement> st =
      db.Prepare("UPDATE cases SET status = ?2, note = ?3, assignee = ?4 WHERE case_id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, case_id);
  st->Bind(2, static_cast<int>(next.status));
  st->Bind(3, next.note);
  st->Bind(4, next.assignee);
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
