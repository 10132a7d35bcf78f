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

// ExportSubgraph: radius 0..kMaxExportRadius, and at most this many vertices in the file.
inline constexpr int kMaxExportRadius = 3;
inline constexpr size_t kMaxExportVertices = 10000;

// Pages of lists (cases, audit records): at most this many items a page, and this many when
// the request says 0.
inline constexpr int kMaxPageSize = 500;
inline constexpr int kDefaultPageSize = 50;

// A free-text field of a request (ids, notes): at most this many bytes.
inline constexpr size_t kMaxTextBytes = 1000;

// LoadFeeds without `force`: the largest share of the active cases one load may make inactive.
inline constexpr double kDefaultMaxInactiveShare = 0.2;

}  // namespace coigraph::service
