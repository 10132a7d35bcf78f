// grpc_hire_load: CheckHire latency of a running coigraphd over gRPC, as an HR gateway sees it.
//
//   grpc_hire_load --target HOST:PORT --candidate IIN --position POS --date YYYY-MM-DD
//                  [--token T] [--rate 2000] [--seconds 10] [--threads 4] [--closed-seconds 5]
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
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "coigraph/v1/coigraph.grpc.pb.h"

namespace {

namespace v1 = ::coigraph::v1;
using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: grpc_hire_load --target HOST:PORT --candidate IIN --position POS --date YYYY-MM-DD\n"
    "                      [--token T] [--rate 2000] [--seconds 10] [--threads 4]"
    " [--closed-seconds 5]\n";

double Percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i =
      std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return sorted[i];
}

// One call in flight of the open loop.
struct Pending {
  grpc::ClientContext ctx;
  v1::CheckHireResponse response;
  Clock::time_point scheduled;
  size_t index = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {
      {"rate", "2000"}, {"seconds", "10"}, {"threads", "4"}, {"closed-seconds", "5"}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!arg.starts_with("--") || i + 1 >= argc) {
      std::cerr << kUsage;
      return 2;
    }
    flags[arg.substr(2)] = argv[++i];
  }
  for (const char* required : {"target", "candidate", "position", "date"}) {
    if (!flags.contains(required)) {
      std::cerr << kUsage;
      return 2;
    }
  }
  const double rate = std::stod(flags["rate"]);
  const double seconds = std::stod(flags["seconds"]);
  const int threads = std::stoi(flags["threads"]);
  const double closed_seconds = std::stod(flags["closed-seconds"]);

  v1::CheckHireRequest request;
  request.set_candidate_iin(flags["candidate"]);
  request.set_position_id(flags["position"]);
  request.set_date(flags["date"]);
  request.set_purpose("grpc_hire_load benchmark");
  const std::string auth = flags.contains("token") ? "Bearer " + flags["token"] : "";
  auto prepare = [&](grpc::ClientContext* ctx) {
    if (!auth.empty()) ctx->AddMetadata("authorization", auth);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  };

  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(flags["target"], grpc::InsecureChannelCredentials());
  std::unique_ptr<v1::Coigraph::Stub> stub = v1::Coigraph::NewStub(channel);

  // Warm-up: connection, first snapshot pages, SQLite statement cache.
  for (int i = 0; i < 200; ++i) {
    grpc::ClientContext ctx;
    prepare(&ctx);
    v1::CheckHireResponse r;
    grpc::Status s = stub->CheckHire(&ctx, request, &r);
    if (!s.ok()) {
      std::cerr << "grpc_hire_load: CheckHire failed: " << s.error_code() << " "
                << s.error_message() << "\n";
      return 1;
    }
    if (i == 0) {
      std::cout << "answer: " << v1::Verdict_Name(r.verdict()) << ", " << r.conflicts_size()
                << " conflicts\n";
    }
  }

  // 1. Open loop.
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
    prepare(&p->ctx);
    stub->async()->CheckHire(&p->ctx, &request, &p->response, [&, p](grpc::Status s) {
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
  const double elapsed = std::chrono::duration<double>(sent - start).count();
  std::vector<double> sorted = latency_ms;
  std::sort(sorted.begin(), sorted.end());
  std::printf(
      "open loop: %zu calls at %.0f/s for %.0f s: achieved %.0f/s, errors %zu\n"
      "  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
      total, rate, seconds, static_cast<double>(total) / elapsed, errors.load(),
      Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99),
      Percentile(sorted, 0.999), sorted.empty() ? 0 : sorted.back());

  // 2. Closed loop.
  std::atomic<size_t> closed_calls{0}, closed_errors{0};
  std::vector<std::thread> callers;
  const Clock::time_point closed_end =
      Clock::now() +
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(closed_seconds));
  const Clock::time_point closed_start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&] {
      while (Clock::now() < closed_end) {
        grpc::ClientContext ctx;
        prepare(&ctx);
        v1::CheckHireResponse r;
        if (!stub->CheckHire(&ctx, request, &r).ok()) ++closed_errors;
        ++closed_calls;
      }
    });
  }
  for (std::thread& t : callers) t.join();
  const double closed_elapsed = std::chrono::duration<double>(Clock::now() - closed_start).count();
  std::printf("closed loop: %d callers for %.0f s: %.0f calls/s, errors %zu\n", threads,
              closed_seconds, static_cast<double>(closed_calls.load()) / closed_elapsed,
              closed_errors.load());
  return errors.load() == 0 && closed_errors.load() == 0 ? 0 : 1;
}
