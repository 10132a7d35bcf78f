// persons.csv, kinship.csv, residence.csv.
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "graph/identity_number.h"
#include "loaders/feed_handlers.h"
#include "loaders/feed_rows.h"

namespace coigraph::loaders {

using base::AbslView;

namespace {

// Whether a kinship row is read with person_iin and relative_iin exchanged: spouse and sibling
// are unordered pairs, so (B, A) is read as (A, B), for the key and the content alike
// (docs/feeds.md, "Keys and duplicates"). IINs of 12 digits compare as text as they do as numbers.
bool SwapsPair(std::string_view person, std::string_view relative, std::string_view relation) {
  return (relation == "spouse" || relation == "sibling") && person > relative;
}

std::string_view SexWord(graph::Sex s) {
  return s == graph::Sex::kMale ? "male" : s == graph::Sex::kFemale ? "female" : "unknown";
}

}  // namespace

absl::Status LoadPersons(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col iin = m.Get("iin"), last_name = m.Get("last_name"), first_name = m.Get("first_name"),
            birth_date = m.Get("birth_date"), sex = m.Get("sex"), patronymic = m.Get("patronymic"),
            death_date = m.Get("death_date");
  graph::Builder& b = ctx.builder();
  // A builder that holds no persons yet (the usual case) indexes the rows' keys itself.
  const size_t first_person = b.person_count();
  struct SeenRow {
    uint64_t content;
    int64_t line;
  };
  std::vector<SeenRow> seen_rows;
  DuplicateIndex seen;
  if (first_person == 0) {
    seen_rows.reserve(file.estimated_rows);
  } else {
    seen.Reserve(file.estimated_rows);
  }
  b.ReservePersons(first_person + file.estimated_rows);
  auto handle = [&](RowReader& row) {
    graph::IinInfo info;
    const uint64_t iin_value = row.Iin(iin, Need::kRequired, &info);
    const std::string_view last = row.Field(last_name, Need::kRequired);
    const std::string_view first = row.Field(first_name, Need::kRequired);
    const graph::Date birth = row.DateField(birth_date, Need::kRequired, 0);
    const std::string_view sex_text = row.Field(sex, Need::kRequired);
    graph::Sex sex_value = graph::Sex::kUnknown;
    if (row.ok()) {
      const std::optional<graph::Sex> s = ParseSex(sex_text);
      if (s) {
        sex_value = *s;
      } else {
        row.Reject(sex.name, absl::StrCat("sex must be M or F, not '", AbslView(sex_text), "'"));
      }
    }
    const graph::Date death = row.DateField(death_date, Need::kOptional, graph::kMaxDate);
    if (row.ok() && info.birth_date != birth) {
      row.Reject(iin.name, absl::StrCat("IIN date part (with its century digit) is ",
                                        graph::FormatIsoDate(info.birth_date),
                                        ", which disagrees with "
                                        "birth_date ",
                                        AbslView(row.Text(birth_date))));
    }
    if (row.ok() && info.sex != sex_value) {
      row.Reject(iin.name,
                 absl::StrCat("IIN century/sex digit ", AbslView(row.Text(iin).substr(6, 1)),
                              " means ", AbslView(SexWord(info.sex)), ", which disagrees with sex ",
                              AbslView(sex_text)));
    }
    if (!row.ok()) return;
    const uint64_t content = row.ContentFingerprint();
    const graph::Person person{.iin = iin_value,
                               .last_name = graph::kEmptyStr,
                               .first_name = graph::kEmptyStr,
                               .patronymic = graph::kEmptyStr,
                               .birth_date = birth,
                               .death_date = death,
                               .sex = sex_value};
    graph::PersonIndex index = graph::kNone;
    if (first_person == 0) {
      // The builder's IIN index is the key index: one probe finds the row that holds the key
      // or makes the person, and seen_rows[index] says what that row was.
      const auto [found, is_new] = b.FindOrAddPerson(iin_value);
      DuplicateIndex::Result r;
      if (is_new) {
        seen_rows.push_back(SeenRow{content, row.line()});
      } else {
        const SeenRow& holder = seen_rows[found.value()];
        r = {holder.content == content ? DuplicateIndex::Verdict::kExactDuplicate
                                       : DuplicateIndex::Verdict::kConflict,
             holder.line};
      }
      if (!row.UniqueBy(r)) return;
      index = found;
    } else {
      if (!row.Unique(seen, content)) return;
      index = b.AddPerson(person);
    }
    graph::Person& p = b.mutable_person(index);
    p = person;
    p.last_name = b.Intern(last);
    p.first_name = b.Intern(first);
    p.patronymic = b.Intern(row.Text(patronymic));
  };
  auto prefetch = [&](const CsvRecord& r) { b.PrefetchPerson(NumberForPrefetch(r, iin)); };
  return ForEachRow(file, ctx, handle, prefetch);
}

absl::Status LoadKinship(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col person_iin = m.Get("person_iin"), relative_iin = m.Get("relative_iin"),
            relation = m.Get("relation"), valid_from = m.Get("valid_from"),
            valid_to = m.Get("valid_to");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  b.ReserveKinship(b.data().kinship.size() + file.estimated_rows);
  auto handle = [&](RowReader& row) {
    const PersonRef person = row.Person(person_iin, Need::kRequired);
    const PersonRef relative = row.Person(relative_iin, Need::kRequired);
    if (row.ok() && person.iin == relative.iin) {
      row.Reject(relative_iin.name, "relative_iin is the same person as person_iin");
    }
    const graph::KinRelation rel =
        row.Enum(relation, graph::ParseKinRelation, "parent, adoptive_parent, spouse, sibling",
                 graph::KinRelation::kParent);
    const graph::Interval valid = row.Validity(valid_from, valid_to);
    if (!row.ok()) return;
    const bool swap = SwapsPair(row.Text(person_iin), row.Text(relative_iin), row.Text(relation));
    if (!row.Unique(seen, row.ContentFingerprint(swap), swap)) return;
    b.AddKinship(graph::KinshipFact{.person = ctx.Resolve(person),
                                    .relative = ctx.Resolve(relative),
                                    .relation = rel,
                                    .valid = valid});
  };
  auto prefetch = [&](const CsvRecord& r) {
    const uint64_t a = NumberForPrefetch(r, person_iin);
    const uint64_t c = NumberForPrefetch(r, relative_iin);
    b.PrefetchPerson(a);
    b.PrefetchPerson(c);
    seen.Prefetch(m.KeyFingerprint(
        r.fields, SwapsPair(TextForPrefetch(r, person_iin), TextForPrefetch(r, relative_iin),
                            TextForPrefetch(r, relation))));
  };
  return ForEachRow(file, ctx, handle, prefetch);
}

absl::Status LoadResidence(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col person_iin = m.Get("person_iin"), address_id = m.Get("address_id"),
            valid_from = m.Get("valid_from"), valid_to = m.Get("valid_to");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  b.ReserveResidences(b.data().residences.size() + file.estimated_rows);
  auto handle = [&](RowReader& row) {
    const PersonRef person = row.Person(person_iin, Need::kRequired);
    const std::string_view address = row.Field(address_id, Need::kRequired);
    const graph::Interval valid = row.Validity(valid_from, valid_to);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddResidence(graph::Residence{
        .person = ctx.Resolve(person), .address = b.Intern(address), .valid = valid});
  };
  auto prefetch = [&](const CsvRecord& r) {
    const uint64_t iin = NumberForPrefetch(r, person_iin);
    b.PrefetchPerson(iin);
    seen.Prefetch(m.KeyFingerprint(r.fields));
  };
  return ForEachRow(file, ctx, handle, prefetch);
}

}  // namespace coigraph::loaders
