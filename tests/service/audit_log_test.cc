#include "service/audit_log.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/service/temp_path.h"

namespace coigraph::service {
namespace {

using testing::FreshPath;

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

AuditEntry Entry(int i) {
  return {.time = kT0 + absl::Seconds(i),
          .caller = "hr-gateway",
          .role = "hr_system",
          .rpc = "CheckHire",
          .ids = {"800101300011", "POS-" + std::to_string(i)},
          .purpose = "order " + std::to_string(i),
          .result = "OK CLEAR"};
}

std::unique_ptr<SqliteAuditLog> OpenLog(const std::string& path) {
  absl::StatusOr<std::unique_ptr<SqliteAuditLog>> log = SqliteAuditLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status();
  return log.ok() ? std::move(*log) : nullptr;
}

// Runs raw SQL against the file, as someone with write access to it could.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(AuditLogTest, RecordsChain) {
  auto log = OpenLog(FreshPath("db"));
  absl::StatusOr<AuditRecord> r1 = log->Append(Entry(1));
  absl::StatusOr<AuditRecord> r2 = log->Append(Entry(2));
  ASSERT_TRUE(r1.ok() && r2.ok());
  EXPECT_EQ(r1->seq, 1);
  EXPECT_EQ(r1->prev_hash, std::string(64, '0'));
  EXPECT_EQ(r2->prev_hash, r1->hash);
  EXPECT_EQ(r1->hash, AuditRecordHash(*r1));
  EXPECT_EQ(r1->time, "2023-11-14T22:13:21.000Z");

  absl::StatusOr<std::vector<AuditRecord>> all = log->Read(1, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].ids, (std::vector<std::string>{"800101300011", "POS-2"}));
  EXPECT_EQ((*all)[1].purpose, "order 2");
  EXPECT_EQ(*log->VerifyChain(), 2);
}

// The head kept elsewhere: the chain from it on is checked, and a head that is gone or has
// another hash is DataLoss.
TEST(AuditLogTest, VerifyFromAHeadCatchesWhatTheChainAloneCannot) {
  const std::string path = FreshPath("db");
  auto log = OpenLog(path);
  EXPECT_EQ(FormatHead(*log->Head()), std::string("0:") + std::string(64, '0'));
  for (int i = 1; i <= 4; ++i) ASSERT_TRUE(log->Append(Entry(i)).ok());
  const AuditHead at2{.seq = 2, .hash = log->Read(2, 1).value()[0].hash};
  const AuditHead at4 = *log->Head();
  EXPECT_EQ(at4.seq, 4);
  EXPECT_EQ(*log->VerifyFrom(at2), 2);  // records 3 and 4
  EXPECT_EQ(*log->VerifyFrom(at4), 0);
  EXPECT_TRUE(log->ExpectHead(at2).ok());
  AuditHead wrong = at2;
  wrong.hash[0] = wrong.hash[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(log->ExpectHead(wrong).code(), absl::StatusCode::kDataLoss);
  log.reset();

  Tamper(path,
         "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET purpose = 'x' WHERE seq = 3;"
         " DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4;");
  log = OpenLog(path);
  absl::StatusOr<int64_t> from2 = log->VerifyFrom(at2);
  EXPECT_EQ(from2.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(from2.status().message(), "audit record 3: content does not match its hash");
  absl::Status head4 = log->ExpectHead(at4);
  EXPECT_EQ(head4.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(head4.message().find("its newest records were deleted"), std::string::npos) << head4;
  EXPECT_EQ(ParseHead(FormatHead(at4))->hash, at4.hash);
  EXPECT_FALSE(ParseHead("4").ok());
  EXPECT_FALSE(ParseHead("x:" + at4.hash).ok());
}

// Group commit: many callers at once, each told its own record, all in one unbroken chain.
//
//   t0: A(1) A(2) ...   t1: A(1) A(2) ...   ...   -> seq 1..N, each seq given to one caller
TEST(AuditLogTest, ConcurrentAppendsEachGetTheirOwnCommittedRecord) {
  auto log = OpenLog(FreshPath("db"));
  constexpr int kThreads = 8, kEach = 150;
  std::vector<std::vector<int64_t>> seqs(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        absl::StatusOr<AuditRecord> r = log->Append(Entry(t * kEach + i));
        ASSERT_TRUE(r.ok()) << r.status();
        EXPECT_EQ(r->purpose, "order " + std::to_string(t * kEach + i));
        seqs[t].push_back(r->seq);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<int64_t> all;
  for (const auto& s : seqs) all.insert(s.begin(), s.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kEach);
  EXPECT_EQ(*log->VerifyChain(), kThreads * kEach);
  // Each caller's records are in its own order.
  for (const auto& s : seqs) EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
}

TEST(AuditLogTest, IdsWithSeparatorsRoundTrip) {
  auto log = OpenLog(FreshPath("db"));
  AuditEntry e = Entry(1);
  e.ids = {"a\nb", "c\\n", ""};
  ASSERT_TRUE(log->Append(e).ok());
  EXPECT_EQ((*log->Read(1, 1))[0].ids, e.ids);
  EXPECT_TRUE(log->VerifyChain().ok());
}

TEST(AuditLogTest, ChainContinuesAfterReopen) {
  const std::string path = FreshPath("db");
  { ASSERT_TRUE(OpenLog(path)->Append(Entry(1)).ok()); }
  auto log = OpenLog(path);
  absl::StatusOr<AuditRecord> r2 = log->Append(Entry(2));
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->seq, 2);
  EXPECT_EQ(*log->VerifyChain(), 2);
}

TEST(AuditLogTest, TwoConnectionsKeepOneChain) {
  const std::string path = FreshPath("db");
  auto a = OpenLog(path);
  auto b = OpenLog(path);
  ASSERT_TRUE(a->Append(Entry(1)).ok());
  ASSERT_TRUE(b->Append(Entry(2)).ok());  // b's tail is stale: it must re-read it
  ASSERT_TRUE(a->Append(Entry(3)).ok());
  EXPECT_EQ(*a->VerifyChain(), 3);
}

TEST(AuditLogTest, UpdateAndDeleteAreRefused) {
  const std::string path = FreshPath("db");
  auto log = OpenLog(path);
  ASSERT_TRUE(log->Append(Entry(1)).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET purpose = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(*log->VerifyChain(), 1);
}

TEST(AuditLogTest, TamperedContentIsDetected) {
  const std::string path = FreshPath("db");
  auto log = OpenLog(path);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(log->Append(Entry(i)).ok());
  Tamper(path,
         "DROP TRIGGER audit_log_no_update;"
         " UPDATE audit_log SET purpose = 'nothing to see' WHERE seq = 2;");
  absl::StatusOr<int64_t> v = log->VerifyChain();
  EXPECT_TRUE(absl::IsDataLoss(v.status())) << v.status();
  EXPECT_NE(v.status().message().find("audit record 2"), absl::string_view::npos);
}

TEST(AuditLogTest, RemovedRecordIsDetected) {
  const std::string path = FreshPath("db");
  auto log = OpenLog(path);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(log->Append(Entry(i)).ok());
  Tamper(path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;");
  EXPECT_TRUE(absl::IsDataLoss(log->VerifyChain().status()));
}

TEST(AuditLogTest, RehashedRecordBreaksTheNextLink) {
  const std::string path = FreshPath("db");
  auto log = OpenLog(path);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(log->Append(Entry(i)).ok());
  // A forger who recomputes record 2's own hash still breaks record 3's prev_hash.
  AuditRecord forged = (*log->Read(2, 1))[0];
  forged.result = "OK CLEAR (forged)";
  forged.hash = AuditRecordHash(forged);
  Tamper(path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET result = '" + forged.result +
                   "', hash = '" + forged.hash + "' WHERE seq = 2;");
  absl::StatusOr<int64_t> v = log->VerifyChain();
  EXPECT_TRUE(absl::IsDataLoss(v.status()));
  EXPECT_NE(v.status().message().find("audit record 3"), absl::string_view::npos);
}

}  // namespace
}  // namespace coigraph::service
