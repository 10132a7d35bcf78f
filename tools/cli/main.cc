// coigraph: conflict-of-interest detection over Kazakhstan state-body feeds.
#include <cstring>
#include <iostream>

#include "tools/cli/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: coigraph COMMAND [ARGS] [--help]\n"
    "\n"
    "commands:\n"
    "  scan FEED_DIR   every conflict of RULES.md found in a feed directory\n"
    "  load FEED_DIR   load a feed directory and report loaded / merged / rejected rows\n"
    "  ties IIN        a person's legal kin and the companies tied to them on a date\n"
    "  paths FROM TO   the k shortest paths between two persons or companies\n"
    "\n"
    "Run `coigraph COMMAND --help` for a command's options.\n";

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
  std::cerr << "coigraph: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
