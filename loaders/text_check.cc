#include "loaders/text_check.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "base/text.h"
#include "base/utf8.h"

namespace coigraph::loaders {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Whether any of 8 bytes may be outside printable ASCII (< 0x20, 0x7F, >= 0x80). It may say yes
// for a word that is clean (a borrow crosses bytes), never no for one that is not: the exact
// check then decides.
inline bool MaybeUnclean(uint64_t x) {
  return (((x - 0x20 * kOnes) | x | (x + kOnes)) & kHighBits) != 0;
}

size_t SequenceLength(const unsigned char* p, size_t left) {
  return base::Utf8SequenceLength(p, left);
}

bool IsRefusedControl(unsigned char b) {
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
}

std::string Hex(unsigned b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", b & 0xFFu);
  return buf;
}

// The first fault at or after `from`, exactly.
TextFault FindFaultFrom(std::string_view text, size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = from; i < n;) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (IsRefusedControl(b)) {
        return {true, i, base::Cat("raw control character U+00", Hex(b), " at byte ", i)};
      }
      ++i;
      continue;
    }
    const size_t len = SequenceLength(p + i, n - i);
    if (len == 0) return {true, i, base::Cat("not UTF-8: byte 0x", Hex(b), " at byte ", i)};
    if (len == 2 && b == 0xC2 && p[i + 1] < 0xA0) {
      return {true, i, base::Cat("raw control character U+00", Hex(p[i + 1]), " at byte ", i)};
    }
    i += len;
  }
  return {};
}

}  // namespace

bool TextIsClean(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (!MaybeUnclean(word)) {
        i += 8;
        continue;
      }
    }
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (IsRefusedControl(b)) return false;
      ++i;
    } else if (b >= 0xC3 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      // Cyrillic and Kazakh letters are two bytes each, and come in words: take the whole run.
      i += 2;
      while (i + 1 < n && static_cast<unsigned>(p[i] - 0xC3) <= 0xDF - 0xC3 &&
             (p[i + 1] & 0xC0) == 0x80) {
        i += 2;
      }
    } else {
      const size_t len = SequenceLength(p + i, n - i);
      if (len == 0 || (b == 0xC2 && p[i + 1] < 0xA0)) return false;  // C1 controls
      i += len;
    }
  }
  return true;
}

TextFault FindTextFault(std::string_view text) { return FindFaultFrom(text, 0); }

SampleEncoding JudgeSample(std::string_view sample) {
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  const size_t n = sample.size();
  size_t non_ascii = 0;
  size_t bad = 0;
  size_t cyrillic_1251 = 0;  // А..я (0xC0..0xFF), Ё and ё (0xA8, 0xB8) as Windows-1251 writes them
  for (size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    ++non_ascii;
    if (b >= 0xC0 || b == 0xA8 || b == 0xB8) ++cyrillic_1251;
    const size_t len = SequenceLength(p + i, n - i);
    if (len == 0) {
      if (n - i < 4) break;  // perhaps a sequence cut by the end of the sample
      ++bad;
      ++i;
      continue;
    }
    non_ascii += len - 1;
    i += len;
  }
  if (non_ascii == 0 || bad * 2 <= non_ascii) return SampleEncoding::kUtf8;
  return cyrillic_1251 * 10 >= bad * 9 ? SampleEncoding::kLooksCp1251 : SampleEncoding::kNotUtf8;
}

std::string ToValidUtf8(std::string_view text) {
  if (TextIsClean(text)) return std::string(text);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) {
    const size_t len = SequenceLength(p + i, text.size() - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.data() + i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace coigraph::loaders
