#include "loaders/csv_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace coigraph::loaders {

absl::StatusOr<std::unique_ptr<CsvReader>> CsvReader::OpenFile(const std::string& path,
                                                               size_t chunk_bytes,
                                                               const std::string& encoding,
                                                               BufferPool* buffers) {
  std::unique_ptr<TextConverter> converter;
  if (!encoding.empty()) {
    absl::StatusOr<std::unique_ptr<TextConverter>> c = TextConverter::Open(encoding);
    if (!c.ok()) return c.status();
    converter = *std::move(c);
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    if (err == ENOENT) return absl::NotFoundError(absl::StrCat(path, " does not exist"));
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot be opened: ", std::strerror(err)));
  }
  std::unique_ptr<CsvReader> reader(new CsvReader(f, "", path, chunk_bytes, buffers));
  reader->converter_ = std::move(converter);
  return reader;
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string data, size_t chunk_bytes) {
  // No chunk need be larger than the input: a short input gets a short buffer, not 1 MiB.
  const size_t chunk = std::min(chunk_bytes, std::max<size_t>(data.size(), 1));
  return std::unique_ptr<CsvReader>(
      new CsvReader(nullptr, std::move(data), "<memory>", chunk, nullptr));
}

CsvReader::CsvReader(std::FILE* file, std::string memory, std::string path, size_t chunk_bytes,
                     BufferPool* buffers)
    : file_(file),
      memory_(std::move(memory)),
      path_(std::move(path)),
      chunk_bytes_(std::max<size_t>(chunk_bytes, 1)),
      buffers_(buffers) {
  // The first fill holds at least 3 bytes, so that a BOM split by a tiny chunk is still seen.
  const size_t size = std::max<size_t>(chunk_bytes_, 3);
  if (buffers_ != nullptr) {
    buf_ = buffers_->Take(size);
  } else {
    buf_.resize(size);
  }
}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
  if (buffers_ != nullptr) buffers_->Give(std::move(buf_));
}

size_t CsvReader::ReadRaw(char* dst, size_t max) {
  if (file_ == nullptr) {
    const size_t got = std::min(max, memory_.size() - memory_pos_);
    std::memcpy(dst, memory_.data() + memory_pos_, got);
    memory_pos_ += got;
    return got;
  }
  const size_t got = std::fread(dst, 1, max, file_);
  if (got == 0 && std::ferror(file_)) {
    status_ = absl::InvalidArgumentError(absl::StrCat(path_, ": read error"));
  }
  return got;
}

size_t CsvReader::ReadInput(char* dst, size_t max) {
  if (converter_ == nullptr) return ReadRaw(dst, max);
  return converter_->Read(dst, max, [this](char* raw, size_t cap) { return ReadRaw(raw, cap); });
}

bool CsvReader::Refill() {
  if (at_end_) return false;
  const size_t want = started_ ? chunk_bytes_ : buf_.size();
  size_t got = 0;
  while (got < want) {
    const size_t n = ReadInput(buf_.data() + got, want - got);
    got += n;
    if (n == 0 || started_) break;  // after the first fill, a short read is fine
  }
  pos_ = 0;
  end_ = got;
  if (!started_) {
    started_ = true;
    if (got >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) {
      pos_ = 3;
      if (pos_ == end_) return Refill();  // the BOM filled the first chunk
    }
  }
  if (pos_ == end_) {
    at_end_ = true;
    return false;
  }
  return true;
}

bool CsvReader::Compact() {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size() || at_end_) return false;
  const size_t got = ReadInput(buf_.data() + end_, buf_.size() - end_);
  end_ += got;
  return got > 0;
}

namespace {

// The bytes that end a run of plain field text.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('"')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  return t;
}();

}  // namespace

CsvReader::Plain CsvReader::ParsePlain(CsvRecord& out) {
  for (;;) {
    const char* const begin = buf_.data() + pos_;
    const char* const end = buf_.data() + end_;
    const char* p = begin;
    const char* field = begin;
    out.fields.clear();
    const char* record_end = nullptr;
    const char* next = nullptr;
    while (record_end == nullptr) {
      while (p < end && !kSpecial[static_cast<unsigned char>(*p)]) ++p;
      if (p == end) return Plain::kMore;
      switch (*p) {
        case ',':
          out.fields.emplace_back(field, static_cast<size_t>(p - field));
          field = ++p;
          break;
        case '\n':
          record_end = p;
          next = p + 1;
          break;
        case '\r':
          if (p + 1 == end) return Plain::kMore;
          if (p[1] != '\n') return Plain::kSlow;
          record_end = p;
          next = p + 2;
          break;
        default:  // a quote
          return Plain::kSlow;
      }
    }
    if (static_cast<size_t>(record_end - begin) > kMaxRecordBytes) return Plain::kSlow;
    pos_ = static_cast<size_t>(next - buf_.data());
    if (record_end == begin) {  // a blank line
      ++line_;
      continue;
    }
    out.fields.emplace_back(field, static_cast<size_t>(record_end - field));
    out.line = line_++;
    out.raw = std::string_view(begin, static_cast<size_t>(record_end - begin));
    out.error = std::string_view();
    return Plain::kRecord;
  }
}

bool CsvReader::FastNext() {
  if (!started_ && !Refill()) return false;
  for (;;) {
    switch (ParsePlain(record_)) {
      case Plain::kRecord:
        return true;
      case Plain::kSlow:
        return false;
      case Plain::kMore:
        if (!Compact()) return false;  // full of one long record, or the end of the input
        break;
    }
  }
}

std::span<const CsvRecord> CsvReader::NextBatch(size_t max) {
  if (batch_.size() < max) batch_.resize(max);
  size_t n = 0;
  if (!status_.ok()) return {};
  if (!started_) Refill();
  while (n < max) {
    const Plain r = ParsePlain(batch_[n]);
    if (r == Plain::kRecord) {
      ++n;
      continue;
    }
    if (n > 0) break;  // hand out these first: Compact() and SlowNext() would move them
    if (r == Plain::kMore && Compact()) continue;
    if (!status_.ok() || !SlowNext()) break;
    batch_[0] = record_;
    n = 1;
    break;
  }
  return {batch_.data(), n};
}

bool CsvReader::Next() {
  if (!status_.ok()) return false;
  if (FastNext()) return true;
  return SlowNext();
}

void CsvReader::EndField() {
  spans_.emplace_back(field_begin_, text_.size());
  field_begin_ = text_.size();
}

void CsvReader::SetError(std::string_view reason) {
  if (error_.empty()) error_.assign(reason);
}

// The record grammar, one byte at a time:
//
//   field_start --"--> quoted --"--> quote_in_quoted --"--> quoted (a doubled quote)
//        |                                  `--other--> after_close (must be , or line end)
//        `--other--> unquoted --,--> field_start;  line end ends the record
//
// A CR is held back (cr) until the next byte shows whether it starts a CRLF.
bool CsvReader::SlowNext() {
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterClose, kCr };
  if (!status_.ok()) return false;
  raw_.clear();
  text_.clear();
  spans_.clear();
  error_.clear();
  field_begin_ = 0;
  too_long_ = false;
  int64_t record_line = line_;
  int64_t quote_line = line_;
  State state = State::kFieldStart;
  State before_cr = State::kFieldStart;
  for (;;) {
    const int c = Get();
    if (c < 0) {
      if (!status_.ok()) return false;
      if (state == State::kQuoted) {
        SetError(absl::StrCat("unterminated quoted field (the quote opened on line ", quote_line,
                              " is never closed)"));
      }
      if (state == State::kFieldStart && raw_.empty() && spans_.empty()) return false;
      EndField();
      break;
    }
    const char ch = static_cast<char>(c);
    bool end_record = false;
    bool again = true;
    while (again) {
      again = false;
      switch (state) {
        case State::kFieldStart:
          if (ch == '"') {
            state = State::kQuoted;
            quote_line = line_;
            AppendRaw(ch);
            break;
          }
          state = State::kUnquoted;
          again = true;
          break;
        case State::kUnquoted:
          if (ch == ',') {
            EndField();
            AppendRaw(ch);
            state = State::kFieldStart;
          } else if (ch == '\n') {
            ++line_;
            end_record = true;
          } else if (ch == '\r') {
            before_cr = State::kUnquoted;
            state = State::kCr;
          } else {
            if (ch == '"') SetError("a quote inside an unquoted field (quote the whole field)");
            AppendText(ch);
            AppendRaw(ch);
          }
          break;
        case State::kCr:
          if (ch == '\n') {
            ++line_;
            end_record = true;
          } else {
            // A lone CR is data, except after a closing quote where nothing may follow.
            if (before_cr == State::kAfterClose) {
              SetError("text after the closing quote of a quoted field");
            }
            AppendText('\r');
            AppendRaw('\r');
            state = State::kUnquoted;
            again = true;
          }
          break;
        case State::kQuoted:
          if (ch == '"') {
            state = State::kQuoteInQuoted;
          } else {
            if (ch == '\n') ++line_;
            AppendText(ch);
          }
          AppendRaw(ch);
          break;
        case State::kQuoteInQuoted:
          if (ch == '"') {
            AppendText(ch);
            AppendRaw(ch);
            state = State::kQuoted;
          } else {
            state = State::kAfterClose;
            again = true;
          }
          break;
        case State::kAfterClose:
          if (ch == ',') {
            EndField();
            AppendRaw(ch);
            state = State::kFieldStart;
          } else if (ch == '\n') {
            ++line_;
            end_record = true;
          } else if (ch == '\r') {
            before_cr = State::kAfterClose;
            state = State::kCr;
          } else {
            SetError("text after the closing quote of a quoted field");
            AppendText(ch);
            AppendRaw(ch);
            state = State::kUnquoted;
          }
          break;
      }
    }
    if (end_record) {
      const bool blank =
          raw_.empty() && spans_.empty() && text_.empty() &&
          (state == State::kUnquoted || state == State::kCr || state == State::kFieldStart);
      if (blank) {
        record_line = line_;
        state = State::kFieldStart;
        continue;
      }
      EndField();
      break;
    }
  }
  if (too_long_) {
    SetError(
        absl::StrCat("record is longer than ", kMaxRecordBytes, " bytes (an unterminated quote?)"));
  }
  record_.line = record_line;
  record_.fields.clear();
  for (const auto& [b, e] : spans_) {
    record_.fields.emplace_back(text_.data() + b, e - b);
  }
  record_.raw = raw_;
  record_.error = error_;
  return true;
}

}  // namespace coigraph::loaders
