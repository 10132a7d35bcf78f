// A real coigraphd child process for end-to-end tests: started with flags, its port read from
// the "listening on HOST:PORT" line it prints, stopped with SIGTERM or killed with SIGKILL.
//
// Example:
//   DaemonProcess d;
//   ASSERT_TRUE(d.Start({"--feeds", dir, "--db", db, "--listen", "127.0.0.1:0"}).ok());
//   auto channel = grpc::CreateChannel(d.address(), grpc::InsecureChannelCredentials());
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace coigraph::e2e {

class DaemonProcess {
 public:
  DaemonProcess() = default;
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;
  ~DaemonProcess() { Kill(); }

  // Starts `binary` with `args`, its stderr appended to `log_path`, and waits (up to
  // `timeout`) for the line "listening on HOST:PORT". Errors: Internal when it cannot start or
  // exits first, DeadlineExceeded when it prints nothing in time.
  absl::Status Start(const std::string& binary, const std::vector<std::string>& args,
                     const std::string& log_path,
                     std::chrono::seconds timeout = std::chrono::seconds(30)) {
    int out[2];
    if (pipe(out) != 0) return absl::InternalError("pipe");
    pid_ = fork();
    if (pid_ < 0) return absl::InternalError("fork");
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (log >= 0) dup2(log, STDERR_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(binary.c_str()));
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_fd_ = out[0];
    absl::StatusOr<std::string> address = ReadLineAfter("listening on ", timeout);
    if (!address.ok()) return address.status();
    address_ = *address;
    return absl::OkStatus();
  }

  // Reads the child's stdout up to a line starting with `prefix` (up to `timeout`); returns the
  // rest of that line. Started with --http, coigraphd prints "console on URL" after
  // "listening on": ReadLineAfter("console on ") gives the URL.
  absl::StatusOr<std::string> ReadLineAfter(
      std::string_view prefix, std::chrono::seconds timeout = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string line;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{stdout_fd_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      const ssize_t n = read(stdout_fd_, &c, 1);
      if (n <= 0)
        return absl::InternalError(
            absl::StrCat("the daemon exited before printing ", std::string(prefix)));
      if (c != '\n') {
        line += c;
        continue;
      }
      if (line.starts_with(prefix)) return line.substr(prefix.size());
      line.clear();
    }
    return absl::DeadlineExceededError(
        absl::StrCat("the daemon did not print ", std::string(prefix), " in time"));
  }

  // SIGTERM, then waits for the exit; returns the exit status (-1 when not running).
  int Stop() { return SignalAndWait(SIGTERM); }
  // SIGKILL, as a crash or power cut would.
  int Kill() { return SignalAndWait(SIGKILL); }
  // Sends `signal` and waits for the exit; the exit status as Stop's.
  int Signal(int signal) { return SignalAndWait(signal); }

  const std::string& address() const { return address_; }
  // The child's process id (-1 when not running), e.g. for prlimit(2).
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

 private:
  int SignalAndWait(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (stdout_fd_ >= 0) close(stdout_fd_);
    stdout_fd_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
};

// Runs `command` through /bin/sh; returns its exit status and fills `output` with its stdout
// and stderr.
inline int RunCommand(const std::string& command, std::string* output) {
  output->clear();
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output->append(buf, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace coigraph::e2e
