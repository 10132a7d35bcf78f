// `coigraph import goszakup IN_DIR OUT_FEED_DIR`: the JSON that goszakup's v3 REST registries
// return, turned into a feed directory of docs/feeds.md (docs/loaders.md, "goszakup").
//
// IN_DIR holds, for each registry, a file `NAME.json` / `NAME.jsonl` or a folder `NAME/` of such
// files (read in name order): subject, employees, trd-buy, commission, lots, trd-app, contract,
// rnu; any may be absent. `refs/` holds the operator's code tables (code_maps.h). The registries
// are read as streams, one record at a time, in a fixed order; what is kept in memory is the
// identifiers later records refer to (BINs, IINs, announcement and lot ids) and the staff of
// the organizations whose commission members are matched by name.
//
// What comes out: organizations, persons, positions and employment (employees registry),
// commissions and commission_members (one tender commission per announcement, its members
// matched by name to the staff of their organization on the announcement's date:
// member_matcher.h), tenders (a lot is a tender), bids with outcomes and who filed them,
// contracts, blacklist and company_roles (RNU). A feed directory given as `merge` is merged in:
// its rows come first and win over an imported row with the same key. Every record that could
// not be mapped is reported (file, record id, field, reason); so is every member left
// unresolved, with the candidates considered. Output is deterministic: the same input gives the
// same bytes.
//
// Example:
//   ImportOptions o{.in_dir = "gz", .out_dir = "feed", .merge_dir = "civil"};
//   absl::StatusOr<ImportReport> r = ImportGoszakup(o);
//   r->problems, r->unresolved, r->rows_written
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loaders/goszakup/import_problem.h"

namespace coigraph::loaders::goszakup {

struct ImportOptions {
  std::string in_dir;
  std::string out_dir;      // created if absent; feed files in it are replaced
  std::string merge_dir;    // a feed directory merged in; "" for none
  double threshold = 0.85;  // a name match scores at least this (names::MatchOptions)
};

// A commission member whose name matched no one, or more than one person.
struct UnresolvedMember {
  std::string trd_buy_id;
  std::string fio;
  std::string bin;                                         // the member's organization
  std::string date;                                        // the announcement's date, YYYY-MM-DD
  size_t employed = 0;                                     // persons employed at `bin` that day
  std::vector<std::pair<std::string, double>> considered;  // IIN and score, best first
};

struct ImportReport {
  std::map<std::string, int64_t> records_read;  // by registry ("lots")
  std::map<std::string, int64_t> rows_written;  // by feed file ("tenders.csv")
  int64_t rows_merged = 0;                      // rows taken from the merged feed
  int64_t members_matched = 0;                  // members given by name and matched
  int64_t members_by_iin = 0;                   // members given with an IIN
  double match_seconds = 0;                     // spent matching members' names
  double seconds = 0;                           // the whole import, its teardown too
  std::vector<ImportProblem> problems;          // in input order
  std::vector<UnresolvedMember> unresolved;     // in input order
};

// Errors: NotFound when IN_DIR does not exist; Internal when a file cannot be read or written.
// Bad records are not errors: they are in ImportReport::problems.
absl::StatusOr<ImportReport> ImportGoszakup(const ImportOptions& options);

// Writes `report`'s problems and unresolved members as CSV (import_problems.csv,
// unresolved_members.csv) into `dir`.
absl::Status WriteImportReport(const ImportReport& report, const std::string& dir);

}  // namespace coigraph::loaders::goszakup
