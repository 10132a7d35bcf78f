// Converts a byte stream from another encoding to UTF-8 while it is read, with iconv (glibc), so
// that an operator can load a feed saved as cp1251 (Russian Excel) deliberately
// (LoadOptions::encoding, `coigraph --encoding cp1251`).
//
// Example:
//   absl::StatusOr<std::unique_ptr<TextConverter>> c = TextConverter::Open("cp1251");
//   size_t n = (*c)->Read(dst, max, [&](char* raw, size_t cap) { return fread(raw, 1, cap, f); });
//
// Thread safety: none; one reader owns one converter.
#pragma once

#include <iconv.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace coigraph::loaders {

class TextConverter {
 public:
  // Reads at most `cap` raw bytes into its first argument; 0 at the end of the input.
  using RawRead = std::function<size_t(char*, size_t)>;

  // Errors: InvalidArgument when iconv knows no such encoding.
  static absl::StatusOr<std::unique_ptr<TextConverter>> Open(const std::string& from_encoding);
  ~TextConverter();
  TextConverter(const TextConverter&) = delete;
  TextConverter& operator=(const TextConverter&) = delete;

  // Writes up to `max` bytes of UTF-8 to `dst`, reading raw bytes through `read` as needed;
  // returns 0 only at the end of the input. A byte (or a sequence cut by the end) that has no
  // character in the encoding becomes U+FFFD.
  size_t Read(char* dst, size_t max, const RawRead& read);

 private:
  explicit TextConverter(iconv_t cd);
  // Converts more input into out_; false at the end of the input.
  bool Convert(const RawRead& read);

  iconv_t cd_;
  std::vector<char> in_;
  size_t in_begin_ = 0, in_end_ = 0;
  bool input_ended_ = false;
  std::vector<char> out_;
  size_t out_begin_ = 0, out_end_ = 0;
};

}  // namespace coigraph::loaders
