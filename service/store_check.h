// What coigraphd checks of its database before it serves from it, so that a damaged store is
// refused at start-up instead of being served and appended to.
//
//   1. SQLite's `PRAGMA quick_check` (pages, records and indexes well formed; O(file size)).
//   2. The audit chain: from the head written at the last clean stop (HeadFilePath, "DB.head")
//      when there is one, else from the first record: the head record must still be there with
//      its hash, and every later record must chain to it.
//
// Each failure says what is wrong and which command shows more.
//
// Example:
//   absl::Status s = CheckDatabase("/var/lib/coigraph.db");       // before anything opens it
//   s = CheckAuditChain("/var/lib/coigraph.db", *audit_log);       // once the log is open
//
// Thread safety: call before serving.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "service/audit_log.h"

namespace coigraph::service {

// quick_check of the database `db_path` (nothing to check when there is no such file yet).
// Errors: DataLoss naming the file, SQLite's first findings and what to run.
absl::Status CheckDatabase(const std::string& db_path);

// The chain of `log` (the database `db_path`) from the head kept beside it. Errors: DataLoss
// naming the first bad record or the missing head, and what to run; InvalidArgument for a head
// file that holds no head.
absl::Status CheckAuditChain(const std::string& db_path, SqliteAuditLog& log);

}  // namespace coigraph::service
