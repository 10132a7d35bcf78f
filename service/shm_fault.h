// A damaged `-shm` file refuses calls instead of killing the process.
//
// SQLite in WAL mode maps the database's shared-memory file (DB-shm, the wal-index) into every
// process that opens it. When someone truncates that file (or replaces it) while coigraphd has
// it mapped, the next access to the mapping raises SIGBUS, whose default action kills the
// process. InstallShmFaultHandler installs a SIGBUS handler that, for a fault inside a shared
// mapping of a file whose name ends in "-shm", maps a zero page over the faulting page (so the
// instruction resumes) and raises ShmLost(); every other SIGBUS still ends the process as before
// (a real bug still crashes, with its core).
//
// Once ShmLost() is true the wal-index this process sees is no longer the one other processes
// see, so SqliteDb refuses every statement from then on (UNAVAILABLE, ShmLostStatus) and nothing
// turns the store back on: coigraphd must be restarted, after which SQLite rebuilds the
// wal-index from the WAL file.
//
// Example:
//   coigraph::service::InstallShmFaultHandler();  // in main, before any database is opened
//   if (coigraph::service::ShmLost()) return coigraph::service::ShmLostStatus(path);
//
// Thread safety: ShmLost may be called from any thread (and from the handler); install once,
// before threads that use SQLite start.
#pragma once

#include <string_view>

#include "absl/status/status.h"

namespace coigraph::service {

// Installs the process-wide SIGBUS handler (sigaction, SA_SIGINFO). Errors: Internal when
// sigaction fails.
absl::Status InstallShmFaultHandler();

// Whether a mapping of a -shm file faulted (since the start of the process).
bool ShmLost();

// The UNAVAILABLE status of a store call refused because the -shm file of the database
// `db_path` was damaged.
absl::Status ShmLostStatus(std::string_view db_path);

// For tests: whether `address` lies in a shared mapping of a file whose name ends in "-shm",
// as the handler decides it (from /proc/self/maps).
bool InShmMapping(const void* address);

}  // namespace coigraph::service
