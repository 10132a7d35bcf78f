// coigraph export ID...: the subgraph around persons or companies in an analyst's file format.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_join.h"
#include "graph/export.h"
#include "graph/identity_number.h"
#include "graph/paths.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"

ABSL_FLAG(int, radius, 1, "ties around the seeds: 0..3");
ABSL_FLAG(std::string, pseudonym_salt, "",
          "pseudonymise persons and individual entrepreneurs with this secret salt");
// Shared with scan (--format, --out) and paths (--relations).
ABSL_DECLARE_FLAG(std::string, format);
ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(std::string, relations);

namespace coigraph::tools {

namespace {

using base::Cat;

constexpr char kExportHelp[] =
    "usage: coigraph export ID... --format F [--radius N] [--date D] [--out DIR]\n"
    "                      [--relations LIST] [--pseudonym-salt S] [--feeds FEED_DIR]\n"
    "                      [--encoding E]\n"
    "\n"
    "The persons and companies within N (default 1, at most 3) ties of the IINs or BINs given,\n"
    "and the ties among them valid on the date (default: today), written to DIR (default: the\n"
    "current directory) in format F:\n"
    "  graphml    subgraph.graphml          gexf   subgraph.gexf\n"
    "  dot        subgraph.dot              cytoscape  subgraph.cyjs\n"
    "  neo4j      nodes_person.csv, nodes_organization.csv, relationships.csv\n"
    "  ftm        subgraph.ftm.json (FollowTheMoney entities for Aleph / OpenAleph)\n"
    "  --relations LIST      only ties of these relations (as paths --relations)\n"
    "  --pseudonym-salt S    persons and individual entrepreneurs as pseudonyms (P-/E- and the\n"
    "                        first 12 hex digits of SHA-256(S + IIN)), as coigraphd's\n"
    "                        researchers see them; S is a secret\n"
    "  --encoding E          the feed's files are in encoding E (e.g. cp1251), not UTF-8\n";

constexpr int kMaxRadius = 3;
constexpr size_t kMaxVertices = 1000000;

}  // namespace

int RunExport(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl =
      ParseCommand(argc, argv,
                   {FLAGS_format, FLAGS_radius, FLAGS_date, FLAGS_out, FLAGS_relations,
                    FLAGS_pseudonym_salt, FLAGS_feeds, FLAGS_encoding});
  if (!cl.ok()) return Usage(kExportHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kExportHelp);
  // A FEED_DIR argument may come before the ids, as with ties and paths.
  const std::string feed_dir =
      TakeFeedDir(*cl, cl->positional.empty() ? 0 : cl->positional.size() - 1);
  if (cl->positional.empty()) return Usage(kExportHelp, "export takes at least one IIN or BIN");
  for (const std::string& id : cl->positional) {
    if (!graph::HasValidCheckDigit(id)) {
      return Usage(kExportHelp, Cat("'", id, "' is not a valid IIN or BIN"));
    }
  }
  if (!cl->Given(FLAGS_format)) return Usage(kExportHelp, "--format is required");
  const std::string format_name = absl::GetFlag(FLAGS_format);
  const std::optional<graph::ExportFormat> format = graph::ParseExportFormat(format_name);
  if (!format) {
    return Usage(kExportHelp, Cat("unknown --format '", format_name,
                                  "': graphml, gexf, dot, cytoscape, neo4j or ftm"));
  }
  const int radius = absl::GetFlag(FLAGS_radius);
  if (radius < 0 || radius > kMaxRadius) {
    return Usage(kExportHelp, Cat("--radius must be 0..", kMaxRadius));
  }
  const std::optional<graph::Date> date = DateOption(*cl);
  if (!date) return Usage(kExportHelp, "--date must be YYYY-MM-DD");
  graph::RelationMask relations = graph::kAllRelations;
  if (cl->Given(FLAGS_relations)) {
    const std::string text = absl::GetFlag(FLAGS_relations);
    std::optional<graph::RelationMask> mask = graph::ParseRelationFilter(text);
    if (!mask) return Usage(kExportHelp, Cat("unknown relation in '", text, "'"));
    relations = *mask;
  }
  const std::string salt = absl::GetFlag(FLAGS_pseudonym_salt);
  if (cl->Given(FLAGS_pseudonym_salt) && salt.empty()) {
    return Usage(kExportHelp, "--pseudonym-salt must not be empty");
  }
  const std::filesystem::path out_dir = cl->Given(FLAGS_out) ? absl::GetFlag(FLAGS_out) : ".";

  std::optional<loaders::LoadedFeed> feed = Load(feed_dir);
  if (!feed) return kUnusableFeed;
  const graph::Snapshot& s = *feed->snapshot;
  std::vector<graph::VertexId> seeds;
  for (const std::string& id : cl->positional) {
    std::optional<graph::VertexId> v = s.FindVertex(graph::IdentityNumberValue(id));
    if (!v) {
      std::cerr << "coigraph: " << id << " is not in the feed\n";
      return 1;
    }
    seeds.push_back(*v);
  }
  absl::StatusOr<std::vector<graph::VertexId>> vertices =
      graph::Neighborhood(s, seeds, *date, radius, relations, kMaxVertices);
  if (!vertices.ok()) {
    std::cerr << "coigraph: " << vertices.status().message() << "\n";
    return 1;
  }

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::cerr << "coigraph: cannot create " << out_dir.string() << ": " << ec.message() << "\n";
    return 1;
  }
  const graph::ExportOptions options{
      .date = *date, .pseudonymise = !salt.empty(), .pseudonym_salt = salt};
  std::ofstream file;
  std::string open_name;
  std::vector<std::string> written;
  absl::Status st = graph::WriteSubgraph(
      s, *vertices, *format, options, [&](std::string_view name, std::string_view chunk) {
        if (name != open_name) {
          file.close();
          open_name = std::string(name);
          written.push_back((out_dir / open_name).string());
          file.open(written.back(), std::ios::binary | std::ios::trunc);
        }
        file.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return file.good();
      });
  const bool closed = written.empty() || (file.close(), !file.fail());
  if (!st.ok() || !closed) {
    std::cerr << "coigraph: cannot write " << (written.empty() ? out_dir.string() : written.back())
              << ": " << (st.ok() ? "write failed" : std::string(st.message())) << "\n";
    return 1;
  }
  std::cerr << "coigraph: " << vertices->size() << " vertices around " << seeds.size()
            << (seeds.size() == 1 ? " seed" : " seeds") << " on " << graph::FormatIsoDate(*date)
            << (options.pseudonymise ? ", pseudonymised" : "") << ": "
            << absl::StrJoin(written, ", ") << "\n";
  return 0;
}

}  // namespace coigraph::tools
