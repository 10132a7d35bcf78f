#include "graph/export.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

#include "base/json.h"
#include "base/sha256.h"
#include "base/text.h"
#include "graph/kinship.h"
#include "graph/tie_labels.h"

namespace coigraph::graph {

using base::AbslView;
using base::Append;
using base::AppendJsonString;
using base::Cat;

namespace {

// The first 12 hex digits of SHA-256(salt + IIN).
std::string PseudonymDigits(uint64_t iin, std::string_view salt) {
  return base::Sha256Hex(Cat(salt, FormatIdentityNumber(iin))).substr(0, 12);
}

// ---------------------------------------------------------------------------------------------
// Text.

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// `s` as valid UTF-8 holding only characters XML 1.0 allows; anything else becomes U+FFFD.
std::string CleanText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      if (b0 < 0x20 && b0 != '\t' && b0 != '\n' && b0 != '\r') {
        out.append(kReplacement);
      } else {
        out.push_back(static_cast<char>(b0));
      }
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0, min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2, cp = b0 & 0x1Fu, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3, cp = b0 & 0x0Fu, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4, cp = b0 & 0x07u, min = 0x10000;
    } else {  // a stray continuation byte, C0/C1 (overlong) or F5..FF
      out.append(kReplacement);
      ++i;
      continue;
    }
    size_t got = 1;
    while (got < len && i + got < s.size() &&
           (static_cast<unsigned char>(s[i + got]) & 0xC0) == 0x80) {
      cp = cp << 6 | (static_cast<unsigned char>(s[i + got]) & 0x3Fu);
      ++got;
    }
    const bool ok = got == len && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
                    cp != 0xFFFE && cp != 0xFFFF;
    if (ok) {
      out.append(s.substr(i, len));
    } else {
      out.append(kReplacement);
    }
    i += got;
  }
  return out;
}

// For text already passed through CleanText(): element content and attribute values alike.
void AppendXml(std::string& out, std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out += ch;
    }
  }
}

// A DOT double-quoted string.
void AppendDot(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += ch;
    }
  }
  out += '"';
}

// An RFC 4180 field: quoted when it holds a comma, a quote or a line break.
void AppendCsv(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out += '"';
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

// Shortest round-trip decimal of a share; "" when not given.
std::string FormatShare(float share) {
  if (!(share >= 0.0f) || !std::isfinite(share)) return "";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, share);
  if (ec != std::errc()) return "";
  return std::string(buf, end);
}

// ---------------------------------------------------------------------------------------------
// The subgraph, as text records.

struct VertexRecord {
  std::string id;
  std::string name;
  bool person = true;
  std::string org_kind;  // organizations only
  std::string region;    // organizations only
};

struct EdgeRecord {
  size_t source = 0;  // indexes into the vertex records
  size_t target = 0;
  Tie tie;
  bool derived = false;  // a sibling tie derived from a shared parent (not stored)
};

std::string UpperCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The order of edges in every format.
auto EdgeOrder(const EdgeRecord& e) {
  const Tie& t = e.tie;
  const float share = std::isnan(t.share_pct) ? -1.0f : t.share_pct;  // keep the order strict
  return std::make_tuple(e.source, e.target, t.kind, t.role, t.adoptive, t.valid.from, t.valid.to,
                         share, e.derived);
}

std::string_view FormatBool(bool b) { return b ? "true" : "false"; }

class Subgraph {
 public:
  Subgraph(const Snapshot& s, std::vector<VertexId> vertices, const ExportOptions& options)
      : s_(s), vertices_(std::move(vertices)), options_(options) {
    for (size_t i = 0; i < vertices_.size(); ++i) {
      for (const Tie& t : s.Ties(vertices_[i])) {
        if (!Exported(vertices_[i], t)) continue;
        if (std::optional<size_t> j = IndexOf(t.target)) edges_.push_back({i, *j, t});
      }
    }
    AddDerivedSiblings();
    std::sort(edges_.begin(), edges_.end(),
              [](const EdgeRecord& a, const EdgeRecord& b) { return EdgeOrder(a) < EdgeOrder(b); });
  }

  size_t vertex_count() const { return vertices_.size(); }
  const std::vector<EdgeRecord>& edges() const { return edges_; }

  // A vertex's id: its IIN/BIN or pseudonym.
  std::string Id(size_t i) const {
    const VertexId v = vertices_[i];
    if (options_.pseudonymise) return VertexPseudonym(s_, v, options_.pseudonym_salt);
    // An individual entrepreneur's BIN is its owner's IIN: keep the two nodes apart.
    if (!s_.IsPerson(v) && IsNaturalPersonVertex(s_, v)) return Cat("IE-", s_.VertexNumber(v));
    return s_.VertexNumber(v);
  }

  VertexRecord Vertex(size_t i) const {
    const VertexId v = vertices_[i];
    VertexRecord r;
    r.id = Id(i);
    r.person = s_.IsPerson(v);
    const bool hidden = options_.pseudonymise && IsNaturalPersonVertex(s_, v);
    r.name = hidden ? r.id : CleanText(s_.VertexName(v));
    if (!r.person) {
      const Organization& org = s_.data().organizations[s_.OrgOf(v)];
      r.org_kind = std::string(Name(org.kind));
      r.region = CleanText(s_.Str(org.region));
    }
    return r;
  }

  // A vertex's FollowTheMoney entity id: "kz-iin-" + IIN, "kz-bin-" + BIN (an individual
  // entrepreneur's too: the prefix keeps it apart from its owner), or the pseudonym.
  std::string FtmId(size_t i) const {
    const VertexId v = vertices_[i];
    if (options_.pseudonymise && IsNaturalPersonVertex(s_, v)) {
      return VertexPseudonym(s_, v, options_.pseudonym_salt);
    }
    return Cat(s_.IsPerson(v) ? "kz-iin-" : "kz-bin-", s_.VertexNumber(v));
  }

  // The ids of every vertex, for edge ends: FtmId for FollowTheMoney, else Id.
  std::vector<std::string> VertexIds(ExportFormat format) const {
    std::vector<std::string> ids;
    ids.reserve(vertices_.size());
    for (size_t i = 0; i < vertices_.size(); ++i) {
      ids.push_back(format == ExportFormat::kFtm ? FtmId(i) : Id(i));
    }
    return ids;
  }

  const Snapshot& snapshot() const { return s_; }
  VertexId vertex(size_t i) const { return vertices_[i]; }
  bool pseudonymise() const { return options_.pseudonymise; }

 private:
  std::optional<size_t> IndexOf(VertexId v) const {
    auto it = std::lower_bound(vertices_.begin(), vertices_.end(), v);
    if (it == vertices_.end() || *it != v) return std::nullopt;
    return static_cast<size_t>(it - vertices_.begin());
  }

  // A sibling edge between two exported persons who share a parent on the date and have no
  // stated sibling edge: findings' paths take such a step, and without the edge the two fall
  // apart whenever the parent is not exported. One edge per pair, a ──sibling─▶ b (a < b) as a
  // stated one; its validity is the hull of the intervals through each shared parent (all hold
  // on the date, so they overlap and the two are siblings throughout).
  void AddDerivedSiblings() {
    std::vector<EdgeRecord> derived;
    // Persons come first in VertexId order.
    for (size_t i = 0; i < vertices_.size() && s_.IsPerson(vertices_[i]); ++i) {
      const PersonIndex p = s_.PersonOf(vertices_[i]);
      ForEachDerivedSibling(s_, p, options_.date, [&](const DerivedSibling& d) {
        const VertexId v = s_.PersonVertex(d.person);
        if (v < vertices_[i]) return;  // the pair is written from its smaller end
        std::optional<size_t> j = IndexOf(v);
        if (!j) return;
        Tie tie;
        tie.target = v;
        tie.kind = TieKind::kSibling;
        tie.valid = d.valid;
        derived.push_back({i, *j, tie, true});
      });
    }
    auto pair_less = [](const EdgeRecord& a, const EdgeRecord& b) {
      return std::tie(a.source, a.target) < std::tie(b.source, b.target);
    };
    std::sort(derived.begin(), derived.end(), pair_less);
    std::vector<EdgeRecord> stated;
    for (const EdgeRecord& e : edges_) {
      if (e.tie.kind == TieKind::kSibling) stated.push_back(e);
    }
    std::sort(stated.begin(), stated.end(), pair_less);
    for (size_t k = 0; k < derived.size();) {
      EdgeRecord e = derived[k];
      for (++k; k < derived.size() && !pair_less(e, derived[k]); ++k) {
        e.tie.valid.from = std::min(e.tie.valid.from, derived[k].tie.valid.from);
        e.tie.valid.to = std::max(e.tie.valid.to, derived[k].tie.valid.to);
      }
      if (!std::binary_search(stated.begin(), stated.end(), e, pair_less)) edges_.push_back(e);
    }
  }

  // One direction of each fact, valid on the date.
  bool Exported(VertexId from, const Tie& t) const {
    if (!t.valid.Contains(options_.date)) return false;
    switch (t.kind) {
      case TieKind::kParent:
      case TieKind::kHolds:
        return true;
      case TieKind::kSpouse:
      case TieKind::kSibling:
        return from < t.target;
      case TieKind::kChild:
      case TieKind::kHeldBy:
        return false;
    }
    return false;
  }

  const Snapshot& s_;
  std::vector<VertexId> vertices_;  // sorted, unique
  const ExportOptions& options_;
  std::vector<EdgeRecord> edges_;
};

// ---------------------------------------------------------------------------------------------
// The formats, as runs of records. A format is a list of sections, each a run of records of one
// file; SubgraphWriter appends them one at a time as its chunks are asked for, so an export is
// made as it is read and never held whole.

// `count` records of `file`, the i-th appended to `out` by `record(i, out)`.
struct Section {
  std::string_view file;
  size_t count = 1;
  std::function<void(size_t i, std::string& out)> record;
};

// One record of fixed text.
Section Text(std::string_view file, std::string_view text) {
  return {file, 1, [text](size_t /*i*/, std::string& out) { out += text; }};
}

// GraphML keys: node attributes first, then edge attributes.
struct AttributeKey {
  std::string_view for_what;
  std::string_view name;
  std::string_view type;
};
constexpr AttributeKey kGraphmlKeys[] = {
    {"node", "kind", "string"},      {"node", "name", "string"},
    {"node", "org_kind", "string"},  {"node", "region", "string"},
    {"edge", "type", "string"},      {"edge", "role", "string"},
    {"edge", "share_pct", "double"}, {"edge", "valid_from", "string"},
    {"edge", "valid_to", "string"},  {"edge", "derived", "boolean"},
};

// <data key="dN">value</data>, left out when the value is empty.
void AppendGraphmlData(std::string& out, int key, std::string_view value) {
  if (value.empty()) return;
  Append(out, "<data key=\"d", key, "\">");
  AppendXml(out, value);
  out += "</data>";
}

std::vector<Section> GraphmlSections(const Subgraph& g, const std::vector<std::string>& ids) {
  constexpr std::string_view kFile = "subgraph.graphml";
  std::vector<Section> s;
  s.push_back({kFile, 1, [](size_t /*i*/, std::string& t) {
                 t += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
                 int k = 0;
                 for (const AttributeKey& key : kGraphmlKeys) {
                   Append(t, "  <key id=\"d", k++, "\" for=\"", key.for_what, "\" attr.name=\"",
                          key.name, "\" attr.type=\"", key.type, "\"/>\n");
                 }
                 t += "  <graph id=\"subgraph\" edgedefault=\"directed\">\n";
               }});
  s.push_back({kFile, g.vertex_count(), [&g](size_t i, std::string& t) {
                 const VertexRecord v = g.Vertex(i);
                 t += "    <node id=\"";
                 AppendXml(t, v.id);
                 t += "\">";
                 AppendGraphmlData(t, 0, v.person ? "person" : "organization");
                 AppendGraphmlData(t, 1, v.name);
                 AppendGraphmlData(t, 2, v.org_kind);
                 AppendGraphmlData(t, 3, v.region);
                 t += "</node>\n";
               }});
  s.push_back({kFile, g.edges().size(), [&g, &ids](size_t n, std::string& t) {
                 const EdgeRecord& e = g.edges()[n];
                 Append(t, "    <edge id=\"e", n, "\" source=\"");
                 AppendXml(t, ids[e.source]);
                 t += "\" target=\"";
                 AppendXml(t, ids[e.target]);
                 t += "\">";
                 AppendGraphmlData(t, 4, TieType(e.tie));
                 AppendGraphmlData(t, 5, TieRole(e.tie));
                 AppendGraphmlData(t, 6, FormatShare(e.tie.share_pct));
                 AppendGraphmlData(t, 7, FormatIsoDate(e.tie.valid.from));
                 AppendGraphmlData(t, 8, FormatIsoDate(e.tie.valid.to));
                 AppendGraphmlData(t, 9, FormatBool(e.derived));
                 t += "</edge>\n";
               }});
  s.push_back(Text(kFile, "  </graph>\n</graphml>\n"));
  return s;
}

// <attvalue for="N" value="..."/>, left out when the value is empty.
void AppendGexfValue(std::string& out, int id, std::string_view value) {
  if (value.empty()) return;
  Append(out, "<attvalue for=\"", id, "\" value=\"");
  AppendXml(out, value);
  out += "\"/>";
}

std::vector<Section> GexfSections(const Subgraph& g, const std::vector<std::string>& ids) {
  constexpr std::string_view kFile = "subgraph.gexf";
  std::vector<Section> s;
  s.push_back(Text(kFile,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<gexf xmlns=\"http://gexf.net/1.3\" "
                   "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                   "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
                   "version=\"1.3\">\n"
                   "  <meta>\n    <creator>coigraph</creator>\n  </meta>\n"
                   "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
                   "    <attributes class=\"node\">\n"
                   "      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n"
                   "      <attribute id=\"1\" title=\"org_kind\" type=\"string\"/>\n"
                   "      <attribute id=\"2\" title=\"region\" type=\"string\"/>\n"
                   "    </attributes>\n"
                   "    <attributes class=\"edge\">\n"
                   "      <attribute id=\"0\" title=\"type\" type=\"string\"/>\n"
                   "      <attribute id=\"1\" title=\"role\" type=\"string\"/>\n"
                   "      <attribute id=\"2\" title=\"share_pct\" type=\"double\"/>\n"
                   "      <attribute id=\"3\" title=\"valid_from\" type=\"string\"/>\n"
                   "      <attribute id=\"4\" title=\"valid_to\" type=\"string\"/>\n"
                   "      <attribute id=\"5\" title=\"derived\" type=\"boolean\"/>\n"
                   "    </attributes>\n"
                   "    <nodes>\n"));
  s.push_back({kFile, g.vertex_count(), [&g](size_t i, std::string& t) {
                 const VertexRecord v = g.Vertex(i);
                 t += "      <node id=\"";
                 AppendXml(t, v.id);
                 t += "\" label=\"";
                 AppendXml(t, v.name);
                 t += "\"><attvalues>";
                 AppendGexfValue(t, 0, v.person ? "person" : "organization");
                 AppendGexfValue(t, 1, v.org_kind);
                 AppendGexfValue(t, 2, v.region);
                 t += "</attvalues></node>\n";
               }});
  s.push_back(Text(kFile, "    </nodes>\n    <edges>\n"));
  s.push_back({kFile, g.edges().size(), [&g, &ids](size_t n, std::string& t) {
                 const EdgeRecord& e = g.edges()[n];
                 Append(t, "      <edge id=\"", n, "\" source=\"");
                 AppendXml(t, ids[e.source]);
                 t += "\" target=\"";
                 AppendXml(t, ids[e.target]);
                 t += "\" label=\"";
                 AppendXml(t, TieType(e.tie));
                 t += "\"><attvalues>";
                 AppendGexfValue(t, 0, TieType(e.tie));
                 AppendGexfValue(t, 1, TieRole(e.tie));
                 AppendGexfValue(t, 2, FormatShare(e.tie.share_pct));
                 AppendGexfValue(t, 3, FormatIsoDate(e.tie.valid.from));
                 AppendGexfValue(t, 4, FormatIsoDate(e.tie.valid.to));
                 AppendGexfValue(t, 5, FormatBool(e.derived));
                 t += "</attvalues></edge>\n";
               }});
  s.push_back(Text(kFile, "    </edges>\n  </graph>\n</gexf>\n"));
  return s;
}

// ` name="value"` (comma-separated), left out when the value is empty.
void AppendDotAttribute(std::string& out, bool& first, std::string_view name,
                        std::string_view value) {
  if (value.empty()) return;
  Append(out, first ? "" : ", ", name, "=");
  AppendDot(out, value);
  first = false;
}

std::vector<Section> DotSections(const Subgraph& g, const std::vector<std::string>& ids) {
  constexpr std::string_view kFile = "subgraph.dot";
  std::vector<Section> s;
  s.push_back(Text(kFile, "digraph coigraph {\n"));
  s.push_back({kFile, g.vertex_count(), [&g](size_t i, std::string& t) {
                 const VertexRecord v = g.Vertex(i);
                 t += "  ";
                 AppendDot(t, v.id);
                 t += " [";
                 bool first = true;
                 AppendDotAttribute(t, first, "label", v.name);
                 AppendDotAttribute(t, first, "kind", v.person ? "person" : "organization");
                 AppendDotAttribute(t, first, "org_kind", v.org_kind);
                 AppendDotAttribute(t, first, "region", v.region);
                 AppendDotAttribute(t, first, "shape", v.person ? "ellipse" : "box");
                 t += "];\n";
               }});
  s.push_back({kFile, g.edges().size(), [&g, &ids](size_t n, std::string& t) {
                 const EdgeRecord& e = g.edges()[n];
                 const std::string_view role = TieRole(e.tie);
                 t += "  ";
                 AppendDot(t, ids[e.source]);
                 t += " -> ";
                 AppendDot(t, ids[e.target]);
                 t += " [";
                 bool first = true;
                 AppendDotAttribute(t, first, "label", role.empty() ? TieType(e.tie) : role);
                 AppendDotAttribute(t, first, "type", TieType(e.tie));
                 AppendDotAttribute(t, first, "role", role);
                 AppendDotAttribute(t, first, "share_pct", FormatShare(e.tie.share_pct));
                 AppendDotAttribute(t, first, "valid_from", FormatIsoDate(e.tie.valid.from));
                 AppendDotAttribute(t, first, "valid_to", FormatIsoDate(e.tie.valid.to));
                 if (e.derived) {
                   AppendDotAttribute(t, first, "derived", "true");
                   AppendDotAttribute(t, first, "style", "dashed");
                 }
                 t += "];\n";
               }});
  s.push_back(Text(kFile, "}\n"));
  return s;
}

// ,"name":"value" — left out when the value is empty.
void AppendJsonField(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += ',';
  AppendJsonString(out, name);
  out += ':';
  AppendJsonString(out, value);
}

std::vector<Section> CytoscapeSections(const Subgraph& g, const std::vector<std::string>& ids) {
  constexpr std::string_view kFile = "subgraph.cyjs";
  std::vector<Section> s;
  s.push_back(Text(kFile, "{\"elements\":{\"nodes\":["));
  s.push_back({kFile, g.vertex_count(), [&g](size_t i, std::string& t) {
                 const VertexRecord v = g.Vertex(i);
                 t += i == 0 ? "\n" : ",\n";
                 t += "{\"data\":{\"id\":";
                 AppendJsonString(t, v.id);
                 AppendJsonField(t, "kind", v.person ? "person" : "organization");
                 AppendJsonField(t, "name", v.name);
                 AppendJsonField(t, "org_kind", v.org_kind);
                 AppendJsonField(t, "region", v.region);
                 t += "}}";
               }});
  s.push_back(Text(kFile, "\n],\"edges\":["));
  s.push_back({kFile, g.edges().size(), [&g, &ids](size_t n, std::string& t) {
                 const EdgeRecord& e = g.edges()[n];
                 t += n == 0 ? "\n" : ",\n";
                 Append(t, "{\"data\":{\"id\":\"e", n, "\"");
                 AppendJsonField(t, "source", ids[e.source]);
                 AppendJsonField(t, "target", ids[e.target]);
                 AppendJsonField(t, "type", TieType(e.tie));
                 AppendJsonField(t, "role", TieRole(e.tie));
                 const std::string share = FormatShare(e.tie.share_pct);
                 if (!share.empty()) Append(t, ",\"share_pct\":", share);
                 AppendJsonField(t, "valid_from", FormatIsoDate(e.tie.valid.from));
                 AppendJsonField(t, "valid_to", FormatIsoDate(e.tie.valid.to));
                 Append(t, ",\"derived\":", FormatBool(e.derived));
                 t += "}}";
               }});
  s.push_back(Text(kFile, "\n]}}\n"));
  return s;
}

std::vector<Section> Neo4jSections(const Subgraph& g, const std::vector<std::string>& ids) {
  std::vector<Section> s;
  // Persons come before organizations in VertexId order, so each file is one run of vertices.
  for (const bool persons : {true, false}) {
    const std::string_view file = persons ? "nodes_person.csv" : "nodes_organization.csv";
    s.push_back(Text(
        file, persons ? "id:ID,name,kind,:LABEL\n" : "id:ID,name,kind,org_kind,region,:LABEL\n"));
    s.push_back({file, g.vertex_count(), [&g, persons](size_t i, std::string& t) {
                   const VertexRecord v = g.Vertex(i);
                   if (v.person != persons) return;
                   AppendCsv(t, v.id);
                   t += ',';
                   AppendCsv(t, v.name);
                   if (persons) {
                     t += ",person,Person\n";
                   } else {
                     t += ",organization,";
                     AppendCsv(t, v.org_kind);
                     t += ',';
                     AppendCsv(t, v.region);
                     t += ",Organization\n";
                   }
                 }});
  }
  constexpr std::string_view kFile = "relationships.csv";
  s.push_back(Text(
      kFile, ":START_ID,:END_ID,:TYPE,role,share_pct:float,valid_from,valid_to,derived:boolean\n"));
  s.push_back({kFile, g.edges().size(), [&g, &ids](size_t n, std::string& t) {
                 const EdgeRecord& e = g.edges()[n];
                 AppendCsv(t, ids[e.source]);
                 t += ',';
                 AppendCsv(t, ids[e.target]);
                 t += ',';
                 AppendCsv(t, UpperCase(TieType(e.tie)));
                 t += ',';
                 AppendCsv(t, TieRole(e.tie));
                 t += ',';
                 AppendCsv(t, FormatShare(e.tie.share_pct));
                 t += ',';
                 AppendCsv(t, FormatIsoDate(e.tie.valid.from));
                 t += ',';
                 AppendCsv(t, FormatIsoDate(e.tie.valid.to));
                 t += ',';
                 t += FormatBool(e.derived);
                 t += '\n';
               }});
  return s;
}

// ---------------------------------------------------------------------------------------------
// FollowTheMoney: one entity per line, {"id":...,"schema":...,"properties":{"name":[...],...}},
// every property value an array of strings.

// The schema of an organization: PublicBody for a state body; Company for a quasi-state
// company, a company and an individual entrepreneur (FtM's Company is an Asset, so it can be
// an Ownership's asset: a state body owns a quasi-state company, a person their entrepreneur);
// Organization for an NGO (FtM: an entity that cannot be owned).
std::string_view FtmSchema(OrgKind kind) {
  switch (kind) {
    case OrgKind::kStateBody:
      return "PublicBody";
    case OrgKind::kQuasiState:
    case OrgKind::kCompany:
    case OrgKind::kIndividualEntrepreneur:
      return "Company";
    case OrgKind::kNgo:
      return "Organization";
  }
  return "Organization";
}

// The kind of an organization in words, as its legalForm.
std::string_view FtmLegalForm(OrgKind kind) {
  switch (kind) {
    case OrgKind::kStateBody:
      return "state body";
    case OrgKind::kQuasiState:
      return "quasi-state company";
    case OrgKind::kCompany:
      return "company";
    case OrgKind::kIndividualEntrepreneur:
      return "individual entrepreneur";
    case OrgKind::kNgo:
      return "non-governmental organization";
  }
  return "";
}

std::string_view FtmGender(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return "male";
    case Sex::kFemale:
      return "female";
    case Sex::kUnknown:
      return "";
  }
  return "";
}

// {"id":"...","schema":"...","properties":{
void AppendFtmStart(std::string& out, std::string_view id, std::string_view schema) {
  out += "{\"id\":";
  AppendJsonString(out, id);
  out += ",\"schema\":";
  AppendJsonString(out, schema);
  out += ",\"properties\":{";
}

// "name":["value"], comma-separated; left out when the value is empty.
void AppendFtmProperty(std::string& out, bool& first, std::string_view name,
                       std::string_view value) {
  if (value.empty()) return;
  if (!first) out += ',';
  AppendJsonString(out, name);
  out += ":[";
  AppendJsonString(out, value);
  out += ']';
  first = false;
}

// What an edge is in FtM: an interval entity of `schema` from `source` to `target` (the names
// of its two entity properties) with `kind` (the name of the property saying what the tie is)
// set to `value`.
struct FtmLink {
  std::string_view schema, source, target, kind, value;
};

FtmLink FtmLinkOf(const Subgraph& g, const EdgeRecord& e) {
  const Tie& t = e.tie;
  switch (t.kind) {
    case TieKind::kParent:
      return {"Family", "person", "relative", "relationship",
              t.adoptive ? "adoptive parent" : "parent"};
    case TieKind::kSpouse:
      return {"Family", "person", "relative", "relationship", "spouse"};
    case TieKind::kSibling:
      return {"Family", "person", "relative", "relationship", "sibling"};
    case TieKind::kHolds:
    case TieKind::kChild:
    case TieKind::kHeldBy:  // not exported: the holds direction is
      break;
  }
  const TieLabelWords* words = WordsOfTieLabel(TieLabel(t));
  const std::string_view role = words != nullptr ? words->en : TieLabel(t);
  if (!IsOwnershipRole(t.role)) return {"Directorship", "director", "organization", "role", role};
  const Snapshot& s = g.snapshot();
  const OrgKind target = s.data().organizations[s.OrgOf(g.vertex(e.target))].kind;
  // Only an Asset can be owned; a founder of an NGO or a state body is a member of it.
  if (FtmSchema(target) == "Company") return {"Ownership", "owner", "asset", "role", role};
  return {"Membership", "member", "organization", "role", role};
}

std::string_view FtmIdPrefix(std::string_view schema) {
  if (schema == "Family") return "kz-family-";
  if (schema == "Ownership") return "kz-ownership-";
  if (schema == "Directorship") return "kz-directorship-";
  return "kz-membership-";
}

// What an edge's id is made from: its schema, ends, kind, share, dates and whether it is derived.
std::string FtmLinkKey(const Subgraph& g, const std::vector<std::string>& ids, size_t n) {
  const EdgeRecord& e = g.edges()[n];
  const FtmLink link = FtmLinkOf(g, e);
  return Cat(link.schema, "\n", ids[e.source], "\n", ids[e.target], "\n", link.value, "\n",
             FormatShare(e.tie.share_pct), "\n", FormatIsoDate(e.tie.valid.from), "\n",
             FormatIsoDate(e.tie.valid.to), "\n", FormatBool(e.derived));
}

std::vector<Section> FtmSections(const Subgraph& g, const std::vector<std::string>& ids) {
  constexpr std::string_view kFile = "subgraph.ftm.json";
  std::vector<Section> s;
  s.push_back({kFile, g.vertex_count(), [&g, &ids](size_t i, std::string& t) {
                 const Snapshot& snap = g.snapshot();
                 const VertexId v = g.vertex(i);
                 const bool hidden = g.pseudonymise() && IsNaturalPersonVertex(snap, v);
                 bool first = true;
                 if (snap.IsPerson(v)) {
                   AppendFtmStart(t, ids[i], "Person");
                   if (hidden) {
                     AppendFtmProperty(t, first, "name", ids[i]);
                   } else {
                     // Birth date and sex are the IIN's digits: written only with it.
                     const Person& p = snap.data().persons[snap.PersonOf(v)];
                     AppendFtmProperty(t, first, "name",
                                       CleanText(snap.PersonFullName(snap.PersonOf(v))));
                     AppendFtmProperty(t, first, "lastName", CleanText(snap.Str(p.last_name)));
                     AppendFtmProperty(t, first, "firstName", CleanText(snap.Str(p.first_name)));
                     AppendFtmProperty(t, first, "fatherName", CleanText(snap.Str(p.patronymic)));
                     AppendFtmProperty(t, first, "idNumber", FormatIdentityNumber(p.iin));
                     AppendFtmProperty(t, first, "birthDate", FormatIsoDate(p.birth_date));
                     AppendFtmProperty(t, first, "deathDate", FormatIsoDate(p.death_date));
                     AppendFtmProperty(t, first, "gender", FtmGender(p.sex));
                   }
                 } else {
                   const Organization& org = snap.data().organizations[snap.OrgOf(v)];
                   AppendFtmStart(t, ids[i], FtmSchema(org.kind));
                   if (hidden) {
                     AppendFtmProperty(t, first, "name", ids[i]);
                   } else {
                     AppendFtmProperty(t, first, "name", CleanText(snap.VertexName(v)));
                     AppendFtmProperty(t, first, "registrationNumber", snap.VertexNumber(v));
                   }
                   AppendFtmProperty(t, first, "legalForm", FtmLegalForm(org.kind));
                   AppendFtmProperty(t, first, "address", CleanText(snap.Str(org.region)));
                 }
                 AppendFtmProperty(t, first, "country", "kz");
                 t += "}}\n";
               }});
  s.push_back({kFile, g.edges().size(), [&g, &ids](size_t n, std::string& t) {
                 const EdgeRecord& e = g.edges()[n];
                 const FtmLink link = FtmLinkOf(g, e);
                 // The same fact twice (the same key) gets -2, -3, ...: ids stay unique.
                 const std::string key = FtmLinkKey(g, ids, n);
                 size_t repeat = 0;
                 while (repeat < n && FtmLinkKey(g, ids, n - repeat - 1) == key) ++repeat;
                 std::string id = Cat(FtmIdPrefix(link.schema), base::Sha256Hex(key).substr(0, 16));
                 if (repeat > 0) Append(id, "-", repeat + 1);
                 AppendFtmStart(t, id, link.schema);
                 bool first = true;
                 AppendFtmProperty(t, first, link.source, ids[e.source]);
                 AppendFtmProperty(t, first, link.target, ids[e.target]);
                 AppendFtmProperty(t, first, link.kind, link.value);
                 if (link.schema == "Ownership") {
                   AppendFtmProperty(t, first, "percentage", FormatShare(e.tie.share_pct));
                 }
                 AppendFtmProperty(t, first, "startDate", FormatIsoDate(e.tie.valid.from));
                 AppendFtmProperty(t, first, "endDate", FormatIsoDate(e.tie.valid.to));
                 if (e.derived) {
                   AppendFtmProperty(t, first, "summary",
                                     "derived: the two share a parent (no stated sibling tie)");
                 }
                 t += "}}\n";
               }});
  return s;
}

std::vector<Section> SectionsOf(ExportFormat format, const Subgraph& g,
                                const std::vector<std::string>& ids) {
  switch (format) {
    case ExportFormat::kGraphml:
      return GraphmlSections(g, ids);
    case ExportFormat::kGexf:
      return GexfSections(g, ids);
    case ExportFormat::kDot:
      return DotSections(g, ids);
    case ExportFormat::kCytoscapeJson:
      return CytoscapeSections(g, ids);
    case ExportFormat::kNeo4jCsv:
      return Neo4jSections(g, ids);
    case ExportFormat::kFtm:
      return FtmSections(g, ids);
  }
  return {};
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view text) {
  for (ExportFormat f :
       {ExportFormat::kGraphml, ExportFormat::kGexf, ExportFormat::kDot,
        ExportFormat::kCytoscapeJson, ExportFormat::kNeo4jCsv, ExportFormat::kFtm}) {
    if (Name(f) == text) return f;
  }
  return std::nullopt;
}

std::string_view Name(ExportFormat format) {
  switch (format) {
    case ExportFormat::kGraphml:
      return "graphml";
    case ExportFormat::kGexf:
      return "gexf";
    case ExportFormat::kDot:
      return "dot";
    case ExportFormat::kCytoscapeJson:
      return "cytoscape";
    case ExportFormat::kNeo4jCsv:
      return "neo4j";
    case ExportFormat::kFtm:
      return "ftm";
  }
  return "?";
}

std::vector<std::string_view> ExportFileNames(ExportFormat format) {
  switch (format) {
    case ExportFormat::kGraphml:
      return {"subgraph.graphml"};
    case ExportFormat::kGexf:
      return {"subgraph.gexf"};
    case ExportFormat::kDot:
      return {"subgraph.dot"};
    case ExportFormat::kCytoscapeJson:
      return {"subgraph.cyjs"};
    case ExportFormat::kNeo4jCsv:
      return {"nodes_person.csv", "nodes_organization.csv", "relationships.csv"};
    case ExportFormat::kFtm:
      return {"subgraph.ftm.json"};
  }
  return {};
}

std::string PersonPseudonym(uint64_t iin, std::string_view salt) {
  return Cat("P-", PseudonymDigits(iin, salt));
}

std::string EntrepreneurPseudonym(uint64_t bin, std::string_view salt) {
  return Cat("E-", PseudonymDigits(bin, salt));
}

bool IsNaturalPersonVertex(const Snapshot& s, VertexId v) {
  return s.IsPerson(v) ||
         s.data().organizations[s.OrgOf(v)].kind == OrgKind::kIndividualEntrepreneur;
}

std::string VertexPseudonym(const Snapshot& s, VertexId v, std::string_view salt) {
  if (s.IsPerson(v)) return PersonPseudonym(s.data().persons[s.PersonOf(v)].iin, salt);
  const Organization& org = s.data().organizations[s.OrgOf(v)];
  if (org.kind == OrgKind::kIndividualEntrepreneur) return EntrepreneurPseudonym(org.bin, salt);
  return s.VertexNumber(v);
}

// What a writer holds: the subgraph, its sections, where it is in them and the text made but
// not yet handed out (less than a chunk plus one record).
struct SubgraphWriter::State {
  State(const Snapshot& s, std::vector<VertexId> sorted, ExportFormat format, ExportOptions o)
      : options(std::move(o)),
        graph(s, std::move(sorted), options),
        ids(graph.VertexIds(format)),
        sections(SectionsOf(format, graph, ids)),
        file(sections.front().file) {}

  // Whether the current file has a record left; skips the sections of it that are done.
  bool MoreInFile() {
    while (section < sections.size() && sections[section].file == file) {
      if (record < sections[section].count) return true;
      ++section;
      record = 0;
    }
    return false;
  }
  void AppendRecord() { sections[section].record(record++, text); }

  ExportOptions options;  // before `graph`, which refers to it
  Subgraph graph;
  std::vector<std::string> ids;  // of every vertex, for edge ends
  std::vector<Section> sections;
  size_t section = 0;  // the next record is sections[section]'s `record`-th
  size_t record = 0;
  std::string_view file;  // the file being written
  std::string text;       // made, not handed out yet
  std::string chunk;      // handed out by the last Next()
};

absl::StatusOr<std::unique_ptr<SubgraphWriter>> SubgraphWriter::Create(
    const Snapshot& s, const std::vector<VertexId>& vertices, ExportFormat format,
    ExportOptions options) {
  if (options.chunk_bytes == 0) return absl::InvalidArgumentError("chunk_bytes must be > 0");
  if (options.pseudonymise && options.pseudonym_salt.empty()) {
    return absl::InvalidArgumentError("pseudonymised export needs a non-empty pseudonym_salt");
  }
  if (ExportFileNames(format).empty()) return absl::InvalidArgumentError("unknown export format");
  for (VertexId v : vertices) {
    if (!s.IsVertex(v)) {
      return absl::InvalidArgumentError(AbslView(Cat("vertex ", v.value(), " out of range")));
    }
  }
  std::vector<VertexId> sorted = vertices;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return std::unique_ptr<SubgraphWriter>(new SubgraphWriter(
      std::make_unique<State>(s, std::move(sorted), format, std::move(options))));
}

SubgraphWriter::SubgraphWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
SubgraphWriter::~SubgraphWriter() = default;

std::optional<ExportChunkView> SubgraphWriter::Next() {
  State& st = *state_;
  const size_t limit = st.options.chunk_bytes;
  for (;;) {
    while (st.text.size() < limit && st.MoreInFile()) st.AppendRecord();
    if (!st.text.empty()) break;
    // This file is all handed out: on to the next one, if any.
    if (st.section == st.sections.size()) return std::nullopt;
    st.file = st.sections[st.section].file;
  }
  // A full chunk, or the end of the file. Never split a UTF-8 character: back off to its lead
  // byte, or take the whole character when the chunk is smaller than it.
  const size_t n = std::min(limit, st.text.size());
  auto continuation = [&](size_t at) {
    return at < st.text.size() && (static_cast<unsigned char>(st.text[at]) & 0xC0) == 0x80;
  };
  size_t cut = n;
  while (cut > 0 && continuation(cut)) --cut;
  if (cut == 0) {
    cut = n;
    while (continuation(cut)) ++cut;
  }
  st.chunk.assign(st.text, 0, cut);
  st.text.erase(0, cut);
  // Whether it is the file's last chunk: is there more of the file (records may add nothing)?
  while (st.text.empty() && st.MoreInFile()) st.AppendRecord();
  return ExportChunkView{.file = st.file, .data = st.chunk, .last_of_file = st.text.empty()};
}

absl::Status WriteSubgraph(const Snapshot& s, const std::vector<VertexId>& vertices,
                           ExportFormat format, const ExportOptions& options,
                           const ExportSink& sink) {
  absl::StatusOr<std::unique_ptr<SubgraphWriter>> writer =
      SubgraphWriter::Create(s, vertices, format, options);
  if (!writer.ok()) return writer.status();
  while (std::optional<ExportChunkView> chunk = (*writer)->Next()) {
    if (!sink(chunk->file, chunk->data)) {
      return absl::CancelledError("export stopped by its receiver");
    }
  }
  return absl::OkStatus();
}

}  // namespace coigraph::graph
