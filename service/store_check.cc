#include "service/store_check.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/text.h"
#include "service/audit_head.h"
#include "service/sqlite_db.h"

namespace coigraph::service {

namespace {

// quick_check reports at most this many problems (it stops there, so a badly damaged file is
// reported quickly).
constexpr int kQuickCheckFindings = 5;

}  // namespace

absl::Status CheckDatabase(const std::string& db_path) {
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) return absl::OkStatus();
  const std::string inspect = base::Cat("; inspect it with `sqlite3 ", db_path,
                                        " 'PRAGMA integrity_check'` and `coigraph-audit verify ",
                                        db_path, "`, and restore it from a backup");
  absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(db_path);
  if (!db.ok()) {
    return absl::DataLossError(
        base::Cat("the database ", db_path, " cannot be opened: ", db.status().message(), inspect));
  }
  absl::StatusOr<SqliteStatement> st =
      (*db)->Prepare(base::Cat("PRAGMA quick_check(", kQuickCheckFindings, ")"));
  if (!st.ok()) {
    return absl::DataLossError(base::Cat("the database ", db_path,
                                         " cannot be checked: ", st.status().message(), inspect));
  }
  std::string findings;
  for (;;) {
    absl::StatusOr<bool> row = st->Step();
    if (!row.ok()) {
      return absl::DataLossError(base::Cat("the database ", db_path,
                                           " fails SQLite's quick_check: ", row.status().message(),
                                           inspect));
    }
    if (!*row) break;
    const std::string line = st->ColumnText(0);
    if (line == "ok") continue;
    base::Append(findings, findings.empty() ? "" : "; ", line);
  }
  if (findings.empty()) return absl::OkStatus();
  return absl::DataLossError(
      base::Cat("the database ", db_path, " fails SQLite's quick_check: ", findings, inspect));
}

absl::Status CheckAuditChain(const std::string& db_path, SqliteAuditLog& log) {
  const std::string head_path = HeadFilePath(db_path);
  absl::StatusOr<std::optional<AuditHead>> head = ReadHeadFile(head_path);
  if (!head.ok()) return head.status();
  absl::StatusOr<int64_t> checked = head->has_value() ? log.VerifyFrom(**head) : log.VerifyChain();
  if (checked.ok()) return absl::OkStatus();
  const std::string verify = head->has_value() ? base::Cat("coigraph-audit verify ", db_path,
                                                           " --expect-head ", FormatHead(**head))
                                               : base::Cat("coigraph-audit verify ", db_path);
  return absl::DataLossError(
      base::Cat("the audit log in ", db_path, " is damaged: ", checked.status().message(),
                head->has_value()
                    ? base::Cat(" (checked from the head ", FormatHead(**head),
                                " that coigraphd wrote to ", head_path, " at its last clean stop)")
                    : "",
                "; inspect it with `", verify, "` and `coigraph-audit list ", db_path,
                " --from SEQ`, and restore the database from a backup (remove ", head_path,
                " only when the backup is meant to be older than that head)"));
}

}  // namespace coigraph::service
