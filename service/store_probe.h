// Whether the store can be written again, found out without waiting for a call.
//
// A call whose write fails turns health NOT_SERVING (RpcRunner); the next call whose record
// commits turns it SERVING. A client that watches health sends no call while it is NOT_SERVING,
// so coigraphd tries a write of its own every kStoreProbeInterval until one goes through:
// ProbeStoreWrite rewrites the one row of its own table `store_probe` in a transaction that
// commits, so the WAL file is written as by a call's commit (a file-size limit, a full disk, a
// read-only file or an I/O error fail it alike). Nothing reads the table; it is not part of the
// audit chain.
//
// Example:
//   if (!writable && ProbeStoreWrite(*db, absl::Now()).ok()) runner.NoteWritable(true);
//
// Thread safety: as SqliteDb's (one thread at a time per connection).
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "service/sqlite_db.h"

namespace coigraph::service {

inline constexpr absl::Duration kStoreProbeInterval = absl::Seconds(2);

// OK when a write to `db` committed. Errors: Unavailable when the file cannot be written (as
// SqliteDb reports it), Internal for the rest.
absl::Status ProbeStoreWrite(SqliteDb& db, absl::Time now);

}  // namespace coigraph::service
