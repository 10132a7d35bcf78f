// A buffered RFC 4180 writer for one feed file (docs/feeds.md, "General rules"): what the
// region generator and the goszakup importer write feeds with.
//
// Fields are appended one by one and quoted only when they need it (a comma, a quote or a line
// break); rows end with LF. Output is buffered and written in large blocks, so that a region of
// tens of millions of rows streams to disk without holding it in memory.
//
// Example:
//   CsvWriter out;
//   absl::Status s = out.Open("/tmp/r/persons.csv", {"iin", "last_name"});
//   out.Text("061211600012").Text("Ахметова").EndRow();
//   s = out.Close();
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "graph/date.h"

namespace coigraph::loaders {

class CsvWriter {
 public:
  CsvWriter() = default;
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Creates (truncates) `path` and writes the header line.
  // Errors: Internal when the file cannot be created.
  absl::Status Open(const std::string& path, std::initializer_list<std::string_view> header);
  absl::Status Open(const std::string& path, std::span<const std::string_view> header);

  CsvWriter& Text(std::string_view text);  // quoted when it needs it
  CsvWriter& Int(int64_t value);
  CsvWriter& Date(graph::Date date);  // ISO; kMinDate / kMaxDate give an empty field
  CsvWriter& Share(double pct);       // "60", "33.33"; negative gives an empty field
  CsvWriter& Bool(bool value) { return Text(value ? "true" : "false"); }
  CsvWriter& Empty() { return Text({}); }
  void EndRow();

  // Flushes and closes. Errors: Internal when a write failed.
  absl::Status Close();

  int64_t rows() const { return rows_; }

 private:
  void Separator() {
    if (!at_row_start_) buffer_.push_back(',');
    at_row_start_ = false;
  }
  void Flush();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  bool at_row_start_ = true;
  bool failed_ = false;
  int64_t rows_ = 0;
};

}  // namespace coigraph::loaders
