// gen_region: writes a seeded synthetic region (tools/generator/region_generator.h).
//
//   gen_region --out DIR --persons N --seed S

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "tools/generator/region_generator.h"

namespace {

constexpr char kUsage[] =
    "usage: gen_region --out DIR [--persons N] [--seed S]\n"
    "\n"
    "Writes a synthetic region in the feed formats of docs/feeds.md into DIR (created if\n"
    "missing): persons.csv, kinship.csv, organizations.csv, ..., residence.csv, plus\n"
    "  expected.jsonl  every planted conflict: rule, object_id, date, official, counterparty,\n"
    "                  relation (docs/rules.md)\n"
    "  traps.jsonl     near misses that must not be reported, with the reason\n"
    "\n"
    "  --out DIR      output directory (required)\n"
    "  --persons N    rows of persons.csv (default 10000); everything scales with it\n"
    "  --seed S       random seed (default 1); the same seed gives byte-identical files\n"
    "  --help         this text\n";

bool ParseInt(const char* text, long long& out) {
  char* end = nullptr;
  out = std::strtoll(text, &end, 10);
  return end != text && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
  coigraph::generator::RegionOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "gen_region: %s needs a value\n%s", arg.c_str(), kUsage);
      return 2;
    }
    const char* value = argv[++i];
    long long n = 0;
    if (arg == "--out") {
      options.out_dir = value;
    } else if (arg == "--persons" && ParseInt(value, n) && n > 0) {
      options.persons = n;
    } else if (arg == "--seed" && ParseInt(value, n) && n >= 0) {
      options.seed = static_cast<unsigned long long>(n);
    } else {
      std::fprintf(stderr, "gen_region: bad argument %s %s\n%s", arg.c_str(), value, kUsage);
      return 2;
    }
  }
  if (options.out_dir.empty()) {
    std::fprintf(stderr, "gen_region: --out is required\n%s", kUsage);
    return 2;
  }
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
      "%lld expected findings, %lld traps; %.2f s\n",
      options.out_dir.c_str(), static_cast<long long>(summary->persons),
      static_cast<long long>(summary->kinship), static_cast<long long>(summary->organizations),
      static_cast<long long>(summary->employment),
      static_cast<long long>(summary->commission_members),
      static_cast<long long>(summary->company_roles), static_cast<long long>(summary->tenders),
      static_cast<long long>(summary->bids), static_cast<long long>(summary->allocations),
      static_cast<long long>(summary->expected), static_cast<long long>(summary->traps), seconds);
  return 0;
}
