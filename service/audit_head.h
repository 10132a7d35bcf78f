// The head of the audit chain, kept outside the database: the sequence number and hash of the
// newest record, "SEQ:HASH".
//
// The chain proves that no record was changed or removed before the newest one; it cannot
// prove that the newest ones were not deleted, or the tail rewritten with fresh hashes, by
// someone who can write the file. A head kept elsewhere can: the record SEQ must still be there
// with the hash HASH, and every record after it must chain to it.
//
//   coigraph-audit head DB                     -> "1234:9f86d081..."  (keep it elsewhere)
//   coigraph-audit verify DB --expect-head 1234:9f86d081...
//
// coigraphd writes its last head to HeadFilePath(db) at a clean stop and checks the chain from
// it at start-up (docs/service.md).
//
// Thread safety: pure functions, and file I/O on paths the caller owns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace coigraph::service {

struct AuditHead {
  int64_t seq = 0;   // 0: the empty log
  std::string hash;  // 64 hex digits (the genesis hash, all zeros, for seq 0)
};

// "SEQ:HASH".
std::string FormatHead(const AuditHead& head);
// Parses "SEQ:HASH" (surrounding whitespace ignored). Errors: InvalidArgument saying what the
// form is.
absl::StatusOr<AuditHead> ParseHead(std::string_view text);

// Where coigraphd keeps the head of the database `db_path`: "<db_path>.head".
std::string HeadFilePath(const std::string& db_path);
// The head in `path`; nullopt when there is no such file. Errors: Internal when it cannot be
// read, InvalidArgument (naming the file) when it does not hold a head.
absl::StatusOr<std::optional<AuditHead>> ReadHeadFile(const std::string& path);
// Writes `head` to `path` (a temporary file renamed over it, so a reader never sees half).
absl::Status WriteHeadFile(const std::string& path, const AuditHead& head);

}  // namespace coigraph::service
