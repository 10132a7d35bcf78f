// Subgraph export (graph/export.h): each format's exact text on a tiny graph, escaping of hostile
// names, pseudonymisation, chunking, cancellation, and the files loading in real readers
// (networkx under Debian's /usr/bin/python3, xmllint, Graphviz) when those are installed; the
// FollowTheMoney entities read back by tests/graph/check_ftm.py and matched tie for tie against
// the Neo4j export of the same subgraph.
#include "graph/export.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "base/text.h"
#include "graph/paths.h"
#include "gtest/gtest.h"
#include "tests/graph/tiny_snapshot.h"

namespace coigraph::graph {
namespace {

using base::Append;
using base::Cat;
using test_util::Day;
using test_util::During;
using test_util::TinySnapshot;

constexpr std::string_view kSalt = "salt-1";

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
bool Lacks(const std::string& text, const std::string& part) { return !Has(text, part); }

// file name -> its concatenated chunks, in the order files were first seen.
struct Collected {
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<std::string> chunks;

  const std::string& File(std::string_view name) const {
    for (const auto& [n, text] : files) {
      if (n == name) return text;
    }
    static const std::string kMissing = "<missing>";
    return kMissing;
  }
  std::string All() const {
    std::string out;
    for (const auto& f : files) out += f.second;
    return out;
  }
};

absl::StatusOr<Collected> Export(const Snapshot& s, const std::vector<VertexId>& vertices,
                                 ExportFormat format, ExportOptions options) {
  Collected c;
  absl::Status st = WriteSubgraph(s, vertices, format, options,
                                  [&](std::string_view file, std::string_view chunk) {
                                    if (c.files.empty() || c.files.back().first != file) {
                                      c.files.emplace_back(std::string(file), "");
                                    }
                                    c.files.back().second.append(chunk);
                                    c.chunks.emplace_back(chunk);
                                    return true;
                                  });
  if (!st.ok()) return st;
  return c;
}

ExportOptions Plain(Date d) {
  ExportOptions o;
  o.date = d;
  o.pseudonymise = false;
  return o;
}
ExportOptions Pseudonymised(Date d) {
  ExportOptions o;
  o.date = d;
  o.pseudonym_salt = std::string(kSalt);
  return o;
}

constexpr ExportFormat kAllFormats[] = {ExportFormat::kGraphml,  ExportFormat::kGexf,
                                        ExportFormat::kDot,      ExportFormat::kCytoscapeJson,
                                        ExportFormat::kNeo4jCsv, ExportFormat::kFtm};

// The small graph of the exact-output tests:
//
//   anna ══spouse══ bob ──holds(founder, 60%, since 2020-01-01)──▶ "Alfa & Co"
//
// IINs 100000000001, 100000000002; BIN 200000000003, region "Астана".
struct Small {
  std::shared_ptr<const Snapshot> s;
  std::vector<VertexId> all;
};
Small MakeSmall() {
  TinySnapshot t;
  const PersonIndex anna = t.Person("Anna"), bob = t.Person("Bob");
  const OrgIndex alfa = t.builder().AddOrganization({.bin = 200000000003ULL,
                                                     .name = t.builder().Intern("Alfa & Co"),
                                                     .kind = OrgKind::kCompany,
                                                     .parent = kNone,
                                                     .region = t.builder().Intern("Астана")});
  t.Spouse(bob, anna);
  t.Role(bob, CompanyRoleKind::kFounder, alfa, During("2020-01-01", ""), 60);
  Small out;
  out.s = t.Build();
  out.all = {out.s->PersonVertex(anna), out.s->PersonVertex(bob), out.s->OrgVertex(alfa)};
  return out;
}

TEST(ExportFormatTest, ParsesItsNames) {
  for (ExportFormat f : kAllFormats) EXPECT_EQ(ParseExportFormat(Name(f)), f);
  EXPECT_EQ(ParseExportFormat("cytoscape"), ExportFormat::kCytoscapeJson);
  EXPECT_EQ(ParseExportFormat("neo4j"), ExportFormat::kNeo4jCsv);
  EXPECT_EQ(ParseExportFormat("ftm"), ExportFormat::kFtm);
  EXPECT_EQ(ParseExportFormat("GraphML"), std::nullopt);
  EXPECT_EQ(ParseExportFormat(""), std::nullopt);
}

TEST(ExportPseudonymTest, IsSha256OfSaltAndIin) {
  // Expected values from Python's hashlib.sha256(salt + iin).hexdigest()[:12]; the salts make
  // one-block and two-block messages and the 55/56-byte padding boundary.
  EXPECT_EQ(PersonPseudonym(100000000001ULL, "salt-1"), "P-dc6945503e3d");
  EXPECT_EQ(PersonPseudonym(42, ""), "P-6eea1ba3c8f1");
  EXPECT_EQ(PersonPseudonym(100000000001ULL, std::string(70, 'x')), "P-b1a6d4ca3de0");
  EXPECT_EQ(PersonPseudonym(100000000001ULL, std::string(43, 'y')), "P-5cd336c70a6b");
  EXPECT_EQ(PersonPseudonym(100000000001ULL, std::string(44, 'y')), "P-ede229b575e0");
  EXPECT_EQ(PersonPseudonym(100000000001ULL, std::string(52, 'y')), "P-d19366c8b840");
}

TEST(ExportGraphmlTest, ExactSmallGraph) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kGraphml, Plain(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->files.size(), 1u);
  EXPECT_EQ(c->files[0].first, "subgraph.graphml");
  EXPECT_EQ(c->files[0].second,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
            "  <key id=\"d0\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
            "  <key id=\"d1\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
            "  <key id=\"d2\" for=\"node\" attr.name=\"org_kind\" attr.type=\"string\"/>\n"
            "  <key id=\"d3\" for=\"node\" attr.name=\"region\" attr.type=\"string\"/>\n"
            "  <key id=\"d4\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
            "  <key id=\"d5\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>\n"
            "  <key id=\"d6\" for=\"edge\" attr.name=\"share_pct\" attr.type=\"double\"/>\n"
            "  <key id=\"d7\" for=\"edge\" attr.name=\"valid_from\" attr.type=\"string\"/>\n"
            "  <key id=\"d8\" for=\"edge\" attr.name=\"valid_to\" attr.type=\"string\"/>\n"
            "  <key id=\"d9\" for=\"edge\" attr.name=\"derived\" attr.type=\"boolean\"/>\n"
            "  <graph id=\"subgraph\" edgedefault=\"directed\">\n"
            "    <node id=\"100000000001\"><data key=\"d0\">person</data>"
            "<data key=\"d1\">Anna</data></node>\n"
            "    <node id=\"100000000002\"><data key=\"d0\">person</data>"
            "<data key=\"d1\">Bob</data></node>\n"
            "    <node id=\"200000000003\"><data key=\"d0\">organization</data>"
            "<data key=\"d1\">Alfa &amp; Co</data><data key=\"d2\">company</data>"
            "<data key=\"d3\">Астана</data></node>\n"
            "    <edge id=\"e0\" source=\"100000000001\" target=\"100000000002\">"
            "<data key=\"d4\">spouse</data><data key=\"d9\">false</data></edge>\n"
            "    <edge id=\"e1\" source=\"100000000002\" target=\"200000000003\">"
            "<data key=\"d4\">holds</data><data key=\"d5\">founder</data>"
            "<data key=\"d6\">60</data><data key=\"d7\">2020-01-01</data>"
            "<data key=\"d9\">false</data></edge>\n"
            "  </graph>\n"
            "</graphml>\n");
}

TEST(ExportGexfTest, ExactSmallGraph) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kGexf, Plain(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->File("subgraph.gexf"),
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
            "    <nodes>\n"
            "      <node id=\"100000000001\" label=\"Anna\"><attvalues>"
            "<attvalue for=\"0\" value=\"person\"/></attvalues></node>\n"
            "      <node id=\"100000000002\" label=\"Bob\"><attvalues>"
            "<attvalue for=\"0\" value=\"person\"/></attvalues></node>\n"
            "      <node id=\"200000000003\" label=\"Alfa &amp; Co\"><attvalues>"
            "<attvalue for=\"0\" value=\"organization\"/><attvalue for=\"1\" value=\"company\"/>"
            "<attvalue for=\"2\" value=\"Астана\"/></attvalues></node>\n"
            "    </nodes>\n"
            "    <edges>\n"
            "      <edge id=\"0\" source=\"100000000001\" target=\"100000000002\" "
            "label=\"spouse\"><attvalues><attvalue for=\"0\" value=\"spouse\"/>"
            "<attvalue for=\"5\" value=\"false\"/></attvalues></edge>\n"
            "      <edge id=\"1\" source=\"100000000002\" target=\"200000000003\" "
            "label=\"holds\"><attvalues><attvalue for=\"0\" value=\"holds\"/>"
            "<attvalue for=\"1\" value=\"founder\"/><attvalue for=\"2\" value=\"60\"/>"
            "<attvalue for=\"3\" value=\"2020-01-01\"/><attvalue for=\"5\" value=\"false\"/>"
            "</attvalues></edge>\n"
            "    </edges>\n"
            "  </graph>\n"
            "</gexf>\n");
}

TEST(ExportDotTest, ExactSmallGraph) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kDot, Plain(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->File("subgraph.dot"),
            "digraph coigraph {\n"
            "  \"100000000001\" [label=\"Anna\", kind=\"person\", shape=\"ellipse\"];\n"
            "  \"100000000002\" [label=\"Bob\", kind=\"person\", shape=\"ellipse\"];\n"
            "  \"200000000003\" [label=\"Alfa & Co\", kind=\"organization\", "
            "org_kind=\"company\", region=\"Астана\", shape=\"box\"];\n"
            "  \"100000000001\" -> \"100000000002\" [label=\"spouse\", type=\"spouse\"];\n"
            "  \"100000000002\" -> \"200000000003\" [label=\"founder\", type=\"holds\", "
            "role=\"founder\", share_pct=\"60\", valid_from=\"2020-01-01\"];\n"
            "}\n");
}

TEST(ExportCytoscapeTest, ExactSmallGraph) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kCytoscapeJson, Plain(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->File("subgraph.cyjs"),
            "{\"elements\":{\"nodes\":[\n"
            "{\"data\":{\"id\":\"100000000001\",\"kind\":\"person\",\"name\":\"Anna\"}},\n"
            "{\"data\":{\"id\":\"100000000002\",\"kind\":\"person\",\"name\":\"Bob\"}},\n"
            "{\"data\":{\"id\":\"200000000003\",\"kind\":\"organization\","
            "\"name\":\"Alfa & Co\",\"org_kind\":\"company\",\"region\":\"Астана\"}}\n"
            "],\"edges\":[\n"
            "{\"data\":{\"id\":\"e0\",\"source\":\"100000000001\",\"target\":\"100000000002\","
            "\"type\":\"spouse\",\"derived\":false}},\n"
            "{\"data\":{\"id\":\"e1\",\"source\":\"100000000002\",\"target\":\"200000000003\","
            "\"type\":\"holds\",\"role\":\"founder\",\"share_pct\":60,"
            "\"valid_from\":\"2020-01-01\",\"derived\":false}}\n"
            "]}}\n");
}

TEST(ExportNeo4jTest, ExactSmallGraphInThreeFiles) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kNeo4jCsv, Plain(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->files.size(), 3u);
  EXPECT_EQ(c->files[0].first, "nodes_person.csv");
  EXPECT_EQ(c->files[1].first, "nodes_organization.csv");
  EXPECT_EQ(c->files[2].first, "relationships.csv");
  EXPECT_EQ(c->files[0].second,
            "id:ID,name,kind,:LABEL\n"
            "100000000001,Anna,person,Person\n"
            "100000000002,Bob,person,Person\n");
  EXPECT_EQ(c->files[1].second,
            "id:ID,name,kind,org_kind,region,:LABEL\n"
            "200000000003,Alfa & Co,organization,company,Астана,Organization\n");
  EXPECT_EQ(c->files[2].second,
            ":START_ID,:END_ID,:TYPE,role,share_pct:float,valid_from,valid_to,derived:boolean\n"
            "100000000001,100000000002,SPOUSE,,,,,false\n"
            "100000000002,200000000003,HOLDS,founder,60,2020-01-01,,false\n");
  std::vector<std::string_view> names = ExportFileNames(ExportFormat::kNeo4jCsv);
  EXPECT_EQ(names, (std::vector<std::string_view>{"nodes_person.csv", "nodes_organization.csv",
                                                  "relationships.csv"}));
}

TEST(ExportFtmTest, ExactSmallGraph) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kFtm, Plain(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->files.size(), 1u);
  EXPECT_EQ(c->files[0].first, "subgraph.ftm.json");
  // The link ids: Python's hashlib.sha256("Family\nkz-iin-100000000001\nkz-iin-100000000002\n"
  // "spouse\n\n\n\nfalse").hexdigest()[:16], and of "Ownership\nkz-iin-100000000002\n"
  // "kz-bin-200000000003\nfounder\n60\n2020-01-01\n\nfalse".
  EXPECT_EQ(c->files[0].second,
            "{\"id\":\"kz-iin-100000000001\",\"schema\":\"Person\",\"properties\":{"
            "\"name\":[\"Anna\"],\"lastName\":[\"Anna\"],\"idNumber\":[\"100000000001\"],"
            "\"birthDate\":[\"1970-01-01\"],\"gender\":[\"male\"],\"country\":[\"kz\"]}}\n"
            "{\"id\":\"kz-iin-100000000002\",\"schema\":\"Person\",\"properties\":{"
            "\"name\":[\"Bob\"],\"lastName\":[\"Bob\"],\"idNumber\":[\"100000000002\"],"
            "\"birthDate\":[\"1970-01-01\"],\"gender\":[\"male\"],\"country\":[\"kz\"]}}\n"
            "{\"id\":\"kz-bin-200000000003\",\"schema\":\"Company\",\"properties\":{"
            "\"name\":[\"Alfa & Co\"],\"registrationNumber\":[\"200000000003\"],"
            "\"legalForm\":[\"company\"],\"address\":[\"Астана\"],\"country\":[\"kz\"]}}\n"
            "{\"id\":\"kz-family-b6d60928d94e9980\",\"schema\":\"Family\",\"properties\":{"
            "\"person\":[\"kz-iin-100000000001\"],\"relative\":[\"kz-iin-100000000002\"],"
            "\"relationship\":[\"spouse\"]}}\n"
            "{\"id\":\"kz-ownership-b9f28b654b7f375e\",\"schema\":\"Ownership\",\"properties\":{"
            "\"owner\":[\"kz-iin-100000000002\"],\"asset\":[\"kz-bin-200000000003\"],"
            "\"role\":[\"founder\"],\"percentage\":[\"60\"],\"startDate\":[\"2020-01-01\"]}}\n");
  EXPECT_EQ(ExportFileNames(ExportFormat::kFtm),
            (std::vector<std::string_view>{"subgraph.ftm.json"}));
}

TEST(ExportFtmTest, PseudonymisedPersonsAreTheirPseudonymAndNothingElse) {
  const Small g = MakeSmall();
  auto c = Export(*g.s, g.all, ExportFormat::kFtm, Pseudonymised(Day("2023-01-01")));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string anna = PersonPseudonym(100000000001ULL, kSalt);
  EXPECT_PRED2(Has, c->All(),
               "{\"id\":\"" + anna + "\",\"schema\":\"Person\",\"properties\":{\"name\":[\"" +
                   anna + "\"],\"country\":[\"kz\"]}}\n");
  for (std::string_view hidden :
       {"10000000000", "kz-iin-", "idNumber", "birthDate", "gender", "Anna", "Bob"}) {
    EXPECT_PRED2(Lacks, c->All(), std::string(hidden));
  }
  EXPECT_PRED2(Has, c->All(), "\"kz-bin-200000000003\"");  // companies keep their BIN
}

// The hostile graph of the remaining tests:
//
//        grandma ──(outside the export)
//           │ parent
//   anna ══════ bad ──holds(founder 60%)──▶ firm ◀──holds(director)── bad
//     │ adoptive parent        ║ (spouse until 2020: not on the date)
//    kid ─sibling─ kid2       ex
//     anna ──owner──▶ anna's individual entrepreneur
struct Hostile {
  std::shared_ptr<const Snapshot> s;
  std::vector<VertexId> vertices;  // all but grandma
  PersonIndex anna, bad, kid, kid2, ex, grandma;
  OrgIndex firm, ie;
};

// Cyrillic with quotes and <&>; control characters \x01 and \x0b; invalid UTF-8.
constexpr std::string_view kAnnaName = "Ахметова \"Айгүл\" <&> 'Q'";
constexpr std::string_view kBadName = "Bad\x01Na\x0bme\xff\xc3";
constexpr std::string_view kFirmName = "ТОО \"Альфа, & Co\" <Ltd>\\\nline2";

Hostile MakeHostile() {
  TinySnapshot t;
  Hostile h;
  h.anna = t.Person(kAnnaName, Sex::kFemale);
  h.bad = t.Person(kBadName);
  h.kid = t.Person("Kid");
  h.kid2 = t.Person("Kid2");
  h.ex = t.Person("Ex");
  h.grandma = t.Person("Grandma", Sex::kFemale);
  h.firm = t.builder().AddOrganization({.bin = 200000000099ULL,
                                        .name = t.builder().Intern(kFirmName),
                                        .kind = OrgKind::kCompany,
                                        .parent = kNone,
                                        .region = t.builder().Intern("Алматы\x01")});
  h.ie = t.Entrepreneur(h.anna, "ИП Ахметова");
  t.Spouse(h.bad, h.anna);
  t.AdoptiveParent(h.anna, h.kid);
  t.Sibling(h.kid2, h.kid);
  t.Spouse(h.bad, h.ex, During("2010-01-01", "2020-01-01"));
  t.Parent(h.grandma, h.anna);
  t.Role(h.bad, CompanyRoleKind::kFounder, h.firm, During("2019-05-01", ""), 60);
  t.Role(h.bad, CompanyRoleKind::kDirector, h.firm, During("2021-01-01", "2030-01-01"));
  h.s = t.Build();
  for (PersonIndex p : {h.anna, h.bad, h.kid, h.kid2, h.ex}) {
    h.vertices.push_back(h.s->PersonVertex(p));
  }
  h.vertices.push_back(h.s->OrgVertex(h.firm));
  h.vertices.push_back(h.s->OrgVertex(h.ie));
  h.vertices.push_back(h.s->OrgVertex(h.firm));  // a duplicate, ignored
  return h;
}

const Date kOnDate = Day("2023-06-01");

TEST(ExportEdgesTest, EachFactOnceValidOnTheDateInsideTheSet) {
  const Hostile h = MakeHostile();
  auto c = Export(*h.s, h.vertices, ExportFormat::kNeo4jCsv, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  // anna=...01, bad=...02, kid=...03, kid2=...04, ex=...05; firm, then anna's IE.
  EXPECT_EQ(c->File("relationships.csv"),
            ":START_ID,:END_ID,:TYPE,role,share_pct:float,valid_from,valid_to,derived:boolean\n"
            "100000000001,100000000002,SPOUSE,,,,,false\n"
            "100000000001,IE-100000000001,HOLDS,owner,,,,false\n"
            "100000000002,200000000099,HOLDS,founder,60,2019-05-01,,false\n"
            "100000000002,200000000099,HOLDS,director,,2021-01-01,2030-01-01,false\n"
            "100000000003,100000000001,PARENT,adoptive,,,,false\n"
            "100000000003,100000000004,SIBLING,,,,,false\n");
  EXPECT_EQ(c->File("nodes_person.csv"),
            "id:ID,name,kind,:LABEL\n"
            "100000000001,\"Ахметова \"\"Айгүл\"\" <&> 'Q'\",person,Person\n"
            "100000000002,Bad\xEF\xBF\xBDNa\xEF\xBF\xBDme\xEF\xBF\xBD\xEF\xBF\xBD,person,Person\n"
            "100000000003,Kid,person,Person\n"
            "100000000004,Kid2,person,Person\n"
            "100000000005,Ex,person,Person\n");
  EXPECT_EQ(c->File("nodes_organization.csv"),
            "id:ID,name,kind,org_kind,region,:LABEL\n"
            "200000000099,\"ТОО \"\"Альфа, & Co\"\" <Ltd>\\\nline2\",organization,company,"
            "Алматы\xEF\xBF\xBD,Organization\n"
            "IE-100000000001,ИП Ахметова,organization,individual_entrepreneur,,Organization\n");
}

TEST(ExportEscapingTest, GraphmlAndGexfEscapeAndDropForbiddenCharacters) {
  const Hostile h = MakeHostile();
  for (ExportFormat f : {ExportFormat::kGraphml, ExportFormat::kGexf}) {
    auto c = Export(*h.s, h.vertices, f, Plain(kOnDate));
    ASSERT_TRUE(c.ok()) << c.status();
    const std::string x = c->All();
    EXPECT_PRED2(Has, x, "Ахметова &quot;Айгүл&quot; &lt;&amp;&gt; &apos;Q&apos;");
    EXPECT_PRED2(Has, x, "Bad\xEF\xBF\xBDNa\xEF\xBF\xBDme\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_PRED2(Has, x, "ТОО &quot;Альфа, &amp; Co&quot; &lt;Ltd&gt;\\&#10;line2");
    EXPECT_PRED2(Lacks, x, "\x01");
    EXPECT_PRED2(Lacks, x, "\x0b");
    EXPECT_PRED2(Lacks, x, "\xff");
  }
}

TEST(ExportEscapingTest, DotAndJsonQuoteTheirSpecials) {
  const Hostile h = MakeHostile();
  auto dot = Export(*h.s, h.vertices, ExportFormat::kDot, Plain(kOnDate));
  ASSERT_TRUE(dot.ok()) << dot.status();
  EXPECT_PRED2(Has, dot->All(), "label=\"Ахметова \\\"Айгүл\\\" <&> 'Q'\"");
  EXPECT_PRED2(Has, dot->All(), "label=\"ТОО \\\"Альфа, & Co\\\" <Ltd>\\\\\\nline2\"");
  EXPECT_PRED2(Has, dot->All(),
               ("\"100000000003\" -> \"100000000001\" [label=\"adoptive\", "
                "type=\"parent\", role=\"adoptive\"];"));

  auto json = Export(*h.s, h.vertices, ExportFormat::kCytoscapeJson, Plain(kOnDate));
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_PRED2(Has, json->All(), "\"name\":\"Ахметова \\\"Айгүл\\\" <&> 'Q'\"");
  EXPECT_PRED2(Has, json->All(), "\"name\":\"ТОО \\\"Альфа, & Co\\\" <Ltd>\\\\\\nline2\"");
  for (const std::string& out : {dot->All(), json->All()}) {
    EXPECT_PRED2(Lacks, out, "\x01");
    EXPECT_PRED2(Lacks, out, "\x0b");
    EXPECT_PRED2(Lacks, out, "\xff");
  }
}

TEST(ExportPseudonymTest, HidesPersonsAndEntrepreneursStablyInEveryFormat) {
  const Hostile h = MakeHostile();
  const std::string anna = PersonPseudonym(100000000001ULL, kSalt);
  for (ExportFormat f : kAllFormats) {
    auto first = Export(*h.s, h.vertices, f, Pseudonymised(kOnDate));
    auto again = Export(*h.s, h.vertices, f, Pseudonymised(kOnDate));
    ASSERT_TRUE(first.ok()) << first.status();
    ASSERT_TRUE(again.ok()) << again.status();
    const std::string out = first->All();
    EXPECT_EQ(out, again->All()) << Name(f);
    for (std::string_view hidden : {"10000000000", "Ахметова", "Айгүл", "Bad", "Kid", "Ex"}) {
      EXPECT_PRED2(Lacks, out, std::string(hidden)) << Name(f);
    }
    EXPECT_PRED2(Has, out, (anna)) << Name(f);
    EXPECT_PRED2(Has, out, ("E-" + anna.substr(2))) << Name(f);  // anna's entrepreneur
    EXPECT_PRED2(Has, out, "200000000099") << Name(f);           // companies keep their BIN
    EXPECT_PRED2(Has, out, "Альфа") << Name(f);                  // ... and name

    ExportOptions other = Pseudonymised(kOnDate);
    other.pseudonym_salt = "another salt";
    auto salted = Export(*h.s, h.vertices, f, other);
    ASSERT_TRUE(salted.ok()) << salted.status();
    EXPECT_PRED2(Lacks, salted->All(), anna) << Name(f);
  }
  auto csv = Export(*h.s, h.vertices, ExportFormat::kNeo4jCsv, Pseudonymised(kOnDate));
  ASSERT_TRUE(csv.ok());
  EXPECT_PRED2(Has, csv->File("nodes_person.csv"),
               anna + "," + anna + ",person,Person\n");  // name is the pseudonym
}

TEST(ExportChunkTest, SmallChunksConcatenateToTheSameFiles) {
  const Hostile h = MakeHostile();
  for (ExportFormat f : kAllFormats) {
    auto whole = Export(*h.s, h.vertices, f, Plain(kOnDate));
    ASSERT_TRUE(whole.ok()) << whole.status();
    EXPECT_EQ(whole->chunks.size(), whole->files.size()) << Name(f);  // one 64 KiB chunk each
    for (size_t bytes : {size_t{1}, size_t{2}, size_t{7}, size_t{100}}) {
      ExportOptions o = Plain(kOnDate);
      o.chunk_bytes = bytes;
      auto chunked = Export(*h.s, h.vertices, f, o);
      ASSERT_TRUE(chunked.ok()) << chunked.status();
      EXPECT_EQ(chunked->files, whole->files) << Name(f) << " " << bytes;
      for (const std::string& chunk : chunked->chunks) {
        ASSERT_FALSE(chunk.empty());
        EXPECT_LE(chunk.size(), std::max<size_t>(bytes, 4));
        if (bytes >= 4) {
          EXPECT_LE(chunk.size(), bytes);
        }
        // Whole UTF-8 characters: no chunk starts with a continuation byte.
        EXPECT_NE(static_cast<unsigned char>(chunk[0]) & 0xC0, 0x80) << Name(f);
      }
      if (bytes == 7) {
        EXPECT_GT(chunked->chunks.size(), 50u);
      }
    }
  }
}

TEST(ExportChunkTest, SinkReturningFalseCancels) {
  const Hostile h = MakeHostile();
  for (ExportFormat f : kAllFormats) {
    ExportOptions o = Plain(kOnDate);
    o.chunk_bytes = 16;
    int calls = 0;
    absl::Status st = WriteSubgraph(
        *h.s, h.vertices, f, o, [&](std::string_view, std::string_view) { return ++calls < 3; });
    EXPECT_EQ(st.code(), absl::StatusCode::kCancelled) << Name(f);
    EXPECT_EQ(calls, 3) << Name(f);
  }
}

// SubgraphWriter makes the chunks WriteSubgraph sends, one per Next(), and says which one ends
// each file.
TEST(ExportWriterTest, HandsOutTheSameChunksOneAtATimeAndMarksTheLastOfEachFile) {
  const Hostile h = MakeHostile();
  for (ExportFormat f : kAllFormats) {
    for (size_t bytes : {size_t{1}, size_t{7}, size_t{64} * 1024}) {
      ExportOptions o = Plain(kOnDate);
      o.chunk_bytes = bytes;
      auto pushed = Export(*h.s, h.vertices, f, o);
      ASSERT_TRUE(pushed.ok()) << pushed.status();
      absl::StatusOr<std::unique_ptr<SubgraphWriter>> w =
          SubgraphWriter::Create(*h.s, h.vertices, f, o);
      ASSERT_TRUE(w.ok()) << w.status();
      std::vector<std::string> chunks, files;
      std::vector<bool> last;
      while (std::optional<ExportChunkView> c = (*w)->Next()) {
        chunks.emplace_back(c->data);
        files.emplace_back(c->file);
        last.push_back(c->last_of_file);
      }
      EXPECT_FALSE((*w)->Next().has_value());
      EXPECT_EQ(chunks, pushed->chunks) << Name(f) << " " << bytes;
      ASSERT_FALSE(last.empty());
      for (size_t i = 0; i < last.size(); ++i) {
        const bool file_ends = i + 1 == last.size() || files[i + 1] != files[i];
        EXPECT_EQ(last[i], file_ends) << Name(f) << " " << bytes << " chunk " << i;
      }
    }
  }
}

TEST(ExportArgumentsTest, RefusesBadArgumentsBeforeWriting) {
  const Small g = MakeSmall();
  int calls = 0;
  auto sink = [&](std::string_view, std::string_view) { return ++calls > 0; };
  ExportOptions zero = Plain(0);
  zero.chunk_bytes = 0;
  EXPECT_EQ(WriteSubgraph(*g.s, g.all, ExportFormat::kDot, zero, sink).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      WriteSubgraph(*g.s, {VertexId(0), VertexId(99)}, ExportFormat::kDot, Plain(0), sink).code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WriteSubgraph(*g.s, g.all, ExportFormat::kDot, ExportOptions(), sink).code(),
            absl::StatusCode::kInvalidArgument);  // pseudonymised without a salt
  EXPECT_EQ(calls, 0);

  // An empty set is a valid, empty graph.
  auto empty = Export(*g.s, {}, ExportFormat::kCytoscapeJson, Plain(0));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->All(), "{\"elements\":{\"nodes\":[\n],\"edges\":[\n]}}\n");
}

// ---------------------------------------------------------------------------------------------
// Derived siblings.

// The case graph of the derived-sibling tests: the official's brother founded the firm, and
// the two are siblings only through parents who are not exported.
//
//        mum (bro: 2000..2030)     dad (bro: since 2010)         not exported
//       ╱    │      ╲               ╱     ╲
//    off ─sibling─ sis    bro     off     bro ──holds(founder)──▶ firm
//
// Exported: off, sis, bro, firm (IINs ...01, ...02, ...03, BIN 200000000006).
struct Family {
  std::shared_ptr<const Snapshot> s;
  std::vector<VertexId> vertices;
};
Family MakeFamily() {
  TinySnapshot t;
  const PersonIndex off = t.Person("Off"), sis = t.Person("Sis"), bro = t.Person("Bro"),
                    mum = t.Person("Mum", Sex::kFemale), dad = t.Person("Dad");
  const OrgIndex firm = t.Company("Firm");
  t.Parent(mum, off);
  t.Parent(mum, sis);
  t.Parent(mum, bro, During("2000-01-01", "2030-01-01"));
  t.Parent(dad, off);
  t.Parent(dad, bro, During("2010-01-01", ""));
  t.Sibling(off, sis);
  t.Role(bro, CompanyRoleKind::kFounder, firm);
  Family f;
  f.s = t.Build();
  // As the service seeds an export: the case's path (off, bro, firm), here with radius 0, and
  // the stated sister.
  absl::StatusOr<std::vector<TiePath>> path = KShortestPaths(
      *f.s, {.from = f.s->PersonVertex(off), .to = f.s->OrgVertex(firm), .date = kOnDate});
  if (!path.ok() || path->size() != 1) std::abort();
  std::vector<VertexId> seeds = path->front().vertices;
  seeds.push_back(f.s->PersonVertex(sis));
  absl::StatusOr<std::vector<VertexId>> vs =
      Neighborhood(*f.s, seeds, kOnDate, 0, kAllRelations, 100);
  if (!vs.ok()) std::abort();
  f.vertices = *vs;
  return f;
}

// One edge as a format writes it; `derived` is "true", "false" or "" (not written).
struct SeenEdge {
  std::string source, target, type, derived;
  auto operator<=>(const SeenEdge&) const = default;
};

std::string Match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

// The edges of an export, read back with each format's own syntax; sorted.
std::vector<SeenEdge> EdgesOf(ExportFormat f, const Collected& c) {
  std::vector<SeenEdge> out;
  auto each = [&](const std::string& text, const std::string& pattern, auto&& add) {
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it) {
      add(*it);
    }
  };
  switch (f) {
    case ExportFormat::kGraphml:
      each(c.All(), R"re(<edge id="e\d+" source="([^"]*)" target="([^"]*)">(.*?)</edge>)re",
           [&](const std::smatch& m) {
             const std::string data = m[3];
             out.push_back({m[1], m[2], Match(data, R"re(<data key="d4">([a-z_]+)</data>)re"),
                            Match(data, R"re(<data key="d9">([a-z]+)</data>)re")});
           });
      break;
    case ExportFormat::kGexf:
      each(c.All(),
           R"re(<edge id="\d+" source="([^"]*)" target="([^"]*)" label="[^"]*">(.*?)</edge>)re",
           [&](const std::smatch& m) {
             const std::string data = m[3];
             out.push_back({m[1], m[2], Match(data, R"re(<attvalue for="0" value="([a-z_]+)"/>)re"),
                            Match(data, R"re(<attvalue for="5" value="([a-z]+)"/>)re")});
           });
      break;
    case ExportFormat::kDot:
      each(c.All(), R"re("([^"]*)" -> "([^"]*)" \[(.*)\];)re", [&](const std::smatch& m) {
        const std::string attrs = m[3];
        const std::string derived = Match(attrs, R"re(derived="([a-z]+)")re");
        // Drawn dashed exactly when derived.
        EXPECT_EQ(Has(attrs, "style=\"dashed\""), derived == "true") << attrs;
        out.push_back({m[1], m[2], Match(attrs, R"re(type="([a-z_]+)")re"), derived});
      });
      break;
    case ExportFormat::kCytoscapeJson:
      each(c.All(), R"re(\{"data":\{"id":"e\d+","source":"([^"]*)","target":"([^"]*)"(.*?)\}\})re",
           [&](const std::smatch& m) {
             const std::string data = m[3];
             out.push_back({m[1], m[2], Match(data, R"re("type":"([a-z_]+)")re"),
                            Match(data, R"re("derived":([a-z]+))re")});
           });
      break;
    case ExportFormat::kNeo4jCsv:
      each(c.File("relationships.csv"),
           R"re(\n([^,\n]*),([^,\n]*),([A-Z_]+),[^\n]*,([a-z]*)(?=\n))re",
           [&](const std::smatch& m) {
             std::string type = m[3];
             std::transform(type.begin(), type.end(), type.begin(),
                            [](char ch) { return static_cast<char>(ch - 'A' + 'a'); });
             out.push_back({m[1], m[2], type, m[4]});
           });
      break;
    case ExportFormat::kFtm: {
      // Ends as their IIN/BIN; a Family's type is its relationship, the others' "holds".
      auto number = [](std::string id) {
        return std::regex_replace(id, std::regex("^kz-..n-"), "");
      };
      each(c.All(),
           R"re(\{"id":"kz-[a-z]+-[0-9a-f]+","schema":"([A-Za-z]+)","properties":\{)re"
           R"re("[a-z]+":\["([^"]*)"\],"[a-z]+":\["([^"]*)"\],"[a-z]+":\["([^"]*)"\])re"
           R"re((.*)\}\}\n)re",
           [&](const std::smatch& m) {
             out.push_back({number(m[2]), number(m[3]), m[1] == "Family" ? m[4].str() : "holds",
                            Has(m[5], "\"summary\"") ? "true" : "false"});
           });
      break;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// True when the edges join all of `ids` (directions ignored).
bool Connected(const std::vector<std::string>& ids, const std::vector<SeenEdge>& edges) {
  std::map<std::string, std::string> up;
  for (const std::string& id : ids) up[id] = id;
  std::function<std::string(const std::string&)> root = [&](const std::string& id) {
    return up[id] == id ? id : root(up[id]);
  };
  for (const SeenEdge& e : edges) {
    if (!up.contains(e.source) || !up.contains(e.target)) return false;
    up[root(e.source)] = root(e.target);
  }
  for (const std::string& id : ids) {
    if (root(id) != root(ids.front())) return false;
  }
  return true;
}

TEST(ExportDerivedSiblingTest, JoinsSiblingsWhoseParentIsNotExportedInEveryFormat) {
  const Family f = MakeFamily();
  ASSERT_EQ(f.vertices.size(), 4u);  // off, sis, bro, firm: not the parents
  const std::string off = "100000000001", sis = "100000000002", bro = "100000000003",
                    firm = "200000000006";
  const std::vector<SeenEdge> expected = {
      {off, sis, "sibling", "false"},  // stated (they share mum too): no derived edge
      {off, bro, "sibling", "true"},
      {sis, bro, "sibling", "true"},
      {bro, firm, "holds", "false"},
  };
  for (ExportFormat format : kAllFormats) {
    auto c = Export(*f.s, f.vertices, format, Plain(kOnDate));
    ASSERT_TRUE(c.ok()) << c.status();
    std::vector<SeenEdge> edges = EdgesOf(format, *c);
    if (format == ExportFormat::kDot) {  // DOT marks derived edges only
      for (SeenEdge& e : edges) e.derived = e.derived.empty() ? "false" : e.derived;
    }
    EXPECT_EQ(edges, expected) << Name(format);
    EXPECT_TRUE(Connected({off, sis, bro, firm}, edges)) << Name(format);
    EXPECT_PRED2(Lacks, c->All(), "100000000004") << Name(format);  // mum
    EXPECT_PRED2(Lacks, c->All(), "100000000005") << Name(format);  // dad
  }
}

TEST(ExportDerivedSiblingTest, OneEdgePerPairValidThroughAnySharedParent) {
  const Family f = MakeFamily();
  auto c = Export(*f.s, f.vertices, ExportFormat::kNeo4jCsv, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  // off and bro: through mum 2000..2030, through dad since 2010; sis and bro through mum only.
  EXPECT_EQ(c->File("relationships.csv"),
            ":START_ID,:END_ID,:TYPE,role,share_pct:float,valid_from,valid_to,derived:boolean\n"
            "100000000001,100000000002,SIBLING,,,,,false\n"
            "100000000001,100000000003,SIBLING,,,2000-01-01,,true\n"
            "100000000002,100000000003,SIBLING,,,2000-01-01,2030-01-01,true\n"
            "100000000003,200000000006,HOLDS,founder,,,,false\n");

  // Before bro's parent facts begin, nobody is his sibling: the firm hangs alone with him.
  auto early = Export(*f.s, f.vertices, ExportFormat::kNeo4jCsv, Plain(Day("1999-12-31")));
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_PRED2(Lacks, early->File("relationships.csv"), "true");
}

TEST(ExportDerivedSiblingTest, DeclaredInTheHeaders) {
  const Family f = MakeFamily();
  auto graphml = Export(*f.s, f.vertices, ExportFormat::kGraphml, Plain(kOnDate));
  auto gexf = Export(*f.s, f.vertices, ExportFormat::kGexf, Plain(kOnDate));
  ASSERT_TRUE(graphml.ok() && gexf.ok());
  EXPECT_PRED2(Has, graphml->All(),
               "<key id=\"d9\" for=\"edge\" attr.name=\"derived\" attr.type=\"boolean\"/>");
  EXPECT_PRED2(Has, gexf->All(), "<attribute id=\"5\" title=\"derived\" type=\"boolean\"/>");
}

// ---------------------------------------------------------------------------------------------
// Real readers.

// Runs `command`, returning its exit code and output (stdout and stderr).
std::pair<int, std::string> RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  char buf[512];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string WriteTemp(std::string_view name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "coigraph_export_" + std::string(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Debian's own interpreter: the pyenv python3 first on PATH has no networkx.
constexpr char kPython[] = "/usr/bin/python3";

bool HaveNetworkx() {
  static const bool have = RunCommand(std::string(kPython) + " -c 'import networkx'").first == 0;
  return have;
}

TEST(ExportReadersTest, GraphmlLoadsInNetworkx) {
  if (!HaveNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  const Hostile h = MakeHostile();
  for (bool pseudonymise : {false, true}) {
    ExportOptions o = pseudonymise ? Pseudonymised(kOnDate) : Plain(kOnDate);
    auto c = Export(*h.s, h.vertices, ExportFormat::kGraphml, o);
    ASSERT_TRUE(c.ok()) << c.status();
    const std::string path = WriteTemp("subgraph.graphml", c->All());
    auto [code, out] =
        RunCommand(std::string(kPython) +
                   " -c \"import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); "
                   "print(g.number_of_nodes(), g.number_of_edges())\" " +
                   path);
    ASSERT_EQ(code, 0) << out;
    EXPECT_EQ(out, "7 6\n");  // five persons, the firm, anna's IE; six facts
    std::remove(path.c_str());
  }
}

TEST(ExportReadersTest, GraphmlKeepsNamesThroughNetworkx) {
  if (!HaveNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  const Hostile h = MakeHostile();
  auto c = Export(*h.s, h.vertices, ExportFormat::kGraphml, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string path = WriteTemp("names.graphml", c->All());
  auto [code, out] =
      RunCommand(std::string(kPython) +
                 " -c \"import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); "
                 "n = g.nodes['100000000001']; e = g['100000000002']['200000000099']; "
                 "print(n['name'], n['kind'], sorted(d['role'] for d in e.values()), "
                 "[d.get('share_pct') for d in e.values()])\" " +
                 path);
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(out, "Ахметова \"Айгүл\" <&> 'Q' person ['director', 'founder'] [60.0, None]\n");
  std::remove(path.c_str());
}

TEST(ExportReadersTest, DerivedSiblingsThroughNetworkx) {
  if (!HaveNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  const Family f = MakeFamily();
  auto c = Export(*f.s, f.vertices, ExportFormat::kGraphml, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string path = WriteTemp("derived.graphml", c->All());
  auto [code, out] =
      RunCommand(std::string(kPython) +
                 " -c \"import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); "
                 "print(nx.is_weakly_connected(g), "
                 "sorted((u[-1], v[-1], d['derived']) for u, v, d in g.edges(data=True)))\" " +
                 path);
  ASSERT_EQ(code, 0) << out;
  // off=...1, sis=...2, bro=...3, firm=...6: read back as booleans.
  EXPECT_EQ(out,
            "True [('1', '2', False), ('1', '3', True), ('2', '3', True), ('3', '6', False)]\n");
  std::remove(path.c_str());
}

TEST(ExportReadersTest, GexfLoadsInNetworkx) {
  if (!HaveNetworkx()) GTEST_SKIP() << kPython << " cannot import networkx (python3-networkx)";
  const Hostile h = MakeHostile();
  auto c = Export(*h.s, h.vertices, ExportFormat::kGexf, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string path = WriteTemp("subgraph.gexf", c->All());
  // networkx < 3 knows only the GEXF 1.1/1.2 drafts; register the 1.3 namespace as networkx 3
  // does, so the reader parses our file rather than rejecting its version.
  auto [code, out] = RunCommand(
      std::string(kPython) +
      " -c \"import networkx as nx, sys; from networkx.readwrite import gexf; "
      "v = dict(gexf.GEXF.versions['1.2draft']); "
      "v.update(NS_GEXF='http://gexf.net/1.3', NS_VIZ='http://gexf.net/1.3/viz', "
      "VERSION='1.3'); "
      "gexf.GEXF.versions.setdefault('1.3', v); "
      "g = nx.read_gexf(sys.argv[1], version='1.3'); "
      "print(g.number_of_nodes(), g.number_of_edges(), g.nodes['100000000001']['label'])\" " +
      path);
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(out, "7 6 Ахметова \"Айгүл\" <&> 'Q'\n");
  std::remove(path.c_str());
}

TEST(ExportReadersTest, CytoscapeJsonParses) {
  if (RunCommand(std::string(kPython) + " -c 'import json'").first != 0) {
    GTEST_SKIP() << kPython << " is not available";
  }
  const Hostile h = MakeHostile();
  auto c = Export(*h.s, h.vertices, ExportFormat::kCytoscapeJson, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string path = WriteTemp("subgraph.cyjs", c->All());
  auto [code, out] =
      RunCommand(std::string(kPython) +
                 " -c \"import json, sys; d = json.load(open(sys.argv[1], "
                 "encoding='utf-8'))['elements']; "
                 "print(len(d['nodes']), len(d['edges']), d['nodes'][1]['data']['name'])\" " +
                 path);
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(out, "7 6 Bad\uFFFDNa\uFFFDme\uFFFD\uFFFD\n");
  std::remove(path.c_str());
}

TEST(ExportReadersTest, DotParsesInGraphviz) {
  if (RunCommand("/usr/bin/dot -V").first != 0)
    GTEST_SKIP() << "Graphviz /usr/bin/dot not installed";
  const Hostile h = MakeHostile();
  auto c = Export(*h.s, h.vertices, ExportFormat::kDot, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string path = WriteTemp("subgraph.dot", c->All());
  auto [code, out] = RunCommand("/usr/bin/dot -Tcanon " + path + " > /dev/null");
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out, "");  // no syntax errors or warnings
  std::remove(path.c_str());
}

// tests/graph/check_ftm.py on the FtM export of `vertices` and the Neo4j export of the same:
// its exit code and output.
std::pair<int, std::string> CheckFtm(const Snapshot& s, const std::vector<VertexId>& vertices,
                                     const ExportOptions& o, std::string_view tag) {
  auto ftm = Export(s, vertices, ExportFormat::kFtm, o);
  auto neo4j = Export(s, vertices, ExportFormat::kNeo4jCsv, o);
  if (!ftm.ok() || !neo4j.ok()) return {-1, "export failed"};
  std::string args;
  std::vector<std::string> paths;
  paths.push_back(WriteTemp(Cat(tag, "_subgraph.ftm.json"), ftm->All()));
  for (const char* f : {"nodes_person.csv", "nodes_organization.csv", "relationships.csv"}) {
    paths.push_back(WriteTemp(Cat(tag, "_", f), neo4j->File(f)));
  }
  std::string command = Cat(kPython, " ", COIGRAPH_SOURCE_DIR, "/tests/graph/check_ftm.py");
  for (const std::string& p : paths) Append(command, " ", p);
  std::pair<int, std::string> result = RunCommand(command);
  for (const std::string& p : paths) std::remove(p.c_str());
  return result;
}

bool HavePython() {
  static const bool have = RunCommand(std::string(kPython) + " -c 'import json, csv'").first == 0;
  return have;
}

// Every kind of organization and role: a state body founding a quasi-state company and an NGO
// (a founder of an NGO is a Membership: FtM owns only Companies), directors and board members,
// an owner of a company through a company, and the same fact stated twice.
struct Kinds {
  std::shared_ptr<const Snapshot> s;
  std::vector<VertexId> all;
};
Kinds MakeKinds() {
  TinySnapshot t;
  const PersonIndex head = t.Person("Head"), wife = t.Person("Wife", Sex::kFemale),
                    son = t.Person("Son");
  const OrgIndex ministry = t.Company("Ministry", OrgKind::kStateBody),
                 qs = t.Company("QuasiState", OrgKind::kQuasiState),
                 ngo = t.Company("Fund", OrgKind::kNgo), firm = t.Company("Firm"),
                 holding = t.Company("Holding");
  t.Spouse(head, wife, During("2001-02-03", ""));
  t.Parent(head, son);
  t.Parent(wife, son, During("", "2040-01-01"));
  t.CompanyRole(ministry, CompanyRoleKind::kFounder, qs);
  t.CompanyRole(ministry, CompanyRoleKind::kOwner, ngo);
  t.Role(wife, CompanyRoleKind::kFounder, ngo, During("2015-01-01", ""));
  t.Role(head, CompanyRoleKind::kDirector, ministry, During("2019-01-01", "2024-01-01"));
  t.Role(son, CompanyRoleKind::kBoardMember, qs);
  t.Role(son, CompanyRoleKind::kBeneficialOwner, firm, kAlways, 12.5);
  t.CompanyRole(holding, CompanyRoleKind::kOwner, firm);
  t.Role(son, CompanyRoleKind::kOwner, holding, kAlways, 100);
  t.Role(son, CompanyRoleKind::kOwner, holding, kAlways, 100);  // stated twice
  Kinds k;
  k.s = t.Build();
  for (size_t i = 0; i < k.s->vertex_count(); ++i) k.all.emplace_back(static_cast<uint32_t>(i));
  return k;
}

TEST(ExportReadersTest, FtmReadsBackWithEveryTieOfTheNeo4jExport) {
  if (!HavePython()) GTEST_SKIP() << kPython << " is not available";
  const Hostile h = MakeHostile();
  const Family f = MakeFamily();
  const Kinds k = MakeKinds();
  for (bool pseudonymise : {false, true}) {
    const ExportOptions o = pseudonymise ? Pseudonymised(kOnDate) : Plain(kOnDate);
    auto [code, out] = CheckFtm(*h.s, h.vertices, o, "hostile");
    EXPECT_EQ(code, 0) << out;
    EXPECT_EQ(out, "13 entities, 6 links\n");  // seven vertices, six facts
    std::tie(code, out) = CheckFtm(*f.s, f.vertices, o, "family");
    EXPECT_EQ(code, 0) << out;
    EXPECT_EQ(out, "8 entities, 4 links\n");  // two derived siblings among the four links
    std::tie(code, out) = CheckFtm(*k.s, k.all, o, "kinds");
    EXPECT_EQ(code, 0) << out;
    EXPECT_EQ(out, "20 entities, 12 links\n");
  }
}

TEST(ExportFtmTest, SchemataOfEveryKindAndUniqueIds) {
  const Kinds k = MakeKinds();
  auto c = Export(*k.s, k.all, ExportFormat::kFtm, Plain(kOnDate));
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string out = c->All();
  auto entity = [](std::string_view id, std::string_view schema) {
    return Cat("{\"id\":\"", id, "\",\"schema\":\"", schema, "\"");
  };
  EXPECT_PRED2(Has, out, entity("kz-bin-200000000004", "PublicBody"));
  EXPECT_PRED2(Has, out, entity("kz-bin-200000000005", "Company"));       // quasi-state
  EXPECT_PRED2(Has, out, entity("kz-bin-200000000006", "Organization"));  // NGO
  EXPECT_PRED2(Has, out, "\"legalForm\":[\"quasi-state company\"]");
  EXPECT_PRED2(Has, out, "\"legalForm\":[\"non-governmental organization\"]");
  EXPECT_PRED2(Has, out,
               "\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"kz-bin-200000000004\"],"
               "\"asset\":[\"kz-bin-200000000005\"],\"role\":[\"founder\"]}}");
  EXPECT_PRED2(Has, out,
               "\"schema\":\"Membership\",\"properties\":{\"member\":[\"kz-iin-100000000002\"],"
               "\"organization\":[\"kz-bin-200000000006\"],\"role\":[\"founder\"],"
               "\"startDate\":[\"2015-01-01\"]}}");
  EXPECT_PRED2(Has, out,
               "\"schema\":\"Directorship\",\"properties\":{\"director\":[\"kz-iin-100000000001\"],"
               "\"organization\":[\"kz-bin-200000000004\"],\"role\":[\"director\"],"
               "\"startDate\":[\"2019-01-01\"],\"endDate\":[\"2024-01-01\"]}}");
  EXPECT_PRED2(Has, out, "\"role\":[\"board member\"]");
  EXPECT_PRED2(Has, out, "\"role\":[\"beneficial owner\"],\"percentage\":[\"12.5\"]");
  EXPECT_PRED2(Has, out, "\"relationship\":[\"spouse\"],\"startDate\":[\"2001-02-03\"]}}");
  // Ids: unique (the fact stated twice gets "-2") and the same on every run.
  const std::regex id_re(R"re(\{"id":"([^"]+)")re");
  std::vector<std::string> ids;
  for (auto it = std::sregex_iterator(out.begin(), out.end(), id_re); it != std::sregex_iterator();
       ++it) {
    ids.push_back((*it)[1]);
  }
  EXPECT_EQ(ids.size(), 20u);
  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(),
                          [](const std::string& id) { return id.ends_with("-2"); }),
            1);
  auto again = Export(*k.s, k.all, ExportFormat::kFtm, Plain(kOnDate));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->All(), out);
}

}  // namespace
}  // namespace coigraph::graph
