// The subcommands of `coigraph`, one file each with its own ABSL_FLAGs (scan_command.cc,
// load_command.cc, ties_command.cc, paths_command.cc, export_command.cc, import_command.cc;
// hints_command.cc shares scan's --format). Each takes argv from the subcommand's first
// argument and returns the process exit code: 0 done, 2 usage error or unusable feed, 1
// anything else.
#pragma once

namespace coigraph::tools {

int RunScan(int argc, char** argv);
int RunLoad(int argc, char** argv);
int RunTies(int argc, char** argv);
int RunPaths(int argc, char** argv);
int RunExport(int argc, char** argv);
int RunImport(int argc, char** argv);  // import_command.cc
int RunHints(int argc, char** argv);

}  // namespace coigraph::tools
