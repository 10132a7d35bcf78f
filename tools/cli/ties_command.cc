// coigraph ties IIN: a person's legal kin and the companies tied to them on a date.
#include <iostream>
#include <string>

#include "graph/business.h"
#include "graph/kinship.h"
#include "tools/cli/command_common.h"
#include "tools/cli/commands.h"
#include "tools/cli/table.h"

namespace coigraph::tools {

namespace {

using base::Cat;

constexpr char kTiesHelp[] =
    "usage: coigraph ties IIN [--date YYYY-MM-DD] [--feeds FEED_DIR] [--encoding E]\n"
    "\n"
    "A person's legal kin (close relatives, spouse, in-laws; with the kin path) and the\n"
    "companies tied to them on the date (default: today). The feed directory is --feeds,\n"
    "else $COIGRAPH_FEEDS, else examples/demo.\n"
    "  --encoding E      the feed's files are in encoding E (e.g. cp1251), not UTF-8:\n"
    "                    convert them while reading (iconv)\n";

void PrintTies(const graph::Snapshot& s, graph::PersonIndex person, const std::string& iin,
               graph::Date date) {
  std::cout << ForTerminal(s.PersonFullName(person)) << " (" << iin << ") on "
            << graph::FormatIsoDate(date) << "\n\nLegal kin:\n";
  TextTable kin({"IIN", "NAME", "RELATION", "VIA"});
  for (const graph::KinTie& t : graph::LegalKin(s, person, date)) {
    std::string via = t.via.size() == 3 ? s.PersonShortName(t.via[1]) : "";
    kin.AddRow({graph::FormatIdentityNumber(s.data().persons[t.person].iin),
                s.PersonFullName(t.person), std::string(graph::Name(t.path)), via});
  }
  kin.Print(std::cout);
  std::cout << "\nCompanies tied:\n";
  TextTable companies({"BIN", "NAME", "ROLE", "SHARE", "THROUGH"});
  for (const graph::CompanyTie& t : graph::CompaniesOf(s, person, date)) {
    std::string through;
    for (size_t i = 0; i + 1 < t.chain.size(); ++i) {
      base::Append(through, i ? " > " : "", s.VertexName(s.OrgVertex(t.chain[i])));
    }
    companies.AddRow({s.VertexNumber(s.OrgVertex(t.company)), s.VertexName(s.OrgVertex(t.company)),
                      std::string(graph::RoleName(t)),
                      t.share_pct >= 0 ? Cat(static_cast<int>(t.share_pct), "%") : "", through});
  }
  companies.Print(std::cout);
}

}  // namespace

int RunTies(int argc, char** argv) {
  absl::StatusOr<CommandLine> cl =
      ParseCommand(argc, argv, {FLAGS_date, FLAGS_feeds, FLAGS_encoding});
  if (!cl.ok()) return Usage(kTiesHelp, std::string(cl.status().message()));
  if (cl->help) return Usage(kTiesHelp);
  const std::string feed_dir = TakeFeedDir(*cl, 1);
  if (cl->positional.size() != 1) return Usage(kTiesHelp, "ties takes one IIN");
  const std::string iin = cl->positional[0];
  if (const graph::IinInfo info = graph::CheckIin(iin); !info.ok()) {
    return Usage(kTiesHelp, Cat("'", iin, "' is not a valid IIN: ", info.error));
  }
  const std::optional<graph::Date> date = DateOption(*cl);
  if (!date) return Usage(kTiesHelp, "--date must be YYYY-MM-DD");
  std::optional<loaders::LoadedFeed> feed = Load(feed_dir);
  if (!feed) return kUnusableFeed;
  const graph::Snapshot& s = *feed->snapshot;
  const std::optional<graph::PersonIndex> person = s.FindPerson(graph::IdentityNumberValue(iin));
  if (!person) {
    std::cerr << "coigraph: no person with IIN " << iin << "\n";
    return 1;
  }
  PrintTies(s, *person, iin, *date);
  return 0;
}

}  // namespace coigraph::tools
