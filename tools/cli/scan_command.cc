// coigraph scan FEED_DIR: every finding of the rules of docs/rules.md in a feed directory.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "graph/rules.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/table.h"

ABSL_FLAG(std::string, rules, "", "only these rules, comma-separated; default: every rule");
ABSL_FLAG(std::string, format, "table", "table (readable) or jsonl (one JSON object a finding)");
ABSL_FLAG(std::string, out, "", "write the findings to this file; default: standard output");

namespace coigraph::tools {

namespace {

using base::Cat;

constexpr char kScanHelp[] =
    "usage: coigraph scan FEED_DIR [--rules R1,R2] [--format table|jsonl] [--out FILE]\n"
    "                     [--encoding E]\n"
    "\n"
    "Loads FEED_DIR (docs/feeds.md) and prints every finding of the rules of docs/rules.md.\n"
    "  --rules R1,R2    only these rules (e.g. HIRE_SUBORDINATION,TENDER_COMMISSION)\n"
    "  --format F       table (default, readable) or jsonl (one JSON object per finding)\n"
    "  --out FILE       write the findings to FILE instead of standard output\n"
    "Rejected rows are summarised on standard error (see `coigraph load`).\n"
    "  --encoding E      the feed's files are in encoding E (e.g. cp1251), not UTF-8:\n"
    "                    convert them while reading (iconv)\n";

std::string Labelled(const graph::Snapshot& s, graph::VertexId v, const std::string& number) {
  return v != graph::kNone ? Cat(s.VertexName(v), " (", number, ")") : number;
}

void PrintFindingsTable(const graph::Snapshot& s, const std::vector<graph::Finding>& findings,
                        std::ostream& out) {
  if (findings.empty()) {
    out << "No conflicts found.\n";
    return;
  }
  TextTable table(
      {"#", "RULE", "OBJECT", "DATE", "OFFICIAL", "COUNTERPARTY", "RELATION", "SEVERITY"}, 40);
  for (size_t i = 0; i < findings.size(); ++i) {
    const graph::Finding& f = findings[i];
    table.AddRow({std::to_string(i + 1), std::string(graph::Name(f.rule)), f.object_id,
                  graph::FormatIsoDate(f.date), Labelled(s, f.scope.official, f.official),
                  Labelled(s, f.scope.counterparty, f.counterparty), f.relation,
                  std::string(graph::Name(f.severity))});
  }
  table.Print(out);
  out << "\n";
  for (size_t i = 0; i < findings.size(); ++i) {
    const std::string indent(std::to_string(i + 1).size() + 3, ' ');
    out << "#" << i + 1 << "  " << ForTerminal(findings[i].explanation_ru) << "\n"
        << indent << ForTerminal(findings[i].explanation_kk) << "\n"
        << indent << ForTerminal(findings[i].explanation_en) << "\n";
  }
  out << "\n" << findings.size() << " findings\n";
}

}  // namespace

int RunScan(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl =
      ParseCommand(argc, argv, {FLAGS_rules, FLAGS_format, FLAGS_out, FLAGS_encoding});
  if (!cl.ok()) return Usage(kScanHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kScanHelp);
  if (cl->positional.size() != 1) return Usage(kScanHelp, "scan takes one FEED_DIR");
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format != "table" && format != "jsonl") {
    return Usage(kScanHelp, Cat("unknown --format '", format, "'"));
  }
  graph::RuleSet rules = graph::AllRules();
  if (cl->Given(FLAGS_rules)) {
    rules.reset();
    const std::string list = absl::GetFlag(FLAGS_rules);
    std::string_view rest = list;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view name = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
      const std::optional<graph::Rule> rule = graph::ParseRule(name);
      if (!rule) return Usage(kScanHelp, Cat("unknown rule '", name, "'"));
      rules.set(static_cast<size_t>(*rule));
    }
  }
  std::optional<loaders::LoadedFeed> feed = Load(cl->positional[0]);
  if (!feed) return kUnusableFeed;
  SummariseRejects(feed->report);
  const std::vector<graph::Finding> findings = graph::RunRules(*feed->snapshot, rules);

  std::ofstream file;
  if (cl->Given(FLAGS_out)) {
    const std::string path = absl::GetFlag(FLAGS_out);
    file.open(path, std::ios::binary);
    if (!file) {
      std::cerr << "coigraph: cannot write " << path << "\n";
      return 1;
    }
  }
  std::ostream& out = file.is_open() ? file : std::cout;
  if (format == "jsonl") {
    for (const graph::Finding& f : findings) out << graph::FindingToJson(f) << '\n';
  } else {
    PrintFindingsTable(*feed->snapshot, findings, out);
  }
  out.flush();
  return out ? 0 : 1;
}

}  // namespace coigraph::tools
