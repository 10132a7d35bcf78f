// End to end: coigraphd's store under faults, on examples/demo. The audit head kept beside the
// database catches a deleted or rewritten tail; a damaged file is refused at start-up.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "base/sha256.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "gtest/gtest.h"
#include "service/audit_log.h"
#include "tests/e2e_service/daemon_process.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::coigraph::v1;

const std::string kDemo = std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo";
const std::string kAudit = COIGRAPH_AUDIT_BINARY;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `sql` on the database file as someone with write access to it could.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

class StoreFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    work_ = fs::path(::testing::TempDir()) /
            ("coigraph_store_faults_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    db_ = (work_ / "store.db").string();
    std::ofstream(work_ / "tokens.txt")
        << "ethics_commissioner aigerim " << base::Sha256Hex("tok-ethics") << "\n";
  }

  void TearDown() override {
    daemon_.Kill();
    if (!HasFailure()) fs::remove_all(work_);
  }

  // Starts coigraphd on examples/demo and `db_`; its stderr goes to coigraphd.log.
  absl::Status Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "--feeds",  kDemo,         "--db",     db_,
        "--listen", "127.0.0.1:0", "--tokens", (work_ / "tokens.txt").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    absl::Status s = daemon_.Start(COIGRAPHD_BINARY, args, Log().string());
    if (s.ok()) {
      channel_ = grpc::CreateChannel(daemon_.address(), grpc::InsecureChannelCredentials());
      stub_ = v1::Coigraph::NewStub(channel_);
    }
    return s;
  }

  // SIGTERM once the channel is gone (gRPC waits up to 5 s for connected clients); the exit status.
  int Stop() {
    stub_.reset();
    channel_.reset();
    return daemon_.Stop();
  }

  fs::path Log() const { return work_ / "coigraphd.log"; }

  grpc::Status GetCase(const std::string& id, v1::Case* out) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-ethics");
    v1::GetCaseRequest r;
    r.set_case_id(id);
    r.set_purpose("case review");
    return stub_->GetCase(&ctx, r, out);
  }

  // A few audited calls.
  void MakeCalls(int n) {
    for (int i = 0; i < n; ++i) {
      v1::Case c;
      EXPECT_EQ(GetCase("C-00000000000000000000", &c).error_code(), grpc::StatusCode::NOT_FOUND);
    }
  }

  int Run(const std::string& command, std::string* out) { return RunCommand(command, out); }

  // grpc.health.v1.Health/Check for the whole server: "SERVING", "NOT_SERVING", or the error.
  std::string Health() {
    grpc::GenericStub generic(channel_);
    grpc::Slice empty("");
    grpc::ByteBuffer request(&empty, 1);  // an empty HealthCheckRequest
    grpc::ByteBuffer response;
    grpc::ClientContext ctx;
    absl::Notification done;
    grpc::Status status;
    generic.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request,
                      &response, [&](grpc::Status s) {
                        status = std::move(s);
                        done.Notify();
                      });
    done.WaitForNotification();
    if (!status.ok()) return "error " + status.error_message();
    std::vector<grpc::Slice> slices;
    if (!response.Dump(&slices).ok()) return "unreadable";
    std::string bytes;
    for (const grpc::Slice& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
    // HealthCheckResponse{status = 1 SERVING | 2 NOT_SERVING}: the bytes 08 01 / 08 02.
    if (bytes == std::string("\x08\x01", 2)) return "SERVING";
    if (bytes == std::string("\x08\x02", 2)) return "NOT_SERVING";
    return "unexpected";
  }

  // Sets the daemon's soft file-size limit (RLIMIT_FSIZE), as `ulimit -f` or a full disk would.
  void LimitFileSize(rlim_t bytes) {
    const rlimit limit{.rlim_cur = bytes, .rlim_max = RLIM_INFINITY};
    ASSERT_EQ(prlimit(daemon_.pid(), RLIMIT_FSIZE, &limit, nullptr), 0) << std::strerror(errno);
  }

  fs::path work_;
  std::string db_;
  DaemonProcess daemon_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
};

TEST_F(StoreFaultsTest, ACleanStopWritesTheHeadThatCatchesADeletedOrRewrittenTail) {
  ASSERT_TRUE(Start().ok());
  MakeCalls(5);
  EXPECT_EQ(Stop(), 0);
  const std::string head_file = db_ + ".head";
  ASSERT_TRUE(fs::exists(head_file));
  std::string head;
  ASSERT_EQ(Run(kAudit + " head " + db_, &head), 0) << head;
  EXPECT_EQ(head,
            "5:" + service::SqliteAuditLog::Open(db_).value()->Read(5, 1).value()[0].hash + "\n");
  EXPECT_EQ(ReadAll(head_file), head);
  head.pop_back();  // the newline
  std::string out;
  EXPECT_EQ(Run(kAudit + " verify " + db_ + " --expect-head " + head, &out), 0) << out;
  EXPECT_EQ(out, "audit chain OK: 5 records\n");

  // The newest two records deleted: the chain that is left is whole, the head is gone.
  const std::string deleted = (work_ / "deleted.db").string();
  fs::copy_file(db_, deleted);
  Tamper(deleted, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 3;");
  EXPECT_EQ(Run(kAudit + " verify " + deleted, &out), 0) << out;
  EXPECT_EQ(Run(kAudit + " verify " + deleted + " --expect-head " + head, &out), 1) << out;
  EXPECT_EQ(out, "audit chain BROKEN: record 5 of the expected head " + head +
                     " is not in the log, which ends at record 3: its newest records were "
                     "deleted\n");

  // The newest record rewritten with a hash that fits: only the head tells.
  const std::string rewritten = (work_ / "rewritten.db").string();
  fs::copy_file(db_, rewritten);
  service::AuditRecord last = service::SqliteAuditLog::Open(db_).value()->Read(5, 1).value()[0];
  last.purpose = "routine";
  last.hash = service::AuditRecordHash(last);
  Tamper(rewritten,
         "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET purpose = 'routine',"
         " hash = '" +
             last.hash + "' WHERE seq = 5;");
  EXPECT_EQ(Run(kAudit + " verify " + rewritten, &out), 0) << out;
  EXPECT_EQ(Run(kAudit + " verify " + rewritten + " --expect-head " + head, &out), 1) << out;
  EXPECT_NE(out.find("record 5 has hash " + last.hash), std::string::npos) << out;
  EXPECT_NE(out.find("the log was rewritten"), std::string::npos) << out;

  // coigraphd itself refuses the store whose tail was deleted, and says what to run.
  fs::remove(db_);
  fs::copy_file(deleted, db_);
  EXPECT_FALSE(Start().ok());
  EXPECT_EQ(Stop(), 1);
  const std::string log = ReadAll(Log());
  EXPECT_NE(log.find("is damaged: record 5 of the expected head"), std::string::npos) << log;
  EXPECT_NE(log.find("coigraph-audit verify " + db_ + " --expect-head " + head), std::string::npos)
      << log;
}

TEST_F(StoreFaultsTest, ACorruptDatabaseFileIsRefusedAtStart) {
  ASSERT_TRUE(Start().ok());
  MakeCalls(3);
  EXPECT_EQ(Stop(), 0);
  ASSERT_FALSE(fs::exists(db_ + "-wal") && fs::file_size(db_ + "-wal") > 0);
  // Pages 2 and 3 overwritten (page 1, the header, left alone so SQLite still opens it).
  {
    std::fstream f(db_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    const std::string junk(8192, '\x55');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  EXPECT_FALSE(Start().ok());
  EXPECT_EQ(Stop(), 1);
  const std::string log = ReadAll(Log());
  EXPECT_NE(log.find("coigraphd: the database " + db_), std::string::npos) << log;
  EXPECT_NE(log.find("PRAGMA integrity_check"), std::string::npos) << log;
  EXPECT_EQ(log.find("listening on"), std::string::npos) << log;
}

// A file-size limit stands in for a full disk: writes fail with EFBIG (and SIGXFSZ, which would
// kill the process). Calls are refused UNAVAILABLE with the reason, health turns NOT_SERVING, and
// both come back once a write goes through again.
TEST_F(StoreFaultsTest, AStoreThatCannotBeWrittenRefusesCallsAndRecovers) {
  ASSERT_TRUE(Start().ok());
  MakeCalls(1);
  EXPECT_EQ(Health(), "SERVING");

  LimitFileSize(0);
  v1::Case c;
  grpc::Status s = GetCase("C-00000000000000000000", &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(s.error_message().find("the audit log cannot be written, so the call is refused"),
            std::string::npos)
      << s.error_message();
  int wait_status = 0;
  EXPECT_EQ(waitpid(daemon_.pid(), &wait_status, WNOHANG), 0) << "the process lives on";
  EXPECT_EQ(Health(), "NOT_SERVING");

  LimitFileSize(RLIM_INFINITY);
  EXPECT_EQ(GetCase("C-00000000000000000000", &c).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Health(), "SERVING");
  EXPECT_EQ(Stop(), 0);
  std::string out;
  EXPECT_EQ(Run(kAudit + " verify " + db_, &out), 0) << out;
  EXPECT_EQ(out, "audit chain OK: 2 records\n") << "the refused call left no record";
}

// Health comes back by itself: a client that watches health sends nothing while it says
// NOT_SERVING, so coigraphd tries a write of its own every few seconds (store_probe.h) and turns
// SERVING when one goes through. The probe writes no audit record.
TEST_F(StoreFaultsTest, HealthRecoversWithoutACallOnceTheStoreTakesWritesAgain) {
  ASSERT_TRUE(Start().ok());
  MakeCalls(1);
  LimitFileSize(0);
  v1::Case c;
  EXPECT_EQ(GetCase("C-00000000000000000000", &c).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Health(), "NOT_SERVING");
  // Still failing: the probes fail too, and health stays NOT_SERVING.
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  EXPECT_EQ(Health(), "NOT_SERVING");

  LimitFileSize(RLIM_INFINITY);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string health = Health();
  while (health != "SERVING" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    health = Health();
  }
  EXPECT_EQ(health, "SERVING") << "no call was made, only health checks";
  EXPECT_EQ(GetCase("C-00000000000000000000", &c).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Stop(), 0);
  const std::string log = ReadAll(Log());
  EXPECT_NE(log.find("the store takes writes again; health SERVING"), std::string::npos) << log;
  std::string out;
  EXPECT_EQ(Run(kAudit + " verify " + db_, &out), 0) << out;
  EXPECT_EQ(out, "audit chain OK: 2 records\n") << "the probes wrote no audit record";
}

// kill -9 in the middle of a burst of UpdateCase calls, as a crash or power cut would: the
// restarted coigraphd opens the database (its start-up checks pass), the chain verifies, and
// every update that was answered OK is there (or the one sent after it, in flight at the kill).
TEST_F(StoreFaultsTest, EveryAcknowledgedUpdateSurvivesAKillDuringABurst) {
  ASSERT_TRUE(Start().ok());
  EXPECT_EQ(Stop(), 0);  // a clean stop first, so the restart checks the chain from DB.head
  ASSERT_TRUE(Start().ok());
  std::vector<std::string> ids;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-ethics");
    v1::ListCasesRequest r;
    r.set_purpose("case review");
    r.set_page_size(8);
    v1::ListCasesResponse cases;
    ASSERT_TRUE(stub_->ListCases(&ctx, r, &cases).ok());
    for (const v1::Case& c : cases.cases()) ids.push_back(c.case_id());
  }
  ASSERT_EQ(ids.size(), 8u);

  // One writer per case, each update after the answer to the one before: the stored note is
  // the last acknowledged one, or the next one if it was committed but not answered.
  struct Notes {
    std::string acknowledged;
    std::string in_flight;
  };
  std::mutex mu;
  std::map<std::string, Notes> notes;
  std::atomic<int> acknowledged{0};
  std::atomic<int> running{static_cast<int>(ids.size())};
  std::vector<std::thread> writers;
  for (const std::string& id : ids) {
    writers.emplace_back([&, id] {
      for (int i = 0;; ++i) {
        const std::string note = id + " update " + std::to_string(i);
        {
          std::lock_guard<std::mutex> lock(mu);
          notes[id].in_flight = note;
        }
        grpc::ClientContext ctx;
        ctx.AddMetadata("authorization", "Bearer tok-ethics");
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
        v1::UpdateCaseRequest u;
        u.set_case_id(id);
        u.set_note(note);
        u.set_purpose("case review");
        v1::Case out;
        if (!stub_->UpdateCase(&ctx, u, &out).ok()) {  // the server is gone
          --running;
          return;
        }
        std::lock_guard<std::mutex> lock(mu);
        notes[id].acknowledged = note;
        ++acknowledged;
      }
    });
  }
  while (acknowledged.load() < 300 && running.load() > 0) std::this_thread::yield();
  EXPECT_EQ(daemon_.Kill(), 128 + SIGKILL);
  for (std::thread& t : writers) t.join();
  ASSERT_GE(acknowledged.load(), 300) << "the updates failed before the kill";
  stub_.reset();
  channel_.reset();

  ASSERT_TRUE(Start().ok()) << ReadAll(Log());
  for (const std::string& id : ids) {
    v1::Case c;
    ASSERT_TRUE(GetCase(id, &c).ok()) << id;
    const Notes& n = notes[id];
    EXPECT_TRUE(c.note() == n.acknowledged || c.note() == n.in_flight)
        << id << ": stored \"" << c.note() << "\", acknowledged \"" << n.acknowledged << "\"";
  }
  EXPECT_EQ(Stop(), 0);
  std::string out;
  EXPECT_EQ(Run(kAudit + " verify " + db_ + " --expect-head $(cat " + db_ + ".head)", &out), 0)
      << out;
}

// The -shm file (SQLite's wal-index, mapped by every process that opens the database) truncated
// under the running daemon, as a careless operator or a cleanup script could: the next access
// to the mapping raised SIGBUS, which killed the process. Now calls are refused UNAVAILABLE
// with the reason, health is NOT_SERVING and stays so (only a restart rebuilds the wal-index),
// the process lives on and stops on SIGTERM; the restarted daemon opens the database, every
// acknowledged update is there and the chain verifies.
TEST_F(StoreFaultsTest, ATruncatedShmFileRefusesCallsUntilARestart) {
  ASSERT_TRUE(Start().ok());
  std::string id;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-ethics");
    v1::ListCasesRequest r;
    r.set_purpose("case review");
    r.set_page_size(1);
    v1::ListCasesResponse cases;
    ASSERT_TRUE(stub_->ListCases(&ctx, r, &cases).ok());
    ASSERT_EQ(cases.cases_size(), 1);
    id = cases.cases(0).case_id();
  }
  auto update = [&](const std::string& note) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer tok-ethics");
    v1::UpdateCaseRequest u;
    u.set_case_id(id);
    u.set_note(note);
    u.set_purpose("case review");
    v1::Case out;
    return stub_->UpdateCase(&ctx, u, &out);
  };
  ASSERT_TRUE(update("before the fault").ok());
  EXPECT_EQ(Health(), "SERVING");
  const std::string shm = db_ + "-shm";
  ASSERT_TRUE(fs::exists(shm));
  fs::resize_file(shm, 0);

  grpc::Status s = update("after the fault");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_NE(s.error_message().find("shared-memory file " + shm + " was damaged"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("until coigraphd is restarted"), std::string::npos)
      << s.error_message();
  v1::Case c;
  EXPECT_EQ(GetCase(id, &c).error_code(), grpc::StatusCode::UNAVAILABLE);
  int wait_status = 0;
  ASSERT_EQ(waitpid(daemon_.pid(), &wait_status, WNOHANG), 0)
      << "the process died: " << (WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : -1);
  EXPECT_EQ(Health(), "NOT_SERVING");
  // No probe turns it SERVING again: this process's wal-index is not the file's any more.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(Health(), "NOT_SERVING");
  EXPECT_EQ(GetCase(id, &c).error_code(), grpc::StatusCode::UNAVAILABLE);

  // A clean stop, but the head cannot be read from the store: exit 1, saying so.
  EXPECT_EQ(Stop(), 1);
  std::string log = ReadAll(Log());
  EXPECT_NE(log.find("the database's -shm file was damaged; calls are refused UNAVAILABLE and "
                     "health is NOT_SERVING until coigraphd is restarted"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("cannot record the audit head"), std::string::npos) << log;

  ASSERT_TRUE(Start().ok()) << ReadAll(Log());
  EXPECT_EQ(Health(), "SERVING");
  ASSERT_TRUE(GetCase(id, &c).ok());
  EXPECT_EQ(c.note(), "before the fault");
  EXPECT_EQ(Stop(), 0);
  std::string out;
  EXPECT_EQ(Run(kAudit + " verify " + db_ + " --expect-head $(cat " + db_ + ".head)", &out), 0)
      << out;
  EXPECT_EQ(out, "audit chain OK: 3 records\n") << "the refused calls left no record";
}

// Any other SIGBUS still ends the process with the default action (a real bug still crashes).
TEST_F(StoreFaultsTest, ASigbusOutsideTheShmStillEndsTheProcess) {
  ASSERT_TRUE(Start().ok());
  MakeCalls(1);
  const rlimit no_core{.rlim_cur = 0, .rlim_max = 0};  // no core file left behind
  ASSERT_EQ(prlimit(daemon_.pid(), RLIMIT_CORE, &no_core, nullptr), 0) << std::strerror(errno);
  stub_.reset();
  channel_.reset();
  EXPECT_EQ(daemon_.Signal(SIGBUS), 128 + SIGBUS);
}

}  // namespace
}  // namespace coigraph::e2e
