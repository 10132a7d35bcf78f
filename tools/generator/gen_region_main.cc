// gen_region: writes a seeded synthetic region (tools/generator/region_generator.h).
//
//   gen_region --out DIR --persons N --seed S

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "tools/flags/flags.h"
#include "tools/generator/goszakup_dump.h"
#include "tools/generator/region_generator.h"

ABSL_FLAG(std::string, out, "", "output directory (required)");
ABSL_FLAG(int64_t, persons, 10000, "rows of persons.csv; everything scales with it");
ABSL_FLAG(int64_t, seed, 1, "random seed; the same seed gives byte-identical files");
ABSL_FLAG(std::string, goszakup, "", "also write the region as goszakup's registries (JSON) here");
ABSL_FLAG(double, goszakup_iin_share, 0,
          "of the goszakup commission records, the share that keeps the member's IIN");

namespace {

constexpr char kUsage[] =
    "usage: gen_region --out DIR [--persons N] [--seed S] [--goszakup DIR]\n"
    "\n"
    "Writes a synthetic region in the feed formats of docs/feeds.md into DIR (created if\n"
    "missing): persons.csv, kinship.csv, organizations.csv, ..., residence.csv, plus\n"
    "  expected.jsonl  every planted conflict: rule, object_id, date, official, counterparty,\n"
    "                  relation (docs/rules.md)\n"
    "  traps.jsonl     near misses that must not be reported, with the reason\n"
    "  hints.jsonl     planted undeclared ties that must give a hint (`coigraph hints`), and\n"
    "                  declared look-alikes that must not\n"
    "\n"
    "  --out DIR      output directory (required)\n"
    "  --persons N    rows of persons.csv (default 10000); everything scales with it\n"
    "  --seed S       random seed (default 1); the same seed gives byte-identical files\n"
    "  --goszakup DIR also write the region as goszakup would publish it (tools/generator/\n"
    "                 goszakup_dump.h): DIR/goszakup/ the registries as JSON lines,\n"
    "                 DIR/registries/ the civil and legal-entity registries to merge,\n"
    "                 DIR/truth_members.csv who each member given by name is\n"
    "  --goszakup-iin-share P  the share of commission records that keep the member's IIN\n"
    "                 (default 0: every member by name only)\n"
    "  --help         this text\n";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "gen_region: %s\n%s", message.c_str(), kUsage);
  return 2;
}

int Generate(const coigraph::generator::RegionOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const auto summary = coigraph::generator::GenerateRegion(options);
  if (!summary.ok()) {
    std::fprintf(stderr, "gen_region: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "gen_region: %s: %lld persons, %lld kinship, %lld organizations, %lld employment, "
      "%lld seats, %lld company roles, %lld tenders, %lld bids, %lld allocations; "
      "%lld expected findings, %lld traps, %lld planted hints, %lld hint traps; %.2f s\n",
      options.out_dir.c_str(), static_cast<long long>(summary->persons),
      static_cast<long long>(summary->kinship), static_cast<long long>(summary->organizations),
      static_cast<long long>(summary->employment),
      static_cast<long long>(summary->commission_members),
      static_cast<long long>(summary->company_roles), static_cast<long long>(summary->tenders),
      static_cast<long long>(summary->bids), static_cast<long long>(summary->allocations),
      static_cast<long long>(summary->expected), static_cast<long long>(summary->traps),
      static_cast<long long>(summary->hints), static_cast<long long>(summary->hint_traps), seconds);
  if (absl::GetFlag(FLAGS_goszakup).empty()) return 0;
  const auto dump_start = std::chrono::steady_clock::now();
  const auto dump =
      coigraph::generator::WriteGoszakupDump({.region_dir = options.out_dir,
                                              .out_dir = absl::GetFlag(FLAGS_goszakup),
                                              .iin_share = absl::GetFlag(FLAGS_goszakup_iin_share),
                                              .seed = options.seed});
  if (!dump.ok()) {
    std::fprintf(stderr, "gen_region: %s\n", dump.status().ToString().c_str());
    return 1;
  }
  std::printf(
      "gen_region: %s: %lld goszakup records; commission members: %lld by name, %lld by "
      "IIN; %.2f s\n",
      absl::GetFlag(FLAGS_goszakup).c_str(), static_cast<long long>(dump->records),
      static_cast<long long>(dump->commission_by_name),
      static_cast<long long>(dump->commission_by_iin),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - dump_start).count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  coigraph::tools::ParseFlagsOrExit(
      argc, argv, {FLAGS_out, FLAGS_persons, FLAGS_seed, FLAGS_goszakup, FLAGS_goszakup_iin_share},
      {.program = "gen_region", .usage = kUsage});
  const coigraph::generator::RegionOptions options = {
      .out_dir = absl::GetFlag(FLAGS_out),
      .persons = absl::GetFlag(FLAGS_persons),
      .seed = static_cast<uint64_t>(absl::GetFlag(FLAGS_seed))};
  if (options.persons <= 0) {
    return UsageError("bad argument --persons " + std::to_string(options.persons));
  }
  if (absl::GetFlag(FLAGS_seed) < 0) {
    return UsageError("bad argument --seed " + std::to_string(absl::GetFlag(FLAGS_seed)));
  }
  if (options.out_dir.empty()) return UsageError("--out is required");
  return Generate(options);
}
