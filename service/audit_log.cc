#include "service/audit_log.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "base/sha256.h"
#include "base/text.h"
#include "service/sqlite_db.h"

namespace coigraph::service {

namespace {

constexpr char kGenesisHash[] = "0000000000000000000000000000000000000000000000000000000000000000";

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS audit_log(
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  caller TEXT NOT NULL,
  role TEXT NOT NULL,
  rpc TEXT NOT NULL,
  ids TEXT NOT NULL,
  purpose TEXT NOT NULL,
  result TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_ids(id TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS audit_ids_by_id ON audit_ids(id, seq);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// Ids are stored one per line; a newline or backslash inside an id is escaped so the split is
// exact.
std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += '\n';
    for (char c : ids[i]) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::vector<std::string> SplitIds(const std::string& joined) {
  std::vector<std::string> ids;
  if (joined.empty()) return ids;
  for (absl::string_view part : absl::StrSplit(joined, '\n')) {
    std::string id;
    for (size_t i = 0; i < part.size(); ++i) {
      if (part[i] == '\\' && i + 1 < part.size()) {
        id += part[i + 1] == 'n' ? '\n' : part[i + 1];
        ++i;
      } else {
        id += part[i];
      }
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

void AppendField(std::string& out, std::string_view field) {
  base::Append(out, field.size(), ":", field);
}

AuditRecord RecordFromRow(const SqliteStatement& st) {
  AuditRecord r;
  r.seq = st.ColumnInt(0);
  r.time = st.ColumnText(1);
  r.caller = st.ColumnText(2);
  r.role = st.ColumnText(3);
  r.rpc = st.ColumnText(4);
  r.ids = SplitIds(st.ColumnText(5));
  r.purpose = st.ColumnText(6);
  r.result = st.ColumnText(7);
  r.prev_hash = st.ColumnText(8);
  r.hash = st.ColumnText(9);
  return r;
}

// audit_ids indexes the records by the ids they name ("who looked at this case"). It is not
// part of the chain: VerifyChain reads audit_log alone.
constexpr char kInsertId[] = "INSERT INTO audit_ids(id, seq) VALUES(?1, ?2)";

absl::Status IndexIds(SqliteStatement& st, const AuditRecord& r) {
  for (const std::string& id : r.ids) {
    if (id.empty()) continue;
    st.Reset();
    st.Bind(1, id);
    st.Bind(2, r.seq);
    absl::Status s = st.Run();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// Databases written before audit_ids existed: index their records once.
absl::Status BackfillIds(SqliteDb& db) {
  absl::StatusOr<SqliteStatement> any = db.Prepare("SELECT 1 FROM audit_ids LIMIT 1");
  if (!any.ok()) return any.status();
  absl::StatusOr<bool> has = any->Step();
  if (!has.ok()) return has.status();
  if (*has) return absl::OkStatus();
  SqliteTransaction tx(db);
  absl::Status s = tx.Begin();
  if (!s.ok()) return s;
  absl::StatusOr<SqliteStatement> rows = db.Prepare("SELECT seq, ids FROM audit_log ORDER BY seq");
  if (!rows.ok()) return rows.status();
  absl::StatusOr<SqliteStatement> insert = db.Prepare(kInsertId);
  if (!insert.ok()) return insert.status();
  for (;;) {
    absl::StatusOr<bool> row = rows->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    AuditRecord r;
    r.seq = rows->ColumnInt(0);
    r.ids = SplitIds(rows->ColumnText(1));
    s = IndexIds(*insert, r);
    if (!s.ok()) return s;
  }
  return tx.Commit();
}

constexpr char kSelectColumns[] =
    "SELECT seq, time, caller, role, rpc, ids, purpose, result, prev_hash, hash FROM audit_log";

}  // namespace

std::string FormatRfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", t, absl::UTCTimeZone());
}

std::string AuditRecordHash(const AuditRecord& record) {
  std::string content = record.prev_hash;
  AppendField(content, absl::StrCat(record.seq));
  AppendField(content, record.time);
  AppendField(content, record.caller);
  AppendField(content, record.role);
  AppendField(content, record.rpc);
  AppendField(content, JoinIds(record.ids));
  AppendField(content, record.purpose);
  AppendField(content, record.result);
  return base::Sha256Hex(content);
}

struct SqliteAuditLog::Impl {
  std::string path;
  std::unique_ptr<SqliteDb> db;
  // The tail of the chain as this connection last committed it; refreshed when another
  // connection appended in between (the INSERT of seq then collides) or a commit failed.
  int64_t last_seq = 0;
  std::string last_hash = kGenesisHash;
  std::chrono::steady_clock::time_point last_wal_restart = std::chrono::steady_clock::now();

  // The background PASSIVE checkpoints (CheckpointLoop) copy the WAL into the database but, with
  // commits always in flight, never all of it, so the WAL would only grow. A checkpoint made by
  // the writer between two of its commits copies the rest, and the next commit starts the WAL
  // over. It syncs the WAL and the database file (synchronous=NORMAL), ~6 ms a sync on this
  // project's VMs, and calls wait for the writer meanwhile: hence at most one every 10 s, once
  // the calls of the last commit are answered (the WAL then stays below ~10 s of audit records).
  void MaybeRestartWal() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_wal_restart < std::chrono::seconds(10)) return;
    last_wal_restart = now;
    db->Exec("PRAGMA wal_checkpoint(PASSIVE)").IgnoreError();
  }

  absl::Status LoadTail() {
    absl::StatusOr<SqliteStatement> st =
        db->Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!st.ok()) return st.status();
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      last_seq = st->ColumnInt(0);
      last_hash = st->ColumnText(1);
    } else {
      last_seq = 0;
      last_hash = kGenesisHash;
    }
    return absl::OkStatus();
  }

  // Inserts `batch` chained after the tail, in one transaction. On success the tail moves;
  // on failure nothing is kept and the tail is reloaded.
  absl::Status InsertAll(std::vector<AuditRecord>& batch) {
    SqliteTransaction tx(*db);
    absl::Status s = tx.Begin();
    if (!s.ok()) return s;
    absl::StatusOr<SqliteStatement> st = db->Prepare(
        "INSERT INTO audit_log(seq, time, caller, role, rpc, ids, purpose, result, prev_hash,"
        " hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!st.ok()) return st.status();
    absl::StatusOr<SqliteStatement> by_id = db->Prepare(kInsertId);
    if (!by_id.ok()) return by_id.status();
    int64_t seq = last_seq;
    std::string prev = last_hash;
    for (AuditRecord& r : batch) {
      r.seq = ++seq;
      r.prev_hash = prev;
      r.hash = AuditRecordHash(r);
      prev = r.hash;
      st->Reset();
      st->Bind(1, r.seq);
      st->Bind(2, r.time);
      st->Bind(3, r.caller);
      st->Bind(4, r.role);
      st->Bind(5, r.rpc);
      st->Bind(6, JoinIds(r.ids));
      st->Bind(7, r.purpose);
      st->Bind(8, r.result);
      st->Bind(9, r.prev_hash);
      st->Bind(10, r.hash);
      s = st->Run();
      if (!s.ok()) return s;
      s = IndexIds(*by_id, r);
      if (!s.ok()) return s;
    }
    s = tx.Commit();
    if (!s.ok()) return s;
    last_seq = seq;
    last_hash = prev;
    return absl::OkStatus();
  }
};

SqliteAuditLog::SqliteAuditLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  writer_ = std::thread([this] { WriterLoop(); });
  checkpointer_ = std::thread([this] { CheckpointLoop(); });
}

SqliteAuditLog::~SqliteAuditLog() {
  {
    absl::MutexLock lock(&queue_mu_);
    stopping_ = true;
  }
  writer_.join();
  checkpointer_.join();
}

absl::StatusOr<std::unique_ptr<SqliteAuditLog>> SqliteAuditLog::Open(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path);
  if (!db.ok()) return db.status();
  absl::Status s = (*db)->Exec(kSchema);
  if (!s.ok()) return s;
  // Checkpoints are CheckpointLoop's (and the writer's MaybeRestartWal); an automatic one would
  // copy up to 1000 pages and fsync inside a caller's commit.
  s = (*db)->Exec("PRAGMA wal_autocheckpoint=0");
  if (!s.ok()) return s;
  s = BackfillIds(**db);
  if (!s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->db = std::move(*db);
  s = impl->LoadTail();
  if (!s.ok()) return s;
  return std::unique_ptr<SqliteAuditLog>(new SqliteAuditLog(std::move(impl)));
}

bool SqliteAuditLog::HasWork(SqliteAuditLog* log) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return log->stopping_ || !log->queue_.empty();  // Await holds queue_mu_
}

void SqliteAuditLog::AppendAsync(const AuditEntry& entry, AppendDone done) {
  Pending p;
  p.record.time = FormatRfc3339(entry.time);
  p.record.caller = entry.caller;
  p.record.role = entry.role;
  p.record.rpc = entry.rpc;
  p.record.ids = entry.ids;
  p.record.purpose = entry.purpose;
  p.record.result = entry.result;
  p.done = std::move(done);
  absl::MutexLock lock(&queue_mu_);
  queue_.push_back(std::move(p));
}

absl::StatusOr<AuditRecord> SqliteAuditLog::Append(const AuditEntry& entry) {
  absl::Notification committed;
  absl::StatusOr<AuditRecord> result;
  AppendAsync(entry, [&](absl::StatusOr<AuditRecord> r) {
    result = std::move(r);
    committed.Notify();
  });
  committed.WaitForNotification();
  return result;
}

// Takes everything queued, commits it as one transaction, answers each caller; until stopped
// with an empty queue.
void SqliteAuditLog::WriterLoop() {
  for (;;) {
    std::deque<Pending> batch;
    {
      absl::MutexLock lock(&queue_mu_);
      queue_mu_.Await(absl::Condition(&SqliteAuditLog::HasWork, this));
      if (queue_.empty()) return;  // stopping, nothing left
      batch.swap(queue_);
    }
    std::vector<AuditRecord> records;
    records.reserve(batch.size());
    for (Pending& p : batch) records.push_back(std::move(p.record));
    absl::Status s;
    {
      absl::MutexLock lock(&mu_);
      s = CommitBatch(records);
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (s.ok()) {
        batch[i].done(std::move(records[i]));
      } else {
        batch[i].done(
            absl::UnavailableError(absl::StrCat("audit log write failed: ", s.message())));
      }
    }
    absl::MutexLock lock(&mu_);
    impl_->MaybeRestartWal();
  }
}

absl::Status SqliteAuditLog::CommitBatch(std::vector<AuditRecord>& records) {
  absl::Status s;
  // A second attempt covers another connection having appended since the tail was read.
  for (int attempt = 0; attempt < 2; ++attempt) {
    s = impl_->InsertAll(records);
    if (s.ok()) break;
    absl::Status reload = impl_->LoadTail();
    if (!reload.ok() || !absl::IsAborted(s)) break;
  }
  return s;
}

void SqliteAuditLog::CheckpointLoop() {
  std::string path;
  {
    absl::MutexLock lock(&mu_);
    path = impl_->path;
  }
  absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path);
  for (;;) {
    {
      absl::MutexLock lock(&queue_mu_);
      if (queue_mu_.AwaitWithTimeout(absl::Condition(&stopping_), absl::Milliseconds(500))) break;
    }
    // PASSIVE: copies what it can without waiting for or blocking the writer.
    if (db.ok()) (*db)->Exec("PRAGMA wal_checkpoint(PASSIVE)").IgnoreError();
  }
  if (db.ok()) (*db)->Exec("PRAGMA wal_checkpoint(PASSIVE)").IgnoreError();
}

absl::StatusOr<std::vector<AuditRecord>> SqliteAuditLog::Read(int64_t from_seq, int limit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<SqliteStatement> st =
      impl_->db->Prepare(absl::StrCat(kSelectColumns, " WHERE seq >= ?1 ORDER BY seq LIMIT ?2"));
  if (!st.ok()) return st.status();
  st->Bind(1, from_seq);
  st->Bind(2, limit);
  std::vector<AuditRecord> out;
  for (;;) {
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(RecordFromRow(*st));
  }
  return out;
}

absl::StatusOr<AuditPage> SqliteAuditLog::Query(const AuditQuery& q) {
  // The filters, with their arguments bound in order (?1, ?2, ...).
  std::vector<std::string> where;
  std::vector<std::string> args;
  auto add = [&](const std::string& condition, const std::string& value) {
    if (value.empty()) return;
    args.push_back(value);
    where.push_back(absl::StrReplaceAll(condition, {{"?", absl::StrCat("?", args.size())}}));
  };
  add("caller = ?", q.caller);
  add("rpc = ?", q.rpc);
  add("seq IN (SELECT seq FROM audit_ids WHERE id = ?)", q.id);
  add("substr(time, 1, 10) >= ?", q.date_from);
  add("substr(time, 1, 10) <= ?", q.date_to);
  const std::string filter = where.empty() ? "" : " WHERE " + absl::StrJoin(where, " AND ");
  const std::string page_filter =
      q.before_seq > 0
          ? absl::StrCat(where.empty() ? " WHERE " : filter + " AND ", "seq < ", q.before_seq)
          : filter;

  absl::MutexLock lock(&mu_);
  AuditPage page;
  absl::StatusOr<SqliteStatement> count =
      impl_->db->Prepare(absl::StrCat("SELECT count(*) FROM audit_log", filter));
  if (!count.ok()) return count.status();
  for (size_t i = 0; i < args.size(); ++i) count->Bind(static_cast<int>(i + 1), args[i]);
  absl::StatusOr<bool> row = count->Step();
  if (!row.ok()) return row.status();
  page.total_count = count->ColumnInt(0);

  absl::StatusOr<SqliteStatement> st = impl_->db->Prepare(
      absl::StrCat(kSelectColumns, page_filter, " ORDER BY seq DESC LIMIT ", q.limit + 1));
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < args.size(); ++i) st->Bind(static_cast<int>(i + 1), args[i]);
  for (;;) {
    row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    page.records.push_back(RecordFromRow(*st));
  }
  if (page.records.size() > static_cast<size_t>(q.limit)) {
    page.records.pop_back();
    page.next_before_seq = page.records.back().seq;
  }
  return page;
}

absl::StatusOr<int64_t> SqliteAuditLog::VerifyChain() {
  absl::MutexLock lock(&mu_);
  return VerifyAfter(0, kGenesisHash);
}

absl::StatusOr<AuditHead> SqliteAuditLog::Head() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<SqliteStatement> st =
      impl_->db->Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!st.ok()) return st.status();
  absl::StatusOr<bool> row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return AuditHead{.seq = 0, .hash = kGenesisHash};
  return AuditHead{.seq = st->ColumnInt(0), .hash = st->ColumnText(1)};
}

absl::Status SqliteAuditLog::ExpectHead(const AuditHead& head) {
  if (head.seq == 0) {
    if (head.hash == kGenesisHash) return absl::OkStatus();
    return absl::DataLossError(base::Cat("the expected head ", FormatHead(head),
                                         " is not a head: record 0 is the empty log"));
  }
  absl::StatusOr<AuditHead> newest = Head();
  if (!newest.ok()) return newest.status();
  absl::MutexLock lock(&mu_);
  absl::StatusOr<SqliteStatement> st =
      impl_->db->Prepare("SELECT hash FROM audit_log WHERE seq = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, head.seq);
  absl::StatusOr<bool> row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return absl::DataLossError(base::Cat(
        "record ", head.seq, " of the expected head ", FormatHead(head),
        " is not in the log, which ends at record ", newest->seq,
        head.seq > newest->seq ? ": its newest records were deleted" : ": records are missing"));
  }
  const std::string hash = st->ColumnText(0);
  if (hash != head.hash) {
    return absl::DataLossError(base::Cat("record ", head.seq, " has hash ", hash,
                                         ", not the expected head's ", head.hash,
                                         ": the log was rewritten from there or before"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteAuditLog::VerifyFrom(const AuditHead& head) {
  absl::Status s = ExpectHead(head);
  if (!s.ok()) return s;
  absl::MutexLock lock(&mu_);
  return VerifyAfter(head.seq, head.hash);
}

absl::StatusOr<int64_t> SqliteAuditLog::VerifyAfter(int64_t seq, const std::string& prev_hash) {
  // From the start, every row is read: a row with seq <= 0 would break the chain too.
  absl::StatusOr<SqliteStatement> st = impl_->db->Prepare(
      absl::StrCat(kSelectColumns, seq > 0 ? " WHERE seq > ?1" : "", " ORDER BY seq"));
  if (!st.ok()) return st.status();
  if (seq > 0) st->Bind(1, seq);
  std::string prev = prev_hash;
  int64_t expected_seq = seq + 1;
  for (;; ++expected_seq) {
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const AuditRecord r = RecordFromRow(*st);
    if (r.seq != expected_seq) {
      return absl::DataLossError(
          absl::StrCat("audit record ", expected_seq, " is missing (next is ", r.seq, ")"));
    }
    if (r.prev_hash != prev) {
      return absl::DataLossError(
          absl::StrCat("audit record ", r.seq, ": prev_hash does not match record ", r.seq - 1));
    }
    if (AuditRecordHash(r) != r.hash) {
      return absl::DataLossError(
          absl::StrCat("audit record ", r.seq, ": content does not match its hash"));
    }
    prev = r.hash;
  }
  return expected_seq - 1 - seq;
}

}  // namespace coigraph::service
