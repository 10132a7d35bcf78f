// The CheckHire requests of the gRPC benchmarks (grpc_hire_load, grpc_soak), read from the hire
// questions coigraph_bench wrote, and the nearest-rank percentile of their latencies.
//
// Example:
//   std::vector<v1::CheckHireRequest> r = ReadHireRequests("out/questions/hire.tsv", "soak");
//   std::sort(ms.begin(), ms.end());  SortedPercentile(ms, 0.99);
#pragma once

#include <string>
#include <vector>

#include "coigraph/v1/coigraph.pb.h"

namespace coigraph::bench {

// The requests of a questions/hire.tsv (header: qid, candidate_iin, position_id, date,
// appointed_by_iin, selection_commission_id), each with `purpose`; empty when the file cannot be
// read or holds no question.
std::vector<::coigraph::v1::CheckHireRequest> ReadHireRequests(const std::string& path,
                                                               const std::string& purpose);

// Nearest-rank percentile of an ascending vector, q in [0, 1]; 0 when empty.
double SortedPercentile(const std::vector<double>& sorted, double q);

}  // namespace coigraph::bench
