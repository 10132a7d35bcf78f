// grpc_soak: a long run against a running coigraphd, as a national HR gateway and a commission's
// office would load it together (issue 10: "a soak in bench/").
//
//   grpc_soak --target HOST:PORT --questions hire.tsv --hr-token T --commissioner-token T
//             [--rate 2000] [--minutes 10] [--trickle 5] [--pid PID] [--db PATH] [--json FILE]
//             [--bucket-seconds 60]
//
// For --minutes:
//   * CheckHire at a constant --rate (open loop: each call sent at its scheduled instant,
//     latency measured from that instant, so a stall cannot hide itself);
//   * a trickle of --trickle calls a second, in turn: FindPaths, Neighborhood, ListCases,
//     GetCase and UpdateCase (a note) as an ethics commissioner, and three calls that must be
//     refused: CheckHire without a token (UNAUTHENTICATED, or RESOURCE_EXHAUSTED once the
//     anonymous rate limit trips), FindPaths with the hr_system token (PERMISSION_DENIED) and
//     CheckHire without a purpose (INVALID_ARGUMENT).
// An error is any CheckHire that is not OK and any trickle call whose code is not the one
// expected. Each minute prints one line: CheckHire calls, errors, p50/p99/p99.9/max latency,
// trickle calls and errors, the server's RSS (--pid: VmRSS of /proc/PID/status) and the size of
// its database (--db: the file and its -wal). bench/soak.sh starts the server and reads the
// database's growth per call after a clean stop.
//
// Exit 0 when no call erred, 1 otherwise, 2 on a usage error.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "bench/hire_requests.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "tools/flags/flags.h"

ABSL_FLAG(std::string, target, "", "coigraphd's gRPC address, HOST:PORT (required)");
ABSL_FLAG(std::string, questions, "", "the hire questions coigraph_bench wrote (required)");
ABSL_FLAG(std::string, hr_token, "", "an hr_system token (required)");
ABSL_FLAG(std::string, commissioner_token, "", "an ethics_commissioner token (required)");
ABSL_FLAG(double, rate, 2000, "CheckHire calls a second");
ABSL_FLAG(double, minutes, 10, "for this many minutes");
ABSL_FLAG(double, trickle, 5, "other calls a second (in turn; three of eight are refused)");
ABSL_FLAG(int, pid, 0, "the server's process id, for its RSS each minute");
ABSL_FLAG(std::string, db, "", "the server's database, for its size each minute");
ABSL_FLAG(std::string, json, "", "also write the figures to this file as JSON");
ABSL_FLAG(double, bucket_seconds, 60, "one line of figures per this many seconds");

namespace {

namespace v1 = ::coigraph::v1;
namespace bench = ::coigraph::bench;
using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: grpc_soak --target HOST:PORT --questions hire.tsv --hr-token T\n"
    "                 --commissioner-token T [--rate 2000] [--minutes 10] [--trickle 5]\n"
    "                 [--pid PID] [--db PATH] [--json FILE] [--bucket-seconds 60]\n";
constexpr char kPurpose[] = "grpc_soak benchmark";

struct Options {
  std::string target;
  std::string hr_token;
  std::string commissioner_token;
  double rate = 2000;
  double minutes = 10;
  double trickle = 5;
  int pid = 0;
  std::string db;
  std::optional<std::string> json;
  double bucket_seconds = 60;
};

std::chrono::system_clock::time_point Deadline() {
  return std::chrono::system_clock::now() + std::chrono::seconds(10);
}

void Authorize(grpc::ClientContext* ctx, const std::string& token) {
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(Deadline());
}

// VmRSS of /proc/PID/status in KiB; 0 when unknown.
int64_t RssKib(int pid) {
  if (pid <= 0) return 0;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6);
  }
  return 0;
}

// Bytes of the database file and of its write-ahead log; 0 when absent.
int64_t DbBytes(const std::string& db) {
  if (db.empty()) return 0;
  int64_t total = 0;
  for (const std::string& path : {db, db + "-wal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) total += static_cast<int64_t>(size);
  }
  return total;
}

// The trickle's calls, in turn. The first five must succeed; the last three must be refused.
enum class Trickle : uint8_t {
  kFindPaths,
  kNeighborhood,
  kListCases,
  kGetCase,
  kUpdateCase,
  kNoToken,
  kWrongRole,
  kNoPurpose,
};
constexpr int kTrickleKinds = 8;
constexpr std::array<const char*, kTrickleKinds> kTrickleNames = {
    "FindPaths",  "Neighborhood", "ListCases",  "GetCase",
    "UpdateCase", "no token",     "wrong role", "no purpose"};

// Whether `code` is the answer a trickle call of `kind` must get.
bool Expected(Trickle kind, grpc::StatusCode code) {
  switch (kind) {
    case Trickle::kNoToken:
      return code == grpc::StatusCode::UNAUTHENTICATED ||
             code == grpc::StatusCode::RESOURCE_EXHAUSTED;
    case Trickle::kWrongRole:
      return code == grpc::StatusCode::PERMISSION_DENIED;
    case Trickle::kNoPurpose:
      return code == grpc::StatusCode::INVALID_ARGUMENT;
    default:
      return code == grpc::StatusCode::OK;
  }
}

// The ethics commissioner's and the refused calls, one a call, from one thread.
class TrickleCaller {
 public:
  TrickleCaller(std::shared_ptr<grpc::Channel> channel, const Options& o,
                const std::vector<v1::CheckHireRequest>& hires)
      : stub_(v1::Coigraph::NewStub(std::move(channel))), o_(o), hires_(hires) {}

  // Makes call number `n`; returns whether its code was the expected one.
  bool Call(size_t n) {
    const auto kind = static_cast<Trickle>(n % kTrickleKinds);
    const v1::CheckHireRequest& hire = hires_[(n / kTrickleKinds) % hires_.size()];
    const grpc::Status status = Send(kind, hire);
    const bool ok = Expected(kind, status.error_code());
    if (!ok && reported_ < 5) {
      ++reported_;
      std::cerr << "grpc_soak: " << kTrickleNames[static_cast<size_t>(kind)] << " answered code "
                << status.error_code() << ": " << status.error_message() << "\n";
    }
    return ok;
  }

 private:
  grpc::Status Send(Trickle kind, const v1::CheckHireRequest& hire) {
    grpc::ClientContext ctx;
    switch (kind) {
      case Trickle::kFindPaths:
      case Trickle::kWrongRole: {
        Authorize(&ctx, kind == Trickle::kFindPaths ? o_.commissioner_token : o_.hr_token);
        v1::FindPathsRequest r;
        r.set_from(hire.candidate_iin());
        r.set_to(hire.appointed_by_iin().empty() ? hires_.front().candidate_iin()
                                                 : hire.appointed_by_iin());
        r.set_date(hire.date());
        r.set_purpose(kPurpose);
        v1::FindPathsResponse a;
        return stub_->FindPaths(&ctx, r, &a);
      }
      case Trickle::kNeighborhood: {
        Authorize(&ctx, o_.commissioner_token);
        v1::NeighborhoodRequest r;
        r.set_seed(hire.candidate_iin());
        r.set_radius(2);
        r.set_date(hire.date());
        r.set_purpose(kPurpose);
        v1::NeighborhoodResponse a;
        return stub_->Neighborhood(&ctx, r, &a);
      }
      case Trickle::kListCases: {
        Authorize(&ctx, o_.commissioner_token);
        v1::ListCasesRequest r;
        r.set_page_size(50);
        r.set_purpose(kPurpose);
        v1::ListCasesResponse a;
        const grpc::Status s = stub_->ListCases(&ctx, r, &a);
        if (s.ok() && a.cases_size() > 0) {
          case_id_ =
              a.cases(static_cast<int>(listed_++ % static_cast<size_t>(a.cases_size()))).case_id();
        }
        return s;
      }
      case Trickle::kGetCase:
      case Trickle::kUpdateCase: {
        if (case_id_.empty()) return grpc::Status::OK;  // no case listed (yet): nothing to ask
        Authorize(&ctx, o_.commissioner_token);
        v1::Case a;
        if (kind == Trickle::kGetCase) {
          v1::GetCaseRequest r;
          r.set_case_id(case_id_);
          r.set_purpose(kPurpose);
          return stub_->GetCase(&ctx, r, &a);
        }
        v1::UpdateCaseRequest r;
        r.set_case_id(case_id_);
        r.set_note("soak note " + std::to_string(++notes_));
        r.set_purpose(kPurpose);
        return stub_->UpdateCase(&ctx, r, &a);
      }
      case Trickle::kNoToken:
      case Trickle::kNoPurpose: {
        Authorize(&ctx, kind == Trickle::kNoToken ? "" : o_.hr_token);
        v1::CheckHireRequest r = hire;
        if (kind == Trickle::kNoPurpose) r.clear_purpose();
        v1::CheckHireResponse a;
        return stub_->CheckHire(&ctx, r, &a);
      }
    }
    return {grpc::StatusCode::UNKNOWN, "no such call"};
  }

  std::unique_ptr<v1::Coigraph::Stub> stub_;
  const Options& o_;
  const std::vector<v1::CheckHireRequest>& hires_;
  std::string case_id_;
  size_t listed_ = 0;
  size_t notes_ = 0;
  int reported_ = 0;
};

// One CheckHire in flight.
struct Pending {
  grpc::ClientContext ctx;
  v1::CheckHireResponse response;
  Clock::time_point scheduled;
  size_t index = 0;
};

// The figures of one bucket (a minute unless --bucket-seconds says otherwise).
struct Bucket {
  double end_minute = 0;  // since the start
  size_t calls = 0;
  size_t errors = 0;
  double p50_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;
  size_t trickle_calls = 0;
  size_t trickle_errors = 0;
  int64_t rss_kib = 0;
  int64_t db_bytes = 0;
};

class Soak {
 public:
  Soak(const Options& o, std::vector<v1::CheckHireRequest> hires)
      : o_(o),
        channel_(grpc::CreateChannel(o.target, grpc::InsecureChannelCredentials())),
        stub_(v1::Coigraph::NewStub(channel_)),
        hires_(std::move(hires)),
        bucket_(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(o.bucket_seconds))),
        per_bucket_(std::max<size_t>(1, static_cast<size_t>(o.rate * o.bucket_seconds))),
        buckets_(std::max<size_t>(1, static_cast<size_t>(o.minutes * 60 / o.bucket_seconds))),
        total_(per_bucket_ * buckets_),
        latency_ms_(total_, -1),
        failed_(total_, 0),
        done_(buckets_) {
    for (std::atomic<size_t>& d : done_) d = 0;
  }

  // Runs the soak; returns the figures of each bucket.
  std::vector<Bucket> Run() {
    start_ = Clock::now() + std::chrono::milliseconds(50);
    std::thread trickle([this] { RunTrickle(); });
    std::thread sender([this] { Send(); });
    std::vector<Bucket> buckets;
    for (size_t m = 0; m < buckets_; ++m) {
      std::this_thread::sleep_until(start_ + bucket_ * static_cast<int64_t>(m + 1));
      Bucket figures;
      figures.end_minute = static_cast<double>(m + 1) * o_.bucket_seconds / 60;
      figures.rss_kib = RssKib(o_.pid);
      figures.db_bytes = DbBytes(o_.db);
      // The bucket's last calls get up to 15 s to answer (the deadline is 10 s).
      const Clock::time_point wait_until = Clock::now() + std::chrono::seconds(15);
      while (done_[m].load() < per_bucket_ && Clock::now() < wait_until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      Summarize(m, &figures);
      Print(m, figures);
      buckets.push_back(figures);
    }
    stop_ = true;
    sender.join();
    trickle.join();
    return buckets;
  }

 private:
  // CheckHire at the constant rate, each call at its scheduled instant.
  void Send() {
    const auto interval = std::chrono::duration<double>(1.0 / o_.rate);
    for (size_t i = 0; i < total_ && !stop_; ++i) {
      const Clock::time_point at =
          start_ + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(i));
      std::this_thread::sleep_until(at);
      auto* p = new Pending;
      p->scheduled = at;
      p->index = i;
      Authorize(&p->ctx, o_.hr_token);
      stub_->async()->CheckHire(
          &p->ctx, &hires_[i % hires_.size()], &p->response, [this, p](const grpc::Status& s) {
            latency_ms_[p->index] =
                std::chrono::duration<double, std::milli>(Clock::now() - p->scheduled).count();
            if (!s.ok()) failed_[p->index] = 1;
            ++done_[p->index / per_bucket_];
            delete p;
          });
    }
    // Calls still in flight hold `this`: wait for them (each has a 10 s deadline).
    for (size_t m = 0; m < buckets_; ++m) {
      while (done_[m].load() < per_bucket_)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  void RunTrickle() {
    TrickleCaller caller(channel_, o_, hires_);
    const auto interval = std::chrono::duration<double>(1.0 / o_.trickle);
    for (size_t n = 0;; ++n) {
      const Clock::time_point at =
          start_ + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(n));
      if (at >= start_ + bucket_ * static_cast<int64_t>(buckets_)) break;
      std::this_thread::sleep_until(at);
      if (stop_) break;
      const bool ok = caller.Call(n);
      const auto m = static_cast<size_t>((at - start_) / bucket_);
      std::lock_guard<std::mutex> lock(trickle_mu_);
      if (trickle_.size() <= m) trickle_.resize(m + 1);
      ++trickle_[m].first;
      if (!ok) ++trickle_[m].second;
    }
  }

  void Summarize(size_t m, Bucket* f) {
    std::vector<double> ms;
    ms.reserve(per_bucket_);
    for (size_t i = m * per_bucket_; i < (m + 1) * per_bucket_; ++i) {
      if (latency_ms_[i] < 0) {
        ++f->errors;  // not answered within the wait: counted as an error
        continue;
      }
      if (failed_[i] != 0) ++f->errors;
      ms.push_back(latency_ms_[i]);
    }
    std::sort(ms.begin(), ms.end());
    f->calls = per_bucket_;
    f->p50_ms = bench::SortedPercentile(ms, 0.50);
    f->p99_ms = bench::SortedPercentile(ms, 0.99);
    f->p999_ms = bench::SortedPercentile(ms, 0.999);
    f->max_ms = ms.empty() ? 0 : ms.back();
    std::lock_guard<std::mutex> lock(trickle_mu_);
    if (m < trickle_.size()) {
      f->trickle_calls = trickle_[m].first;
      f->trickle_errors = trickle_[m].second;
    }
  }

  static void Print(size_t m, const Bucket& f) {
    if (m == 0) {
      std::printf("%6s %8s %6s %8s %8s %8s %8s %8s %7s %8s %10s\n", "minute", "calls", "errors",
                  "p50_ms", "p99_ms", "p99.9_ms", "max_ms", "trickle", "t_errs", "rss_MB",
                  "db+wal_MB");
    }
    std::printf("%6.2f %8zu %6zu %8.3f %8.3f %8.3f %8.1f %8zu %7zu %8.1f %10.2f\n", f.end_minute,
                f.calls, f.errors, f.p50_ms, f.p99_ms, f.p999_ms, f.max_ms, f.trickle_calls,
                f.trickle_errors, static_cast<double>(f.rss_kib) / 1024.0,
                static_cast<double>(f.db_bytes) / 1e6);
    std::fflush(stdout);
  }

  const Options& o_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Coigraph::Stub> stub_;
  std::vector<v1::CheckHireRequest> hires_;
  Clock::duration bucket_;
  size_t per_bucket_;
  size_t buckets_;
  size_t total_;
  std::vector<double> latency_ms_;
  std::vector<uint8_t> failed_;
  std::vector<std::atomic<size_t>> done_;
  Clock::time_point start_;
  std::atomic<bool> stop_{false};
  std::mutex trickle_mu_;
  std::vector<std::pair<size_t, size_t>> trickle_;  // per bucket: calls, errors
};

bool WriteJson(const std::string& path, const Options& o, const std::vector<Bucket>& buckets) {
  std::ofstream out(path);
  out << "{\"rate\": " << o.rate << ", \"trickle\": " << o.trickle
      << ", \"bucket_seconds\": " << o.bucket_seconds << ", \"buckets\": [";
  for (size_t m = 0; m < buckets.size(); ++m) {
    const Bucket& f = buckets[m];
    out << (m == 0 ? "" : ", ") << "{\"end_minute\": " << f.end_minute << ", \"calls\": " << f.calls
        << ", \"errors\": " << f.errors << ", \"p50_ms\": " << f.p50_ms
        << ", \"p99_ms\": " << f.p99_ms << ", \"p999_ms\": " << f.p999_ms
        << ", \"max_ms\": " << f.max_ms << ", \"trickle_calls\": " << f.trickle_calls
        << ", \"trickle_errors\": " << f.trickle_errors << ", \"rss_kib\": " << f.rss_kib
        << ", \"db_bytes\": " << f.db_bytes << "}";
  }
  out << "]}\n";
  return static_cast<bool>(out);
}

// The first call, so a wrong token or address fails fast instead of as ten minutes of errors.
bool Probe(const Options& o, const v1::CheckHireRequest& hire) {
  auto stub =
      v1::Coigraph::NewStub(grpc::CreateChannel(o.target, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  Authorize(&ctx, o.hr_token);
  v1::CheckHireResponse r;
  const grpc::Status s = stub->CheckHire(&ctx, hire, &r);
  if (!s.ok()) {
    std::cerr << "grpc_soak: CheckHire failed: " << s.error_code() << " " << s.error_message()
              << "\n";
  }
  return s.ok();
}

int UsageError(const std::string& message) {
  std::cerr << "grpc_soak: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const coigraph::tools::CommandLine cl = coigraph::tools::ParseFlagsOrExit(
      argc, argv,
      {FLAGS_target, FLAGS_questions, FLAGS_hr_token, FLAGS_commissioner_token, FLAGS_rate,
       FLAGS_minutes, FLAGS_trickle, FLAGS_pid, FLAGS_db, FLAGS_json, FLAGS_bucket_seconds},
      {.program = "grpc_soak", .usage = kUsage});
  for (const auto* required :
       {&FLAGS_target, &FLAGS_questions, &FLAGS_hr_token, &FLAGS_commissioner_token}) {
    if (!cl.Given(*required))
      return UsageError("--target, --questions and both tokens are required");
  }
  const Options o = {
      .target = absl::GetFlag(FLAGS_target),
      .hr_token = absl::GetFlag(FLAGS_hr_token),
      .commissioner_token = absl::GetFlag(FLAGS_commissioner_token),
      .rate = absl::GetFlag(FLAGS_rate),
      .minutes = absl::GetFlag(FLAGS_minutes),
      .trickle = absl::GetFlag(FLAGS_trickle),
      .pid = absl::GetFlag(FLAGS_pid),
      .db = absl::GetFlag(FLAGS_db),
      .json = cl.Given(FLAGS_json) ? std::optional(absl::GetFlag(FLAGS_json)) : std::nullopt,
      .bucket_seconds = absl::GetFlag(FLAGS_bucket_seconds)};
  if (o.rate <= 0 || o.trickle <= 0 || o.minutes <= 0 || o.bucket_seconds <= 0) {
    return UsageError("--rate, --trickle, --minutes and --bucket-seconds must be positive");
  }
  std::vector<v1::CheckHireRequest> hires =
      bench::ReadHireRequests(absl::GetFlag(FLAGS_questions), kPurpose);
  if (hires.empty()) {
    std::cerr << "grpc_soak: no hire questions in " << absl::GetFlag(FLAGS_questions) << "\n";
    return 2;
  }
  if (!Probe(o, hires.front())) return 1;
  Soak soak(o, std::move(hires));
  const std::vector<Bucket> buckets = soak.Run();
  size_t errors = 0;
  for (const Bucket& b : buckets) errors += b.errors + b.trickle_errors;
  if (o.json && !WriteJson(*o.json, o, buckets)) {
    std::cerr << "grpc_soak: cannot write " << *o.json << "\n";
    return 1;
  }
  return errors == 0 ? 0 : 1;
}
