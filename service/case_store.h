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
// Commissioners find cases with List(): filters, a text search that ignores case and the
// Cyrillic/Latin spelling of names (base/latin_fold.h), and counts by status and by sphere for the
// console's facets.
//
// CaseStore is the interface the service uses; SqliteCaseStore keeps the cases in the service's
// SQLite database (tables `cases` and `case_history`), created on first open.
//
// Example:
//   absl::StatusOr<std::unique_ptr<SqliteCaseStore>> store =
//       SqliteCaseStore::Open("coigraph.db", KnownCaseVocabulary());
//   (*store)->RecordScan(facts, absl::Now());
//   (*store)->Update(id, {.status = CaseStatus::kInReview, .actor = "aigerim",
//                         .role = "ethics_commissioner", .time = absl::Now()});
//   absl::StatusOr<CasePage> page =
//       (*store)->List({.severities = {"critical"}, .text = "zhumabayev"});
//   // page->cases: critical cases of Жұмабаев; page->counts_by_status: the same search by status
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
  std::string official_name;  // "Жұмабаев Марат Қайратұлы", or the organization's name
  std::string counterparty_name;  // the same for the counterparty; "" when the feeds give none
  std::string date;               // YYYY-MM-DD
  std::string relation;
  std::string severity;  // "critical", "high", "medium", "low"
  std::string explanation_ru;
  std::string explanation_en;
  std::string explanation_kk;
  std::string organization_bin;
  std::string organization_name;
  std::string region;
  // A finding resting on a seat matched by name (graph::FindingEvidence): the score in (0, 1]
  // and the name as the source gave it; 0 and "" for registry evidence.
  double match_score = 0;
  std::string matched_name;
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

// The values a filter may name, passed to SqliteCaseStore::Open (the service passes
// KnownCaseVocabulary() of snapshot_holder.h: the graph's rules and spheres).
struct CaseVocabulary {
  std::vector<std::string> rules;       // "HIRE_SUBORDINATION", ...
  std::vector<std::string> spheres;     // "hiring", "procurement", ...
  std::vector<std::string> severities;  // "critical", "high", "medium", "low"
};

// ListCases filters; a case is listed when it passes every one. An empty field does not filter.
struct CaseFilter {
  std::string sphere;                   // one of CaseVocabulary::spheres
  std::string rule;                     // one of CaseVocabulary::rules
  std::vector<std::string> severities;  // any of these; each one of CaseVocabulary::severities
  std::string organization_bin;
  std::string region;
  std::string assignee;              // exact
  std::vector<CaseStatus> statuses;  // any of these
  std::string date_from;             // YYYY-MM-DD, inclusive, on the finding's date
  std::string date_to;               // YYYY-MM-DD, inclusive
  std::string first_seen_from;       // YYYY-MM-DD, inclusive, on the UTC day a scan first found it
  std::string first_seen_to;         // YYYY-MM-DD, inclusive
  // base::FoldToLatin(text) (base/latin_fold.h: case, Cyrillic/Latin and variant spellings folded)
  // is a substring of the fold of one of: the official's and counterparty's IIN/BIN and name, the
  // object id, rule, relation, organization BIN and name, region, both explanations, note and
  // assignee. A text that folds to "" does not filter.
  std::string text;
  bool include_inactive = false;
  int page_size = 50;      // 1..500
  std::string page_token;  // from CasePage::next_page_token
};

struct CasePage {
  std::vector<CaseRecord> cases;  // newest finding date first, then case id
  std::string next_page_token;    // "" on the last page
  int64_t total_count = 0;
  // Of the cases that pass every filter but `statuses`: how many have each status. Every status
  // is a key (0 when none).
  std::map<CaseStatus, int64_t> counts_by_status;
  // Of the cases that pass every filter but `sphere`: how many are in each sphere. Every sphere
  // of the vocabulary is a key (0 when none), and any other sphere a stored case has.
  std::map<std::string, int64_t> counts_by_sphere;
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
  // Errors: FailedPrecondition when more than `max_inactive_share` (0..1) of the cases active
  // before would become inactive; its message says how many ("would make 35 of 35 active cases
  // inactive (100.0 %), more than the limit of 20 %").
  virtual absl::StatusOr<ScanSummary> RecordScan(const std::vector<CaseFacts>& found,
                                                 absl::Time time,
                                                 double max_inactive_share = 1.0) = 0;
  // Errors: NotFound for an unknown id.
  virtual absl::StatusOr<CaseRecord> Get(std::string_view case_id) = 0;
  // Oldest first. Errors: NotFound for an unknown id.
  virtual absl::StatusOr<std::vector<CaseEvent>> History(std::string_view case_id) = 0;
  // The page, total and counts are read in one transaction.
  // Errors: InvalidArgument made by FieldError (field_errors.h), so ViolatedField() names the
  // field: "page_size" (not 1..500), "page_token" (not one this store gave), "sphere", "rule",
  // "severities" (a value not in the vocabulary), "date_from", "date_to", "first_seen_from",
  // "first_seen_to" (not a strict YYYY-MM-DD date). Internal when ICU cannot fold the text.
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
  // A database made before the search key existed gets the columns official_name,
  // counterparty_name (both "" until the next scan finds the case) and search_key, and every
  // case's key is computed; so is every key when the fold's version (kSearchFoldVersion in the
  // .cc) changed since the keys were made. `vocabulary` is what List() accepts as a rule,
  // sphere and severity. Errors: Internal for SQLite failures or when ICU cannot fold.
  static absl::StatusOr<std::unique_ptr<SqliteCaseStore>> Open(const std::string& path,
                                                               CaseVocabulary vocabulary);
  ~SqliteCaseStore() override;

  absl::StatusOr<ScanSummary> RecordScan(const std::vector<CaseFacts>& found, absl::Time time,
                                         double max_inactive_share = 1.0) override;
  absl::StatusOr<CaseRecord> Get(std::string_view case_id) override;
  absl::StatusOr<std::vector<CaseEvent>> History(std::string_view case_id) override;
  absl::StatusOr<CasePage> List(const CaseFilter& filter) override;
  absl::StatusOr<CaseRecord> Update(std::string_view case_id, const CaseChange& change) override;
  absl::StatusOr<std::map<CaseStatus, int64_t>> CountByStatus() override;

 private:
  struct Impl;
  SqliteCaseStore(std::unique_ptr<Impl> impl, CaseVocabulary vocabulary);
  const CaseVocabulary vocabulary_;  // set once; read without the lock
  absl::Mutex mu_;
  std::unique_ptr<Impl> impl_ ABSL_GUARDED_BY(mu_);
};

}  // namespace coigraph::service
