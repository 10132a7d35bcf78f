// A RapidJSON input stream that checks its bytes are UTF-8 a block at a time (json_items.cc).
//
// RapidJSON's own check (kParseValidateEncodingFlag) decodes every character of every string
// through the stream, one call per byte: 8% of a goszakup import in perf. This stream reads 64 KiB
// blocks, from a file or from text in memory, and checks each block in one pass: eight ASCII bytes
// at a time, other sequences by base::Utf8SequenceLength. A sequence cut by the block's end is
// carried into the next block. At the first byte that is not UTF-8 (or a sequence the input cuts
// off), the stream ends as if the input ended there: the parser stops (or finishes the records
// before it), and bad_offset() says where.
//
// Example:
//   Utf8Stream in(file);  // or Utf8Stream in(text)
//   reader.Parse<flags>(in, handler);
//   if (in.bad_offset() >= 0) ... "byte N: not UTF-8"
//
// Thread safety: none.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace coigraph::loaders::goszakup {

class Utf8Stream {
 public:
  using Ch = char;  // RapidJSON's stream concept

  explicit Utf8Stream(std::FILE* file) : file_(file) { Refill(); }
  explicit Utf8Stream(std::string_view text) : text_(text) { Refill(); }

  Ch Peek() const { return *current_; }
  Ch Take() {
    const Ch c = *current_;
    if (!done_ && ++current_ == checked_end_) Refill();
    return c;
  }
  size_t Tell() const { return static_cast<size_t>(base_ + (current_ - buffer_.data())); }

  // Not an output stream; RapidJSON's in-situ parsing would call these.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch /*c*/) {}
  void Flush() {}
  size_t PutEnd(Ch* /*begin*/) { return 0; }

  // The byte offset of the first byte that is not UTF-8; -1 when every byte read so far is.
  int64_t bad_offset() const { return bad_offset_; }
  // Whether reading the file failed (std::ferror).
  bool read_error() const { return file_ != nullptr && std::ferror(file_) != 0; }

 private:
  static constexpr size_t kBlock = size_t{64} << 10;
  static constexpr size_t kMaxCarry = 3;  // a four-byte sequence less its last byte

  // Moves what is not yet checked to the front, reads a block after it, and checks it.
  void Refill() {
    char* const front = buffer_.data();
    size_t carry = static_cast<size_t>(filled_end_ - checked_end_);
    base_ += checked_end_ - front;
    if (stopped_at_bad_) {  // the checked bytes are used up: the input ends at the bad byte
      Finish(front, base_);
      return;
    }
    std::memmove(front, checked_end_, carry);
    for (;;) {
      const size_t got = Read(front + carry, kBlock);
      const size_t n = carry + got;
      const size_t checked = Check(front, n, got == 0);
      filled_end_ = front + n;
      checked_end_ = front + checked;
      current_ = front;
      if (checked > 0) return;
      if (n == 0) return Finish(front, -1);                          // the end
      if (stopped_at_bad_ || got == 0) return Finish(front, base_);  // bad, or cut off at the end
      carry = n;  // a sequence cut short by a short read: read on
    }
  }

  // How many of p[0..n) are whole UTF-8 sequences before a bad byte or a sequence cut by the
  // block's end (`last`: the input ends there, so that a cut sequence is bad).
  size_t Check(const char* text, size_t n, bool last) {
    const auto* p = reinterpret_cast<const unsigned char*>(text);
    size_t i = 0;
    while (i < n) {
      if (i + 8 <= n) {
        uint64_t eight;
        std::memcpy(&eight, p + i, 8);
        if ((eight & 0x8080808080808080u) == 0) {
          i += 8;
          continue;
        }
      }
      if (p[i] < 0x80) {
        ++i;
        continue;
      }
      const size_t len = base::Utf8SequenceLength(p + i, n - i);
      if (len != 0) {
        i += len;
        continue;
      }
      if (!last && n - i <= kMaxCarry) break;  // checked again with the next block
      stopped_at_bad_ = true;
      break;
    }
    return i;
  }

  void Finish(char* at, int64_t bad) {
    *at = '\0';  // RapidJSON's end of input
    current_ = at;
    checked_end_ = filled_end_ = at + 1;
    done_ = true;
    if (bad >= 0) bad_offset_ = bad;
  }

  size_t Read(char* dst, size_t max) {
    if (file_ != nullptr) return std::fread(dst, 1, max, file_);
    const size_t n = std::min(max, text_.size());
    std::memcpy(dst, text_.data(), n);
    text_.remove_prefix(n);
    return n;
  }

  std::FILE* file_ = nullptr;
  std::string_view text_;
  std::vector<char> buffer_ = std::vector<char>(kBlock + kMaxCarry + 1);
  char* current_ = buffer_.data();
  char* checked_end_ = buffer_.data();  // the bytes before it are UTF-8 and whole sequences
  char* filled_end_ = buffer_.data();   // the bytes read
  int64_t base_ = 0;                    // the input's offset of buffer_[0]
  int64_t bad_offset_ = -1;
  bool stopped_at_bad_ = false;  // checked_end_ is at a bad byte
  bool done_ = false;
};

}  // namespace coigraph::loaders::goszakup
