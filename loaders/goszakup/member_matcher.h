// Commission members given by name only, matched to the persons employed at the member's
// organization on the tender's date (docs/loaders.md, "Names without an IIN").
//
// The importer first tells the matcher which organizations have members to match (Want), then
// hands it every stint at those organizations (AddStint, from the employees registry and from a
// merged staffing feed) and every known spelling of those persons' names (AddName: the registry's
// `fio`, the civil registry's columns). Match then scores the member's name against everyone
// employed there on the date, a person by their best spelling, and accepts only a unique person
// at or above the threshold (names::MatchUniquePerson).
//
// Example:
//   MemberMatcher m({.threshold = 0.85});
//   m.Want(bin);
//   m.AddStint(bin, iin, {from, to});
//   m.AddName(iin, names::PersonName::FromFullName("Жақыпов Қабиболла Қабенұлы").value());
//   absl::StatusOr<MemberMatch> r = m.Match("ДЖАКУПОВ КАБИБУЛЛА КАБЕНОВИЧ", bin, date);
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "graph/date.h"
#include "loaders/names/name_match.h"
#include "loaders/names/person_name.h"

namespace coigraph::loaders::goszakup {

struct MemberMatch {
  std::optional<uint64_t> iin;                          // the one person matched
  double score = 0;                                     // theirs, or the best one's
  std::vector<std::pair<uint64_t, double>> considered;  // IIN and score, best first
  size_t employed = 0;                                  // persons employed there that day
};

class MemberMatcher {
 public:
  explicit MemberMatcher(names::MatchOptions options) : options_(options) {}

  void Want(uint64_t bin) { wanted_bins_.insert(bin); }
  bool Wants(uint64_t bin) const { return wanted_bins_.contains(bin); }
  size_t wanted_bins() const { return wanted_bins_.size(); }

  // A stint of `iin` at `bin` (ignored unless Wants(bin)); names are asked for by NeedsName.
  void AddStint(uint64_t bin, uint64_t iin, graph::Interval valid);
  // Whether `iin` holds a stint at a wanted organization, so its names are worth keeping.
  bool NeedsName(uint64_t iin) const { return names_.contains(iin); }
  // One spelling of a candidate's name; ignored unless NeedsName(iin).
  void AddName(uint64_t iin, names::PersonName name);

  // The member `fio` of an organization `bin`'s commission on `date`. Errors: Internal when the
  // name cannot be folded (ICU data missing).
  absl::StatusOr<MemberMatch> Match(std::string_view fio, uint64_t bin, graph::Date date);

 private:
  struct Stint {
    uint64_t iin;
    graph::Interval valid;
  };
  names::MatchOptions options_;
  absl::flat_hash_set<uint64_t> wanted_bins_;
  absl::flat_hash_map<uint64_t, std::vector<Stint>> stints_;  // by BIN
  // By IIN; most persons have one spelling, held without an allocation of its own.
  absl::flat_hash_map<uint64_t, absl::InlinedVector<names::PersonName, 1>> names_;
  absl::flat_hash_map<std::string, names::PersonName> queries_;  // parsed member names
  // Match's scratch, kept to reuse its storage.
  std::vector<uint64_t> employed_;
  std::vector<const names::PersonName*> spellings_;
  std::vector<size_t> owner_;
};

}  // namespace coigraph::loaders::goszakup
