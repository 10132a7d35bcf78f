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
    "usage: grpc_hire_load --target HOST:PORT (--questions hire.tsv | --candidate IIN\n"
    "                      --position POS --date YYYY-MM-DD) [--token T] [--rate 2000]\n"
    "                      [--seconds 10] [--threads 4] [--closed-seconds 5] [--json FILE]\n";

// The requests of a questions/hire.tsv (header: qid, candidate_iin, position_id, date,
// appointed_by_iin, selection_commission_id); empty when the file cannot be read.
std::vector<v1::CheckHireRequest> ReadQuestions(const std::string& path) {
  std::vector<v1::CheckHireRequest> out;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return out;  // the header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    for (size_t begin = 0;;) {
      const size_t tab = line.find('\t', begin);
      f.push_back(line.substr(begin, tab == std::string::npos ? std::string::npos : tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    if (f.size() < 4) continue;
    v1::CheckHireRequest r;
    r.set_candidate_iin(f[1]);
    r.set_position_id(f[2]);
    r.set_date(f[3]);
    if (f.size() > 4) r.set_appointed_by_iin(f[4]);
    if (f.size() > 5) r.set_selection_commission_id(f[5]);
    r.set_purpose("grpc_hire_load benchmark");
    out.push_back(std::move(r));
  }
  return out;
}

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
  const bool from_file = flags.contains("questions");
  for (const char* required : {"target", "candidate", "position", "date"}) {
    if (!flags.contains(required) && (std::string(required) == "target" || !from_file)) {
      std::cerr << kUsage;
      return 2;
    }
  }
  const double rate = std::stod(flags["rate"]);
  const double seconds = std::stod(flags["seconds"]);
  const int threads = std::stoi(flags["threads"]);
  const double closed_seconds = std::stod(flags["closed-seconds"]);

  std::vector<v1::CheckHireRequest> requests;
  if (from_file) {
    requests = ReadQuestions(flags["questions"]);
    if (requests.empty()) {
      std::cerr << "grpc_hire_load: no hire questions in " << flags["questions"] << "\n";
      return 2;
    }
  } else {
    v1::CheckHireRequest& request = requests.emplace_back();
    request.set_candidate_iin(flags["candidate"]);
    request.set_position_id(flags["position"]);
    request.set_date(flags["date"]);
    request.set_purpose("grpc_hire_load benchmark");
  }
  auto request_of = [&](size_t i) -> const v1::CheckHireRequest& {
    return requests[i % requests.size()];
  };
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
    grpc::Status s = stub->CheckHire(&ctx, request_of(static_cast<size_t>(i)), &r);
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
    stub->async()->CheckHire(&p->ctx, &request_of(i), &p->response, [&, p](grpc::Status s) {
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
    callers.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); Clock::now() < closed_end;
           i += static_cast<size_t>(threads)) {
        grpc::ClientContext ctx;
        prepare(&ctx);
        v1::CheckHireResponse r;
        if (!stub->CheckHire(&ctx, request_of(i), &r).ok()) ++closed_errors;
        ++closed_calls;
      }
    });
  }
  for (std::thread& t : callers) t.join();
  const double closed_elapsed = std::chrono::duration<double>(Clock::now() - closed_start).count();
  const double closed_rate = static_cast<double>(closed_calls.load()) / closed_elapsed;
  std::printf("closed loop: %d callers for %.0f s: %.0f calls/s, errors %zu\n", threads,
              closed_seconds, closed_rate, closed_errors.load());
  if (flags.contains("json")) {
    std::ofstream out(flags["json"]);
    out << "{\"rate\": " << rate << ", \"seconds\": " << seconds << ", \"calls\": " << total
        << ", \"achieved_rate\": " << static_cast<double>(total) / elapsed
        << ", \"errors\": " << errors.load() << ", \"p50_ms\": " << Percentile(sorted, 0.50)
        << ", \"p90_ms\": " << Percentile(sorted, 0.90)
        << ", \"p99_ms\": " << Percentile(sorted, 0.99)
        << ", \"p999_ms\": " << Percentile(sorted, 0.999)
        << ", \"max_ms\": " << (sorted.empty() ? 0 : sorted.back())
        << ", \"closed_threads\": " << threads << ", \"closed_rate\": " << closed_rate
        << ", \"closed_errors\": " << closed_errors.load() << "}\n";
    if (!out) {
      std::cerr << "grpc_hire_load: cannot write " << flags["json"] << "\n";
      return 1;
    }
  }
  return errors.load() == 0 && closed_errors.load() == 0 ? 0 : 1;
}
