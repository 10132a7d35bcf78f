// coigraph load FEED_DIR: the rows loaded, merged and rejected per file of a feed directory.
#include <fstream>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/table.h"

ABSL_FLAG(std::string, rejects, "", "write the rejects to this file as JSON lines");

namespace coigraph::tools {

namespace {

constexpr char kLoadHelp[] =
    "usage: coigraph load FEED_DIR [--rejects FILE] [--encoding E]\n"
    "\n"
    "Loads FEED_DIR and prints per file the rows loaded, merged (exact duplicates) and\n"
    "rejected. Rejects are JSON lines {file,line,column,reason,raw}: to FILE with --rejects,\n"
    "else after the table. The feed files found, missing and unknown are listed on standard\n"
    "error. Exit 0 when the feed loaded (with or without rejects), 2 when it is unusable (no\n"
    "such directory, no persons.csv or organizations.csv, or one of them is damaged).\n"
    "  --encoding E      the feed's files are in encoding E (e.g. cp1251), not UTF-8:\n"
    "                    convert them while reading (iconv)\n";

}  // namespace

int RunLoad(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl = ParseCommand(argc, argv, {FLAGS_rejects, FLAGS_encoding});
  if (!cl.ok()) return Usage(kLoadHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kLoadHelp);
  if (cl->positional.size() != 1) return Usage(kLoadHelp, "load takes one FEED_DIR");
  std::optional<loaders::LoadedFeed> feed = Load(cl->positional[0]);
  if (!feed) return kUnusableFeed;
  const loaders::LoadReport& report = feed->report;
  TextTable table({"FILE", "LOADED", "MERGED", "REJECTED"});
  int64_t loaded = 0, merged = 0, rejected = 0;
  for (const loaders::FileReport& f : report.files) {
    if (!f.present) continue;
    // A file rejected as a whole (empty, damaged header) has one reject record that says why.
    table.AddRow({f.file, std::to_string(f.loaded), std::to_string(f.merged),
                  f.file_error.empty() ? std::to_string(f.rejected) : "whole file"});
    loaded += f.loaded;
    merged += f.merged;
    rejected += f.rejected;
  }
  table.AddRow({"total", std::to_string(loaded), std::to_string(merged), std::to_string(rejected)});
  table.Print(std::cout);
  for (const loaders::FileReport& f : report.files) {
    for (const std::string& w : f.warnings) std::cerr << "warning: " << f.file << ": " << w << "\n";
  }
  for (const loaders::RejectRecord& d : report.dropped) {
    std::cerr << "warning: " << d.file << ":" << d.line << ": " << d.column << ": " << d.reason
              << "\n";
  }
  if (!report.rejects.empty()) {
    std::cout << report.rejects.size() << " rejects: " << report.RootCauses() << " root causes, "
              << report.Consequences() << " consequences of a rejected row\n";
  }
  if (cl->Given(FLAGS_rejects)) {
    const std::string path = absl::GetFlag(FLAGS_rejects);
    std::ofstream out(path, std::ios::binary);
    for (const loaders::RejectRecord& r : report.rejects) out << loaders::RejectToJson(r) << '\n';
    if (!out) {
      std::cerr << "coigraph: cannot write " << path << "\n";
      return 1;
    }
    std::cout << report.rejects.size() << " rejects written to " << path << "\n";
  } else {
    for (const loaders::RejectRecord& r : report.rejects) {
      std::cout << loaders::RejectToJson(r) << '\n';
    }
  }
  return 0;
}

}  // namespace coigraph::tools
