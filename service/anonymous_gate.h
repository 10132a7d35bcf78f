// How many calls without a valid token each peer address may make, and which of them are
// audited.
//
// Every call is audited, and a caller without a token costs nothing to be: so such calls are
// let through (refused UNAUTHENTICATED, with a compact record) only while the address's token
// bucket, and the one of all addresses together, hold a token. Past it they are refused
// RESOURCE_EXHAUSTED, mostly without a record: the first refusal after `report_every` since the
// address's last report writes one (while the shared bucket has a token), which counts the
// refusals not recorded before it. A later admitted call's record carries the count of those
// refused since. Every record takes a token of the shared bucket, so anonymous records never
// come faster than `total_calls_per_second` (after a burst of `total_burst`).
//
//   burst 20, 1/s:  calls 1..20 admitted (records), 21.. refused; the first of them writes a
//                   record "N unrecorded", then at most one such record a minute per address
//
// Example:
//   AnonymousGate gate({});
//   AnonymousGate::Decision d = gate.Admit("ipv4:10.0.0.7:5123", absl::Now());
//   if (!d.admitted && !d.record) return ResourceExhausted(...);   // no audit record
//
// Thread safety: Admit may be called from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/limits.h"

namespace coigraph::service {

struct AnonymousLimits {
  int burst = kAnonymousBurst;
  double calls_per_second = kAnonymousCallsPerSecond;
  absl::Duration report_every = absl::Seconds(kAnonymousReportSeconds);
  size_t max_peers = kAnonymousMaxPeers;
  int total_burst = kAnonymousTotalBurst;
  double total_calls_per_second = kAnonymousTotalCallsPerSecond;
};

// The address of a peer without its port: "ipv4:10.0.0.7:5123" -> "10.0.0.7",
// "ipv6:[::1]:5123" -> "::1"; anything else as it is.
std::string PeerAddress(std::string_view peer);

class AnonymousGate {
 public:
  struct Decision {
    // The call may be answered (with UNAUTHENTICATED); false: RESOURCE_EXHAUSTED.
    bool admitted = false;
    // Whether the call gets an audit record (always when admitted).
    bool record = false;
    // Calls of this address refused without a record since its last record, this one included
    // when it is refused; for the record to say. Counted as reported once returned.
    int64_t unrecorded = 0;
  };

  explicit AnonymousGate(AnonymousLimits limits);

  // A call without a valid token from `peer` (a transport's peer text) at `now`.
  Decision Admit(std::string_view peer, absl::Time now);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refilled;
    absl::Time reported = absl::InfinitePast();
    int64_t unrecorded = 0;
  };
  // The bucket of `address`, made full when new; the shared one when max_peers are tracked and
  // none can be forgotten.
  Bucket& BucketOf(const std::string& address, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  static void Refill(Bucket& b, absl::Time now, int burst, double per_second);

  const AnonymousLimits limits_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
  Bucket all_ ABSL_GUARDED_BY(mu_);  // every address together
};

}  // namespace coigraph::service
