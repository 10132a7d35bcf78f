// coigraph: conflict-of-interest detection over Kazakhstan state-body feeds.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: coigraph COMMAND [ARGS] [--help]\n"
    "\n"
    "commands:\n"
    "  scan FEED_DIR   every conflict of docs/rules.md found in a feed directory\n"
    "  load FEED_DIR   load a feed directory and report loaded / merged / rejected rows\n"
    "  ties IIN        a person's legal kin and the companies tied to them on a date\n"
    "  paths FROM TO   the k shortest paths between two persons or companies\n"
    "  export ID...    the subgraph around persons or companies as GraphML, GEXF, DOT,\n"
    "                  Cytoscape JSON, Neo4j CSV or FollowTheMoney (Aleph) entities\n"
    "  import goszakup IN_DIR OUT_FEED_DIR\n"
    "                  goszakup's registries (JSON) as a feed directory\n"
    "  hints FEED_DIR  undeclared-tie hints: members and bidders' persons who look like family\n"
    "  audit verify DB check the hash chain of coigraphd's audit log (runs coigraph-audit)\n"
    "  audit list DB   coigraphd's audit records as JSON lines\n"
    "\n"
    "Run `coigraph COMMAND --help` for a command's options.\n";

// `coigraph audit ...` runs coigraph-audit from the same directory: the audit log lives in
// coigraphd's SQLite store, which the command-line tool does not link.
int RunAudit(int argc, char** argv) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::string tool =
      (ec ? std::filesystem::path(argv[0]) : self).parent_path() / "coigraph-audit";
  std::vector<char*> args{const_cast<char*>(tool.c_str())};
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  execv(tool.c_str(), args.data());
  std::cerr << "coigraph: cannot run " << tool << ": " << std::strerror(errno)
            << " (build the service: cmake --build build --target coigraph-audit)\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const char* command = argv[1];
  if (std::strcmp(command, "scan") == 0) return coigraph::tools::RunScan(argc, argv);
  if (std::strcmp(command, "load") == 0) return coigraph::tools::RunLoad(argc, argv);
  if (std::strcmp(command, "ties") == 0) return coigraph::tools::RunTies(argc, argv);
  if (std::strcmp(command, "paths") == 0) return coigraph::tools::RunPaths(argc, argv);
  if (std::strcmp(command, "export") == 0) return coigraph::tools::RunExport(argc, argv);
  if (std::strcmp(command, "import") == 0) return coigraph::tools::RunImport(argc, argv);
  if (std::strcmp(command, "hints") == 0) return coigraph::tools::RunHints(argc, argv);
  if (std::strcmp(command, "audit") == 0) return RunAudit(argc, argv);
  std::cerr << "coigraph: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
