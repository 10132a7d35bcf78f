// coigraph_bench: the in-process figures of issue 4 on one feed directory, and the answers the
// peers must reproduce.
//
//   coigraph_bench --feed DIR --out OUT [--runs 5] [--load-runs N] [--hire 1000]
//                  [--tenders 200] [--paths 100] [--seed 1]
//
// Writes OUT/questions/*.tsv and OUT/answers/*.tsv (bench/bench_questions.h) and
// OUT/timings.json; prints a summary. Every timed question is run --runs times; loads
// --load-runs times (default --runs), each from a cold process heap of the previous snapshot.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "base/text.h"
#include "bench/bench_questions.h"
#include "bench/bench_stats.h"
#include "graph/checks.h"
#include "graph/paths.h"
#include "graph/rules.h"
#include "loaders/feed_loader.h"
#include "tools/flags/flags.h"

ABSL_FLAG(std::string, feed, "", "the feed directory (required)");
ABSL_FLAG(std::string, out, "", "where questions/, answers/ and timings.json go (required)");
ABSL_FLAG(int, runs, 5, "every timed question is run this many times");
ABSL_FLAG(std::optional<int>, load_runs, std::nullopt, "loads this many times; default: --runs");
ABSL_FLAG(int, hire, 1000, "hire questions");
ABSL_FLAG(int, tenders, 200, "tender questions");
ABSL_FLAG(int, paths, 100, "path questions");
ABSL_FLAG(int64_t, seed, 1, "the seed the questions are drawn with");

namespace {

namespace graph = coigraph::graph;
namespace bench = coigraph::bench;
using coigraph::base::Cat;
using coigraph::bench::JsonObject;
using coigraph::bench::Samples;
using coigraph::bench::Stopwatch;

constexpr char kUsage[] =
    "usage: coigraph_bench --feed DIR --out OUT [--runs 5] [--load-runs N] [--hire 1000]\n"
    "                      [--tenders 200] [--paths 100] [--seed 1]\n";

struct Options {
  std::string feed;
  std::string out;
  int runs = 5;
  int load_runs = 5;
  coigraph::bench::QuestionCounts counts;
};

std::optional<Options> UsageError(const char* message) {
  std::fprintf(stderr, "coigraph_bench: %s\n%s", message, kUsage);
  return std::nullopt;
}

// The flags as Options; nullopt (and why, with the usage, on stderr) when they make none.
std::optional<Options> Validate() {
  Options o;
  o.feed = absl::GetFlag(FLAGS_feed);
  o.out = absl::GetFlag(FLAGS_out);
  o.runs = absl::GetFlag(FLAGS_runs);
  o.load_runs = absl::GetFlag(FLAGS_load_runs).value_or(o.runs);
  o.counts.hire = absl::GetFlag(FLAGS_hire);
  o.counts.tender = absl::GetFlag(FLAGS_tenders);
  o.counts.paths = absl::GetFlag(FLAGS_paths);
  const int64_t seed = absl::GetFlag(FLAGS_seed);
  o.counts.seed = static_cast<uint64_t>(seed);
  if (o.feed.empty() || o.out.empty()) return UsageError("--feed and --out are required");
  if (o.runs < 1 || o.load_runs < 1) return UsageError("--runs and --load-runs must be >= 1");
  if (o.counts.hire < 0 || o.counts.tender < 0 || o.counts.paths < 0 || seed < 0) {
    return UsageError("--hire, --tenders, --paths and --seed must be >= 0");
  }
  return o;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "coigraph_bench: %s\n", message.c_str());
  return 1;
}

void PrintTiming(const char* what, const Samples& s, double unit, const char* unit_name) {
  std::printf("  %-34s p50 %10.3f %s   p99 %10.3f %s   (n=%zu)\n", what, s.Median() * unit,
              unit_name, s.Percentile(0.99) * unit, unit_name, s.size());
}

// What a run measured: the figures of timings.json, and the answers the peers must reproduce.
struct Figures {
  Samples load, scan_all, scan, hire, tender, paths, neighborhood;
  int64_t rows = 0, rejects = 0;
  int64_t load_peak_kib = 0, snapshot_rss_kib = 0, peak_kib = 0;
  size_t all_findings = 0, neighborhood_vertices = 0;
  std::vector<std::string> scan_lines, hire_lines, tender_lines, path_lines;
};

// Load + build, opt.load_runs times. The previous snapshot is freed before the next load, so
// VmHWM is the peak of one load (plus the allocator's retained pages).
absl::StatusOr<std::shared_ptr<const graph::Snapshot>> TimeLoads(const Options& opt, Figures& f) {
  std::shared_ptr<const graph::Snapshot> snap;
  for (int r = 0; r < opt.load_runs; ++r) {
    snap.reset();
    Stopwatch w;
    absl::StatusOr<coigraph::loaders::LoadedFeed> feed = coigraph::loaders::LoadSnapshot(opt.feed);
    f.load.Add(w.Seconds());
    if (!feed.ok()) return feed.status();
    snap = feed->snapshot;
    f.rows = 0;
    for (const auto& file : feed->report.files) f.rows += file.loaded + file.merged + file.rejected;
    f.rejects = static_cast<int64_t>(feed->report.rejects.size());
  }
  f.load_peak_kib = bench::PeakRssKib();
  f.snapshot_rss_kib = bench::CurrentRssKib();
  return snap;
}

// Full scans: every rule, and the rules the peers implement.
void TimeScans(const graph::Snapshot& s, int runs, Figures& f) {
  for (int r = 0; r < runs; ++r) {
    Stopwatch w;
    const std::vector<graph::Finding> found = graph::RunRules(s, graph::AllRules());
    f.scan_all.Add(w.Seconds());
    f.all_findings = found.size();
  }
  for (int r = 0; r < runs; ++r) {
    Stopwatch w;
    const std::vector<graph::Finding> found = graph::RunRules(s, bench::ComparedScanRules());
    f.scan.Add(w.Seconds());
    if (r == 0) {
      for (const graph::Finding& x : found) f.scan_lines.push_back(bench::AnswerLine(x));
    }
  }
}

// Hire or tender checks, one timed call each; the answers of the first run.
template <typename Question, typename Check>
void TimeChecks(int runs, const std::vector<Question>& questions, Check check, Samples& samples,
                std::vector<std::string>& lines) {
  for (int r = 0; r < runs; ++r) {
    for (size_t i = 0; i < questions.size(); ++i) {
      Stopwatch w;
      const std::vector<graph::Finding> found = check(questions[i]);
      samples.Add(w.Seconds());
      if (r == 0) {
        for (const graph::Finding& x : found) {
          lines.push_back(Cat(static_cast<int64_t>(i), "\t", bench::AnswerLine(x)));
        }
      }
    }
  }
}

// The k shortest paths of each path question, and the radius-2 neighbourhood of its source (the
// stand-in for the service's export).
absl::Status TimePaths(const graph::Snapshot& s, int runs,
                       const std::vector<graph::PathQuery>& questions, Figures& f) {
  for (int r = 0; r < runs; ++r) {
    for (size_t i = 0; i < questions.size(); ++i) {
      Stopwatch w;
      absl::StatusOr<std::vector<graph::TiePath>> p = graph::KShortestPaths(s, questions[i]);
      f.paths.Add(w.Seconds());
      if (!p.ok()) return p.status();
      if (r == 0) {
        std::string lengths;
        for (const graph::TiePath& tp : *p) {
          if (!lengths.empty()) lengths += ',';
          lengths += std::to_string(tp.edges.size());
        }
        f.path_lines.push_back(Cat(static_cast<int64_t>(i), "\t", lengths));
      }
    }
    for (const graph::PathQuery& pq : questions) {
      Stopwatch w;
      absl::StatusOr<std::vector<graph::VertexId>> n =
          graph::Neighborhood(s, {pq.from}, pq.date, 2, graph::kAllRelations, 1'000'000);
      f.neighborhood.Add(w.Seconds());
      if (n.ok() && r == 0) f.neighborhood_vertices += n->size();
    }
  }
  return absl::OkStatus();
}

absl::Status WriteAnswers(const std::string& out, const Figures& f) {
  for (auto [name, header, lines] :
       {std::tuple{"hire.tsv", "qid\trule\tobject_id\tdate\tofficial\tcounterparty\trelation",
                   &f.hire_lines},
        std::tuple{"tender.tsv", "qid\trule\tobject_id\tdate\tofficial\tcounterparty\trelation",
                   &f.tender_lines},
        std::tuple{"scan.tsv", "rule\tobject_id\tdate\tofficial\tcounterparty\trelation",
                   &f.scan_lines},
        std::tuple{"paths.tsv", "qid\tlengths", &f.path_lines}}) {
    if (absl::Status st = bench::WriteLines(Cat(out, "/answers/", name), header, *lines);
        !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

void WriteTimings(const Options& opt, const graph::Snapshot& s, const bench::Questions& q,
                  const Figures& f) {
  JsonObject j;
  j.String("tool", "coigraph")
      .String("feed", opt.feed)
      .Integer("runs", opt.runs)
      .Integer("rows", f.rows)
      .Integer("rejects", f.rejects)
      .Integer("persons", static_cast<int64_t>(s.person_count()))
      .Integer("vertices", static_cast<int64_t>(s.vertex_count()))
      .Integer("edges", static_cast<int64_t>(s.tie_count()))
      .Timing("load", f.load)
      .Number("rows_per_s", f.load.Median() > 0 ? static_cast<double>(f.rows) / f.load.Median() : 0)
      .Integer("load_peak_rss_kib", f.load_peak_kib)
      .Integer("snapshot_rss_kib", f.snapshot_rss_kib)
      .Integer("peak_rss_kib", f.peak_kib)
      .Timing("scan_all", f.scan_all)
      .Integer("scan_all_findings", static_cast<int64_t>(f.all_findings))
      .Timing("scan", f.scan)
      .Integer("scan_findings", static_cast<int64_t>(f.scan_lines.size()))
      .Timing("hire", f.hire)
      .Integer("hire_questions", static_cast<int64_t>(q.hire.size()))
      .Integer("hire_findings", static_cast<int64_t>(f.hire_lines.size()))
      .Timing("tender", f.tender)
      .Integer("tender_questions", static_cast<int64_t>(q.tender.size()))
      .Integer("tender_findings", static_cast<int64_t>(f.tender_lines.size()))
      .Timing("paths", f.paths)
      .Integer("path_questions", static_cast<int64_t>(q.paths.size()))
      .Timing("neighborhood", f.neighborhood)
      .Integer("neighborhood_vertices", static_cast<int64_t>(f.neighborhood_vertices));
  std::ofstream(opt.out + "/timings.json") << j.Text() << '\n';
}

void PrintSummary(const Options& opt, const graph::Snapshot& s, const Figures& f) {
  std::printf("coigraph_bench: %s (%zu persons, %zu vertices, %zu edges, %lld rejects)\n",
              opt.feed.c_str(), s.person_count(), s.vertex_count(), s.tie_count(),
              static_cast<long long>(f.rejects));
  std::printf("  %-34s median %8.3f s   %.0f rows/s (%lld rows)\n", "load + build", f.load.Median(),
              f.load.Median() > 0 ? static_cast<double>(f.rows) / f.load.Median() : 0.0,
              static_cast<long long>(f.rows));
  std::printf("  %-34s load %lld MiB, overall %lld MiB (snapshot RSS %lld MiB)\n", "peak RSS",
              static_cast<long long>(f.load_peak_kib / 1024),
              static_cast<long long>(f.peak_kib / 1024),
              static_cast<long long>(f.snapshot_rss_kib / 1024));
  std::printf("  %-34s median %8.3f s   (%zu findings)\n", "full scan, every rule",
              f.scan_all.Median(), f.all_findings);
  std::printf("  %-34s median %8.3f s   (%zu findings)\n", "full scan, hiring + TENDER_COMM.",
              f.scan.Median(), f.scan_lines.size());
  PrintTiming("CheckHire", f.hire, 1e6, "us");
  PrintTiming("CheckTender", f.tender, 1e6, "us");
  PrintTiming("KShortestPaths k=5", f.paths, 1e6, "us");
  PrintTiming("Neighborhood radius 2", f.neighborhood, 1e6, "us");
}

int Run(const Options& opt) {
  std::filesystem::create_directories(opt.out + "/answers");
  Figures f;
  absl::StatusOr<std::shared_ptr<const graph::Snapshot>> snap = TimeLoads(opt, f);
  if (!snap.ok()) return Fail(std::string(snap.status().message()));
  const graph::Snapshot& s = **snap;
  const bench::Questions q = bench::DrawQuestions(s, opt.counts);
  if (absl::Status st = bench::WriteQuestions(s, q, opt.out + "/questions"); !st.ok()) {
    return Fail(std::string(st.message()));
  }
  TimeScans(s, opt.runs, f);
  const auto check_hire = [&](const graph::HireQuery& h) { return graph::CheckHire(s, h); };
  const auto check_tender = [&](graph::TenderIndex t) { return graph::CheckTender(s, t); };
  TimeChecks(opt.runs, q.hire, check_hire, f.hire, f.hire_lines);
  TimeChecks(opt.runs, q.tender, check_tender, f.tender, f.tender_lines);
  if (absl::Status st = TimePaths(s, opt.runs, q.paths, f); !st.ok()) {
    return Fail(std::string(st.message()));
  }
  f.peak_kib = bench::PeakRssKib();
  if (absl::Status st = WriteAnswers(opt.out, f); !st.ok()) return Fail(std::string(st.message()));
  WriteTimings(opt, s, q, f);
  PrintSummary(opt, s, f);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  coigraph::tools::ParseFlagsOrExit(argc, argv,
                                    {FLAGS_feed, FLAGS_out, FLAGS_runs, FLAGS_load_runs, FLAGS_hire,
                                     FLAGS_tenders, FLAGS_paths, FLAGS_seed},
                                    {.program = "coigraph_bench", .usage = kUsage});
  const std::optional<Options> options = Validate();
  if (!options) return 2;
  return Run(*options);
}
