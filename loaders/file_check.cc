#include "loaders/file_check.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/csv_reader.h"

namespace coigraph::loaders {

namespace {

using base::AbslView;

// About how many records a file holds after its header: its size over the mean length of the
// lines in its first megabyte, plus 2% (a table that is slightly too big costs less than one that
// grows). Lines are taken to be at least 16 bytes, so that a first megabyte of blank lines cannot
// make the loader reserve for billions of rows. 0 when unreadable.
size_t EstimateRows(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return 0;
  std::vector<char> sample(size_t{1} << 20);
  const size_t got = std::fread(sample.data(), 1, sample.size(), f);
  size_t size = got;
  if (got == sample.size() && std::fseek(f, 0, SEEK_END) == 0) {
    const long end = std::ftell(f);
    if (end > 0) size = static_cast<size_t>(end);
  }
  std::fclose(f);
  const auto lines = static_cast<size_t>(std::count(sample.begin(), sample.begin() + got, '\n'));
  if (lines == 0) return 1;
  if (got < sample.size()) return lines;  // the whole file was read
  const double per_line = std::max(16.0, static_cast<double>(got) / static_cast<double>(lines));
  return static_cast<size_t>(static_cast<double>(size) / per_line * 1.02) + 16;
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

absl::StatusOr<CheckedFile> CheckFile(const FeedSchema& schema, const std::string& path) {
  absl::StatusOr<std::unique_ptr<CsvReader>> reader = CsvReader::OpenFile(path);
  if (!reader.ok()) return absl::InvalidArgumentError(reader.status().message());
  const std::string file(schema.file);
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
  out.estimated_rows = EstimateRows(path);
  return out;
}

}  // namespace coigraph::loaders
