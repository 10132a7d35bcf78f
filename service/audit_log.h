// The audit log: one append-only record per call, hash-chained.
//
// Each record carries the SHA-256 of the record before it (`prev_hash`, 64 zeros for the first)
// and its own hash over `prev_hash` and its content, so changing, removing or reordering a
// record breaks the chain from there on, which VerifyChain() finds:
//
//   #1 {prev=000..0, content1, hash=H1}  ->  #2 {prev=H1, content2, hash=H2}  ->  #3 {prev=H2 ...}
//   hash_n = SHA-256(prev_n || len:seq || len:time || len:caller || len:role || len:rpc
//                    || len:ids || len:purpose || len:result)     (len = decimal length + ':')
//
// SqliteAuditLog keeps the records in the `audit_log` table of the service's SQLite database;
// triggers refuse UPDATE and DELETE on it.
//
// Example:
//   absl::StatusOr<std::unique_ptr<SqliteAuditLog>> log = SqliteAuditLog::Open("coigraph.db");
//   (*log)->Append({.time = now, .caller = "hr-1", .role = "hr_system", .rpc = "CheckHire",
//                   .ids = {"900101300123", "POS-17"}, .purpose = "order 17", .result = "OK"});
//   absl::StatusOr<int64_t> n = (*log)->VerifyChain();   // DataLoss names the first bad record
//
// Thread safety: Append, Read and VerifyChain may be called from many threads.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/audit_head.h"

namespace coigraph::service {

// What a caller asked and what it got.
struct AuditEntry {
  absl::Time time;
  std::string caller;  // the token's NAME ("anonymous" when unauthenticated, "demo" in demo mode)
  std::string role;
  std::string rpc;               // "CheckHire"
  std::vector<std::string> ids;  // the IINs, BINs and object ids asked about
  std::string purpose;
  std::string result;  // "OK CONFLICT 2", "PERMISSION_DENIED", ...
};

struct AuditRecord {
  int64_t seq = 0;   // 1, 2, 3, ...
  std::string time;  // RFC 3339 UTC with milliseconds
  std::string caller;
  std::string role;
  std::string rpc;
  std::vector<std::string> ids;
  std::string purpose;
  std::string result;
  std::string prev_hash;  // 64 hex digits
  std::string hash;       // 64 hex digits
};

// Which records Query returns: those matching every non-empty filter, newest first.
struct AuditQuery {
  std::string caller;     // exact
  std::string rpc;        // exact ("GetCase")
  std::string id;         // one of the record's ids, exact
  std::string date_from;  // YYYY-MM-DD (UTC), inclusive
  std::string date_to;    // YYYY-MM-DD (UTC), inclusive
  int limit = 50;
  int64_t before_seq = 0;  // only records older than this one (0: from the newest)
};

struct AuditPage {
  std::vector<AuditRecord> records;  // newest first
  int64_t total_count = 0;           // matching records in all
  int64_t next_before_seq = 0;       // before_seq of the next page; 0 on the last page
};

// "2024-03-01T09:30:00.123Z".
std::string FormatRfc3339(absl::Time t);

// The hash a record must carry, from its prev_hash and content.
std::string AuditRecordHash(const AuditRecord& record);

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends a record chained to the last one; returns it with seq and hashes filled.
  // Errors: Unavailable when the record cannot be written (the caller must then refuse the call).
  virtual absl::StatusOr<AuditRecord> Append(const AuditEntry& entry) = 0;
  // The same without blocking the caller: `done` is called, on some thread, once the record is
  // committed or has failed. The default calls Append() and then `done`.
  using AppendDone = std::function<void(absl::StatusOr<AuditRecord>)>;
  // NOLINTNEXTLINE(performance-unnecessary-value-param): overrides keep `done` until committed.
  virtual void AppendAsync(const AuditEntry& entry, AppendDone done) { done(Append(entry)); }
  // Up to `limit` records with seq >= from_seq, in order.
  virtual absl::StatusOr<std::vector<AuditRecord>> Read(int64_t from_seq, int limit) = 0;
  // The records matching `query`, newest first, a page at a time.
  virtual absl::StatusOr<AuditPage> Query(const AuditQuery& query) = 0;
  // Checks every record: consecutive seq from 1, prev_hash equal to the hash before, hash equal
  // to the recomputed one. Returns how many records were checked; DataLoss naming the first
  // record that breaks the chain.
  virtual absl::StatusOr<int64_t> VerifyChain() = 0;
};

// Appends are group-committed by one writer thread: callers queue their records, and the writer
// commits everything queued so far as one transaction, then tells each caller (Append returns,
// AppendAsync calls `done`) only once its own record is committed (or failed: then every record
// of that transaction is refused and the chain goes on from the last committed one). gRPC
// handlers use AppendAsync, so no server thread blocks on SQLite. WAL checkpoints (the only
// fsyncs with synchronous=NORMAL) mostly run on a second connection in a background thread.
class SqliteAuditLog final : public AuditLog {
 public:
  // Opens the audit table in the SQLite database `path`, creating file and table when absent,
  // and starts the checkpoint thread.
  static absl::StatusOr<std::unique_ptr<SqliteAuditLog>> Open(const std::string& path);
  // Commits what is queued, then stops the writer and checkpoint threads.
  ~SqliteAuditLog() override;

  absl::StatusOr<AuditRecord> Append(const AuditEntry& entry) override;
  void AppendAsync(const AuditEntry& entry, AppendDone done) override;
  absl::StatusOr<std::vector<AuditRecord>> Read(int64_t from_seq, int limit) override;
  absl::StatusOr<AuditPage> Query(const AuditQuery& query) override;
  absl::StatusOr<int64_t> VerifyChain() override;

  // The newest record's seq and hash; {0, 64 zeros} for an empty log.
  absl::StatusOr<AuditHead> Head();
  // OK when record head.seq is in the log with hash head.hash (seq 0: the empty log's genesis
  // hash). DataLoss otherwise: the record is gone (the newest records were deleted) or its hash
  // differs (the log was rewritten from there or before).
  absl::Status ExpectHead(const AuditHead& head);
  // ExpectHead, then every record after the head checked as VerifyChain checks it; returns how
  // many records after the head were checked. For a start-up that trusts what was verified
  // when the head was taken and checks only what came since.
  absl::StatusOr<int64_t> VerifyFrom(const AuditHead& head);

 private:
  struct Impl;
  struct Pending {
    AuditRecord record;
    AppendDone done;
  };
  explicit SqliteAuditLog(std::unique_ptr<Impl> impl);
  void CheckpointLoop();
  void WriterLoop();
  // Writes `records` as one transaction, filling in seq and hashes.
  absl::Status CommitBatch(std::vector<AuditRecord>& records) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  static bool HasWork(SqliteAuditLog* log);
  // Checks the records after `seq`, the first of them chaining to `prev_hash`.
  absl::StatusOr<int64_t> VerifyAfter(int64_t seq, const std::string& prev_hash)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  absl::Mutex mu_;
  std::unique_ptr<Impl> impl_ ABSL_GUARDED_BY(mu_);

  absl::Mutex queue_mu_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(queue_mu_);
  bool stopping_ ABSL_GUARDED_BY(queue_mu_) = false;
  std::thread writer_;
  std::thread checkpointer_;
};

}  // namespace coigraph::service
