// The row loop shared by every per-file loader. Internal to loaders/.
#pragma once

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "loaders/csv_reader.h"
#include "loaders/load_context.h"
#include "loaders/row_reader.h"

namespace coigraph::loaders {

// Streams the records of `file` after its header. Malformed records and records with the wrong
// number of fields are rejected here; every other record goes to `handle(RowReader&)`, and its
// outcome (loaded, merged, rejected, deferred) is counted in the file's report.
// Errors: InvalidArgument when the file cannot be read.
template <typename Handle>
absl::Status ForEachRow(FeedFile& file, LoadContext& ctx, Handle&& handle) {
  absl::StatusOr<std::unique_ptr<CsvReader>> opened = CsvReader::OpenFile(file.path);
  if (!opened.ok()) return absl::InvalidArgumentError(opened.status().message());
  CsvReader& reader = **opened;
  bool header = true;
  while (reader.Next()) {
    const CsvRecord& record = reader.record();
    if (header) {
      header = false;
      continue;
    }
    if (!record.error.empty()) {
      file.AddReject(record.line, "", std::string(record.error), record.raw);
      continue;
    }
    if (record.fields.size() != file.columns.header_size()) {
      file.AddReject(record.line, "",
                     absl::StrCat("the row has ", record.fields.size(), " fields, the header has ",
                                  file.columns.header_size()),
                     record.raw);
      continue;
    }
    RowReader row(ctx, file.columns, record);
    handle(row);
    switch (row.outcome()) {
      case RowReader::Outcome::kLoaded:
        ++file.report->loaded;
        break;
      case RowReader::Outcome::kMerged:
        ++file.report->merged;
        break;
      case RowReader::Outcome::kRejected:
        file.AddReject(record.line, row.reject_column(), row.reject_reason(), record.raw);
        break;
      case RowReader::Outcome::kDeferred:
        break;
    }
  }
  return reader.status();
}

}  // namespace coigraph::loaders
