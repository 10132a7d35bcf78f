// coigraph import goszakup IN_DIR OUT_FEED_DIR: goszakup's registries as a feed directory.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "loaders/goszakup/import_goszakup.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/table.h"

ABSL_FLAG(std::string, merge, "", "a feed directory to merge in (civil registry, staffing)");
ABSL_FLAG(double, threshold, 0.85, "a name match scores at least this");
ABSL_FLAG(std::string, report, "", "where the import report goes (default OUT_FEED_DIR/.import)");

namespace coigraph::tools {

namespace {

constexpr char kImportHelp[] =
    "usage: coigraph import goszakup IN_DIR OUT_FEED_DIR [--merge FEED_DIR] [--threshold T]\n"
    "                                [--report DIR]\n"
    "\n"
    "Turns the JSON of goszakup's v3 registries in IN_DIR (subject, employees, trd-buy,\n"
    "commission, lots, trd-app, contract, rnu: NAME.json, NAME.jsonl or a folder NAME/; the\n"
    "code tables in IN_DIR/refs/) into a feed directory OUT_FEED_DIR (docs/loaders.md,\n"
    "\"goszakup\"). Commission members given by name are matched to the staff of their\n"
    "organization on the announcement's date; a finding that rests on such a match says so.\n"
    "Prints the records read, the rows written and how many members were matched; every\n"
    "record not imported is in DIR/import_problems.csv, every member left unmatched in\n"
    "DIR/unresolved_members.csv. Exit 0 when the import ran (with or without problems), 2 on\n"
    "a usage error or a missing IN_DIR, 1 when a file could not be read or written.\n"
    "  --merge FEED_DIR  a feed directory (civil registry kinship, staffing tables, ...) whose\n"
    "                    rows come first and win over imported rows with the same key\n"
    "  --threshold T     the score a name match needs, in (0, 1] (default 0.85)\n";

}  // namespace

int RunImport(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl =
      ParseCommand(argc, argv, {FLAGS_merge, FLAGS_threshold, FLAGS_report});
  if (!cl.ok()) return Usage(kImportHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kImportHelp);
  if (cl->positional.size() != 3 || cl->positional[0] != "goszakup") {
    return Usage(kImportHelp, "import takes: goszakup IN_DIR OUT_FEED_DIR");
  }
  const double threshold = absl::GetFlag(FLAGS_threshold);
  if (!(threshold > 0 && threshold <= 1)) return Usage(kImportHelp, "--threshold is in (0, 1]");
  loaders::goszakup::ImportOptions options{.in_dir = cl->positional[1],
                                           .out_dir = cl->positional[2],
                                           .merge_dir = absl::GetFlag(FLAGS_merge),
                                           .threshold = threshold};
  absl::StatusOr<loaders::goszakup::ImportReport> report =
      loaders::goszakup::ImportGoszakup(options);
  if (!report.ok()) {
    std::cerr << "coigraph: " << report.status().message() << "\n";
    return absl::IsNotFound(report.status()) ? kUsageError : 1;
  }
  std::string report_dir = absl::GetFlag(FLAGS_report);
  if (report_dir.empty()) report_dir = options.out_dir + "/.import";
  std::error_code ec;
  std::filesystem::create_directories(report_dir, ec);
  if (absl::Status s = loaders::goszakup::WriteImportReport(*report, report_dir); !s.ok()) {
    std::cerr << "coigraph: " << s.message() << "\n";
    return 1;
  }
  TextTable read({"REGISTRY", "RECORDS"});
  int64_t total = 0;
  for (const auto& [registry, n] : report->records_read) {
    read.AddRow({registry, std::to_string(n)});
    total += n;
  }
  read.Print(std::cout);
  std::cout << "\n";
  TextTable written({"FEED FILE", "ROWS"});
  for (const auto& [file, n] : report->rows_written) {
    written.AddRow({file, n < 0 ? "copied" : std::to_string(n)});
  }
  written.Print(std::cout);
  std::cout << "\nrows from the merged feed: " << report->rows_merged << "\n"
            << "commission members: " << report->members_matched << " matched by name, "
            << report->members_by_iin << " given by IIN, " << report->unresolved.size()
            << " unresolved\n"
            << "time: " << report->seconds << " s (" << report->match_seconds
            << " s matching names), "
            << static_cast<int64_t>(static_cast<double>(total) / std::max(report->seconds, 1e-9))
            << " records/s\n"
            << "records not imported or imported in part: " << report->problems.size() << "\n"
            << "report: " << report_dir << "/import_problems.csv, " << report_dir
            << "/unresolved_members.csv\n";
  return 0;
}

}  // namespace coigraph::tools
