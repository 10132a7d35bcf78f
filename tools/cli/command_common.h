// What the subcommands of `coigraph` share: the --date and --feeds flags of ties and paths,
// their parsing and usage errors, loading a feed directory.
#pragma once

#include <optional>
#include <string>

#include "absl/flags/declare.h"
#include "base/text.h"
#include "loaders/feed_loader.h"
#include "tools/flags/flags.h"

ABSL_DECLARE_FLAG(std::string, date);
ABSL_DECLARE_FLAG(std::string, feeds);
ABSL_DECLARE_FLAG(std::string, encoding);

namespace coigraph::tools {

inline constexpr int kUsageError = 2;
inline constexpr int kUnusableFeed = 2;

// Parses the words after the subcommand (argv[2..]) into `flags`; a flag the subcommand does not
// list is an error, also one of another subcommand.
inline absl::StatusOr<CommandLine> ParseCommand(int argc, char** argv,
                                                std::initializer_list<AcceptedFlag> flags) {
  return ParseFlags(argc, argv, flags, /*first=*/2);
}

// Prints `help` (on stdout, returns 0), or "coigraph: ERROR", a blank line and `help` (on stderr,
// returns kUsageError).
int Usage(const char* help, const std::string& error = "");

// --date (YYYY-MM-DD), else today; nullopt when --date is no date.
std::optional<graph::Date> DateOption(const CommandLine& cl);

// The feed directory of ties and paths: a FEED_DIR argument before their `ids` identifiers
// (taken out of cl.positional), else --feeds, else $COIGRAPH_FEEDS, else examples/demo.
std::string TakeFeedDir(CommandLine& cl, size_t ids);

// Loads a feed (in the --encoding given, else UTF-8), after printing on stderr the feed files
// found, missing and unknown; on failure prints why and returns nullopt (exit kUnusableFeed).
std::optional<loaders::LoadedFeed> Load(const std::string& dir);

// One line on stderr when rows were rejected.
void SummariseRejects(const loaders::LoadReport& report);

}  // namespace coigraph::tools
