#include "loaders/row_reader.h"

#include "base/text.h"
#include "graph/identity_number.h"
#include "loaders/feed_schema.h"

namespace coigraph::loaders {

using base::AbslView;

RowReader::Outcome RowReader::outcome() const {
  if (failed_) return Outcome::kRejected;
  if (merged_) return Outcome::kMerged;
  if (deferred_) return Outcome::kDeferred;
  return Outcome::kLoaded;
}

void RowReader::Reject(std::string_view column, std::string reason) {
  if (failed_) return;
  failed_ = true;
  reject_column_ = std::string(column);
  reject_reason_ = std::move(reason);
}

void RowReader::Dangling(const Col& c, Need need, std::string reason, std::string_view cause_file,
                         int64_t cause_line) {
  if (failed_) return;
  if (need == Need::kRequired) {
    Reject(c.name, std::move(reason));
    cause_file_ = cause_file;
    cause_line_ = cause_line;
    return;
  }
  dropped_.push_back(Dropped{std::string(c.name),
                             absl::StrCat(reason, "; the row loads without ", AbslView(c.name)),
                             cause_file, cause_line});
}

namespace {

// "person_iin 800515300017 refers to persons.csv line 118, which was rejected: <why>", or
// `unknown` when no rejected row of that file has the key.
template <typename Unknown>
void DanglingRef(RowReader& row, const LoadContext& ctx, const Col& c, Need need, FeedId target,
                 std::string_view key, Unknown unknown) {
  const std::string_view file = Schema(target).file;
  if (const LoadContext::RejectedRow* r = ctx.FindRejected(target, key)) {
    row.Dangling(c, need,
                 absl::StrCat(AbslView(c.name), " ", AbslView(key), " refers to ", AbslView(file),
                              " line ", r->line, ", which was rejected: ", r->reason),
                 file, r->line);
  } else {
    row.Dangling(c, need, unknown());
  }
}

}  // namespace

std::string_view RowReader::Field(const Col& c, Need need) {
  if (failed_) return {};
  const std::string_view t = Text(c);
  if (t.empty() && need == Need::kRequired) Reject(c.name, "required value is empty");
  return t;
}

uint64_t RowReader::Iin(const Col& c, Need need, graph::IinInfo* info) {
  const std::string_view t = Field(c, need);
  if (failed_ || t.empty()) return 0;
  graph::IinInfo checked = graph::CheckIin(t);
  if (!checked.ok()) {
    Reject(c.name, absl::StrCat("invalid IIN '", AbslView(t), "': ", checked.error));
    return 0;
  }
  if (info != nullptr) *info = std::move(checked);
  return graph::IdentityNumberValue(t);
}

PersonRef RowReader::Person(const Col& c, Need need) {
  PersonRef ref;
  const uint64_t iin = Iin(c, need);
  if (failed_ || Text(c).empty()) return ref;
  ref.set = true;
  ref.iin = iin;
  if (const auto p = ctx_.builder().FindPerson(iin)) {
    ref.index = *p;
    return ref;
  }
  DanglingRef(*this, ctx_, c, need, FeedId::kPersons, Text(c), [&] {
    return absl::StrCat("unknown person IIN ", AbslView(Text(c)), " (not in persons.csv)");
  });
  return {};
}

OrgRef RowReader::Org(const Col& c, Need need) {
  OrgRef ref;
  const std::string_view t = Field(c, need);
  if (failed_ || t.empty()) return ref;
  if (!graph::HasValidCheckDigit(t)) {
    Reject(c.name, absl::StrCat("invalid BIN '", AbslView(t),
                                "': not 12 digits or the check digit is wrong"));
    return ref;
  }
  ref.set = true;
  ref.bin = graph::IdentityNumberValue(t);
  if (const auto o = ctx_.builder().FindOrganization(ref.bin)) {
    ref.index = *o;
    return ref;
  }
  DanglingRef(*this, ctx_, c, need, FeedId::kOrganizations, t, [&] {
    return absl::StrCat("unknown organization BIN ", AbslView(t), " (not in organizations.csv)");
  });
  return {};
}

namespace {

// The common shape of a reference by source id into positions/commissions/tenders.
template <typename Id, typename Find>
Id IdReference(RowReader& row, LoadContext& ctx, const Col& c, Need need, FeedId target,
               std::string_view target_file, Find find) {
  const std::string_view t = row.Field(c, need);
  if (!row.ok() || t.empty()) return graph::kNone;
  if (!ctx.Present(target)) {
    row.Dangling(c, need,
                 absl::StrCat(AbslView(c.name), " ", AbslView(t), ": ", AbslView(target_file),
                              ctx.RejectedAsFile(target) ? " was rejected as a file" : " is absent",
                              ", so it cannot be linked"));
    return graph::kNone;
  }
  const std::optional<Id> found = find(t);
  if (!found) {
    DanglingRef(row, ctx, c, need, target, t, [&] {
      return absl::StrCat("unknown ", AbslView(c.name), " ", AbslView(t), " (not in ",
                          AbslView(target_file), ")");
    });
    return graph::kNone;
  }
  return *found;
}

}  // namespace

graph::PositionIndex RowReader::Position(const Col& c, Need need) {
  graph::Builder& b = ctx_.builder();
  return IdReference<graph::PositionIndex>(*this, ctx_, c, need, FeedId::kPositions,
                                           "positions.csv",
                                           [&](std::string_view id) { return b.FindPosition(id); });
}

graph::CommissionIndex RowReader::Commission(const Col& c, Need need) {
  graph::Builder& b = ctx_.builder();
  return IdReference<graph::CommissionIndex>(
      *this, ctx_, c, need, FeedId::kCommissions, "commissions.csv",
      [&](std::string_view id) { return b.FindCommission(id); });
}

graph::TenderIndex RowReader::Tender(const Col& c, Need need) {
  graph::Builder& b = ctx_.builder();
  return IdReference<graph::TenderIndex>(*this, ctx_, c, need, FeedId::kTenders, "tenders.csv",
                                         [&](std::string_view id) { return b.FindTender(id); });
}

graph::Date RowReader::DateField(const Col& c, Need need, graph::Date if_empty) {
  const std::string_view t = Field(c, need);
  if (failed_) return if_empty;
  if (t.empty()) return if_empty;
  const std::optional<graph::Date> d = graph::ParseIsoDate(t);
  if (!d) {
    Reject(c.name,
           absl::StrCat("malformed date '", AbslView(t), "' (expected YYYY-MM-DD, a real date)"));
    return if_empty;
  }
  return *d;
}

graph::Interval RowReader::Validity(const Col& from, const Col& to, Need from_need) {
  graph::Interval v;
  v.from = DateField(from, from_need, graph::kMinDate);
  v.to = DateField(to, Need::kOptional, graph::kMaxDate);
  if (!failed_ && v.to < v.from) {
    Reject(to.name, absl::StrCat(AbslView(to.name), " ", AbslView(Text(to)), " is before ",
                                 AbslView(from.name), " ", AbslView(Text(from))));
  }
  return v;
}

bool RowReader::Bool(const Col& c) {
  const std::string_view t = Field(c, Need::kOptional);
  if (failed_ || t.empty()) return false;
  const std::optional<bool> b = ParseBool(t);
  if (!b) {
    Reject(c.name,
           absl::StrCat(AbslView(c.name), " must be true or false, not '", AbslView(t), "'"));
    return false;
  }
  return *b;
}

double RowReader::Amount(const Col& c) {
  const std::string_view t = Field(c, Need::kOptional);
  if (failed_ || t.empty()) return graph::kUnknownAmount;
  const std::optional<double> v = ParseDecimal(t);
  if (!v) {
    Reject(c.name, absl::StrCat(AbslView(c.name),
                                " must be a decimal number >= 0 (digits, optional "
                                "'.' and fraction digits), not '",
                                AbslView(t), "'"));
    return graph::kUnknownAmount;
  }
  return *v;
}

double RowReader::SharePct(const Col& c) {
  const std::string_view t = Field(c, Need::kOptional);
  if (failed_ || t.empty()) return graph::kUnknownAmount;
  const std::optional<double> v = ParseDecimal(t);
  if (!v || *v > 100.0) {
    Reject(c.name, absl::StrCat(AbslView(c.name), " must be a decimal number in [0, 100], not '",
                                AbslView(t), "'"));
    return graph::kUnknownAmount;
  }
  return *v;
}

float RowReader::MatchScore(const Col& score, const Col& name) {
  const std::string_view t = Field(score, Need::kOptional);
  const std::string_view n = Field(name, Need::kOptional);
  if (failed_ || (t.empty() && n.empty())) return 0;
  if (t.empty() || n.empty()) {
    const Col& missing = t.empty() ? score : name;
    Reject(missing.name, absl::StrCat(AbslView(score.name), " and ", AbslView(name.name),
                                      " go together: one is empty"));
    return 0;
  }
  const std::optional<double> v = ParseDecimal(t);
  if (!v || *v <= 0.0 || *v > 1.0) {
    Reject(score.name,
           absl::StrCat(AbslView(score.name), " must be a decimal number in (0, 1], not '",
                        AbslView(t), "'"));
    return 0;
  }
  return static_cast<float>(*v);
}

int64_t RowReader::QueueNumber(const Col& c, Need need) {
  const std::string_view t = Field(c, need);
  if (failed_ || t.empty()) return 0;
  const std::optional<int64_t> v = ParsePositiveInteger(t);
  if (!v) {
    Reject(c.name,
           absl::StrCat(AbslView(c.name), " must be an integer >= 1, not '", AbslView(t), "'"));
    return 0;
  }
  return *v;
}

uint64_t RowReader::ContentFingerprint(bool swap_pair) const {
  Fingerprint fp(0x636f6e74656e74ULL);
  const std::vector<int>& fields = columns_.known_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    const int field = fields[swap_pair && i < 2 ? 1 - i : i];
    fp.Add(field < 0 ? std::string_view() : record_.fields[static_cast<size_t>(field)]);
  }
  return fp.value();
}

bool RowReader::Unique(DuplicateIndex& seen, uint64_t content, bool swap_pair) {
  if (failed_) return false;
  return UniqueBy(seen.Check(columns_.KeyFingerprint(record_.fields, swap_pair), content, line()));
}

bool RowReader::UniqueBy(const DuplicateIndex::Result& found) {
  if (failed_) return false;
  switch (found.verdict) {
    case DuplicateIndex::Verdict::kNew:
      return true;
    case DuplicateIndex::Verdict::kExactDuplicate:
      merged_ = true;
      return false;
    case DuplicateIndex::Verdict::kConflict:
      Reject("", absl::StrCat("duplicate key ", columns_.schema().key_names,
                              " with different content than line ", found.first_line));
      return false;
  }
  return false;
}

}  // namespace coigraph::loaders
