#include "loaders/file_check.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/csv_reader.h"
#include "loaders/text_check.h"

namespace coigraph::loaders {

namespace {

using base::AbslView;

constexpr size_t kSampleBytes = size_t{1} << 20;

// The first megabyte of a file and the file's size, to judge its encoding and its row count. Its
// buffer comes from a pool and goes back to it.
class Sample {
 public:
  Sample(const std::string& path, BufferPool& buffers)
      : buffers_(buffers), buffer_(buffers.Take(kSampleBytes)) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return;
    size_ = std::fread(buffer_.data(), 1, buffer_.size(), f);
    file_size_ = size_;
    if (size_ == kSampleBytes && std::fseek(f, 0, SEEK_END) == 0) {
      const long end = std::ftell(f);
      if (end > 0) file_size_ = static_cast<size_t>(end);
    }
    std::fclose(f);
  }
  ~Sample() { buffers_.Give(std::move(buffer_)); }
  Sample(const Sample&) = delete;
  Sample& operator=(const Sample&) = delete;

  std::string_view bytes() const { return {buffer_.data(), size_}; }
  size_t file_size() const { return file_size_; }

 private:
  BufferPool& buffers_;
  std::vector<char> buffer_;
  size_t size_ = 0;
  size_t file_size_ = 0;
};

// About how many records a file holds after its header: its size over the mean length of the
// lines in its first megabyte, plus 2% (a table that is slightly too big costs less than one that
// grows). Lines are taken to be at least 16 bytes, so that a first megabyte of blank lines cannot
// make the loader reserve for billions of rows.
size_t EstimateRows(const Sample& s) {
  const std::string_view bytes = s.bytes();
  const auto lines = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  if (lines == 0) return 1;
  if (s.file_size() == bytes.size()) return lines;  // the whole file was read
  const double per_line =
      std::max(16.0, static_cast<double>(bytes.size()) / static_cast<double>(lines));
  return static_cast<size_t>(static_cast<double>(s.file_size()) / per_line * 1.02) + 16;
}

CheckedFile Rejected(int64_t line, std::string column, std::string_view what, std::string raw,
                     std::string message) {
  CheckedFile out;
  out.fault =
      FileFault{line, std::move(column), absl::StrCat(AbslView(what), "; the file is not loaded"),
                std::move(raw), std::move(message)};
  return out;
}

}  // namespace

absl::StatusOr<CheckedFile> CheckFile(const FeedSchema& schema, const std::string& path,
                                      const std::string& encoding, BufferPool& buffers) {
  absl::StatusOr<std::unique_ptr<CsvReader>> reader =
      CsvReader::OpenFile(path, CsvReader::kDefaultChunkBytes, encoding, &buffers);
  if (!reader.ok()) return absl::InvalidArgumentError(reader.status().message());
  const std::string file(schema.file);
  const Sample sample(path, buffers);
  // A file in another encoding would load with its names garbled, or with every row rejected
  // one by one; it is rejected once, with a hint when the encoding can be guessed. A converted
  // file (an encoding was given) is UTF-8 by construction.
  const SampleEncoding judged =
      encoding.empty() ? JudgeSample(sample.bytes()) : SampleEncoding::kUtf8;
  if (judged != SampleEncoding::kUtf8) {
    std::string what = "the file is not UTF-8 (most of its non-ASCII bytes are not UTF-8)";
    if (judged == SampleEncoding::kLooksCp1251) {
      absl::StrAppend(&what,
                      "; it looks like Windows-1251 (cp1251, as Russian Excel saves CSV): convert "
                      "it to UTF-8, or load it as it is with --encoding cp1251");
    }
    return Rejected(1, "", what, "", absl::StrCat(file, ": ", what));
  }
  if (!(*reader)->Next()) {
    if (!(*reader)->status().ok()) return (*reader)->status();
    constexpr char kEmpty[] = "the file is empty (no header line)";
    return Rejected(1, "", kEmpty, "", absl::StrCat(file, ": ", kEmpty));
  }
  const CsvRecord& header = (*reader)->record();
  if (!header.error.empty()) {
    const std::string what = absl::StrCat("malformed header: ", AbslView(header.error));
    return Rejected(header.line, "", what, std::string(header.raw),
                    absl::StrCat(file, ":", header.line, ": ", what));
  }
  std::string fault_column;
  absl::StatusOr<ColumnMap> columns = ColumnMap::FromHeader(schema, header.fields, &fault_column);
  if (!columns.ok()) {
    const std::string message(columns.status().message());
    // FromHeader's message starts with "<file>: "; the reject record names the file apart.
    return Rejected(header.line, fault_column, std::string_view(message).substr(file.size() + 2),
                    std::string(header.raw), message);
  }
  CheckedFile out;
  out.columns = *std::move(columns);
  out.estimated_rows = EstimateRows(sample);
  return out;
}

}  // namespace coigraph::loaders
