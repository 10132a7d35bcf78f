// The operators' RPCs: LoadFeeds and Status.
#include <string>

#include "base/text.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/convert.h"
#include "service/field_errors.h"

namespace coigraph::service {

namespace {

// "persons.csv 1200 -> 0 rows, employment.csv absent (had 310 rows)": the files with fewer rows
// than in the last load.
std::string ShrunkFiles(const loaders::LoadReport& before, const loaders::LoadReport& after) {
  std::string out;
  for (const loaders::FileReport& old : before.files) {
    int64_t now = 0;
    bool present = false;
    for (const loaders::FileReport& f : after.files) {
      if (f.file == old.file) {
        now = f.loaded;
        present = f.present;
      }
    }
    if (now >= old.loaded) continue;
    base::Append(out, out.empty() ? "" : ", ", old.file,
                 present ? base::Cat(" ", old.loaded, " -> ", now, " rows")
                         : base::Cat(" absent (had ", old.loaded, " rows)"));
  }
  return out.empty() ? "no feed file has fewer rows than in the last load" : out;
}

}  // namespace

absl::StatusOr<ScanSummary> LoadAndSwap(const std::string& dir, SnapshotHolder& holder,
                                        CaseStore& cases, absl::Time now,
                                        double max_inactive_share) {
  std::shared_ptr<const LoadedState> old = holder.Get();
  const int64_t version = old == nullptr ? 1 : old->version + 1;
  absl::StatusOr<std::shared_ptr<const LoadedState>> next = LoadScan(dir, version, now);
  if (!next.ok()) return next.status();
  absl::StatusOr<ScanSummary> summary = cases.RecordScan((*next)->cases, now, max_inactive_share);
  if (absl::IsFailedPrecondition(summary.status())) {
    return absl::FailedPreconditionError(
        base::Cat("loading ", dir, " ", summary.status().message(), "; ",
                  old == nullptr ? std::string("no earlier load to compare with")
                                 : ShrunkFiles(old->report, (*next)->report),
                  ". Nothing was changed; set force to load it anyway"));
  }
  if (!summary.ok()) return summary.status();
  holder.Swap(std::move(*next));
  return summary;
}

void CoigraphApi::DefineOperators() {
  rpcs_.load_feeds = {
      .rpc = Rpc::kLoadFeeds,
      // A load takes seconds: it runs off the transport's thread so queries go on meanwhile.
      .own_thread = true,
      .describe =
          [this](const v1::LoadFeedsRequest& r, Call& call) {
            call.ids = {r.dir().empty() ? options_.default_feeds_dir : r.dir()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return LoadFeeds(c, r, out); },
      .result =
          [](const v1::LoadFeedsResponse& r) {
            return base::Cat("version ", r.snapshot_version());
          },
  };
  rpcs_.status = {
      .rpc = Rpc::kStatus,
      .needs_purpose = false,
      .describe = [](const v1::StatusRequest&, Call&) {},
      .run = [this](const Call& c, const auto& r, auto* out) { return Status(c, r, out); },
      .result =
          [](const v1::StatusResponse& r) { return base::Cat("version ", r.snapshot_version()); },
  };
}

absl::Status CoigraphApi::LoadFeeds(const Call& call, const v1::LoadFeedsRequest& request,
                                    v1::LoadFeedsResponse* response) {
  const std::string& dir = call.ids.front();
  if (dir.empty()) return FieldError("dir", "required (the server has no --feeds)");
  bool expected = false;
  if (!loading_.compare_exchange_strong(expected, true)) {
    return absl::AbortedError("a load is already running");
  }
  absl::StatusOr<ScanSummary> summary =
      LoadAndSwap(dir, *options_.holder, *options_.cases, options_.clock(),
                  request.force() ? 1.0 : options_.max_inactive_share);
  loading_.store(false);
  if (!summary.ok()) return summary.status();
  std::shared_ptr<const LoadedState> state = options_.holder->Get();
  response->set_snapshot_version(state->version);
  for (const loaders::FileReport& f : state->report.files) {
    FileReportToProto(f, response->add_files());
  }
  response->set_finding_count(static_cast<int64_t>(state->findings.size()));
  response->set_cases_created(summary->created);
  response->set_cases_seen_again(summary->seen_again);
  response->set_cases_disappeared(summary->disappeared);
  response->set_duration_ms(absl::ToInt64Milliseconds(state->load_duration));
  LoadSummaryToProto(state->report, /*records=*/true, response->mutable_summary());
  return absl::OkStatus();
}

absl::Status CoigraphApi::Status(const Call& /*call*/, const v1::StatusRequest& /*request*/,
                                 v1::StatusResponse* response) const {
  response->set_demo_mode(options_.auth.demo());
  absl::StatusOr<std::map<CaseStatus, int64_t>> counts = options_.cases->CountByStatus();
  if (!counts.ok()) return counts.status();
  for (const auto& [status, n] : *counts) {
    (*response->mutable_cases_by_status())[static_cast<int32_t>(status)] = n;
  }
  std::shared_ptr<const LoadedState> state = options_.holder->Get();
  if (state == nullptr) return absl::OkStatus();
  const graph::Snapshot& snap = *state->snapshot;
  response->set_snapshot_version(state->version);
  response->set_feeds_dir(state->feeds_dir);
  response->set_loaded_at(FormatRfc3339(state->loaded_at));
  response->set_person_count(static_cast<int64_t>(snap.person_count()));
  response->set_organization_count(static_cast<int64_t>(snap.data().organizations.size()));
  response->set_position_count(static_cast<int64_t>(snap.data().positions.size()));
  response->set_tie_count(static_cast<int64_t>(snap.tie_count()));
  response->set_finding_count(static_cast<int64_t>(state->findings.size()));
  for (const loaders::FileReport& f : state->report.files) {
    FileReportToProto(f, response->add_files());
  }
  response->set_reject_count(static_cast<int64_t>(state->report.rejects.size()));
  LoadSummaryToProto(state->report, /*records=*/false, response->mutable_summary());
  return absl::OkStatus();
}

}  // namespace coigraph::service
