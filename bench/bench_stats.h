// Timing and memory figures of the benchmark harness.
//
// Example:
//   Samples hire;
//   for (...) { Stopwatch w; CheckHire(s, q); hire.Add(w.Seconds()); }
//   hire.Median();  hire.Percentile(0.99);
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace coigraph::bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// A set of measurements in seconds.
class Samples {
 public:
  void Add(double seconds) { values_.push_back(seconds); }
  size_t size() const { return values_.size(); }
  // Nearest-rank percentile, q in [0, 1]; 0 when empty.
  double Percentile(double q) const;
  double Median() const { return Percentile(0.5); }
  double Sum() const;
  const std::vector<double>& values() const { return values_; }

 private:
  std::vector<double> values_;
};

// Peak resident set size of this process (VmHWM of /proc/self/status), in KiB; 0 if unknown.
int64_t PeakRssKib();
// Current resident set size (VmRSS), in KiB; 0 if unknown.
int64_t CurrentRssKib();

// A flat JSON object written field by field: {"a": 1, "b": "x", "c": {...}}.
class JsonObject {
 public:
  JsonObject& Number(const std::string& key, double value);
  JsonObject& Integer(const std::string& key, int64_t value);
  JsonObject& String(const std::string& key, const std::string& value);
  JsonObject& Raw(const std::string& key, const std::string& json);
  // {"median_s", "p50_s", "p99_s", "n", "samples"}: the figures the report reads.
  JsonObject& Timing(const std::string& key, const Samples& samples);
  std::string Text() const { return "{" + body_ + "}"; }

 private:
  void Key(const std::string& key);
  std::string body_;
};

}  // namespace coigraph::bench
