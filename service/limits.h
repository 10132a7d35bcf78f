// How much a request may ask for and an answer may hold: every size limit of the API in one
// place (proto/coigraph/v1/coigraph.proto documents the ranges). Internal to service/.
//
// Error messages are built from these constants (e.g. Cat("must be 1..", kMaxPageSize)),
// never with the number written out.
#pragma once

#include <cstddef>

#include "graph/paths.h"

namespace coigraph::service {

// FindPaths: max_hops 1..graph::kMaxPathHops (0 means kDefaultPathHops), k 1..graph::kMaxPathsK
// (0 means kDefaultPathsK). The maxima are graph/'s: the search itself refuses more.
inline constexpr int kDefaultPathHops = 4;
inline constexpr int kDefaultPathsK = 1;

// Neighborhood: radius 1..kMaxNeighborhoodRadius (0 means kDefaultNeighborhoodRadius), and at
// most this many vertices in the answer.
inline constexpr int kMaxNeighborhoodRadius = 4;
inline constexpr int kDefaultNeighborhoodRadius = 1;
inline constexpr size_t kMaxNeighborhoodVertices = 10000;

// ExportSubgraph: radius 0..kMaxExportRadius, at most this many vertices in the file, and at
// most this many seed ids in a request.
inline constexpr int kMaxExportRadius = 3;
inline constexpr size_t kMaxExportVertices = 10000;
inline constexpr int kMaxExportSeeds = 100;
// Exports streaming at once (export_gate.h), per caller and in all; coigraphd's
// --max-exports-per-caller and --max-exports change them. Each holds a CPU while it is read.
inline constexpr int kMaxConcurrentExportsPerCaller = 2;
inline constexpr int kMaxConcurrentExports = 8;

// Pages of lists (cases, audit records): at most this many items a page, and this many when
// the request says 0.
inline constexpr int kMaxPageSize = 500;
inline constexpr int kDefaultPageSize = 50;

// A free-text field of a request (ids, notes): at most this many bytes.
inline constexpr size_t kMaxTextBytes = 1000;

// LoadFeeds without `force`: the largest share of the active cases one load may make inactive.
inline constexpr double kDefaultMaxInactiveShare = 0.2;

// A call's `purpose`: at most this many bytes (it is read by people in the audit log, and a
// request may not make its record large).
inline constexpr size_t kMaxPurposeBytes = 1000;

// The audit record of a call holds each value (an id, the purpose, the result line, the caller)
// whole up to this many bytes; a longer one (or one that is not valid UTF-8) is stored as a
// valid UTF-8 prefix, its full length and the SHA-256 of the whole, in this many bytes all told
// (audit_bounds.h). So no request can make its record much larger than about 2 KiB.
inline constexpr size_t kMaxAuditValueBytes = 256;
// At most this many ids in one audit record; the rest are stood for by one entry with their
// count and a SHA-256 of them all.
inline constexpr size_t kMaxAuditIds = 16;

// Callers without a valid token, per peer address (anonymous_gate.h): a token bucket of this
// many calls, refilled at this many calls a second; past it RESOURCE_EXHAUSTED, and at most one
// audit record per address per kAnonymousReportSeconds says how many were refused unrecorded.
inline constexpr int kAnonymousBurst = 20;
inline constexpr double kAnonymousCallsPerSecond = 1.0;
inline constexpr int kAnonymousReportSeconds = 60;
// And all addresses together (so that many addresses cannot fill the log either): every
// anonymous record, admitted call or report, takes a token of this bucket. Worst case, a
// flood from everywhere: 5 records a second, ~430,000 a day (~113 MB a day at ~262 bytes).
inline constexpr int kAnonymousTotalBurst = 100;
inline constexpr double kAnonymousTotalCallsPerSecond = 5.0;
// Addresses tracked at once; past it, addresses with a full bucket are forgotten, and while
// none is, new addresses share one bucket.
inline constexpr size_t kAnonymousMaxPeers = 10000;

}  // namespace coigraph::service
