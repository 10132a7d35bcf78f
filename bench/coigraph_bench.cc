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
#include <string>
#include <vector>

#include "base/text.h"
#include "bench/bench_questions.h"
#include "bench/bench_stats.h"
#include "graph/checks.h"
#include "graph/paths.h"
#include "graph/rules.h"
#include "loaders/feed_loader.h"

namespace {

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
  int load_runs = -1;
  coigraph::bench::QuestionCounts counts;
};

bool ParseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return false;
    const std::string value = argv[++i];
    const long long n = std::atoll(value.c_str());
    if (arg == "--feed") {
      o.feed = value;
    } else if (arg == "--out") {
      o.out = value;
    } else if (arg == "--runs" && n > 0) {
      o.runs = static_cast<int>(n);
    } else if (arg == "--load-runs" && n > 0) {
      o.load_runs = static_cast<int>(n);
    } else if (arg == "--hire" && n >= 0) {
      o.counts.hire = static_cast<int>(n);
    } else if (arg == "--tenders" && n >= 0) {
      o.counts.tender = static_cast<int>(n);
    } else if (arg == "--paths" && n >= 0) {
      o.counts.paths = static_cast<int>(n);
    } else if (arg == "--seed" && n >= 0) {
      o.counts.seed = static_cast<uint64_t>(n);
    } else {
      return false;
    }
  }
  if (o.load_runs < 0) o.load_runs = o.runs;
  return !o.feed.empty() && !o.out.empty();
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "coigraph_bench: %s\n", message.c_str());
  return 1;
}

void PrintTiming(const char* what, const Samples& s, double unit, const char* unit_name) {
  std::printf("  %-34s p50 %10.3f %s   p99 %10.3f %s   (n=%zu)\n", what, s.Median() * unit,
              unit_name, s.Percentile(0.99) * unit, unit_name, s.size());
}

}  // namespace

int main(int argc, char** argv) {
  namespace graph = coigraph::graph;
  namespace bench = coigraph::bench;
  Options opt;
  if (!ParseArgs(argc, argv, opt)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::filesystem::create_directories(opt.out + "/answers");

  // Load + build. The previous snapshot is freed before the next load, so VmHWM is the peak of
  // one load (plus the allocator's retained pages).
  Samples load;
  std::shared_ptr<const graph::Snapshot> snap;
  int64_t rows = 0, rejects = 0;
  for (int r = 0; r < opt.load_runs; ++r) {
    snap.reset();
    Stopwatch w;
    absl::StatusOr<coigraph::loaders::LoadedFeed> feed = coigraph::loaders::LoadSnapshot(opt.feed);
    load.Add(w.Seconds());
    if (!feed.ok()) return Fail(std::string(feed.status().message()));
    snap = feed->snapshot;
    rows = 0;
    for (const auto& f : feed->report.files) rows += f.loaded + f.merged + f.rejected;
    rejects = static_cast<int64_t>(feed->report.rejects.size());
  }
  const int64_t load_peak_kib = bench::PeakRssKib();
  const int64_t snapshot_rss_kib = bench::CurrentRssKib();
  const graph::Snapshot& s = *snap;

  const bench::Questions q = bench::DrawQuestions(s, opt.counts);
  if (absl::Status st = bench::WriteQuestions(s, q, opt.out + "/questions"); !st.ok()) {
    return Fail(std::string(st.message()));
  }

  // Full scans: every rule, and the rules the peers implement.
  Samples scan_all, scan_cmp;
  size_t all_findings = 0;
  std::vector<std::string> scan_lines;
  for (int r = 0; r < opt.runs; ++r) {
    Stopwatch w;
    const std::vector<graph::Finding> f = graph::RunRules(s, graph::AllRules());
    scan_all.Add(w.Seconds());
    all_findings = f.size();
  }
  for (int r = 0; r < opt.runs; ++r) {
    Stopwatch w;
    const std::vector<graph::Finding> f = graph::RunRules(s, bench::ComparedScanRules());
    scan_cmp.Add(w.Seconds());
    if (r == 0) {
      for (const graph::Finding& x : f) scan_lines.push_back(bench::AnswerLine(x));
    }
  }

  // Hire checks, one timed call each.
  Samples hire;
  std::vector<std::string> hire_lines;
  for (int r = 0; r < opt.runs; ++r) {
    for (size_t i = 0; i < q.hire.size(); ++i) {
      Stopwatch w;
      const std::vector<graph::Finding> f = graph::CheckHire(s, q.hire[i]);
      hire.Add(w.Seconds());
      if (r == 0) {
        for (const graph::Finding& x : f) {
          hire_lines.push_back(Cat(static_cast<int64_t>(i), "\t", bench::AnswerLine(x)));
        }
      }
    }
  }

  Samples tender;
  std::vector<std::string> tender_lines;
  for (int r = 0; r < opt.runs; ++r) {
    for (size_t i = 0; i < q.tender.size(); ++i) {
      Stopwatch w;
      const std::vector<graph::Finding> f = graph::CheckTender(s, q.tender[i]);
      tender.Add(w.Seconds());
      if (r == 0) {
        for (const graph::Finding& x : f) {
          tender_lines.push_back(Cat(static_cast<int64_t>(i), "\t", bench::AnswerLine(x)));
        }
      }
    }
  }

  Samples paths, neighborhood;
  std::vector<std::string> path_lines;
  size_t neighborhood_vertices = 0;
  for (int r = 0; r < opt.runs; ++r) {
    for (size_t i = 0; i < q.paths.size(); ++i) {
      Stopwatch w;
      absl::StatusOr<std::vector<graph::TiePath>> p = graph::KShortestPaths(s, q.paths[i]);
      paths.Add(w.Seconds());
      if (!p.ok()) return Fail(std::string(p.status().message()));
      if (r == 0) {
        std::string lengths;
        for (const graph::TiePath& tp : *p) {
          if (!lengths.empty()) lengths += ',';
          lengths += std::to_string(tp.edges.size());
        }
        path_lines.push_back(Cat(static_cast<int64_t>(i), "\t", lengths));
      }
    }
    // Radius-2 neighbourhood of each path source: the stand-in for the service's export.
    for (const graph::PathQuery& pq : q.paths) {
      Stopwatch w;
      absl::StatusOr<std::vector<graph::VertexId>> n =
          graph::Neighborhood(s, {pq.from}, pq.date, 2, graph::kAllRelations, 1'000'000);
      neighborhood.Add(w.Seconds());
      if (n.ok() && r == 0) neighborhood_vertices += n->size();
    }
  }
  const int64_t peak_kib = bench::PeakRssKib();

  for (auto [name, header, lines] :
       {std::tuple{"hire.tsv", "qid\trule\tobject_id\tdate\tofficial\tcounterparty\trelation",
                   &hire_lines},
        std::tuple{"tender.tsv", "qid\trule\tobject_id\tdate\tofficial\tcounterparty\trelation",
                   &tender_lines},
        std::tuple{"scan.tsv", "rule\tobject_id\tdate\tofficial\tcounterparty\trelation",
                   &scan_lines},
        std::tuple{"paths.tsv", "qid\tlengths", &path_lines}}) {
    if (absl::Status st = bench::WriteLines(Cat(opt.out, "/answers/", name), header, *lines);
        !st.ok()) {
      return Fail(std::string(st.message()));
    }
  }

  JsonObject j;
  j.String("tool", "coigraph")
      .String("feed", opt.feed)
      .Integer("runs", opt.runs)
      .Integer("rows", rows)
      .Integer("rejects", rejects)
      .Integer("persons", static_cast<int64_t>(s.person_count()))
      .Integer("vertices", static_cast<int64_t>(s.vertex_count()))
      .Integer("edges", static_cast<int64_t>(s.tie_count()))
      .Timing("load", load)
      .Number("rows_per_s", load.Median() > 0 ? static_cast<double>(rows) / load.Median() : 0)
      .Integer("load_peak_rss_kib", load_peak_kib)
      .Integer("snapshot_rss_kib", snapshot_rss_kib)
      .Integer("peak_rss_kib", peak_kib)
      .Timing("scan_all", scan_all)
      .Integer("scan_all_findings", static_cast<int64_t>(all_findings))
      .Timing("scan", scan_cmp)
      .Integer("scan_findings", static_cast<int64_t>(scan_lines.size()))
      .Timing("hire", hire)
      .Integer("hire_questions", static_cast<int64_t>(q.hire.size()))
      .Integer("hire_findings", static_cast<int64_t>(hire_lines.size()))
      .Timing("tender", tender)
      .Integer("tender_questions", static_cast<int64_t>(q.tender.size()))
      .Integer("tender_findings", static_cast<int64_t>(tender_lines.size()))
      .Timing("paths", paths)
      .Integer("path_questions", static_cast<int64_t>(q.paths.size()))
      .Timing("neighborhood", neighborhood)
      .Integer("neighborhood_vertices", static_cast<int64_t>(neighborhood_vertices));
  std::ofstream(opt.out + "/timings.json") << j.Text() << '\n';

  std::printf("coigraph_bench: %s (%zu persons, %zu vertices, %zu edges, %lld rejects)\n",
              opt.feed.c_str(), s.person_count(), s.vertex_count(), s.tie_count(),
              static_cast<long long>(rejects));
  std::printf("  %-34s median %8.3f s   %.0f rows/s (%lld rows)\n", "load + build", load.Median(),
              load.Median() > 0 ? static_cast<double>(rows) / load.Median() : 0.0,
              static_cast<long long>(rows));
  std::printf("  %-34s load %lld MiB, overall %lld MiB (snapshot RSS %lld MiB)\n", "peak RSS",
              static_cast<long long>(load_peak_kib / 1024), static_cast<long long>(peak_kib / 1024),
              static_cast<long long>(snapshot_rss_kib / 1024));
  std::printf("  %-34s median %8.3f s   (%zu findings)\n", "full scan, every rule",
              scan_all.Median(), all_findings);
  std::printf("  %-34s median %8.3f s   (%zu findings)\n", "full scan, hiring + TENDER_COMM.",
              scan_cmp.Median(), scan_lines.size());
  PrintTiming("CheckHire", hire, 1e6, "us");
  PrintTiming("CheckTender", tender, 1e6, "us");
  PrintTiming("KShortestPaths k=5", paths, 1e6, "us");
  PrintTiming("Neighborhood radius 2", neighborhood, 1e6, "us");
  return 0;
}
