#include "bench/hire_requests.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace coigraph::bench {

std::vector<::coigraph::v1::CheckHireRequest> ReadHireRequests(const std::string& path,
                                                               const std::string& purpose) {
  std::vector<::coigraph::v1::CheckHireRequest> out;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return out;  // the header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    for (size_t begin = 0;;) {
      const size_t tab = line.find('\t', begin);
      f.push_back(line.substr(begin, tab == std::string::npos ? std::string::npos : tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    if (f.size() < 4) continue;
    ::coigraph::v1::CheckHireRequest& r = out.emplace_back();
    r.set_candidate_iin(f[1]);
    r.set_position_id(f[2]);
    r.set_date(f[3]);
    if (f.size() > 4) r.set_appointed_by_iin(f[4]);
    if (f.size() > 5) r.set_selection_commission_id(f[5]);
    r.set_purpose(purpose);
  }
  return out;
}

double SortedPercentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const double rank = std::ceil(q * static_cast<double>(sorted.size()));
  const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace coigraph::bench
