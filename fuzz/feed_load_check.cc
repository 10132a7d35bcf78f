#include "fuzz/feed_load_check.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/finding.h"
#include "graph/rules.h"

namespace coigraph::fuzz {

void LoadAndCheck(const std::string& dir, const loaders::LoadOptions& options) {
  absl::StatusOr<loaders::LoadedFeed> feed = loaders::LoadSnapshot(dir, options);
  if (!feed.ok()) return;  // an unusable feed is refused, which is all it may do
  const loaders::LoadReport& report = feed->report;
  int64_t rejected = 0;
  int64_t dropped = 0;
  for (const loaders::FileReport& f : report.files) {
    if (f.loaded < 0 || f.merged < 0 || f.rejected < 0 || f.dropped < 0) std::abort();
    if (!f.present && f.loaded + f.merged + f.rejected + f.dropped != 0) std::abort();
    rejected += f.rejected;
    dropped += f.dropped;
  }
  if (rejected != static_cast<int64_t>(report.rejects.size())) std::abort();
  if (dropped != static_cast<int64_t>(report.dropped.size())) std::abort();
  if (report.RootCauses() + report.Consequences() != rejected) std::abort();
  for (const loaders::RejectRecord& r : report.rejects) {
    if (r.line < 1 || r.reason.empty() || loaders::RejectToJson(r).empty()) std::abort();
  }
  for (const loaders::RejectRecord& r : report.dropped) {
    if (r.line < 1 || r.reason.empty() || loaders::RejectToJson(r).empty()) std::abort();
  }
  const std::vector<graph::Finding> findings = graph::RunRules(*feed->snapshot, graph::AllRules());
  for (const graph::Finding& f : findings) {
    if (graph::FindingToJson(f).empty()) std::abort();
  }
}

}  // namespace coigraph::fuzz
