// Checks that feed text is UTF-8 without raw control characters (docs/loaders.md, "Text"), and
// tells a file in another encoding from a UTF-8 file with a few bad bytes.
//
// Most feed rows are ASCII (numbers, dates, enumerations): TextIsClean() tests 8 bytes at a time
// and decodes only when a word holds a byte outside printable ASCII, so that the check costs the
// load almost nothing.
//
// Example:
//   if (!TextIsClean(record.raw)) {
//     const TextFault f = FindTextFault(field);  // f.offset, f.reason
//   }
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace coigraph::loaders {

// What is wrong with a piece of text, and where.
struct TextFault {
  bool found = false;
  size_t offset = 0;   // byte offset of the first bad byte
  std::string reason;  // "not UTF-8: byte 0xC0 at byte 3", "raw control character U+0007 at ..."
};

// True when `text` is valid UTF-8 and holds no control character but TAB, LF and CR (C0 controls,
// DEL and the C1 controls U+0080..U+009F are refused).
bool TextIsClean(std::string_view text);
// The first fault of `text`; found == false when TextIsClean(text).
TextFault FindTextFault(std::string_view text);

// What a sample of a file says about its encoding.
enum class SampleEncoding {
  kUtf8,        // ASCII, or UTF-8 with at most a few bad sequences (left to the rows)
  kNotUtf8,     // most of its non-ASCII bytes are not UTF-8
  kLooksCp1251  // kNotUtf8, and its non-ASCII bytes are those of Cyrillic Windows-1251 text
};
// Judges the first bytes of a file (a sample of up to a few MiB; a sequence cut at its end is not
// counted). A file is not UTF-8 when more than half of its non-ASCII bytes are not part of a
// well-formed UTF-8 sequence.
SampleEncoding JudgeSample(std::string_view sample);

// `text` with every ill-formed UTF-8 byte replaced by U+FFFD, for output that must be UTF-8
// (reject records as JSON).
std::string ToValidUtf8(std::string_view text);

}  // namespace coigraph::loaders
