// grpc_hire_load: CheckHire latency of a running coigraphd over gRPC, as an HR gateway sees it.
//
//   grpc_hire_load --target HOST:PORT (--questions hire.tsv | --candidate IIN --position POS
//                  --date YYYY-MM-DD) [--token T] [--rate 2000] [--seconds 10] [--threads 4]
//                  [--closed-seconds 5] [--json FILE]
//
// --questions takes the hire questions coigraph_bench wrote (questions/hire.tsv: candidate,
// position, date, appointer, selection commission) and sends them in turn, so the calls are the
// in-process hire check's; otherwise every call is the one question given by the flags.
// --json writes the figures below as one JSON object (bench/run_bench.sh reads it).
//
// 1. Open loop: CheckHire at a constant --rate for --seconds, each call sent at its scheduled
//    instant whatever the answers do, latency measured from that instant (no coordinated
//    omission). Prints p50/p90/p99/p99.9/max, the achieved rate and the errors.
// 2. Closed loop: --threads callers back to back for --closed-seconds: the throughput ceiling.
//
// Every call is a real one, so every call appends an audit record to the server's database.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "bench/hire_requests.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "tools/flags/flags.h"

ABSL_FLAG(std::string, target, "", "coigraphd's gRPC address, HOST:PORT (required)");
ABSL_FLAG(std::string, questions, "", "the hire questions coigraph_bench wrote (hire.tsv)");
ABSL_FLAG(std::string, candidate, "", "the one question's candidate IIN (without --questions)");
ABSL_FLAG(std::string, position, "", "the one question's position (without --questions)");
ABSL_FLAG(std::string, date, "", "the one question's date, YYYY-MM-DD (without --questions)");
ABSL_FLAG(std::string, token, "", "an hr_system token; none in demo mode");
ABSL_FLAG(double, rate, 2000, "open loop: calls a second");
ABSL_FLAG(double, seconds, 10, "open loop: for this many seconds");
ABSL_FLAG(int, threads, 4, "closed loop: callers");
ABSL_FLAG(double, closed_seconds, 5, "closed loop: for this many seconds");
ABSL_FLAG(std::string, json, "", "also write the figures to this file as one JSON object");

namespace {

namespace v1 = ::coigraph::v1;
namespace bench = ::coigraph::bench;

constexpr char kPurpose[] = "grpc_hire_load benchmark";
using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: grpc_hire_load --target HOST:PORT (--questions hire.tsv | --candidate IIN\n"
    "                      --position POS --date YYYY-MM-DD) [--token T] [--rate 2000]\n"
    "                      [--seconds 10] [--threads 4] [--closed-seconds 5] [--json FILE]\n";

struct Options {
  std::string target;
  std::optional<std::string> token;
  double rate = 2000;
  double seconds = 10;
  int threads = 4;
  double closed_seconds = 5;
  std::optional<std::string> json;
};

// The calls' channel, requests and metadata.
class Caller {
 public:
  Caller(const Options& o, std::vector<v1::CheckHireRequest> requests)
      : stub_(v1::Coigraph::NewStub(
            grpc::CreateChannel(o.target, grpc::InsecureChannelCredentials()))),
        requests_(std::move(requests)),
        auth_(o.token ? "Bearer " + *o.token : "") {}

  v1::Coigraph::Stub& stub() { return *stub_; }
  const v1::CheckHireRequest& Request(size_t i) const { return requests_[i % requests_.size()]; }
  void Prepare(grpc::ClientContext* ctx) const {
    if (!auth_.empty()) ctx->AddMetadata("authorization", auth_);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  }

 private:
  std::unique_ptr<v1::Coigraph::Stub> stub_;
  std::vector<v1::CheckHireRequest> requests_;
  std::string auth_;
};

// One call in flight of the open loop.
struct Pending {
  grpc::ClientContext ctx;
  v1::CheckHireResponse response;
  Clock::time_point scheduled;
  size_t index = 0;
};

// Warm-up: connection, first snapshot pages, SQLite statement cache.
bool WarmUp(Caller& caller) {
  for (int i = 0; i < 200; ++i) {
    grpc::ClientContext ctx;
    caller.Prepare(&ctx);
    v1::CheckHireResponse r;
    grpc::Status s = caller.stub().CheckHire(&ctx, caller.Request(static_cast<size_t>(i)), &r);
    if (!s.ok()) {
      std::cerr << "grpc_hire_load: CheckHire failed: " << s.error_code() << " "
                << s.error_message() << "\n";
      return false;
    }
    if (i == 0) {
      std::cout << "answer: " << v1::Verdict_Name(r.verdict()) << ", " << r.conflicts_size()
                << " conflicts\n";
    }
  }
  return true;
}

struct OpenLoopFigures {
  size_t calls = 0;
  size_t errors = 0;
  double achieved_rate = 0;
  std::vector<double> sorted_ms;  // latencies
};

// CheckHire at a constant rate, each call sent at its scheduled instant whatever the answers do,
// latency measured from that instant (no coordinated omission).
OpenLoopFigures OpenLoop(Caller& caller, double rate, double seconds) {
  const size_t total = static_cast<size_t>(rate * seconds);
  std::vector<double> latency_ms(total, -1);
  std::atomic<size_t> done{0}, errors{0};
  const auto interval = std::chrono::duration<double>(1.0 / rate);
  const Clock::time_point start = Clock::now() + std::chrono::milliseconds(10);
  for (size_t i = 0; i < total; ++i) {
    const Clock::time_point at =
        start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(i));
    std::this_thread::sleep_until(at);
    auto* p = new Pending;
    p->scheduled = at;
    p->index = i;
    caller.Prepare(&p->ctx);
    caller.stub().async()->CheckHire(
        &p->ctx, &caller.Request(i), &p->response, [&, p](grpc::Status s) {
          const double ms =
              std::chrono::duration<double, std::milli>(Clock::now() - p->scheduled).count();
          latency_ms[p->index] = ms;
          if (!s.ok()) ++errors;
          delete p;
          ++done;
        });
  }
  const Clock::time_point sent = Clock::now();
  while (done.load() < total) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const double elapsed = std::max(1e-9, std::chrono::duration<double>(sent - start).count());
  OpenLoopFigures f;
  f.calls = total;
  f.errors = errors.load();
  f.achieved_rate = static_cast<double>(total) / elapsed;
  f.sorted_ms = std::move(latency_ms);
  std::sort(f.sorted_ms.begin(), f.sorted_ms.end());
  return f;
}

struct ClosedLoopFigures {
  double rate = 0;
  size_t errors = 0;
};

// `threads` callers back to back for `seconds`: the throughput ceiling.
ClosedLoopFigures ClosedLoop(Caller& caller, int threads, double seconds) {
  std::atomic<size_t> calls{0}, errors{0};
  std::vector<std::thread> callers;
  const Clock::time_point end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(seconds));
  const Clock::time_point start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); Clock::now() < end;
           i += static_cast<size_t>(threads)) {
        grpc::ClientContext ctx;
        caller.Prepare(&ctx);
        v1::CheckHireResponse r;
        if (!caller.stub().CheckHire(&ctx, caller.Request(i), &r).ok()) ++errors;
        ++calls;
      }
    });
  }
  for (std::thread& t : callers) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return {.rate = static_cast<double>(calls.load()) / elapsed, .errors = errors.load()};
}

bool WriteJson(const std::string& path, const Options& o, const OpenLoopFigures& open,
               const ClosedLoopFigures& closed) {
  const std::vector<double>& sorted = open.sorted_ms;
  std::ofstream out(path);
  out << "{\"rate\": " << o.rate << ", \"seconds\": " << o.seconds << ", \"calls\": " << open.calls
      << ", \"achieved_rate\": " << open.achieved_rate << ", \"errors\": " << open.errors
      << ", \"p50_ms\": " << bench::SortedPercentile(sorted, 0.50)
      << ", \"p90_ms\": " << bench::SortedPercentile(sorted, 0.90)
      << ", \"p99_ms\": " << bench::SortedPercentile(sorted, 0.99)
      << ", \"p999_ms\": " << bench::SortedPercentile(sorted, 0.999)
      << ", \"max_ms\": " << (sorted.empty() ? 0 : sorted.back())
      << ", \"closed_threads\": " << o.threads << ", \"closed_rate\": " << closed.rate
      << ", \"closed_errors\": " << closed.errors << "}\n";
  return static_cast<bool>(out);
}

int Run(const Options& o, std::vector<v1::CheckHireRequest> requests) {
  Caller caller(o, std::move(requests));
  if (!WarmUp(caller)) return 1;

  const OpenLoopFigures open = OpenLoop(caller, o.rate, o.seconds);
  const std::vector<double>& sorted = open.sorted_ms;
  std::printf(
      "open loop: %zu calls at %.0f/s for %.0f s: achieved %.0f/s, errors %zu\n"
      "  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
      open.calls, o.rate, o.seconds, open.achieved_rate, open.errors,
      bench::SortedPercentile(sorted, 0.50), bench::SortedPercentile(sorted, 0.90),
      bench::SortedPercentile(sorted, 0.99), bench::SortedPercentile(sorted, 0.999),
      sorted.empty() ? 0 : sorted.back());

  const ClosedLoopFigures closed = ClosedLoop(caller, o.threads, o.closed_seconds);
  std::printf("closed loop: %d callers for %.0f s: %.0f calls/s, errors %zu\n", o.threads,
              o.closed_seconds, closed.rate, closed.errors);
  if (o.json && !WriteJson(*o.json, o, open, closed)) {
    std::cerr << "grpc_hire_load: cannot write " << *o.json << "\n";
    return 1;
  }
  return open.errors == 0 && closed.errors == 0 ? 0 : 1;
}

int UsageError(const std::string& message) {
  std::cerr << "grpc_hire_load: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const coigraph::tools::CommandLine cl = coigraph::tools::ParseFlagsOrExit(
      argc, argv,
      {FLAGS_target, FLAGS_questions, FLAGS_candidate, FLAGS_position, FLAGS_date, FLAGS_token,
       FLAGS_rate, FLAGS_seconds, FLAGS_threads, FLAGS_closed_seconds, FLAGS_json},
      {.program = "grpc_hire_load", .usage = kUsage});
  const Options o = {
      .target = absl::GetFlag(FLAGS_target),
      .token = cl.Given(FLAGS_token) ? std::optional(absl::GetFlag(FLAGS_token)) : std::nullopt,
      .rate = absl::GetFlag(FLAGS_rate),
      .seconds = absl::GetFlag(FLAGS_seconds),
      .threads = absl::GetFlag(FLAGS_threads),
      .closed_seconds = absl::GetFlag(FLAGS_closed_seconds),
      .json = cl.Given(FLAGS_json) ? std::optional(absl::GetFlag(FLAGS_json)) : std::nullopt};
  if (!cl.Given(FLAGS_target)) return UsageError("--target is required");
  std::vector<v1::CheckHireRequest> requests;
  if (cl.Given(FLAGS_questions)) {
    requests = bench::ReadHireRequests(absl::GetFlag(FLAGS_questions), kPurpose);
    if (requests.empty()) {
      std::cerr << "grpc_hire_load: no hire questions in " << absl::GetFlag(FLAGS_questions)
                << "\n";
      return 2;
    }
  } else {
    if (!cl.Given(FLAGS_candidate) || !cl.Given(FLAGS_position) || !cl.Given(FLAGS_date)) {
      return UsageError("--questions, or --candidate, --position and --date, are required");
    }
    v1::CheckHireRequest& request = requests.emplace_back();
    request.set_candidate_iin(absl::GetFlag(FLAGS_candidate));
    request.set_position_id(absl::GetFlag(FLAGS_position));
    request.set_date(absl::GetFlag(FLAGS_date));
    request.set_purpose(kPurpose);
  }
  return Run(o, std::move(requests));
}
