// Subgraph export for analysts: the vertices of a neighbourhood and the ties between them on a
// date, written as GraphML, GEXF 1.3, Graphviz DOT, Cytoscape.js JSON, Neo4j admin-import CSV or
// FollowTheMoney entities (JSON lines, for Aleph / OpenAleph) and handed out a chunk at a time
// (no files: the caller decides where the bytes go), made as they are asked for: SubgraphWriter
// holds at most a chunk and one record of text, whatever the size of the export.
//
// What is exported:
//   * a node per vertex: `id` (IIN/BIN, or a pseudonym; an individual entrepreneur's is
//     "IE-" + BIN, as its BIN is its owner's IIN), `kind` ("person"/"organization"),
//     `name` (a person's short name, an organization's name), and for organizations `org_kind`
//     and `region`;
//   * an edge per fact valid on the date whose both ends are exported, each fact once (the
//     snapshot stores both directions): `type` is what the target is to the source,
//
//         child ──parent──▶ parent      a ──spouse──▶ b  (a < b)     holder ──holds──▶ company
//                                       a ──sibling─▶ b  (a < b)
//
//     `role` (the company role of a `holds` edge; "adoptive" on an adoptive `parent` edge),
//     `share_pct` (when given), `valid_from` / `valid_to` (YYYY-MM-DD, absent when open);
//   * a derived `sibling` edge between two exported persons who share a parent on the date
//     (kinship.h) and have no stated sibling edge, even when the parent is not exported:
//     findings' paths take that step, so without it a subgraph around a case falls apart. One
//     per pair (a < b); valid on the hull of the intervals through each shared parent. Every
//     edge says whether it is derived: GraphML key `derived` (boolean) and GEXF attribute
//     `derived` (boolean), "true"/"false" on every edge; Cytoscape JSON `"derived": true/false`
//     in the edge data; Neo4j CSV column `derived:boolean`; DOT `derived="true"` and
//     `style="dashed"` on derived edges only; FollowTheMoney a `summary` on derived ones only.
//     Stored edges are derived=false.
//
// FollowTheMoney (format "ftm", one file subgraph.ftm.json, one entity a line):
//   {"id":"kz-iin-100000000001","schema":"Person","properties":{"name":["..."],...}}
// every property value an array of strings, property names those of the FtM schemata:
//   * a person: Person (name = the full name, lastName, firstName, fatherName, idNumber = the
//     IIN, birthDate, deathDate, gender, country "kz"); id "kz-iin-" + IIN;
//   * an organization: PublicBody for a state body; Company for a quasi-state company, a
//     company and an individual entrepreneur (FtM's Company is also an Asset, the only schema
//     an Ownership may own); Organization for an NGO (an entity FtM does not let be owned).
//     name, registrationNumber = the BIN, legalForm (the kind in words: "state body",
//     "quasi-state company", "company", "individual entrepreneur", "non-governmental
//     organization"), address = the region, country "kz"; id "kz-bin-" + BIN (an individual
//     entrepreneur's too: the prefix keeps it apart from its owner);
//   * an edge: Family (person = the source, relative = the target, relationship = what the
//     relative is to the person: "parent", "adoptive parent", "spouse", "sibling"; a derived
//     sibling also has a `summary` saying so); Ownership (owner, asset, role "founder" / "owner"
//     / "beneficial owner", percentage) for an ownership role in a Company; Membership (member,
//     organization, role) for an ownership role in a PublicBody or an Organization;
//     Directorship (director, organization, role "director" / "board member"). Each has
//     startDate / endDate = valid_from / valid_to (absent when open). Its id is the schema's
//     prefix ("kz-family-", "kz-ownership-", "kz-membership-", "kz-directorship-") + the first
//     16 hex digits of SHA-256 of its schema, ends' ids, kind, share, dates and derived flag
//     (a second copy of the same fact gets "-2", ...): the same data gives the same ids.
// Employments and commission seats are not ties of the graph, so no Employment entities are
// written and no Membership for a seat. Pseudonymised, a person or an individual entrepreneur
// is its pseudonym as id and name and has no other property that comes from the IIN or the
// registry's name (no idNumber, registrationNumber, name parts, birthDate or gender).
//
// Pseudonymisation replaces every person's IIN and name by "P-" + the first 12 hex digits of
// SHA-256(salt + IIN), and an individual entrepreneur's BIN (which is its owner's IIN) and name
// by "E-" + the same digits; other organizations keep their BIN and name. The same salt gives
// the same pseudonyms across calls and reloads; the salt is a secret (the IIN space is small
// enough to brute-force an unsalted hash).
//
// Text is made safe for every format: invalid UTF-8 and the characters XML 1.0 forbids
// (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F, U+FFFE, U+FFFF) become U+FFFD, then each
// format escapes its own specials. Output is deterministic: vertices by VertexId, edges by
// (source, target, type, role, validity, share, derived).
//
// Example:
//   absl::StatusOr<std::vector<VertexId>> vs = Neighborhood(s, seeds, date, 2, kAllRelations, n);
//   ExportOptions o{.date = date, .pseudonym_salt = secret};
//   std::string out;
//   absl::Status st = WriteSubgraph(s, *vs, ExportFormat::kGraphml, o,
//                                   [&](std::string_view file, std::string_view chunk) {
//                                     out.append(chunk);
//                                     return true;
//                                   });
//   // or, a chunk when the receiver is ready for it:
//   absl::StatusOr<std::unique_ptr<SubgraphWriter>> w =
//       SubgraphWriter::Create(s, *vs, ExportFormat::kGraphml, o);
//   while (std::optional<ExportChunkView> c = (*w)->Next()) Send(c->file, c->data);
//
// Thread safety: WriteSubgraph and SubgraphWriter only read the snapshot; any number may run
// concurrently. One SubgraphWriter is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/date.h"
#include "graph/snapshot.h"

namespace coigraph::graph {

enum class ExportFormat : uint8_t { kGraphml, kGexf, kDot, kCytoscapeJson, kNeo4jCsv, kFtm };

// "graphml", "gexf", "dot", "cytoscape", "neo4j", "ftm"; nullopt for anything else.
std::optional<ExportFormat> ParseExportFormat(std::string_view text);
std::string_view Name(ExportFormat format);

// The files a format produces, in the order they are written:
//   graphml   subgraph.graphml        gexf       subgraph.gexf
//   dot       subgraph.dot            cytoscape  subgraph.cyjs
//   neo4j     nodes_person.csv, nodes_organization.csv, relationships.csv
//   ftm       subgraph.ftm.json
// (neo4j-admin database import full --nodes=Person=nodes_person.csv
//  --nodes=Organization=nodes_organization.csv --relationships=relationships.csv
//  --multiline-fields=true; the files also carry :LABEL / :TYPE columns.)
std::vector<std::string_view> ExportFileNames(ExportFormat format);

struct ExportOptions {
  Date date = 0;  // the date ties must hold on
  bool pseudonymise = true;
  std::string pseudonym_salt;              // REQUIRED non-empty when pseudonymise
  size_t chunk_bytes = size_t{64} * 1024;  // REQUIRES: > 0
};

// A person's pseudonym: "P-" + the first 12 hex digits of SHA-256(salt + the 12-digit IIN).
std::string PersonPseudonym(uint64_t iin, std::string_view salt);
// An individual entrepreneur's pseudonym: "E-" + the same digits of its BIN (its owner's IIN).
std::string EntrepreneurPseudonym(uint64_t bin, std::string_view salt);
// Whether a vertex is a natural person's: a person, or an individual entrepreneur (whose BIN
// is its owner's IIN and whose name is the owner's). Pseudonymisation hides exactly these.
bool IsNaturalPersonVertex(const Snapshot& s, VertexId v);
// What a pseudonymised export calls a vertex: PersonPseudonym, EntrepreneurPseudonym, or the
// BIN of any other organization. The one function of the service's pseudonyms too.
std::string VertexPseudonym(const Snapshot& s, VertexId v, std::string_view salt);

// Receives the export: `file` is one of ExportFileNames(format), `chunk` the next bytes of it.
// Files come one after another, never interleaved; concatenating the chunks of a file gives the
// file. Returning false stops the export.
using ExportSink = std::function<bool(std::string_view file, std::string_view chunk)>;

// Writes the subgraph induced by `vertices` (duplicates ignored) with the ties valid on
// options.date between them. Every chunk is non-empty, ends on a UTF-8 character boundary and
// holds at most options.chunk_bytes bytes (at least one whole character when chunk_bytes < 4).
// Errors: InvalidArgument for a vertex out of range, chunk_bytes == 0, or pseudonymise with an
// empty salt (before anything is written); Cancelled when the sink returns false (no further
// calls are made).
absl::Status WriteSubgraph(const Snapshot& s, const std::vector<VertexId>& vertices,
                           ExportFormat format, const ExportOptions& options,
                           const ExportSink& sink);

// One chunk of an export, as SubgraphWriter::Next hands it out.
struct ExportChunkView {
  std::string_view file;  // one of ExportFileNames(format)
  std::string_view data;  // valid until the next call of Next()
  bool last_of_file = false;
};

// WriteSubgraph a chunk at a time, each made when it is asked for: the same files cut into the
// same chunks, and at most about a chunk plus one record of text held between two calls (plus
// the subgraph's vertices and edges), so a slow or stalled receiver costs no more than that.
class SubgraphWriter {
 public:
  // Errors: those of WriteSubgraph, before anything is written.
  // REQUIRES: `s` outlives the writer.
  static absl::StatusOr<std::unique_ptr<SubgraphWriter>> Create(
      const Snapshot& s, const std::vector<VertexId>& vertices, ExportFormat format,
      ExportOptions options);
  SubgraphWriter(const SubgraphWriter&) = delete;
  SubgraphWriter& operator=(const SubgraphWriter&) = delete;
  ~SubgraphWriter();

  // The next chunk; nullopt once the last file's last chunk was handed out.
  std::optional<ExportChunkView> Next();

 private:
  struct State;
  explicit SubgraphWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace coigraph::graph
