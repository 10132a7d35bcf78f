#include "loaders/text_converter.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/text.h"

namespace coigraph::loaders {

namespace {

constexpr size_t kInBytes = size_t{64} << 10;
// Room for every input byte to become up to 4 bytes of UTF-8.
constexpr size_t kOutBytes = 4 * kInBytes;
constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

absl::StatusOr<std::unique_ptr<TextConverter>> TextConverter::Open(
    const std::string& from_encoding) {
  iconv_t cd = iconv_open("UTF-8", from_encoding.c_str());
  // iconv_open's documented failure value is (iconv_t)-1.
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    return absl::InvalidArgumentError(
        base::Cat("unknown encoding '", from_encoding, "' (iconv knows no such encoding)"));
  }
  return std::unique_ptr<TextConverter>(new TextConverter(cd));
}

TextConverter::TextConverter(iconv_t cd) : cd_(cd), in_(kInBytes), out_(kOutBytes) {}

TextConverter::~TextConverter() { iconv_close(cd_); }

size_t TextConverter::Read(char* dst, size_t max, const RawRead& read) {
  while (out_begin_ == out_end_) {
    if (!Convert(read)) return 0;
  }
  const size_t n = std::min(max, out_end_ - out_begin_);
  std::memcpy(dst, out_.data() + out_begin_, n);
  out_begin_ += n;
  return n;
}

bool TextConverter::Convert(const RawRead& read) {
  out_begin_ = out_end_ = 0;
  // Keep an unconverted tail (a sequence cut by the chunk end) and read after it.
  std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
  in_end_ -= in_begin_;
  in_begin_ = 0;
  if (!input_ended_ && in_end_ < in_.size()) {
    const size_t got = read(in_.data() + in_end_, in_.size() - in_end_);
    if (got == 0) input_ended_ = true;
    in_end_ += got;
  }
  if (in_end_ == 0) return false;
  char* in = in_.data();
  size_t in_left = in_end_;
  char* out = out_.data();
  size_t out_left = out_.size();
  while (in_left > 0) {
    if (iconv(cd_, &in, &in_left, &out, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == EILSEQ || (errno == EINVAL && input_ended_)) {
      // No character for this byte (or a sequence the end cut off): say so and go on.
      std::memcpy(out, kReplacement, 3);  // NOLINT(bugprone-not-null-terminated-result): bytes
      out += 3;
      out_left -= 3;
      ++in;
      --in_left;
      continue;
    }
    break;  // EINVAL: a sequence cut by the chunk end, converted with the next read
  }
  in_begin_ = static_cast<size_t>(in - in_.data());
  out_end_ = static_cast<size_t>(out - out_.data());
  // Nothing converted yet (only a cut sequence): the caller asks again, and more is read.
  return out_end_ > 0 || !input_ended_ || in_begin_ < in_end_;
}

}  // namespace coigraph::loaders
