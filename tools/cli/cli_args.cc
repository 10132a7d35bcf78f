#include "tools/cli/cli_args.h"

#include "base/text.h"

namespace coigraph::tools {

std::optional<std::string> ParsedArgs::Get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(int argc, char** argv, int first,
                                     const std::set<std::string>& known) {
  ParsedArgs out;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      out.help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      out.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (known.contains(name)) {
      if (i + 1 >= argc) return absl::InvalidArgumentError(base::Cat("--", name, " needs a value"));
      value = argv[++i];
    }
    if (!known.contains(name)) {
      return absl::InvalidArgumentError(base::Cat("unknown option --", name));
    }
    out.options[name] = value;
  }
  return out;
}

}  // namespace coigraph::tools
