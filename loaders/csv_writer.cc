#include "loaders/csv_writer.h"

#include <charconv>
#include <cmath>

namespace coigraph::loaders {

namespace {
constexpr size_t kFlushAt = 1 << 20;
}  // namespace

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) (void)Close();
}

absl::Status CsvWriter::Open(const std::string& path,
                             std::initializer_list<std::string_view> header) {
  return Open(path, std::span<const std::string_view>(header.begin(), header.size()));
}

absl::Status CsvWriter::Open(const std::string& path, std::span<const std::string_view> header) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return absl::InternalError("cannot create " + path);
  buffer_.reserve(kFlushAt + 4096);
  for (std::string_view h : header) Text(h);
  buffer_.push_back('\n');
  at_row_start_ = true;
  return absl::OkStatus();
}

CsvWriter& CsvWriter::Text(std::string_view text) {
  Separator();
  // One pass over the text (find_first_of with a set of four scans the set for every byte).
  bool plain = true;
  for (const char c : text) {
    // The four are below '-': most bytes (letters, digits, UTF-8) pass the first test alone.
    if (static_cast<unsigned char>(c) < '-' && (c == ',' || c == '"' || c == '\r' || c == '\n')) {
      plain = false;
      break;
    }
  }
  if (plain) {
    buffer_.append(text);
    return *this;
  }
  buffer_.push_back('"');
  for (char ch : text) {
    if (ch == '"') buffer_.push_back('"');
    buffer_.push_back(ch);
  }
  buffer_.push_back('"');
  return *this;
}

CsvWriter& CsvWriter::Int(int64_t value) {
  Separator();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, value);
  buffer_.append(buf, r.ptr);
  return *this;
}

CsvWriter& CsvWriter::Date(graph::Date date) {
  Separator();
  if (date != graph::kMinDate && date != graph::kMaxDate)
    buffer_.append(graph::FormatIsoDate(date));
  return *this;
}

CsvWriter& CsvWriter::Share(double pct) {
  Separator();
  if (pct < 0) return *this;
  const double cents = std::round(pct * 100.0);
  const auto whole = static_cast<int64_t>(cents) / 100;
  const auto frac = static_cast<int64_t>(cents) % 100;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, whole);
  buffer_.append(buf, r.ptr);
  if (frac != 0) {
    buffer_.push_back('.');
    buffer_.push_back(static_cast<char>('0' + frac / 10));
    if (frac % 10 != 0) buffer_.push_back(static_cast<char>('0' + frac % 10));
  }
  return *this;
}

void CsvWriter::EndRow() {
  buffer_.push_back('\n');
  at_row_start_ = true;
  ++rows_;
  if (buffer_.size() >= kFlushAt) Flush();
}

void CsvWriter::Flush() {
  if (file_ == nullptr || buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

absl::Status CsvWriter::Close() {
  if (file_ == nullptr) return absl::OkStatus();
  Flush();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return absl::InternalError("write failed: " + path_);
  return absl::OkStatus();
}

}  // namespace coigraph::loaders
