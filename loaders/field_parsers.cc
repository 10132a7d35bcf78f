#include "loaders/field_parsers.h"

#include <charconv>
#include <cstring>
#include <functional>

#include "base/number_map.h"

namespace coigraph::loaders {

std::optional<graph::Sex> ParseSex(std::string_view text) {
  if (text == "M") return graph::Sex::kMale;
  if (text == "F") return graph::Sex::kFemale;
  return std::nullopt;
}

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::optional<double> ParseDecimal(std::string_view text) {
  size_t int_digits = 0;
  size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++int_digits;
  if (int_digits == 0) return std::nullopt;
  if (i < text.size()) {
    if (text[i] != '.') return std::nullopt;
    ++i;
    size_t frac_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++frac_digits;
    if (frac_digits == 0 || i != text.size()) return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<int64_t> ParsePositiveInteger(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  // At most 10^18, checked before each step so that no value ever overflows (19 digits can
  // exceed int64_t).
  constexpr int64_t kMax = 1'000'000'000'000'000'000LL;
  int64_t value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    const int digit = ch - '0';
    if (value > (kMax - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (value < 1) return std::nullopt;
  return value;
}

uint64_t Fingerprint::Mix(uint64_t x) { return base::SplitMix64(x); }

Fingerprint& Fingerprint::Add(std::string_view field) {
  // Most fields are short (IINs, dates, ids): up to 16 bytes are read as two words, which hold
  // every byte, rather than hashed byte by byte; the length tells "ab" from "ab\0".
  const size_t n = field.size();
  uint64_t x;
  if (n <= 16) {
    uint64_t a = 0;
    uint64_t b = 0;
    if (n >= 8) {
      std::memcpy(&a, field.data(), 8);
      std::memcpy(&b, field.data() + n - 8, 8);
    } else if (n > 0) {
      std::memcpy(&a, field.data(), n);
    }
    x = Mix(a ^ Mix(b ^ (n * 0x9e3779b97f4a7c15ULL)));
  } else {
    x = std::hash<std::string_view>{}(field);
  }
  h_ = Mix(h_ ^ x) + n;
  return *this;
}

Fingerprint& Fingerprint::Add(uint64_t value) {
  h_ = Mix(h_ ^ Mix(value + 0x632be59bd9b4e019ULL));
  return *this;
}

}  // namespace coigraph::loaders
