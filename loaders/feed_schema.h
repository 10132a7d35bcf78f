// The feed files and their columns (docs/feeds.md, "Files"), and the mapping of a file's header
// onto them.
//
// Example:
//   const FeedSchema& s = Schema(FeedId::kPersons);
//   absl::StatusOr<ColumnMap> m = ColumnMap::FromHeader(s, header_fields);
//   Col iin = m->Get("iin");          // where `iin` is in each record
//   m->unknown_columns();             // for the one warning per file
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace coigraph::loaders {

// The feed files, in the order of docs/feeds.md, "Files" (the order of LoadReport::files).
enum class FeedId : int {
  kPersons,
  kKinship,
  kOrganizations,
  kPositions,
  kEmployment,
  kCommissions,
  kCommissionMembers,
  kCompanyRoles,
  kTenders,
  kBids,
  kContracts,
  kAllocations,
  kDisciplinary,
  kBonuses,
  kWaitingList,
  kBlacklist,
  kResidence,
};
inline constexpr int kFeedCount = 17;

// The order in which files are loaded, so that every reference points into a file loaded
// before it.
inline constexpr std::array<FeedId, kFeedCount> kLoadOrder = {
    FeedId::kPersons,      FeedId::kOrganizations, FeedId::kCommissions,
    FeedId::kPositions,    FeedId::kEmployment,    FeedId::kCommissionMembers,
    FeedId::kKinship,      FeedId::kCompanyRoles,  FeedId::kTenders,
    FeedId::kBids,         FeedId::kContracts,     FeedId::kAllocations,
    FeedId::kDisciplinary, FeedId::kBonuses,       FeedId::kWaitingList,
    FeedId::kBlacklist,    FeedId::kResidence,
};

struct FeedSchema {
  FeedId id;
  std::string_view file;  // "persons.csv"
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  // Columns of which at least one must be present (company_roles: holder_iin / holder_bin).
  std::vector<std::string_view> one_of;
  // The key (docs/feeds.md, "Keys and duplicates"): the columns that say which fact a row is.
  // "a / b" is a pair of columns of which a row fills one (company_roles' holder); both are in the
  // key, so that a holder IIN and a holder BIN with the same digits differ.
  std::vector<std::string_view> key;

  // Derived from `file` and `key` by Schema(): "(a, b / c)" for reject reasons, and the seed of
  // the file's key fingerprints.
  std::string key_names;
  uint64_t key_seed = 0;

  // All known columns: required, then one_of, then optional.
  std::vector<std::string_view> Known() const;
};

const FeedSchema& Schema(FeedId id);

// Where a known column is in the records of one file; field == -1 when the file lacks it.
struct Col {
  int field = -1;
  std::string_view name;
};

class ColumnMap {
 public:
  // Maps a header onto the schema.
  // Errors: InvalidArgument "<file>: missing required column '<c>'", or a column named twice;
  // `*fault_column` (when given) then receives the column at fault.
  static absl::StatusOr<ColumnMap> FromHeader(const FeedSchema& schema,
                                              const std::vector<std::string_view>& header,
                                              std::string* fault_column = nullptr);

  // REQUIRES: `name` is a known column of the schema.
  Col Get(std::string_view name) const;
  // Fields of the known columns, in FeedSchema::Known() order (-1: absent).
  const std::vector<int>& known_fields() const { return known_fields_; }
  const std::vector<std::string_view>& known_columns() const { return known_; }
  const FeedSchema& schema() const { return *schema_; }
  // The fingerprint of a record's key: the text of its key columns (absent ones count as empty),
  // seeded by FeedSchema::key_seed. `swap_pair` exchanges the first two key columns (kinship's
  // unordered spouse and sibling pairs). The same for the loader's check and for a prefetch.
  uint64_t KeyFingerprint(std::span<const std::string_view> fields, bool swap_pair = false) const;
  const std::vector<std::string>& unknown_columns() const { return unknown_; }
  size_t header_size() const { return header_size_; }

 private:
  const FeedSchema* schema_ = nullptr;
  std::vector<std::string_view> known_;
  std::vector<int> known_fields_;
  std::vector<int> key_fields_;  // the fields of FeedSchema::key, "a / b" as two (-1: absent)
  std::vector<std::string> unknown_;
  size_t header_size_ = 0;
};

}  // namespace coigraph::loaders
