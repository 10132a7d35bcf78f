#include "service/anonymous_gate.h"

#include <algorithm>

namespace coigraph::service {

namespace {

// The key of the bucket that new addresses share while the table is full of busy ones.
constexpr char kOverflow[] = "*";

}  // namespace

std::string PeerAddress(std::string_view peer) {
  for (std::string_view scheme : {"ipv4:", "ipv6:"}) {
    if (!peer.starts_with(scheme)) continue;
    std::string_view rest = peer.substr(scheme.size());
    if (rest.starts_with('[')) {
      const size_t close = rest.find(']');
      if (close != std::string_view::npos) return std::string(rest.substr(1, close - 1));
    }
    const size_t colon = rest.rfind(':');
    return std::string(colon == std::string_view::npos ? rest : rest.substr(0, colon));
  }
  return std::string(peer);
}

AnonymousGate::AnonymousGate(AnonymousLimits limits) : limits_(limits) {
  all_.tokens = limits_.total_burst;
  all_.refilled = absl::InfinitePast();  // full until the first call
}

void AnonymousGate::Refill(Bucket& b, absl::Time now, int burst, double per_second) {
  if (b.refilled == absl::InfinitePast()) {
    b.refilled = now;
  } else if (now > b.refilled) {
    b.tokens =
        std::min<double>(burst, b.tokens + per_second * absl::ToDoubleSeconds(now - b.refilled));
    b.refilled = now;
  }
}

AnonymousGate::Bucket& AnonymousGate::BucketOf(const std::string& address, absl::Time now) {
  auto it = buckets_.find(address);
  if (it != buckets_.end()) return it->second;
  if (buckets_.size() >= limits_.max_peers) {
    // Forget the addresses that are back to a full bucket with nothing left to report: they
    // would start from a full one anyway.
    absl::erase_if(buckets_, [&](auto& entry) {
      Refill(entry.second, now, limits_.burst, limits_.calls_per_second);
      return entry.first != kOverflow && entry.second.tokens >= limits_.burst &&
             entry.second.unrecorded == 0;
    });
  }
  const std::string& key = buckets_.size() >= limits_.max_peers ? kOverflow : address;
  auto [added, fresh] = buckets_.try_emplace(key);
  if (fresh) {
    added->second.tokens = limits_.burst;
    added->second.refilled = now;
  }
  return added->second;
}

AnonymousGate::Decision AnonymousGate::Admit(std::string_view peer, absl::Time now) {
  const std::string address = PeerAddress(peer);
  absl::MutexLock lock(&mu_);
  Bucket& b = BucketOf(address, now);
  Refill(b, now, limits_.burst, limits_.calls_per_second);
  Refill(all_, now, limits_.total_burst, limits_.total_calls_per_second);
  Decision d;
  if (b.tokens >= 1 && all_.tokens >= 1) {
    b.tokens -= 1;
    d.admitted = true;
  } else {
    ++b.unrecorded;
    if (now - b.reported < limits_.report_every || all_.tokens < 1) return d;
  }
  all_.tokens -= 1;
  d.record = true;
  d.unrecorded = b.unrecorded;
  b.unrecorded = 0;
  if (!d.admitted) b.reported = now;
  return d;
}

}  // namespace coigraph::service
