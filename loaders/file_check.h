// What a present feed file must have before its rows are read: UTF-8 text (or the encoding the
// operator named) and a readable header that maps onto its schema. A file that fails is rejected as
// a whole (docs/loaders.md, "Damaged files"): one reject record says where and why, and the rest of
// the feed loads; persons.csv and organizations.csv, which every other file points into, fail the
// load instead. Internal to loaders/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "loaders/buffer_pool.h"
#include "loaders/feed_schema.h"

namespace coigraph::loaders {

// Why a file cannot be loaded at all, as its reject record states it.
struct FileFault {
  int64_t line = 1;     // the header's line (1 for an empty file)
  std::string column;   // the column at fault, "" for the file as a whole
  std::string reason;   // "missing required column 'reason'; the file is not loaded"
  std::string raw;      // the header line as in the file
  std::string message;  // the same, as the error of a load that fails on it ("<file>: ...")
};

// A checked file: its header mapping, or the fault that rejects it.
struct CheckedFile {
  std::optional<ColumnMap> columns;  // set when the file can be loaded
  FileFault fault;                   // otherwise
  // About how many records follow the header, for reserving tables (see EstimateRows()).
  size_t estimated_rows = 0;
};

// Judges the encoding of `path` from its first megabyte (unless `encoding` names the one it is
// in), reads its header and maps it onto `schema`. The sample and the header's reader take their
// buffers from `buffers` and give them back.
// Errors: InvalidArgument when the file cannot be opened or read.
absl::StatusOr<CheckedFile> CheckFile(const FeedSchema& schema, const std::string& path,
                                      const std::string& encoding, BufferPool& buffers);

}  // namespace coigraph::loaders
