#include "bench/bench_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "base/json.h"

namespace coigraph::bench {

namespace {

int64_t StatusFieldKib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atoll(line.c_str() + field.size());
  }
  return 0;
}

std::string FormatDouble(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

}  // namespace

double Samples::Percentile(double q) const {
  if (values_.empty()) return 0;
  std::vector<double> sorted = values_;
  std::sort(sorted.begin(), sorted.end());
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const double rank = std::ceil(q * static_cast<double>(sorted.size()));
  const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

double Samples::Sum() const { return std::accumulate(values_.begin(), values_.end(), 0.0); }

int64_t PeakRssKib() { return StatusFieldKib("VmHWM:"); }
int64_t CurrentRssKib() { return StatusFieldKib("VmRSS:"); }

void JsonObject::Key(const std::string& key) {
  if (!body_.empty()) body_ += ", ";
  base::AppendJsonString(body_, key);
  body_ += ": ";
}

JsonObject& JsonObject::Number(const std::string& key, double value) {
  Key(key);
  body_ += FormatDouble(value);
  return *this;
}

JsonObject& JsonObject::Integer(const std::string& key, int64_t value) {
  Key(key);
  body_ += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::String(const std::string& key, const std::string& value) {
  Key(key);
  base::AppendJsonString(body_, value);
  return *this;
}

JsonObject& JsonObject::Raw(const std::string& key, const std::string& json) {
  Key(key);
  body_ += json;
  return *this;
}

JsonObject& JsonObject::Timing(const std::string& key, const Samples& samples) {
  std::string list = "[";
  for (size_t i = 0; i < samples.size() && i < 1000; ++i) {
    if (i > 0) list += ", ";
    list += FormatDouble(samples.values()[i]);
  }
  list += "]";
  JsonObject t;
  t.Number("median_s", samples.Median())
      .Number("p50_s", samples.Percentile(0.5))
      .Number("p99_s", samples.Percentile(0.99))
      .Integer("n", static_cast<int64_t>(samples.size()))
      .Raw("samples", list);
  return Raw(key, t.Text());
}

}  // namespace coigraph::bench
