// The loaded state the service answers from, swapped atomically on a reload.
//
//   LoadFeeds ──▶ LoadScan(dir) ──▶ new LoadedState ──▶ CaseStore::RecordScan ──▶ holder.Swap
//                                                                                   │
//   queries ──▶ holder.Get() (a shared_ptr: an old state lives until its last query ends)
//
// A LoadedState is immutable: the snapshot, the findings of every rule over it, their case ids
// and the indexes the checks need. Readers never lock.
//
// Example:
//   SnapshotHolder holder;
//   absl::StatusOr<std::shared_ptr<const LoadedState>> st = LoadScan("examples/demo", 1, now);
//   holder.Swap(*st);
//   std::shared_ptr<const LoadedState> current = holder.Get();   // nullptr before a load
//
// Thread safety: Get and Swap may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "graph/finding.h"
#include "graph/snapshot.h"
#include "loaders/feed_loader.h"
#include "service/case_store.h"

namespace coigraph::service {

struct LoadedState {
  int64_t version = 0;
  std::string feeds_dir;
  absl::Time loaded_at;
  absl::Duration load_duration;
  std::shared_ptr<const graph::Snapshot> snapshot;
  loaders::LoadReport report;
  std::vector<graph::Finding> findings;  // RunRules(AllRules()), sorted by FindingLess
  std::vector<CaseFacts> cases;          // parallel to findings
  absl::flat_hash_map<std::string, uint32_t> finding_by_case;  // case id -> index

  // The finding of a case in this state; nullptr when this state does not give it.
  const graph::Finding* FindingOfCase(const std::string& case_id) const;
};

// Loads `dir`, runs every rule and indexes the findings as version `version`.
// Errors: those of loaders::LoadSnapshot (NotFound, InvalidArgument).
absl::StatusOr<std::shared_ptr<const LoadedState>> LoadScan(const std::string& dir, int64_t version,
                                                            absl::Time now);

// The case facts of a finding: its id, texts, the official's and counterparty's names (a
// person's full name, an organization's name) and the organization it belongs to (the
// employer of the post, the tender's or contract's customer, the commission's organization,
// the bonus's organization).
CaseFacts CaseFactsOf(const graph::Snapshot& s, const graph::Finding& f);

// What the case store accepts as a rule, sphere and severity in a filter: graph::Name and
// graph::SphereOf of every rule (spheres once each, in rule order), and the four severities.
CaseVocabulary KnownCaseVocabulary();

// YYYY-MM-DD three calendar months after `date` (the day clamped to the month's end), the cure
// deadline of a joint-service case; "" for other rules or a malformed date.
std::string CureDeadline(std::string_view rule, std::string_view date);

class SnapshotHolder {
 public:
  std::shared_ptr<const LoadedState> Get() const { return state_.load(); }
  void Swap(std::shared_ptr<const LoadedState> next) { state_.store(std::move(next)); }

 private:
  std::atomic<std::shared_ptr<const LoadedState>> state_;
};

}  // namespace coigraph::service
