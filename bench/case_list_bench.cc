// case_list_bench: how long the case store takes to fold and record a region's cases, and
// CaseStore::List() p50/p99 for the filter mixes of the commissioners' console.
//
//   case_list_bench --feed DIR [--db PATH] [--runs 300]
//
// Loads DIR (LoadScan: the snapshot and every rule), records its cases into a fresh SQLite
// store at PATH (default: a file under the system temp directory, removed first), then runs
// each List() mix --runs times. Prints figures only; it asserts nothing.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "base/latin_fold.h"
#include "bench/bench_stats.h"
#include "service/case_store.h"
#include "service/snapshot_holder.h"
#include "tools/flags/flags.h"

ABSL_FLAG(std::string, feed, "", "the feed directory (required)");
ABSL_FLAG(std::string, db, "",
          "the SQLite store to fill, removed first; default: case_list_bench.db in the system "
          "temp directory");
ABSL_FLAG(int, runs, 300, "List() calls of each filter mix");

namespace {

using coigraph::base::FoldToLatin;
using coigraph::bench::Samples;
using coigraph::bench::Stopwatch;
using coigraph::service::CaseFacts;
using coigraph::service::CaseFilter;
using coigraph::service::CasePage;
using coigraph::service::CaseStatus;

constexpr char kUsage[] = "usage: case_list_bench --feed DIR [--db PATH] [--runs 300]\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "case_list_bench: %s\n", message.c_str());
  return 1;
}

double Ms(double seconds) { return seconds * 1e3; }

// CPU time of this thread: what List() itself costs, without the waits of a shared machine.
double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The first word of a name ("Жұмабаев" of "Жұмабаев Марат Қайратұлы").
std::string Surname(const std::string& name) { return name.substr(0, name.find(' ')); }

// The fold alone, on the texts a case's search key is made of; one thread.
absl::Status MeasureFold(const std::vector<CaseFacts>& cases) {
  Stopwatch first;
  if (!FoldToLatin("Жұмабаев").ok()) return absl::InternalError("ICU cannot fold");
  const double create_s = first.Seconds();
  Stopwatch w;
  size_t key_bytes = 0;
  for (const CaseFacts& f : cases) {
    for (const std::string* text :
         {&f.official, &f.official_name, &f.counterparty, &f.counterparty_name, &f.object_id,
          &f.rule, &f.relation, &f.organization_bin, &f.organization_name, &f.region,
          &f.explanation_ru, &f.explanation_en}) {
      key_bytes += FoldToLatin(*text)->size() + 1;
    }
  }
  const double s = w.Seconds();
  std::printf(
      "fold: %.0f ms for %zu cases (%.1f us a case; keys %.0f bytes a case); first fold on a "
      "thread (makes its transliterator) %.2f ms\n",
      Ms(s), cases.size(), s * 1e6 / static_cast<double>(cases.size()),
      static_cast<double>(key_bytes) / static_cast<double>(cases.size()), Ms(create_s));
  std::thread other([] {
    Stopwatch t;
    (void)FoldToLatin("Жұмабаев");
    std::printf("first fold on another thread: %.2f ms\n", Ms(t.Seconds()));
  });
  other.join();
  return absl::OkStatus();
}

// RecordScan into the empty store and again, then the reopening of the filled store.
absl::Status MeasureRecordScan(coigraph::service::SqliteCaseStore& store, const std::string& db,
                               const std::vector<CaseFacts>& cases) {
  Stopwatch w;
  absl::StatusOr<coigraph::service::ScanSummary> s =
      store.RecordScan(cases, absl::FromUnixSeconds(1700000000));
  if (!s.ok()) return s.status();
  std::printf("RecordScan, first (creates %lld): %.0f ms\n", static_cast<long long>(s->created),
              Ms(w.Seconds()));
  Stopwatch again;
  s = store.RecordScan(cases, absl::FromUnixSeconds(1700000000 + 86400));
  if (!s.ok()) return s.status();
  std::printf("RecordScan, again (updates %lld): %.0f ms\n", static_cast<long long>(s->seen_again),
              Ms(again.Seconds()));
  // Reopening with keys of the current fold version does not fold again.
  Stopwatch reopen;
  auto reopened =
      coigraph::service::SqliteCaseStore::Open(db, coigraph::service::KnownCaseVocabulary());
  if (!reopened.ok()) return reopened.status();
  std::printf("Open of the filled store: %.1f ms\n", Ms(reopen.Seconds()));
  return absl::OkStatus();
}

struct Mix {
  std::string name;
  CaseFilter filter;
};

// The console's filter mixes. Queries drawn from the data: a surname that occurs, in Cyrillic
// and in passport Latin.
std::vector<Mix> FilterMixes(const std::vector<CaseFacts>& cases) {
  const CaseFacts& sample = cases[cases.size() / 3];
  const std::string surname = Surname(sample.official_name);
  const std::string surname_latin = FoldToLatin(surname).value();
  const std::string iin_part = sample.official.substr(2, 6);

  std::vector<Mix> mixes;
  mixes.push_back({"no filter, first page", {}});
  {
    CaseFilter f;
    f.page_token = std::to_string(cases.size() / 2);
    mixes.push_back({"no filter, page in the middle", f});
  }
  {
    CaseFilter f;
    f.sphere = "hiring";
    f.statuses = {CaseStatus::kNew};
    mixes.push_back({"sphere + status", f});
  }
  {
    CaseFilter f;
    f.severities = {"critical", "high"};
    f.rule = sample.rule;
    f.date_from = "2020-01-01";
    f.first_seen_from = "2023-11-14";
    f.first_seen_to = "2023-11-20";
    mixes.push_back({"rule + severities + dates", f});
  }
  {
    CaseFilter f;
    f.assignee = "aigerim";
    mixes.push_back({"assignee", f});
  }
  {
    CaseFilter f;
    f.text = surname;
    mixes.push_back({"text \"" + surname + "\"", f});
  }
  {
    CaseFilter f;
    f.text = surname_latin;
    mixes.push_back({"text \"" + surname_latin + "\"", f});
  }
  {
    CaseFilter f;
    f.text = iin_part;
    mixes.push_back({"text IIN part \"" + iin_part + "\"", f});
  }
  {
    CaseFilter f;
    f.text = "qwxqwx";
    mixes.push_back({"text matching nothing", f});
  }
  {
    CaseFilter f;
    f.text = surname;
    f.sphere = sample.sphere;
    f.severities = {"critical", "high", "medium"};
    f.statuses = {CaseStatus::kNew, CaseStatus::kInReview};
    f.first_seen_from = "2023-11-01";
    f.include_inactive = true;
    f.page_size = 100;
    mixes.push_back({"text + sphere + severities + statuses + first seen", f});
  }
  {
    CaseFilter f;
    f.page_size = 500;
    mixes.push_back({"no filter, 500 a page", f});
  }
  return mixes;
}

// List() of each mix `runs` times: wall and CPU time.
absl::Status MeasureList(coigraph::service::SqliteCaseStore& store, const std::vector<Mix>& mixes,
                         int runs) {
  std::printf(
      "\nList(), %d runs each (ms; wall time, then this thread's CPU time):\n"
      "%-52s %6s %7s %7s %7s %7s %7s\n",
      runs, "mix", "total", "p50", "p99", "max", "cpu p50", "cpu p99");
  for (const Mix& mix : mixes) {
    Samples samples, cpu;
    int64_t total = 0;
    for (int r = 0; r < runs; ++r) {
      Stopwatch w;
      const double cpu_start = ThreadCpuSeconds();
      absl::StatusOr<CasePage> page = store.List(mix.filter);
      samples.Add(w.Seconds());
      cpu.Add(ThreadCpuSeconds() - cpu_start);
      if (!page.ok()) {
        return absl::InternalError(mix.name + ": " + std::string(page.status().message()));
      }
      total = page->total_count;
    }
    std::printf("%-52s %6lld %7.2f %7.2f %7.2f %7.2f %7.2f\n", mix.name.c_str(),
                static_cast<long long>(total), Ms(samples.Median()), Ms(samples.Percentile(0.99)),
                Ms(samples.Percentile(1.0)), Ms(cpu.Median()), Ms(cpu.Percentile(0.99)));
  }
  return absl::OkStatus();
}

int Run(const std::string& feed, const std::string& db, int runs) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);

  Stopwatch load_watch;
  absl::StatusOr<std::shared_ptr<const coigraph::service::LoadedState>> state =
      coigraph::service::LoadScan(feed, 1, absl::Now());
  if (!state.ok()) return Fail(std::string(state.status().message()));
  const std::vector<CaseFacts>& cases = (*state)->cases;
  std::printf("feed %s: %zu cases (load and rules %.0f ms)\n", feed.c_str(), cases.size(),
              Ms(load_watch.Seconds()));
  if (cases.empty()) return Fail("no cases");

  if (absl::Status st = MeasureFold(cases); !st.ok()) return Fail(std::string(st.message()));
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteCaseStore>> store =
      coigraph::service::SqliteCaseStore::Open(db, coigraph::service::KnownCaseVocabulary());
  if (!store.ok()) return Fail(std::string(store.status().message()));
  if (absl::Status st = MeasureRecordScan(**store, db, cases); !st.ok()) {
    return Fail(std::string(st.message()));
  }
  // A few cases worked on, so that the assignee and status filters have something to find.
  for (size_t i = 0; i < cases.size(); i += 7) {
    (void)(*store)->Update(cases[i].case_id, {.status = CaseStatus::kInReview,
                                              .assignee = std::string("aigerim"),
                                              .actor = "bench",
                                              .role = "ethics_commissioner",
                                              .time = absl::FromUnixSeconds(1700100000)});
  }
  if (absl::Status st = MeasureList(**store, FilterMixes(cases), runs); !st.ok()) {
    return Fail(std::string(st.message()));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const coigraph::tools::CommandLine cl = coigraph::tools::ParseFlagsOrExit(
      argc, argv, {FLAGS_feed, FLAGS_db, FLAGS_runs},
      {.program = "case_list_bench", .usage = kUsage, .error_exit_code = 1});
  const std::string feed = absl::GetFlag(FLAGS_feed);
  const int runs = absl::GetFlag(FLAGS_runs);
  if (feed.empty()) return Fail(std::string("--feed is required\n") + kUsage);
  if (runs < 1) return Fail(std::string("--runs must be at least 1\n") + kUsage);
  const std::string db =
      cl.Given(FLAGS_db) ? absl::GetFlag(FLAGS_db)
                         : (std::filesystem::temp_directory_path() / "case_list_bench.db").string();
  return Run(feed, db, runs);
}
