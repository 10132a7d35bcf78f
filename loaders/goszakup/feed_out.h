// One feed file the importer writes (docs/feeds.md): its columns are those the loader knows
// (FeedSchema::Known()) plus any the importer adds, and a row is filled by column name.
//
// Example:
//   FeedOut out(FeedId::kTenders);
//   absl::Status s = out.Open("feed");
//   out.Set("tender_id", "123").Set("method", "auction").Write();
//
// Thread safety: none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "loaders/csv_writer.h"
#include "loaders/feed_schema.h"

namespace coigraph::loaders::goszakup {

class FeedOut {
 public:
  explicit FeedOut(FeedId id, const std::vector<std::string_view>& extra = {});

  // Creates DIR/<file>, truncating it, and writes the header.
  absl::Status Open(const std::string& dir);
  // Sets a column of the current row; the view must live until Write(). REQUIRES: a column.
  FeedOut& Set(std::string_view column, std::string_view value);
  // The same by the column's index in columns(). REQUIRES: i < columns().size().
  FeedOut& SetAt(size_t i, std::string_view value) {
    row_[i] = value;
    return *this;
  }
  // Writes the current row and starts an empty one.
  void Write();
  absl::Status Close() { return writer_.Close(); }

  const std::vector<std::string_view>& columns() const { return columns_; }
  std::string_view file() const { return file_; }
  int64_t rows() const { return writer_.rows(); }

 private:
  std::string_view file_;
  std::vector<std::string_view> columns_;
  std::vector<std::string_view> row_;
  CsvWriter writer_;
};

}  // namespace coigraph::loaders::goszakup
