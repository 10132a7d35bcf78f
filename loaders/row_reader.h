// Reads and validates the fields of one CSV record against docs/feeds.md.
//
// Every accessor checks one column and returns its value; the first problem found becomes the
// row's reject (column + reason) and every later accessor then returns a default without
// checking, so that a row yields exactly one reject, for the first column that is wrong in the
// order the loader asks.
//
// Example:
//   RowReader row(ctx, file.columns, record);
//   PersonRef person = row.Person(person_iin, Need::kRequired);
//   graph::Interval valid = row.Validity(valid_from, valid_to);
//   if (!row.Unique(seen, row.ContentFingerprint())) return;
//   builder.AddResidence({.person = ctx.Resolve(person), ...});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "graph/date.h"
#include "graph/model.h"
#include "loaders/csv_reader.h"
#include "loaders/duplicate_index.h"
#include "loaders/feed_schema.h"
#include "loaders/field_parsers.h"
#include "loaders/load_context.h"

namespace coigraph::loaders {

enum class Need { kOptional, kRequired };

class RowReader {
 public:
  enum class Outcome { kLoaded, kMerged, kRejected, kDeferred };

  RowReader(LoadContext& ctx, const ColumnMap& columns, const CsvRecord& record)
      : ctx_(ctx), columns_(columns), record_(record) {}

  int64_t line() const { return record_.line; }
  std::string_view raw() const { return record_.raw; }
  bool ok() const { return !failed_; }
  Outcome outcome() const;
  const std::string& reject_column() const { return reject_column_; }
  const std::string& reject_reason() const { return reject_reason_; }
  // The rejected row of another file that this row's reject is a consequence of (line 0: none).
  std::string_view cause_file() const { return cause_file_; }
  int64_t cause_line() const { return cause_line_; }

  // An optional reference that named nothing loaded: the row loads without it.
  struct Dropped {
    std::string column;
    std::string reason;
    std::string_view cause_file;
    int64_t cause_line = 0;
  };
  const std::vector<Dropped>& dropped() const { return dropped_; }

  // Rejects the row unless it already is. `column` "" blames the row as a whole.
  void Reject(std::string_view column, std::string reason);
  // A reference of `c` that names nothing loaded: a required one rejects the row, an optional
  // one is dropped (docs/loaders.md, "Causes and consequences"). `cause_*`: the rejected row it
  // names, if any.
  void Dangling(const Col& c, Need need, std::string reason, std::string_view cause_file = {},
                int64_t cause_line = 0);
  // The row is kept aside by the loader and counted when it is resolved.
  void Defer() { deferred_ = true; }

  // The raw value; "" when the file lacks the column.
  std::string_view Text(const Col& c) const {
    return c.field < 0 ? std::string_view() : record_.fields[static_cast<size_t>(c.field)];
  }
  // The value; rejects "required value is empty" when required and empty.
  std::string_view Field(const Col& c, Need need);

  // A valid IIN (graph::CheckIin); 0 when empty and optional. `info` receives the IIN's parts.
  uint64_t Iin(const Col& c, Need need, graph::IinInfo* info = nullptr);
  // A person reference: a valid IIN of a person accepted from persons.csv (or, when that file
  // is absent, any valid IIN).
  PersonRef Person(const Col& c, Need need);
  // An organization reference: 12 digits with a right check digit, of an organization accepted
  // from organizations.csv (or, when that file is absent, any such number).
  OrgRef Org(const Col& c, Need need);
  // References into positions.csv / commissions.csv / tenders.csv; kNone when empty. Rejected
  // when the id is unknown or the file is absent.
  graph::PositionIndex Position(const Col& c, Need need);
  graph::CommissionIndex Commission(const Col& c, Need need);
  graph::TenderIndex Tender(const Col& c, Need need);

  // A strict ISO date; `if_empty` when empty and optional.
  graph::Date DateField(const Col& c, Need need, graph::Date if_empty);
  // [valid_from, valid_to): empty ends are open; valid_to before valid_from is rejected.
  graph::Interval Validity(const Col& from, const Col& to, Need from_need = Need::kOptional);

  // An enumeration value of docs/feeds.md, "Enumerations"; `expected` lists the spellings for the
  // reject reason.
  template <typename E>
  E Enum(const Col& c, std::optional<E> (*parse)(std::string_view), std::string_view expected,
         E if_failed) {
    const std::string_view t = Field(c, Need::kRequired);
    if (failed_) return if_failed;
    const std::optional<E> v = parse(t);
    if (!v) {
      Reject(c.name, absl::StrCat("unknown ", base::AbslView(c.name), " '", base::AbslView(t),
                                  "' (expected one of: ", base::AbslView(expected), ")"));
      return if_failed;
    }
    return *v;
  }

  // Optional booleans: empty is false.
  bool Bool(const Col& c);
  // Optional amount_kzt: a decimal >= 0; graph::kUnknownAmount when empty.
  double Amount(const Col& c);
  // Optional share_pct: a decimal in [0, 100]; graph::kUnknownAmount when empty.
  double SharePct(const Col& c);
  // A name match's score (commission_members.csv `match_score`): a decimal in (0, 1], given
  // together with the name it matched (`name`, not empty); 0 when both are empty.
  float MatchScore(const Col& score, const Col& name);
  // queue_number: an integer >= 1; 0 when empty and optional.
  int64_t QueueNumber(const Col& c, Need need);

  // Fingerprint of the values of all known columns (docs/feeds.md: an exact duplicate has the same
  // values in every column). `swap_pair` exchanges the first two known columns, as
  // ColumnMap::KeyFingerprint does the first two key columns (kinship's unordered pairs).
  uint64_t ContentFingerprint(bool swap_pair = false) const;

  // Checks the row's key, the file's key columns of FeedSchema::key (unless the row is already
  // rejected). Returns true for a new key. An exact duplicate marks the row merged; a key seen
  // with other content rejects it, naming the key columns.
  bool Unique(DuplicateIndex& seen, uint64_t content, bool swap_pair = false);
  // As Unique(), for a loader that keeps its own index of keys: `found` is what it found there
  // (Verdict::kNew when the key is new).
  bool UniqueBy(const DuplicateIndex::Result& found);

 private:
  LoadContext& ctx_;
  const ColumnMap& columns_;
  const CsvRecord& record_;
  bool failed_ = false;
  bool merged_ = false;
  bool deferred_ = false;
  std::string reject_column_;
  std::string reject_reason_;
  std::string_view cause_file_;  // a FeedSchema::file
  int64_t cause_line_ = 0;
  std::vector<Dropped> dropped_;
};

}  // namespace coigraph::loaders
