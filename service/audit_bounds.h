// Bounds on what one audit record may hold, whatever a caller sends.
//
// The audit log is append-only and hash-chained, so space a record takes is never given back:
// a value a caller chooses (an id, the purpose, a result line quoting the request) is stored
// whole only up to kMaxAuditValueBytes (limits.h). A longer value, or one that is not valid
// UTF-8, is stored as a valid UTF-8 prefix followed by its full length and the SHA-256 of the
// whole, so the record still says what was sent and a copy kept elsewhere can be matched:
//
//   "aaaa…(a thousand a's)"  ->  "aaaa…aaaa [cut: 1000 bytes, sha256 41edece4…]"   (<= 256 bytes)
//
// Example:
//   AuditEntry e = BoundedAuditEntry(EntryOf(call, status, result));
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "service/audit_log.h"

namespace coigraph::service {

// `value` when it is valid UTF-8 of at most kMaxAuditValueBytes; otherwise its longest valid
// UTF-8 prefix that leaves room for " [cut: N bytes, sha256 HEX]", then that note.
std::string BoundedAuditValue(std::string_view value);

// Each id bounded; more than kMaxAuditIds ids become the first kMaxAuditIds - 1 and one entry
// "[+N more ids, sha256 HEX]" (HEX over all the ids, each followed by a newline).
std::vector<std::string> BoundedAuditIds(const std::vector<std::string>& ids);

// `entry` with caller, role, rpc, ids, purpose and result bounded.
AuditEntry BoundedAuditEntry(AuditEntry entry);

}  // namespace coigraph::service
