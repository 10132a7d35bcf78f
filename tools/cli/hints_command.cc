// coigraph hints FEED_DIR: the undeclared-tie hints of every tender (loaders/names/tie_hints.h),
// leads for an analyst, apart from the findings of `coigraph scan`.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "loaders/names/tie_hints.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/table.h"

ABSL_DECLARE_FLAG(std::string, format);  // scan_command.cc

namespace coigraph::tools {

namespace {

using base::Cat;

constexpr char kHintsHelp[] =
    "usage: coigraph hints FEED_DIR [--format table|jsonl] [--encoding E]\n"
    "\n"
    "Loads FEED_DIR (docs/feeds.md) and prints the undeclared-tie hints of every tender: a\n"
    "commission member and a bidder's founder, owner, director or bid filer whose surname stem\n"
    "and patronymic root meet, or who are registered at the same address, on the tender's\n"
    "date, without a kinship the feeds give (docs/rules.md, \"Undeclared-tie hints\"). Hints\n"
    "are leads, not findings: they are no conflict and make no case.\n"
    "  --format F       table (default, readable) or jsonl (one JSON object per hint)\n"
    "  --encoding E      the feed's files are in encoding E (e.g. cp1251), not UTF-8:\n"
    "                    convert them while reading (iconv)\n";

std::string WhatMatched(const loaders::names::TieHint& h) {
  std::string out;
  if (!h.surname_stem.empty()) {
    out = Cat("surname stem ", h.surname_stem, ", patronymic root ", h.patronymic_root);
  }
  if (!h.address.empty()) out += Cat(out.empty() ? "" : "; ", "address ", h.address);
  return out;
}

void PrintHintsTable(const graph::Snapshot& s, const std::vector<loaders::names::TieHint>& hints,
                     std::ostream& out) {
  if (hints.empty()) {
    out << "No undeclared-tie hints.\n";
    return;
  }
  const graph::SnapshotData& data = s.data();
  TextTable table({"#", "TENDER", "DATE", "MEMBER", "BIDDER", "PARTY", "PERSON", "MATCHED"}, 60);
  for (size_t i = 0; i < hints.size(); ++i) {
    const loaders::names::TieHint& h = hints[i];
    const graph::Tender& t = data.tenders[h.tender];
    const std::string person =
        h.person != graph::kNone ? Cat(s.PersonFullName(h.person), " (",
                                       graph::FormatIdentityNumber(data.persons[h.person].iin), ")")
                                 : Cat(h.filer_name, " (no IIN)");
    table.AddRow({std::to_string(i + 1), std::string(s.Str(t.id)),
                  graph::FormatIsoDate(t.announced),
                  Cat(s.PersonFullName(h.member), " (",
                      graph::FormatIdentityNumber(data.persons[h.member].iin), ")"),
                  Cat(s.Str(data.organizations[h.bidder].name), " (",
                      graph::FormatIdentityNumber(data.organizations[h.bidder].bin), ")"),
                  std::string(loaders::names::Name(h.party)), person, WhatMatched(h)});
  }
  table.Print(out);
  out << "\n" << hints.size() << " hints (leads to check, not findings)\n";
}

}  // namespace

int RunHints(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl = ParseCommand(argc, argv, {FLAGS_format, FLAGS_encoding});
  if (!cl.ok()) return Usage(kHintsHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kHintsHelp);
  if (cl->positional.size() != 1) return Usage(kHintsHelp, "hints takes one FEED_DIR");
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format != "table" && format != "jsonl") {
    return Usage(kHintsHelp, Cat("unknown --format '", format, "'"));
  }
  std::optional<loaders::LoadedFeed> feed = Load(cl->positional[0]);
  if (!feed) return kUnusableFeed;
  SummariseRejects(feed->report);
  const std::vector<loaders::names::TieHint> hints = loaders::names::AllTieHints(*feed->snapshot);
  if (format == "jsonl") {
    for (const loaders::names::TieHint& h : hints) {
      std::cout << loaders::names::TieHintToJson(*feed->snapshot, h) << '\n';
    }
  } else {
    PrintHintsTable(*feed->snapshot, hints, std::cout);
  }
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace coigraph::tools
