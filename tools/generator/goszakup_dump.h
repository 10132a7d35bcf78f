// A generated region (region_generator.h) as goszakup would publish it, for the importer's
// tests, benchmarks and match measure (docs/loaders.md, "goszakup"; bench/goszakup_bench.sh).
//
// Reads the region's feed files from REGION_DIR and writes into OUT_DIR:
//   goszakup/   the registries as JSON lines: subject, employees (one file; each record with
//               the `bin` its endpoint would be called with), trd-buy (one announcement per
//               tender), commission (the tender commission's seats on the announcement's date),
//               lots (one per tender), trd-app, contract, rnu (blacklist entries with the
//               supplier's founders and heads), and refs/ with the code tables;
//   registries/ what other registries give, to merge: the civil registry (persons.csv,
//               kinship.csv, residence.csv) and the legal-entity registry's founders and heads
//               (company_roles.csv);
//   truth_members.csv  each commission record given by name only: trd_buy_id, fio, the IIN
//               it stands for, the spelling used.
// Names are written as the systems write them: the commission list spells a member in one of
// three ways (upper-case Kazakh civil form; Russian form, Kazakh letters replaced and the
// patronymic turned Russian; surname and initials), the employees registry in Russian form.
// A share of the commission records keeps the member's IIN (`iin_share`); the rest are by name.
//
// Example:
//   absl::StatusOr<GoszakupDumpSummary> s = WriteGoszakupDump({.region_dir = "r", .out_dir = "g"});
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace coigraph::generator {

struct GoszakupDumpOptions {
  std::string region_dir;
  std::string out_dir;
  double iin_share = 0;  // of the commission records, the share that keeps the member's IIN
  uint64_t seed = 1;
};

struct GoszakupDumpSummary {
  int64_t records = 0;  // JSON records written, every registry
  int64_t commission_by_name = 0;
  int64_t commission_by_iin = 0;
};

// Errors: NotFound when a feed file of the region is missing; Internal on a write error.
absl::StatusOr<GoszakupDumpSummary> WriteGoszakupDump(const GoszakupDumpOptions& options);

// The spellings of a name the dump uses (exposed for tests).
std::string UpperCyrillic(std::string_view text);
// Kazakh letters replaced by their Russian look-alikes, and a Kazakh patronymic (-ұлы, -қызы)
// turned into a Russian one (-ович, -овна): "Нұрланұлы" -> "Нурланович".
std::string RussianForm(std::string_view word, bool patronymic);

}  // namespace coigraph::generator
