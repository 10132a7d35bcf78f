#include "service/sqlite_db.h"

#include <sqlite3.h>

#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "service/shm_fault.h"

namespace coigraph::service {

namespace {

// A failure to write the file (disk full, a file-size limit, an I/O error, a read-only file):
// the store cannot take writes now but may later, so the call is refused with UNAVAILABLE (the
// client may retry) rather than INTERNAL.
bool IsWriteFault(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return true;
    default:
      return false;
  }
}

absl::Status WriteFault(std::string_view message) {
  return absl::UnavailableError(base::Cat("the store cannot be written: ", message));
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return absl::InternalError(absl::StrCat("cannot open database ", path, ": ", message));
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw, path));
  sqlite3_busy_timeout(raw, 5000);
  // WAL lets readers go on while one connection writes; NORMAL syncs at checkpoints, which in
  // WAL mode still never corrupts the database (a power cut may lose the latest commits).
  absl::Status s = db->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      " PRAGMA foreign_keys=ON;");
  if (!s.ok()) return s;
  return db;
}

SqliteDb::~SqliteDb() {
  // With the -shm lost, this process's wal-index is its own: no checkpoint from it at close.
  if (ShmLost()) sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  sqlite3_close_v2(db_);
}

absl::Status SqliteDb::Error(std::string_view what) const {
  return absl::InternalError(base::Cat(what, ": ", sqlite3_errmsg(db_), " (", path_, ")"));
}

absl::Status SqliteDb::Exec(std::string_view sql) {
  if (ShmLost()) return ShmLostStatus(path_);
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  // The -shm may have been lost during this statement: what it did is not acknowledged.
  if (ShmLost()) {
    sqlite3_free(message);
    return ShmLostStatus(path_);
  }
  if (rc != SQLITE_OK) {
    std::string m = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    if (IsWriteFault(rc)) return WriteFault(base::Cat(m, " (", path_, ")"));
    return absl::InternalError(absl::StrCat("sqlite: ", m, " (", path_, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  if (ShmLost()) return ShmLostStatus(path_);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return Error(base::Cat("prepare \"", sql.substr(0, 60), "\""));
  }
  return SqliteStatement(stmt, this);
}

int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::Changes() const { return sqlite3_changes(db_); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
void SqliteStatement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

absl::StatusOr<bool> SqliteStatement::Step() {
  if (ShmLost()) return ShmLostStatus(db_->path());
  const int rc = sqlite3_step(stmt_);
  if (ShmLost()) return ShmLostStatus(db_->path());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  absl::Status s = db_->Error("step");
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return absl::AbortedError(s.message());
  if (IsWriteFault(rc)) return WriteFault(std::string(s.message()));
  return s;
}

absl::Status SqliteStatement::Run() {
  for (;;) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string SqliteStatement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}
int64_t SqliteStatement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
bool SqliteStatement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) db_.Exec("ROLLBACK").IgnoreError();
}

absl::Status SqliteTransaction::Begin() {
  absl::Status s = db_.Exec("BEGIN IMMEDIATE");
  open_ = s.ok();
  return s;
}

absl::Status SqliteTransaction::Commit() {
  absl::Status s = db_.Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

absl::StatusOr<std::string> GetOrCreateSecret(SqliteDb& db, std::string_view name) {
  absl::Status s =
      db.Exec("CREATE TABLE IF NOT EXISTS secrets(name TEXT PRIMARY KEY, value TEXT NOT NULL)");
  if (!s.ok()) return s;
  std::string fresh;
  {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[32];
    if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes)) {
      return absl::InternalError("cannot read /dev/urandom");
    }
    constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char b : bytes) {
      fresh += kHex[b >> 4];
      fresh += kHex[b & 15];
    }
  }
  // INSERT OR IGNORE then SELECT: two processes opening a fresh file agree on one value.
  absl::StatusOr<SqliteStatement> insert =
      db.Prepare("INSERT OR IGNORE INTO secrets(name, value) VALUES(?1, ?2)");
  if (!insert.ok()) return insert.status();
  insert->Bind(1, name);
  insert->Bind(2, fresh);
  s = insert->Run();
  if (!s.ok()) return s;
  absl::StatusOr<SqliteStatement> select = db.Prepare("SELECT value FROM secrets WHERE name = ?1");
  if (!select.ok()) return select.status();
  select->Bind(1, name);
  absl::StatusOr<bool> row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError(base::Cat("secret ", name, " vanished"));
  return select->ColumnText(0);
}

}  // namespace coigraph::service
