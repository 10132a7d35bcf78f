#include "tools/cli/commands.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "base/text.h"
#include "graph/business.h"
#include "graph/kinship.h"
#include "graph/paths.h"
#include "graph/rules.h"
#include "loaders/feed_loader.h"
#include "tools/cli/cli_args.h"
#include "tools/cli/table.h"

namespace coigraph::tools {

namespace {

using base::Cat;

constexpr int kUsageError = 2;
constexpr int kUnusableFeed = 2;

constexpr char kScanHelp[] =
    "usage: coigraph scan FEED_DIR [--rules R1,R2] [--format table|jsonl] [--out FILE]\n"
    "\n"
    "Loads FEED_DIR (docs/feeds.md) and prints every finding of the rules of docs/rules.md.\n"
    "  --rules R1,R2    only these rules (e.g. HIRE_SUBORDINATION,TENDER_COMMISSION)\n"
    "  --format F       table (default, readable) or jsonl (one JSON object per finding)\n"
    "  --out FILE       write the findings to FILE instead of standard output\n"
    "Rejected rows are summarised on standard error (see `coigraph load`).\n";

constexpr char kLoadHelp[] =
    "usage: coigraph load FEED_DIR [--rejects FILE]\n"
    "\n"
    "Loads FEED_DIR and prints per file the rows loaded, merged (exact duplicates) and\n"
    "rejected. Rejects are JSON lines {file,line,column,reason,raw}: to FILE with --rejects,\n"
    "else after the table. Exit 0 when the feed loaded (with or without rejects), 2 when it is\n"
    "unusable (no such directory, a file lacks a required column).\n";

constexpr char kTiesHelp[] =
    "usage: coigraph ties IIN [--date YYYY-MM-DD] [--feeds FEED_DIR]\n"
    "\n"
    "A person's legal kin (close relatives, spouse, in-laws; with the kin path) and the\n"
    "companies tied to them on the date (default: today). The feed directory is --feeds,\n"
    "else $COIGRAPH_FEEDS, else examples/demo.\n";

constexpr char kPathsHelp[] =
    "usage: coigraph paths FROM TO [--date D] [--max-hops N] [--k K] [--relations LIST]\n"
    "                      [--feeds FEED_DIR]\n"
    "\n"
    "The K (default 3) shortest paths of at most N (default 4) ties between two persons or\n"
    "companies (IIN or BIN), over ties valid on the date (default: today).\n"
    "  --relations LIST  kinship, business, or step/role names: parent, child, spouse,\n"
    "                    sibling, founder, owner, beneficial_owner, director, board_member\n";

graph::Date Today() {
  const auto now = std::chrono::system_clock::now();
  return static_cast<graph::Date>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count());
}

std::optional<graph::Date> DateOption(const ParsedArgs& args) {
  auto text = args.Get("date");
  if (!text) return Today();
  return graph::ParseIsoDate(*text);
}

std::string FeedDir(const ParsedArgs& args) {
  if (auto dir = args.Get("feeds")) return *dir;
  if (const char* env = std::getenv("COIGRAPH_FEEDS")) return env;
  return "examples/demo";
}

// Loads a feed; on failure prints why and returns nullopt (exit kUnusableFeed).
std::optional<loaders::LoadedFeed> Load(const std::string& dir) {
  absl::StatusOr<loaders::LoadedFeed> feed = loaders::LoadSnapshot(dir);
  if (!feed.ok()) {
    std::cerr << "coigraph: feed " << dir << " is unusable: " << feed.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(*feed);
}

void SummariseRejects(const loaders::LoadReport& report) {
  if (report.rejects.empty()) return;
  std::cerr << "coigraph: " << report.rejects.size()
            << " rows rejected (run `coigraph load` for the list)\n";
}

int Usage(const char* help, const std::string& error = "") {
  if (!error.empty()) std::cerr << "coigraph: " << error << "\n\n";
  (error.empty() ? std::cout : std::cerr) << help;
  return error.empty() ? 0 : kUsageError;
}

std::string Labelled(const graph::Snapshot& s, graph::VertexId v, const std::string& number) {
  return v != graph::kNone ? Cat(s.VertexName(v), " (", number, ")") : number;
}

void PrintFindingsTable(const graph::Snapshot& s, const std::vector<graph::Finding>& findings,
                        std::ostream& out) {
  if (findings.empty()) {
    out << "No conflicts found.\n";
    return;
  }
  TextTable table(
      {"#", "RULE", "OBJECT", "DATE", "OFFICIAL", "COUNTERPARTY", "RELATION", "SEVERITY"}, 40);
  for (size_t i = 0; i < findings.size(); ++i) {
    const graph::Finding& f = findings[i];
    table.AddRow({std::to_string(i + 1), std::string(graph::Name(f.rule)), f.object_id,
                  graph::FormatIsoDate(f.date), Labelled(s, f.scope.official, f.official),
                  Labelled(s, f.scope.counterparty, f.counterparty), f.relation,
                  std::string(graph::Name(f.severity))});
  }
  table.Print(out);
  out << "\n";
  for (size_t i = 0; i < findings.size(); ++i) {
    const std::string indent(std::to_string(i + 1).size() + 3, ' ');
    out << "#" << i + 1 << "  " << findings[i].explanation_ru << "\n"
        << indent << findings[i].explanation_kk << "\n"
        << indent << findings[i].explanation_en << "\n";
  }
  out << "\n" << findings.size() << " findings\n";
}

}  // namespace

int RunScan(int argc, char** argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argc, argv, 2, {"rules", "format", "out"});
  if (!args.ok()) return Usage(kScanHelp, std::string(args.status().message()));
  if (args->help) return Usage(kScanHelp);
  if (args->positional.size() != 1) return Usage(kScanHelp, "scan takes one FEED_DIR");
  const std::string format = args->Get("format").value_or("table");
  if (format != "table" && format != "jsonl") {
    return Usage(kScanHelp, Cat("unknown --format '", format, "'"));
  }
  graph::RuleSet rules = graph::AllRules();
  if (auto list = args->Get("rules")) {
    rules.reset();
    std::string_view rest = *list;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view name = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
      const std::optional<graph::Rule> rule = graph::ParseRule(name);
      if (!rule) return Usage(kScanHelp, Cat("unknown rule '", name, "'"));
      rules.set(static_cast<size_t>(*rule));
    }
  }
  std::optional<loaders::LoadedFeed> feed = Load(args->positional[0]);
  if (!feed) return kUnusableFeed;
  SummariseRejects(feed->report);
  const std::vector<graph::Finding> findings = graph::RunRules(*feed->snapshot, rules);

  std::ofstream file;
  if (auto out = args->Get("out")) {
    file.open(*out, std::ios::binary);
    if (!file) {
      std::cerr << "coigraph: cannot write " << *out << "\n";
      return 1;
    }
  }
  std::ostream& out = file.is_open() ? file : std::cout;
  if (format == "jsonl") {
    for (const graph::Finding& f : findings) out << graph::FindingToJson(f) << '\n';
  } else {
    PrintFindingsTable(*feed->snapshot, findings, out);
  }
  out.flush();
  return out ? 0 : 1;
}

int RunLoad(int argc, char** argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argc, argv, 2, {"rejects"});
  if (!args.ok()) return Usage(kLoadHelp, std::string(args.status().message()));
  if (args->help) return Usage(kLoadHelp);
  if (args->positional.size() != 1) return Usage(kLoadHelp, "load takes one FEED_DIR");
  std::optional<loaders::LoadedFeed> feed = Load(args->positional[0]);
  if (!feed) return kUnusableFeed;
  const loaders::LoadReport& report = feed->report;
  TextTable table({"FILE", "LOADED", "MERGED", "REJECTED"});
  int64_t loaded = 0, merged = 0, rejected = 0;
  for (const loaders::FileReport& f : report.files) {
    if (!f.present) continue;
    table.AddRow(
        {f.file, std::to_string(f.loaded), std::to_string(f.merged), std::to_string(f.rejected)});
    loaded += f.loaded;
    merged += f.merged;
    rejected += f.rejected;
  }
  table.AddRow({"total", std::to_string(loaded), std::to_string(merged), std::to_string(rejected)});
  table.Print(std::cout);
  for (const loaders::FileReport& f : report.files) {
    for (const std::string& w : f.warnings) std::cerr << "warning: " << f.file << ": " << w << "\n";
  }
  if (auto path = args->Get("rejects")) {
    std::ofstream out(*path, std::ios::binary);
    for (const loaders::RejectRecord& r : report.rejects) out << loaders::RejectToJson(r) << '\n';
    if (!out) {
      std::cerr << "coigraph: cannot write " << *path << "\n";
      return 1;
    }
    std::cout << report.rejects.size() << " rejects written to " << *path << "\n";
  } else {
    for (const loaders::RejectRecord& r : report.rejects) {
      std::cout << loaders::RejectToJson(r) << '\n';
    }
  }
  return 0;
}

int RunTies(int argc, char** argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argc, argv, 2, {"date", "feeds"});
  if (!args.ok()) return Usage(kTiesHelp, std::string(args.status().message()));
  if (args->help) return Usage(kTiesHelp);
  if (args->positional.size() == 2 && std::filesystem::is_directory(args->positional[0])) {
    args->options["feeds"] = args->positional[0];
    args->positional.erase(args->positional.begin());
  }
  if (args->positional.size() != 1) return Usage(kTiesHelp, "ties takes one IIN");
  const std::string iin = args->positional[0];
  if (graph::IinInfo info = graph::CheckIin(iin); !info.ok) {
    return Usage(kTiesHelp, Cat("'", iin, "' is not a valid IIN: ", info.error));
  }
  const std::optional<graph::Date> date = DateOption(*args);
  if (!date) return Usage(kTiesHelp, "--date must be YYYY-MM-DD");
  std::optional<loaders::LoadedFeed> feed = Load(FeedDir(*args));
  if (!feed) return kUnusableFeed;
  const graph::Snapshot& s = *feed->snapshot;
  const std::optional<graph::PersonIndex> person = s.FindPerson(graph::IdentityNumberValue(iin));
  if (!person) {
    std::cerr << "coigraph: no person with IIN " << iin << "\n";
    return 1;
  }
  std::cout << s.PersonFullName(*person) << " (" << iin << ") on " << graph::FormatIsoDate(*date)
            << "\n\nLegal kin:\n";
  TextTable kin({"IIN", "NAME", "RELATION", "VIA"});
  for (const graph::KinTie& t : graph::LegalKin(s, *person, *date)) {
    std::string via = t.via.size() == 3 ? s.PersonShortName(t.via[1]) : "";
    kin.AddRow({graph::FormatIdentityNumber(s.data().persons[t.person].iin),
                s.PersonFullName(t.person), std::string(graph::Name(t.path)), via});
  }
  kin.Print(std::cout);
  std::cout << "\nCompanies tied:\n";
  TextTable companies({"BIN", "NAME", "ROLE", "SHARE", "THROUGH"});
  for (const graph::CompanyTie& t : graph::CompaniesOf(s, *person, *date)) {
    std::string through;
    for (size_t i = 0; i + 1 < t.chain.size(); ++i) {
      base::Append(through, i ? " > " : "", s.VertexName(s.OrgVertex(t.chain[i])));
    }
    companies.AddRow({s.VertexNumber(s.OrgVertex(t.company)), s.VertexName(s.OrgVertex(t.company)),
                      std::string(graph::RoleName(t)),
                      t.share_pct >= 0 ? Cat(static_cast<int>(t.share_pct), "%") : "", through});
  }
  companies.Print(std::cout);
  return 0;
}

int RunPaths(int argc, char** argv) {
  absl::StatusOr<ParsedArgs> args =
      ParseArgs(argc, argv, 2, {"date", "max-hops", "k", "relations", "feeds"});
  if (!args.ok()) return Usage(kPathsHelp, std::string(args.status().message()));
  if (args->help) return Usage(kPathsHelp);
  if (args->positional.size() == 3 && std::filesystem::is_directory(args->positional[0])) {
    args->options["feeds"] = args->positional[0];
    args->positional.erase(args->positional.begin());
  }
  if (args->positional.size() != 2) return Usage(kPathsHelp, "paths takes FROM and TO");
  for (const std::string& id : args->positional) {
    if (!graph::HasValidCheckDigit(id)) {
      return Usage(kPathsHelp, Cat("'", id, "' is not a valid IIN or BIN"));
    }
  }
  const std::optional<graph::Date> date = DateOption(*args);
  if (!date) return Usage(kPathsHelp, "--date must be YYYY-MM-DD");
  graph::PathQuery q;
  q.date = *date;
  q.max_hops = std::atoi(args->Get("max-hops").value_or("4").c_str());
  q.k = std::atoi(args->Get("k").value_or("3").c_str());
  if (auto rel = args->Get("relations")) {
    std::optional<graph::RelationMask> mask = graph::ParseRelationFilter(*rel);
    if (!mask) return Usage(kPathsHelp, Cat("unknown relation in '", *rel, "'"));
    q.relations = *mask;
  }
  std::optional<loaders::LoadedFeed> feed = Load(FeedDir(*args));
  if (!feed) return kUnusableFeed;
  const graph::Snapshot& s = *feed->snapshot;
  std::optional<graph::VertexId> ends[2];
  for (int i = 0; i < 2; ++i) {
    ends[i] = s.FindVertex(graph::IdentityNumberValue(args->positional[i]));
    if (!ends[i]) {
      std::cerr << "coigraph: " << args->positional[i] << " is not in the feed\n";
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
  for (size_t i = 0; i < paths->size(); ++i) {
    const graph::TiePath& p = (*paths)[i];
    std::cout << i + 1 << ". [" << p.edges.size() << " ties] " << s.VertexName(p.vertices[0]);
    for (size_t e = 0; e < p.edges.size(); ++e) {
      const graph::Tie& t = p.edges[e];
      std::string label;
      if (t.kind == graph::TieKind::kHolds) {
        label = std::string(graph::Name(t.entrepreneur ? graph::CompanyRoleKind::kOwner : t.role));
      } else if (t.kind == graph::TieKind::kHeldBy) {
        label = Cat("has ", graph::Name(t.role));
      } else {
        label = std::string(graph::Name(t.kind));
      }
      std::cout << " —" << label << "→ " << s.VertexName(p.vertices[e + 1]);
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace coigraph::tools
