// A small command-line parser for the coigraph subcommands: positional arguments and
// `--name value` / `--name=value` options, with `--help`.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace coigraph::tools {

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  bool help = false;

  std::optional<std::string> Get(const std::string& name) const;
};

// Parses argv[first..]; `known` lists the options taking a value (without "--").
// Errors: InvalidArgument for an unknown option or a missing value.
absl::StatusOr<ParsedArgs> ParseArgs(int argc, char** argv, int first,
                                     const std::set<std::string>& known);

}  // namespace coigraph::tools
