// export_flood: many ExportSubgraph streams at once against a running coigraphd, each cancelled
// after a few chunks, and the server's memory before, at its peak and after (issue 10: 400
// such exports took the server from 64 to 803 MB when an export was made whole before its
// first chunk).
//
//   export_flood --target HOST:PORT --pid PID --seeds IIN,IIN,... --date YYYY-MM-DD
//                [--token T] [--radius 2] [--streams 400] [--chunks 2] [--hold-seconds 2]
//
// Every stream asks for the same export, reads --chunks chunks, waits until every stream has
// done so or was refused (so that they are all open at once) plus --hold-seconds, then cancels.
// Prints the outcomes (streamed, RESOURCE_EXHAUSTED, other errors) and the server's VmRSS before
// the first call, its VmHWM (peak resident set, reset before the first call) and its VmRSS 2 s
// after the last cancel, from /proc/PID (so the server must run on this machine, as this user).
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_split.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "tools/flags/flags.h"

ABSL_FLAG(std::string, target, "", "coigraphd's gRPC address, HOST:PORT (required)");
ABSL_FLAG(int, pid, 0, "coigraphd's process id, for its memory (required)");
ABSL_FLAG(std::string, seeds, "", "the export's seed IINs/BINs, comma-separated (required)");
ABSL_FLAG(std::string, date, "", "the export's date, YYYY-MM-DD (required)");
ABSL_FLAG(std::string, token, "", "an analyst or ethics commissioner token; none in demo mode");
ABSL_FLAG(int, radius, 2, "the export's radius, 0..3");
ABSL_FLAG(int, streams, 400, "exports at once");
ABSL_FLAG(int, chunks, 2, "chunks each stream reads before it cancels");
ABSL_FLAG(double, hold_seconds, 2, "how long every stream stays open once all have read");

namespace {

namespace v1 = ::coigraph::v1;

constexpr char kUsage[] =
    "usage: export_flood --target HOST:PORT --pid PID --seeds IIN,... --date YYYY-MM-DD\n"
    "                    [--token T] [--radius 2] [--streams 400] [--chunks 2]\n"
    "                    [--hold-seconds 2]\n";

// A line of /proc/PID/status ("VmRSS", "VmHWM") in MB; -1 when it cannot be read.
double ProcStatusMb(int pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::istringstream fields(line.substr(key.size() + 1));
    double kb = 0;
    fields >> kb;
    return kb / 1024.0;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  coigraph::tools::ParseFlagsOrExit(argc, argv,
                                    {FLAGS_target, FLAGS_pid, FLAGS_seeds, FLAGS_date, FLAGS_token,
                                     FLAGS_radius, FLAGS_streams, FLAGS_chunks, FLAGS_hold_seconds},
                                    {.program = "export_flood", .usage = kUsage});
  const std::string target = absl::GetFlag(FLAGS_target);
  const int pid = absl::GetFlag(FLAGS_pid);
  if (target.empty() || pid <= 0 || absl::GetFlag(FLAGS_seeds).empty() ||
      absl::GetFlag(FLAGS_date).empty()) {
    std::cerr << kUsage;
    return 2;
  }
  v1::ExportSubgraphRequest request;
  for (absl::string_view id : absl::StrSplit(absl::GetFlag(FLAGS_seeds), ',', absl::SkipEmpty())) {
    request.mutable_seeds()->add_ids(std::string(id));
  }
  request.set_date(absl::GetFlag(FLAGS_date));
  request.set_radius(absl::GetFlag(FLAGS_radius));
  request.set_format(v1::EXPORT_FORMAT_GRAPHML);
  request.set_purpose("export memory benchmark");
  const std::string token = absl::GetFlag(FLAGS_token);
  const int streams = absl::GetFlag(FLAGS_streams);
  const int chunks = absl::GetFlag(FLAGS_chunks);

  // Streams share channels as clients behind one gateway would (a channel per 50 streams).
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < (streams + 49) / 50; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", i);  // distinct channels, not one shared subchannel
    channels.push_back(grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  auto stub_of = [&](int i) { return v1::Coigraph::NewStub(channels[i / 50]); };

  const double rss_before = ProcStatusMb(pid, "VmRSS");
  // VmHWM from here on, not the feed load's peak: "5" resets it (proc(5), clear_refs).
  std::ofstream(std::string("/proc/") + std::to_string(pid) + "/clear_refs") << "5\n";
  std::mutex mu;
  std::condition_variable cv;
  int ready = 0;  // streams that read their chunks or ended
  bool release = false;
  std::map<std::string, int> outcomes;
  int64_t bytes_read = 0;
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < streams; ++i) {
    threads.emplace_back([&, i] {
      std::unique_ptr<v1::Coigraph::Stub> stub = stub_of(i);
      grpc::ClientContext ctx;
      if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
      std::unique_ptr<grpc::ClientReader<v1::ExportChunk>> reader =
          stub->ExportSubgraph(&ctx, request);
      v1::ExportChunk chunk;
      int read = 0;
      int64_t got = 0;
      while (read < chunks && reader->Read(&chunk)) {
        ++read;
        got += static_cast<int64_t>(chunk.data().size());
      }
      {
        std::unique_lock<std::mutex> lock(mu);
        ++ready;
        bytes_read += got;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
      }
      // A stream that ended before its chunks (refused, or a smaller export) has its status.
      if (read == chunks) ctx.TryCancel();
      const grpc::Status s = reader->Finish();
      std::string outcome = read == chunks ? "streamed " + std::to_string(chunks) + " chunks"
                                           : "ended after " + std::to_string(read) + " chunks";
      if (!s.ok() && s.error_code() != grpc::StatusCode::CANCELLED) {
        outcome = s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED
                      ? "RESOURCE_EXHAUSTED"
                      : "error " + std::to_string(s.error_code()) + " " + s.error_message();
      }
      std::lock_guard<std::mutex> lock(mu);
      ++outcomes[outcome];
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return ready == streams; });
  }
  const double all_open_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rss_open = ProcStatusMb(pid, "VmRSS");
  std::this_thread::sleep_for(std::chrono::duration<double>(absl::GetFlag(FLAGS_hold_seconds)));
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
    cv.notify_all();
  }
  for (std::thread& t : threads) t.join();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double rss_after = ProcStatusMb(pid, "VmRSS");
  const double hwm = ProcStatusMb(pid, "VmHWM");

  std::cout << streams << " exports at once, each cancelled after " << chunks << " chunks ("
            << bytes_read << " bytes read in all; all open after " << all_open_s << " s)\n";
  for (const auto& [outcome, n] : outcomes) std::cout << "  " << n << " " << outcome << "\n";
  std::cout.precision(1);
  std::cout << std::fixed << "server RSS: before " << rss_before << " MB, all open " << rss_open
            << " MB, peak (VmHWM) " << hwm << " MB, 2 s after the cancels " << rss_after << " MB\n";
  return 0;
}
