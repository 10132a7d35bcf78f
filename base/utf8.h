// UTF-8 decoding for the places that must keep output well-formed (JSON strings, terminal
// tables) and for the loaders' text check.
//
// Example:
//   const auto* p = reinterpret_cast<const unsigned char*>(s.data());
//   const size_t len = Utf8SequenceLength(p + i, s.size() - i);  // 0: write U+FFFD, skip a byte
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>

namespace coigraph::base {

// The length of the well-formed UTF-8 sequence at p[0..left) (RFC 3629, table 3-7 of Unicode),
// 0 when it is ill-formed or cut off by the end. REQUIRES: left > 0.
inline size_t Utf8SequenceLength(const unsigned char* p, size_t left) {
  const unsigned char b = p[0];
  if (b < 0x80) return 1;
  auto cont = [&](size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < left && p[i] >= lo && p[i] <= hi;
  };
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xF1 && b <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// Whether the two-byte sequence at p (Utf8SequenceLength == 2) is a C1 control, U+0080..U+009F.
inline bool IsC1Control(const unsigned char* p) { return p[0] == 0xC2 && p[1] < 0xA0; }

}  // namespace coigraph::base
