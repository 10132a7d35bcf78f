#include "loaders/goszakup/feed_out.h"

#include <algorithm>
#include <cstdlib>

namespace coigraph::loaders::goszakup {

FeedOut::FeedOut(FeedId id, const std::vector<std::string_view>& extra)
    : file_(Schema(id).file), columns_(Schema(id).Known()) {
  for (std::string_view c : extra) {
    if (std::find(columns_.begin(), columns_.end(), c) == columns_.end()) columns_.push_back(c);
  }
  row_.resize(columns_.size());
}

absl::Status FeedOut::Open(const std::string& dir) {
  return writer_.Open(dir + "/" + std::string(file_), columns_);
}

FeedOut& FeedOut::Set(std::string_view column, std::string_view value) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    // The first letter before the whole name: most columns differ there, and memcmp is a call.
    if (columns_[i].size() == column.size() && (column.empty() || columns_[i][0] == column[0]) &&
        columns_[i] == column) {
      row_[i] = value;
      return *this;
    }
  }
  std::abort();  // a column the file does not have: a bug of the importer
}

void FeedOut::Write() {
  for (std::string_view& v : row_) {
    writer_.Text(v);
    v = {};
  }
  writer_.EndRow();
}

}  // namespace coigraph::loaders::goszakup
