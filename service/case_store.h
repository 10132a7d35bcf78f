// Cases: every finding becomes a case that keeps its id, status and history across reloads.
//
// A case's id is derived from the finding's identity (rule, object_id, official,
// counterparty), so the same conflict found by the next scan is the same case and keeps the
// status a commissioner gave it:
//
//   scan v1: {A, B}      -> A NEW, B NEW           (history: created, created)
//   UpdateCase(A, CONFIRMED)                        (history: status NEW -> CONFIRMED)
//   scan v2: {A, C}      -> A CONFIRMED (active), B inactive ("disappeared"), C NEW
//   scan v3: {A, B, C}   -> B active again ("reappeared"), still NEW
//
// CaseStore is the interface the service uses; SqliteCaseStore keeps the cases in the service's
// SQLite database (tables `cases` and `case_history`), created on first open.
//
// Example:
//   absl::StatusOr<std::unique_ptr<SqliteCaseStore>> store = SqliteCaseStore::Open("coigraph.db");
//   (*store)->RecordScan(facts, absl::Now());
//   (*store)->Update(id, {.status = CaseStatus::kInReview, .actor = "aigerim",
//                         .role = "ethics_commissioner", .time = absl::Now()});
//
// Thread safety: every method may be called from many threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace coigraph::service {

// The numbers are those of coigraph.v1.CaseStatus.
enum class CaseStatus : uint8_t {
  kNew = 1,
  kInReview = 2,
  kConfirmed = 3,
  kDismissed = 4,
  kResolved = 5,
};
std::string_view Name(CaseStatus status);  // "NEW", "IN_REVIEW", ...
std::optional<CaseStatus> CaseStatusFromInt(int64_t value);

// "C-" + the first 20 hex digits of SHA-256("rule|object_id|official|counterparty").
std::string CaseIdOf(std::string_view rule, std::string_view object_id, std::string_view official,
                     std::string_view counterparty);

// What a scan knows about a case: the finding (without its path) and where it belongs.
struct CaseFacts {
  std::string case_id;  // CaseIdOf(rule, object_id, official, counterparty)
  std::string rule;
  std::string sphere;
  std::string object_id;
  std::string official;
  std::string counterparty;
  std::string date;  // YYYY-MM-DD
  std::string relation;
  std::string severity;  // "critical", "high", "medium", "low"
  std::string explanation_ru;
  std::string explanation_en;
  std::string organization_bin;
  std::string organization_name;
  std::string region;
};

struct CaseRecord {
  CaseFacts facts;  // as the latest scan that found it gave them
  CaseStatus status = CaseStatus::kNew;
  std::string assignee;
  std::string note;
  bool active = true;      // the latest scan found it
  std::string first_seen;  // RFC 3339 UTC
  std::string last_seen;   // RFC 3339 UTC
};

// One change of a case (coigraph.v1.CaseEvent).
struct CaseEvent {
  std::string time;  // RFC 3339 UTC
  std::string actor;
  std::string role;
  std::string field;  // "created", "status", "note", "assignee", "reappeared", "disappeared"
  std::string old_value;
  std::string new_value;
};

// ListCases filters; an empty field does not filter.
struct CaseFilter {
  std::string sphere;
  std::string rule;
  std::string organization_bin;
  std::string region;
  std::vector<CaseStatus> statuses;
  std::string date_from;  // YYYY-MM-DD, inclusive
  std::string date_to;    // YYYY-MM-DD, inclusive
  std::string text;       // case-sensitive substring of the texts of a case
  bool include_inactive = false;
  int page_size = 50;      // 1..500
  std::string page_token;  // from CasePage::next_page_token
};

struct CasePage {
  std::vector<CaseRecord> cases;  // newest finding date first, then case id
  std::string next_page_token;    // "" on the last page
  int64_t total_count = 0;
};

// A change asked for by UpdateCase; unset fields are left.
struct CaseChange {
  std::optional<CaseStatus> status = std::nullopt;
  std::optional<std::string> note = std::nullopt;
  std::optional<std::string> assignee = std::nullopt;
  std::string actor = {};
  std::string role = {};
  absl::Time time = {};
};

// What RecordScan did.
struct ScanSummary {
  int64_t created = 0;
  int64_t seen_again = 0;  // already known (active or not); status kept
  int64_t disappeared = 0;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Records the cases one scan found: new ones are created NEW, known ones get the new facts
  // and keep their status, assignee and note; known cases not in `found` become inactive.
  // Atomic: on error nothing is changed. REQUIRES: case ids in `found` are distinct.
  virtual absl::StatusOr<ScanSummary> RecordScan(const std::vector<CaseFacts>& found,
                                                 absl::Time time) = 0;
  // Errors: NotFound for an unknown id.
  virtual absl::StatusOr<CaseRecord> Get(std::string_view case_id) = 0;
  // Oldest first. Errors: NotFound for an unknown id.
  virtual absl::StatusOr<std::vector<CaseEvent>> History(std::string_view case_id) = 0;
  // Errors: InvalidArgument for a bad page_size or page_token.
  virtual absl::StatusOr<CasePage> List(const CaseFilter& filter) = 0;
  // Applies the change and records one event per field that actually changed.
  // Errors: NotFound for an unknown id.
  virtual absl::StatusOr<CaseRecord> Update(std::string_view case_id, const CaseChange& change) = 0;
  // Cases per status.
  virtual absl::StatusOr<std::map<CaseStatus, int64_t>> CountByStatus() = 0;
};

class SqliteCaseStore final : public CaseStore {
 public:
  // Opens the case tables of the SQLite database `path`, creating file and tables when absent.
  static absl::StatusOr<std::unique_ptr<SqliteCaseStore>> Open(const std::string& path);
  ~SqliteCaseStore() override;

  absl::StatusOr<ScanSummary> RecordScan(const std::vector<CaseFacts>& found,
                                         absl::Time time) override;
  absl::StatusOr<CaseRecord> Get(std::string_view case_id) override;
  absl::StatusOr<std::vector<CaseEvent>> History(std::string_view case_id) override;
  absl::StatusOr<CasePage> List(const CaseFilter& filter) override;
  absl::StatusOr<CaseRecord> Update(std::string_view case_id, const CaseChange& change) override;
  absl::StatusOr<std::map<CaseStatus, int64_t>> CountByStatus() override;

 private:
  struct Impl;
  explicit SqliteCaseStore(std::unique_ptr<Impl> impl);
  absl::Mutex mu_;
  std::unique_ptr<Impl> impl_ ABSL_GUARDED_BY(mu_);
};

}  // namespace coigraph::service
