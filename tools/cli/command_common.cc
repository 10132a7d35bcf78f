#include "tools/cli/command_common.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, date, "", "the date of the ties (YYYY-MM-DD); default: today");
ABSL_FLAG(std::string, feeds, "",
          "the feed directory; default: $COIGRAPH_FEEDS, else examples/demo");
ABSL_FLAG(std::string, encoding, "",
          "the encoding of the feed's files when not UTF-8 (e.g. cp1251); converted with iconv");

namespace coigraph::tools {

namespace {

graph::Date Today() {
  const auto now = std::chrono::system_clock::now();
  return static_cast<graph::Date>(
      std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count());
}

// `text` with every line after the first indented, for a message of several lines.
std::string Indented(std::string_view text) {
  std::string out;
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += "  ";
  }
  return out;
}

}  // namespace

int Usage(const char* help, const std::string& error) {
  if (!error.empty()) std::cerr << "coigraph: " << error << "\n\n";
  (error.empty() ? std::cout : std::cerr) << help;
  return error.empty() ? 0 : kUsageError;
}

std::optional<graph::Date> DateOption(const CommandLine& cl) {
  if (!cl.Given(FLAGS_date)) return Today();
  return graph::ParseIsoDate(absl::GetFlag(FLAGS_date));
}

std::string TakeFeedDir(CommandLine& cl, size_t ids) {
  if (cl.positional.size() == ids + 1 && std::filesystem::is_directory(cl.positional[0])) {
    std::string dir = cl.positional[0];
    cl.positional.erase(cl.positional.begin());
    return dir;
  }
  if (cl.Given(FLAGS_feeds)) return absl::GetFlag(FLAGS_feeds);
  if (const char* env = std::getenv("COIGRAPH_FEEDS")) return env;
  return "examples/demo";
}

std::optional<loaders::LoadedFeed> Load(const std::string& dir) {
  absl::StatusOr<loaders::LoadedFeed> feed =
      loaders::LoadSnapshot(dir, {.encoding = absl::GetFlag(FLAGS_encoding)});
  if (!feed.ok()) {
    std::cerr << "coigraph: feed " << dir
              << " is unusable: " << Indented(std::string(feed.status().message())) << "\n";
    return std::nullopt;
  }
  // What was read and what was not, every time: a misnamed or misplaced file is named here
  // rather than silently missing from the findings.
  std::cerr << "coigraph: feed " << dir << "\n  " << Indented(feed->report.listing.Describe())
            << "\n";
  return std::move(*feed);
}

void SummariseRejects(const loaders::LoadReport& report) {
  if (!report.dropped.empty()) {
    std::cerr << "coigraph: " << report.dropped.size()
              << " optional references named nothing and were dropped; their rows loaded "
                 "(run `coigraph load` for the list)\n";
  }
  if (report.rejects.empty()) return;
  // Consequences (rows naming a rejected row) apart, so that the defects to fix are counted.
  std::cerr << "coigraph: " << report.rejects.size() << " rejects: " << report.RootCauses()
            << " root causes, " << report.Consequences()
            << " consequences of a rejected row (run `coigraph load` for the list)\n";
  for (const loaders::FileReport& f : report.files) {
    if (!f.file_error.empty()) std::cerr << "coigraph: " << f.file << ": " << f.file_error << "\n";
  }
}

}  // namespace coigraph::tools
