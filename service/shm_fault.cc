#include "service/shm_fault.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>

#include "base/text.h"

namespace coigraph::service {

namespace {

std::atomic<bool> g_shm_lost{false};
static_assert(std::atomic<bool>::is_always_lock_free);
// Read in the handler; set before it is installed.
uintptr_t g_page_size = 4096;

// One line of /proc/self/maps, "START-END PERMS OFFSET DEV INODE PATH", read a byte at a time:
// only what the handler needs, with no allocation (the handler must be async-signal-safe).
struct MapsLine {
  enum class Field { kStart, kEnd, kPerms, kRest };
  Field field = Field::kStart;
  uintptr_t start = 0;
  uintptr_t end = 0;
  int perms_seen = 0;
  bool shared = false;
  char tail[4] = {0, 0, 0, 0};  // the line's last four bytes

  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }

  void Add(char c) {
    switch (field) {
      case Field::kStart:
        if (c == '-') {
          field = Field::kEnd;
        } else if (HexDigit(c) >= 0) {
          start = start * 16 + static_cast<uintptr_t>(HexDigit(c));
        }
        break;
      case Field::kEnd:
        if (c == ' ') {
          field = Field::kPerms;
        } else if (HexDigit(c) >= 0) {
          end = end * 16 + static_cast<uintptr_t>(HexDigit(c));
        }
        break;
      case Field::kPerms:
        if (c == ' ') {
          field = Field::kRest;
        } else if (++perms_seen == 4) {
          shared = c == 's';
        }
        break;
      case Field::kRest:
        break;
    }
    tail[0] = tail[1];
    tail[1] = tail[2];
    tail[2] = tail[3];
    tail[3] = c;
  }

  bool IsShmHolding(uintptr_t address) const {
    return shared && start <= address && address < end && tail[0] == '-' && tail[1] == 's' &&
           tail[2] == 'h' && tail[3] == 'm';
  }
};

// open, read and close are async-signal-safe; the rest is arithmetic on the stack.
bool InShmMappingSafe(uintptr_t address) {
  const int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buffer[1024];
  MapsLine line;
  bool found = false;
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n && !found; ++i) {
      if (buffer[i] != '\n') {
        line.Add(buffer[i]);
        continue;
      }
      found = line.IsShmHolding(address);
      line = MapsLine{};
    }
    if (found) break;
  }
  close(fd);
  return found;
}

void OnSigbus(int signo, siginfo_t* info, void* /*context*/) {
  const int saved_errno = errno;
  // BUS_ADRERR: an access past the end of a mapped file (the -shm truncated under its mapping).
  if (info != nullptr && info->si_code == BUS_ADRERR) {
    const auto address = reinterpret_cast<uintptr_t>(info->si_addr);
    if (InShmMappingSafe(address)) {
      void* page = static_cast<char*>(info->si_addr) - (address & (g_page_size - 1));
      // A private zero page where the file's page was: the instruction resumes, SQLite reads
      // zeros (an empty wal-index) and its writes stay in this process.
      if (mmap(page, g_page_size, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
               -1, 0) != MAP_FAILED) {
        g_shm_lost.store(true);
        errno = saved_errno;
        return;
      }
    }
  }
  // Not ours: the default action, as if there were no handler (SIGBUS is blocked in here, so
  // the raised one is delivered on return; a fault that is not raised again re-faults anyway).
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signo, &fallback, nullptr);
  raise(signo);
}

}  // namespace

absl::Status InstallShmFaultHandler() {
  const long page = sysconf(_SC_PAGESIZE);
  if (page > 0) g_page_size = static_cast<uintptr_t>(page);
  struct sigaction action {};
  action.sa_sigaction = OnSigbus;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGBUS, &action, nullptr) != 0) {
    return absl::InternalError(base::Cat("cannot install the SIGBUS handler: ", strerror(errno)));
  }
  return absl::OkStatus();
}

bool ShmLost() { return g_shm_lost.load(); }

absl::Status ShmLostStatus(std::string_view db_path) {
  return absl::UnavailableError(base::Cat(
      "the store cannot be used: the database's shared-memory file ", db_path,
      "-shm was damaged (truncated or replaced) while coigraphd had it mapped; calls are "
      "refused until coigraphd is restarted (SQLite rebuilds the file from the WAL then)"));
}

bool InShmMapping(const void* address) {
  return InShmMappingSafe(reinterpret_cast<uintptr_t>(address));
}

}  // namespace coigraph::service
