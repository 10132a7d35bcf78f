#include "tools/flags/flags.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace coigraph::tools {

namespace {

// The command-line spelling of an ABSL_FLAG name: max_hops -> max-hops.
std::string Spelling(absl::string_view absl_name) {
  return absl::StrReplaceAll(absl_name, {{"_", "-"}});
}

}  // namespace

absl::StatusOr<CommandLine> ParseFlags(int argc, char** argv,
                                       std::initializer_list<AcceptedFlag> flags, int first) {
  CommandLine out;
  // What absl parses: every flag as --absl_name=value, then "--" and the positional arguments.
  std::vector<std::string> for_absl = {argv[0]};
  std::vector<std::string> positional;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      positional.insert(positional.end(), argv + i + 1, argv + argc);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (name == "help" || name == "h") {
      out.help = true;
      continue;
    }
    const auto accepted = std::find_if(flags.begin(), flags.end(), [&](const AcceptedFlag& f) {
      return Spelling(f.flag().Name()) == name;
    });
    if (accepted == flags.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!value) {
      if (accepted->is_bool()) {
        value = "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
      }
    }
    if (std::string why; !accepted->Check(*value, &why)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad value '", *value, "' for --", name, why.empty() ? "" : ": ", why));
    }
    const std::string absl_name(accepted->flag().Name());
    for_absl.push_back(absl::StrCat("--", absl_name, "=", *value));
    out.given.insert(absl_name);
  }
  if (out.help) return out;
  for_absl.emplace_back("--");
  for_absl.insert(for_absl.end(), positional.begin(), positional.end());
  std::vector<char*> absl_argv;
  absl_argv.reserve(for_absl.size());
  for (std::string& word : for_absl) absl_argv.push_back(word.data());
  const std::vector<char*> rest =
      absl::ParseCommandLine(static_cast<int>(absl_argv.size()), absl_argv.data());
  out.positional.assign(rest.begin() + 1, rest.end());  // rest[0] is the program
  return out;
}

CommandLine ParseFlagsOrExit(int argc, char** argv, std::initializer_list<AcceptedFlag> flags,
                             const ToolUsage& usage) {
  absl::StatusOr<CommandLine> cl = ParseFlags(argc, argv, flags);
  std::string error;
  if (!cl.ok()) {
    error = std::string(cl.status().message());
  } else if (cl->help) {
    std::cout << usage.usage;
    std::exit(0);
  } else if (cl->positional.size() > static_cast<size_t>(usage.positional)) {
    error = absl::StrCat("unexpected argument '", cl->positional[usage.positional], "'");
  } else if (cl->positional.size() < static_cast<size_t>(usage.positional)) {
    error = "missing arguments";
  }
  if (error.empty()) return *std::move(cl);
  std::cerr << usage.program << ": " << error << "\n" << usage.usage;
  std::exit(usage.error_exit_code);
}

}  // namespace coigraph::tools
