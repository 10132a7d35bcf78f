// coigraph-audit: checks the hash chain of a coigraphd audit log.
//
//   coigraph-audit verify DB
//
// Exit status and output (the contract `coigraph audit verify DB` relies on):
//   0  stdout "audit chain OK: N records"            every record chains to the one before
//   1  stderr "audit chain BROKEN: <first bad record>"  an edited, removed or reordered record
//   2  stderr usage or "cannot open DB: ..."            bad arguments, no such file, not a db
//
// It only reads: a missing DB is an error, never created; a running coigraphd may keep writing
// (WAL), and the check covers the records committed when it starts.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "service/audit_log.h"

namespace {

constexpr char kUsage[] = "usage: coigraph-audit verify DB\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (argc != 3 || std::string(argv[1]) != "verify") {
    std::cerr << kUsage;
    return 2;
  }
  const std::string db = argv[2];
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) {
    std::cerr << "coigraph-audit: cannot open " << db << ": no such file\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteAuditLog>> log =
      coigraph::service::SqliteAuditLog::Open(db);
  if (!log.ok()) {
    std::cerr << "coigraph-audit: cannot open " << db << ": " << log.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<int64_t> n = (*log)->VerifyChain();
  if (!n.ok()) {
    if (n.status().code() == absl::StatusCode::kDataLoss) {
      std::cerr << "audit chain BROKEN: " << n.status().message() << "\n";
      return 1;
    }
    std::cerr << "coigraph-audit: cannot read " << db << ": " << n.status().message() << "\n";
    return 2;
  }
  std::cout << "audit chain OK: " << *n << " records\n";
  return 0;
}
