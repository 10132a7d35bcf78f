// A thin RAII layer over SQLite 3 for the case store and the audit log.
//
// One SqliteDb is one connection, opened in WAL mode with a busy timeout so that several
// connections (the case store's and the audit log's, or another process's `coigraph audit
// verify`) share a file. Errors become absl::Status with the SQLite message: Unavailable when the
// file cannot be written (SQLITE_FULL, SQLITE_IOERR_*, SQLITE_READONLY, SQLITE_CANTOPEN: a full
// disk, a file-size limit, an I/O error), Aborted for a constraint violation, Internal for the
// rest.
// Once the database's -shm file was damaged under a mapping (ShmLost, shm_fault.h) every
// statement of every connection is refused with ShmLostStatus, Unavailable, until a restart.
//
// Example:
//   absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open("/var/lib/coigraph.db");
//   SqliteStatement st((*db)->Prepare("SELECT status FROM cases WHERE case_id = ?1").value());
//   st.Bind(1, id);
//   while (st.Step().value()) { int s = st.ColumnInt(0); }
//
// Thread safety: a connection is used by one thread at a time; callers hold their own mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace coigraph::service {

class SqliteStatement;

class SqliteDb {
 public:
  // Opens (creating when absent) the database file `path` in WAL mode, synchronous=NORMAL,
  // foreign keys on, 5 s busy timeout. Errors: Internal when SQLite cannot open it.
  static absl::StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements that return no rows.
  absl::Status Exec(std::string_view sql);
  absl::StatusOr<SqliteStatement> Prepare(std::string_view sql);
  int64_t LastInsertRowId() const;
  // Rows changed by the latest INSERT/UPDATE/DELETE.
  int Changes() const;
  const std::string& path() const { return path_; }
  // The connection, for what this layer does not wrap (registering SQL functions).
  sqlite3* handle() const { return db_; }

  // An Internal status carrying SQLite's latest message.
  absl::Status Error(std::string_view what) const;

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// The value of secret `name` in the database's `secrets` table; on first use, 32 random bytes
// (from /dev/urandom) as 64 hex digits, stored so that later opens and restarts see the same
// value. Errors: Internal for SQLite failures or no randomness.
absl::StatusOr<std::string> GetOrCreateSecret(SqliteDb& db, std::string_view name);

// A prepared statement. Bind indexes are 1-based, column indexes 0-based.
class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  ~SqliteStatement();

  void Bind(int index, std::string_view text);
  void Bind(int index, int64_t value);
  void Bind(int index, int value) { Bind(index, static_cast<int64_t>(value)); }
  void BindNull(int index);
  // true: a row is ready; false: done. Errors: Unavailable (cannot write), Aborted (a constraint
  // violation), Internal.
  absl::StatusOr<bool> Step();
  // Steps to the end (a statement without rows).
  absl::Status Run();
  void Reset();

  std::string ColumnText(int column) const;
  int64_t ColumnInt(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3_stmt* stmt, const SqliteDb* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_;
  const SqliteDb* db_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() succeeded.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db) : db_(db) {}
  ~SqliteTransaction();
  absl::Status Begin();
  absl::Status Commit();

 private:
  SqliteDb& db_;
  bool open_ = false;
};

}  // namespace coigraph::service
