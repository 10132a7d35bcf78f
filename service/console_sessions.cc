#include "service/console_sessions.h"

#include <sys/random.h>

#include <array>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/escaping.h"
#include "base/sha256.h"

namespace coigraph::service {

std::string RandomHex256() {
  std::array<uint8_t, 32> bytes{};
  size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t n = getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (n < 0) std::abort();  // the kernel's generator does not fail once booted
    filled += static_cast<size_t>(n);
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

ConsoleSession ConsoleSessions::Open(const Principal& principal, absl::Time now) {
  ConsoleSession s{.id = RandomHex256(),
                   .csrf_token = RandomHex256(),
                   .principal = principal,
                   .expires = now + lifetime_};
  absl::MutexLock lock(&mu_);
  // Expired sessions are dropped as new ones come, so the map stays as large as the live ones.
  absl::erase_if(by_hash_, [now](const auto& entry) { return entry.second.expires <= now; });
  by_hash_[base::Sha256Hex(s.id)] = s;
  return s;
}

std::optional<ConsoleSession> ConsoleSessions::Find(const std::string& id, absl::Time now) {
  if (id.empty()) return std::nullopt;
  const std::string hash = base::Sha256Hex(id);
  absl::MutexLock lock(&mu_);
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires <= now) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void ConsoleSessions::Close(const std::string& id) {
  const std::string hash = base::Sha256Hex(id);
  absl::MutexLock lock(&mu_);
  by_hash_.erase(hash);
}

}  // namespace coigraph::service
