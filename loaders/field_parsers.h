// Strict parsers for the value formats of docs/feeds.md that graph/ does not already provide
// (dates, IINs, BINs and enumerations live in graph/), and the fingerprints used to find duplicate
// rows. Every parser takes the whole field and returns nullopt unless all of it is valid.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "graph/identity_number.h"

namespace coigraph::loaders {

// `M` or `F`.
std::optional<graph::Sex> ParseSex(std::string_view text);
// `true` or `false`.
std::optional<bool> ParseBool(std::string_view text);
// Digits with an optional single `.` and fraction digits: `0`, `1500000`, `12.50`. No sign, no
// exponent, no leading or trailing `.`.
std::optional<double> ParseDecimal(std::string_view text);
// A positive integer (digits only, value 1 .. 10^18).
std::optional<int64_t> ParsePositiveInteger(std::string_view text);

// A 64-bit fingerprint of a sequence of fields (each field's length is mixed in, so ("ab","c")
// and ("a","bc") differ). Deterministic within a process.
class Fingerprint {
 public:
  explicit Fingerprint(uint64_t seed = 0) : h_(Mix(seed ^ 0x9e3779b97f4a7c15ULL)) {}
  Fingerprint& Add(std::string_view field);
  Fingerprint& Add(uint64_t value);
  uint64_t value() const { return Mix(h_); }

 private:
  static uint64_t Mix(uint64_t x);  // splitmix64 finalizer
  uint64_t h_;
};

}  // namespace coigraph::loaders
