// Runs the real `coigraph` binary (COIGRAPH_CLI) as a user would, for the tests of tools/cli.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace coigraph::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
};

// Runs `coigraph ARGS` with stdout captured (stderr discarded, or with `stderr_too` captured
// after stdout).
inline CliRun Coigraph(const std::string& args, bool stderr_too = false) {
  const std::string cmd =
      std::string(COIGRAPH_CLI) + " " + args + (stderr_too ? " 2>&1" : " 2>/dev/null");
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace coigraph::testing
