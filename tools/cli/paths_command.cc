// coigraph paths FROM TO: the k shortest paths between two persons or companies.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "graph/paths.h"
#include "graph/tie_labels.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/table.h"

ABSL_FLAG(int, max_hops, 4, "at most this many ties a path");
ABSL_FLAG(int, k, 3, "this many shortest paths");
ABSL_FLAG(std::string, relations, "", "only ties of these relations; default: every relation");

namespace coigraph::tools {

namespace {

using base::Cat;

constexpr char kPathsHelp[] =
    "usage: coigraph paths FROM TO [--date D] [--max-hops N] [--k K] [--relations LIST]\n"
    "                      [--feeds FEED_DIR] [--encoding E]\n"
    "\n"
    "The K (default 3) shortest paths of at most N (default 4) ties between two persons or\n"
    "companies (IIN or BIN), over ties valid on the date (default: today).\n"
    "  --relations LIST  kinship, business, or step/role names: parent, child, spouse,\n"
    "                    sibling, founder, owner, beneficial_owner, director, board_member\n"
    "  --encoding E      the feed's files are in encoding E (e.g. cp1251), not UTF-8:\n"
    "                    convert them while reading (iconv)\n";

void PrintPaths(const graph::Snapshot& s, const std::vector<graph::TiePath>& paths) {
  for (size_t i = 0; i < paths.size(); ++i) {
    const graph::TiePath& p = paths[i];
    std::cout << i + 1 << ". [" << p.edges.size() << " ties] "
              << ForTerminal(s.VertexName(p.vertices[0]));
    for (size_t e = 0; e < p.edges.size(); ++e) {
      std::cout << " —" << graph::TieLabel(p.edges[e]) << "→ "
                << ForTerminal(s.VertexName(p.vertices[e + 1]));
    }
    std::cout << "\n";
  }
}

}  // namespace

int RunPaths(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl = ParseCommand(
      argc, argv,
      {FLAGS_date, FLAGS_max_hops, FLAGS_k, FLAGS_relations, FLAGS_feeds, FLAGS_encoding});
  if (!cl.ok()) return Usage(kPathsHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kPathsHelp);
  const std::string feed_dir = TakeFeedDir(*cl, 2);
  if (cl->positional.size() != 2) return Usage(kPathsHelp, "paths takes FROM and TO");
  for (const std::string& id : cl->positional) {
    if (!graph::HasValidCheckDigit(id)) {
      return Usage(kPathsHelp, Cat("'", id, "' is not a valid IIN or BIN"));
    }
  }
  const std::optional<graph::Date> date = DateOption(*cl);
  if (!date) return Usage(kPathsHelp, "--date must be YYYY-MM-DD");
  graph::PathQuery q;
  q.date = *date;
  q.max_hops = absl::GetFlag(FLAGS_max_hops);
  q.k = absl::GetFlag(FLAGS_k);
  if (cl->Given(FLAGS_relations)) {
    const std::string relations = absl::GetFlag(FLAGS_relations);
    std::optional<graph::RelationMask> mask = graph::ParseRelationFilter(relations);
    if (!mask) return Usage(kPathsHelp, Cat("unknown relation in '", relations, "'"));
    q.relations = *mask;
  }
  std::optional<loaders::LoadedFeed> feed = Load(feed_dir);
  if (!feed) return kUnusableFeed;
  const graph::Snapshot& s = *feed->snapshot;
  std::optional<graph::VertexId> ends[2];
  for (int i = 0; i < 2; ++i) {
    ends[i] = s.FindVertex(graph::IdentityNumberValue(cl->positional[i]));
    if (!ends[i]) {
      std::cerr << "coigraph: " << cl->positional[i] << " is not in the feed\n";
      return 1;
    }
  }
  q.from = *ends[0];
  q.to = *ends[1];
  absl::StatusOr<std::vector<graph::TiePath>> paths = graph::KShortestPaths(s, q);
  if (!paths.ok()) return Usage(kPathsHelp, std::string(paths.status().message()));
  if (paths->empty()) {
    std::cout << "No path of at most " << q.max_hops << " ties on " << graph::FormatIsoDate(q.date)
              << ".\n";
    return 0;
  }
  PrintPaths(s, *paths);
  return 0;
}

}  // namespace coigraph::tools
