// A seeded synthetic region: every feed file of docs/feeds.md for a Kazakhstan-like region, with
// known conflicts of interest planted in it.
//
// The background (state bodies and their staff, commissions, companies, tenders, land and
// housing waiting lists, ...) holds no conflict of any rule of docs/rules.md. Into it, every
// rule gets several true conflicts over varied ties (self, spouse, parents, children, stated,
// derived and half siblings, grandparents, in-laws, business ties through ownership chains up
// to five links, individual entrepreneurs), and traps that must not fire (a divorce, an ended
// seat or share, cousins and uncles, a six-link chain, a holding's director, posts held at
// different times, a passed-over place removed or already served). Two manifests list them:
//   expected.jsonl  {"rule","object_id","date","official","counterparty","relation"}
//   traps.jsonl     {"rule","object_id","official","counterparty","why"}
// so that the findings of the engine on the region must equal expected.jsonl exactly. A third
// lists the planted undeclared ties (a commission member and a bidder's founder, director or
// bid filer who are siblings without kinship rows, in Kazakh and Russian spellings, or who
// share an address) and their declared look-alikes, for the undeclared-tie hints
// (loaders/names/tie_hints.h):
//   hints.jsonl     {"tender_id","member","bidder","party","person","kind":"hint"|"trap","why"}
//
// The output is a pure function of (persons, seed): the same seed gives byte-identical files.
// Rows are streamed to disk; memory stays small at tens of millions of persons.
//
// Example:
//   absl::StatusOr<RegionSummary> s = GenerateRegion({.out_dir = "/tmp/r", .persons = 10000,
//                                                     .seed = 1});
//   std::vector<PlantedFinding> expected = *ReadPlantedFindings("/tmp/r/expected.jsonl");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace coigraph::generator {

struct RegionOptions {
  std::string out_dir;      // created if missing
  int64_t persons = 10000;  // rows of persons.csv (more only if the planted part needs them)
  uint64_t seed = 1;
};

struct RegionSummary {
  int64_t persons = 0;
  int64_t kinship = 0;
  int64_t organizations = 0;
  int64_t employment = 0;
  int64_t commission_members = 0;
  int64_t company_roles = 0;
  int64_t tenders = 0;
  int64_t bids = 0;
  int64_t allocations = 0;
  int64_t expected = 0;    // lines of expected.jsonl
  int64_t traps = 0;       // lines of traps.jsonl
  int64_t hints = 0;       // lines of hints.jsonl of kind "hint"
  int64_t hint_traps = 0;  // of kind "trap"
};

// Writes the region into options.out_dir.
// Errors: InvalidArgument for persons < 1; Internal when a file cannot be written.
absl::StatusOr<RegionSummary> GenerateRegion(const RegionOptions& options);

// One line of expected.jsonl: a planted conflict, as the engine must report it.
struct PlantedFinding {
  std::string rule;  // "HIRE_SUBORDINATION", ...
  std::string object_id;
  std::string date;  // ISO
  std::string official;
  std::string counterparty;
  std::string relation;
};
// One line of traps.jsonl: a key that must not be among the findings.
struct PlantedTrap {
  std::string rule;
  std::string object_id;
  std::string official;
  std::string counterparty;
  std::string why;
};

// One line of hints.jsonl: a hint the engine must give (trap false) or must not (trap true).
struct PlantedHint {
  std::string tender_id;
  std::string member;  // IIN
  std::string bidder;  // BIN
  std::string party;   // "founder", "director", "bid_filer", ... (tie_hints.h)
  std::string person;  // IIN, or the bid filer's name
  bool trap = false;
  std::string why;
};

// Read the manifests back. Errors: NotFound for a missing file, InvalidArgument (with the line
// number) for a line that is not such an object.
absl::StatusOr<std::vector<PlantedFinding>> ReadPlantedFindings(const std::string& path);
absl::StatusOr<std::vector<PlantedTrap>> ReadPlantedTraps(const std::string& path);
absl::StatusOr<std::vector<PlantedHint>> ReadPlantedHints(const std::string& path);

}  // namespace coigraph::generator
