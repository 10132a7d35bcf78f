// Command-line flags of the coigraph tools and benchmarks: ABSL_FLAG definitions, parsed by
// absl::ParseCommandLine behind a first pass that keeps the tools' own conventions.
//
//   ABSL_FLAG(int64_t, persons, 10000, "rows of persons.csv");
//   ABSL_FLAG(int, max_hops, 4, "at most this many ties");  // on the command line: --max-hops
//
//   CommandLine cl = ParseFlagsOrExit(argc, argv, {FLAGS_persons, FLAGS_max_hops},
//                                     {.program = "gen_region", .usage = kUsage});
//   absl::GetFlag(FLAGS_persons) ...  cl.Given(FLAGS_max_hops) ...  cl.positional ...
//
// The first pass decides, before absl sees the command line, what absl would otherwise answer
// in its own way (its text, exit 1) or not at all:
//   * --help or -h: CommandLine::help; the tool prints its own usage (absl's --help lists every
//     flag of the binary and exits 1);
//   * a flag the command does not list is an error: also a flag another subcommand of the same
//     binary defines, and absl's own (--flagfile, --helpfull, --fromenv, ...);
//   * a flag is spelled with '-' where its ABSL_FLAG name has '_' (--max-hops is FLAGS_max_hops;
//     --max_hops is unknown);
//   * --name=value, or --name value (the next word, whatever it is); -name is --name; a bool
//     flag takes no next word (--name, --name=false); "--" ends the flags;
//   * a value the flag's type does not take is an error (absl would exit 1).
// Errors come back as InvalidArgument, "unknown flag --NAME", "--NAME needs a value" or
// "bad value 'V' for --NAME: WHY" (the first of them, also when --help is there too).
#pragma once

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/marshalling.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace coigraph::tools {

// A flag a command takes. Implicit, so that a command lists its flags as {FLAGS_a, FLAGS_b}.
class AcceptedFlag {
 public:
  template <typename T>
  AcceptedFlag(const absl::Flag<T>& flag)  // NOLINT(google-explicit-constructor)
      : flag_(&absl::GetFlagReflectionHandle(flag)),
        is_bool_(std::is_same_v<T, bool>),
        check_([](absl::string_view text, std::string* error) {
          T value{};
          return absl::ParseFlag(text, &value, error);
        }) {}

  const absl::CommandLineFlag& flag() const { return *flag_; }
  bool is_bool() const { return is_bool_; }
  // Whether `text` is a value of the flag's type (the flag is left as it is).
  bool Check(absl::string_view text, std::string* error) const { return check_(text, error); }

 private:
  const absl::CommandLineFlag* flag_;
  bool is_bool_;
  bool (*check_)(absl::string_view, std::string*);
};

struct CommandLine {
  bool help = false;                    // --help or -h: nothing was parsed
  std::vector<std::string> positional;  // in order
  std::set<std::string> given;          // the ABSL_FLAG names of the flags on the command line

  // Whether the flag was on the command line (its value may equal the default).
  template <typename T>
  bool Given(const absl::Flag<T>& flag) const {
    return given.contains(std::string(absl::GetFlagReflectionHandle(flag).Name()));
  }
};

// Parses argv[first..] (the words after the program, or after its subcommand) into `flags`.
// argv[0] is the program. Errors: InvalidArgument, as above.
absl::StatusOr<CommandLine> ParseFlags(int argc, char** argv,
                                       std::initializer_list<AcceptedFlag> flags, int first = 1);

// How a single-command tool answers its command line.
struct ToolUsage {
  std::string_view program;  // prefixes error messages: "gen_region: unknown flag --x"
  std::string_view usage;    // printed on --help (stdout), and after an error (stderr)
  int positional = 0;        // how many positional arguments the tool takes
  int error_exit_code = 2;
};

// ParseFlags, then: --help prints the usage and exits 0; an error, or a number of positional
// arguments other than usage.positional, prints "PROGRAM: ERROR" and the usage on stderr and
// exits usage.error_exit_code. Returns only a usable command line.
CommandLine ParseFlagsOrExit(int argc, char** argv, std::initializer_list<AcceptedFlag> flags,
                             const ToolUsage& usage);

}  // namespace coigraph::tools
