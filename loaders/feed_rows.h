// The row loop shared by every per-file loader. Internal to loaders/.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "graph/identity_number.h"
#include "loaders/csv_reader.h"
#include "loaders/load_context.h"
#include "loaders/row_reader.h"
#include "loaders/text_check.h"

namespace coigraph::loaders {

// The first known column of a record whose text is not clean (TextIsClean()), and why; column
// nullptr when the bad bytes are only in unknown columns, which are never loaded.
struct TextFaultAt {
  const std::string_view* column = nullptr;
  std::string reason;
};
inline TextFaultAt FindTextFault(const ColumnMap& columns, const CsvRecord& record) {
  const std::vector<int>& fields = columns.known_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] < 0) continue;
    TextFault f = FindTextFault(record.fields[static_cast<size_t>(fields[i])]);
    if (f.found) return {&columns.known_columns()[i], std::move(f.reason)};
  }
  return {};
}

// Records the reject of a record, and remembers the record's key when other files may name it.
inline RejectRecord& Rejected(FeedFile& file, LoadContext& ctx, const CsvRecord& record,
                              std::string_view column, std::string reason) {
  // Files that others point into have a key of one column (FeedSchema::key).
  const int key = file.columns.Get(file.schema->key.front()).field;
  if (key >= 0 && static_cast<size_t>(key) < record.fields.size()) {
    ctx.NoteRejected(file.schema->id, record.fields[static_cast<size_t>(key)], record.line, reason);
  }
  return file.AddReject(record.line, column, std::move(reason), record.raw);
}

// Streams the records of `file` after its header. Malformed records and records with the wrong
// number of fields are rejected here; every other record goes to `handle(RowReader&)`, and its
// outcome (loaded, merged, rejected, deferred) is counted in the file's report.
//
// `prefetch(const CsvRecord&)` is called for a well-formed record a few records before it is
// handled, to start loading what handling it will look up (graph::Builder::PrefetchPerson,
// DuplicateIndex::Prefetch): at 2e7 persons those tables are far bigger than the caches, and a
// row otherwise waits on each of its lookups in turn. It must have no effect but on the caches.
// Errors: InvalidArgument when the file cannot be read.
template <typename Handle, typename Prefetch>
absl::Status ForEachRow(FeedFile& file, LoadContext& ctx, Handle&& handle, Prefetch&& prefetch) {
  constexpr size_t kBatch = 256;
  constexpr size_t kAhead = 12;
  absl::StatusOr<std::unique_ptr<CsvReader>> opened = CsvReader::OpenFile(
      file.path, CsvReader::kDefaultChunkBytes, ctx.options().encoding, &ctx.buffers());
  if (!opened.ok()) return absl::InvalidArgumentError(opened.status().message());
  CsvReader& reader = **opened;
  const size_t header_size = file.columns.header_size();
  bool header = true;
  auto well_formed = [&](const CsvRecord& r) {
    return r.error.empty() && r.fields.size() == header_size;
  };
  for (;;) {
    std::span<const CsvRecord> batch = reader.NextBatch(kBatch);
    if (batch.empty()) break;
    if (header) {
      header = false;
      batch = batch.subspan(1);
    }
    for (size_t i = 0; i < batch.size() && i < kAhead; ++i) {
      if (well_formed(batch[i])) prefetch(batch[i]);
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (i + kAhead < batch.size() && well_formed(batch[i + kAhead])) prefetch(batch[i + kAhead]);
      const CsvRecord& record = batch[i];
      if (!record.error.empty()) {
        Rejected(file, ctx, record, "", std::string(record.error));
        continue;
      }
      if (record.fields.size() != header_size) {
        Rejected(file, ctx, record, "",
                 absl::StrCat("the row has ", record.fields.size(), " fields, the header has ",
                              header_size));
        continue;
      }
      // Text is UTF-8 without raw control characters, or the row is rejected on the first known
      // column that is not (docs/loaders.md, "Text"). Most rows are ASCII and pass the fast test.
      if (!TextIsClean(record.raw)) {
        if (TextFaultAt fault = FindTextFault(file.columns, record); fault.column != nullptr) {
          Rejected(file, ctx, record, *fault.column, std::move(fault.reason));
          continue;
        }
      }
      RowReader row(ctx, file.columns, record);
      handle(row);
      switch (row.outcome()) {
        case RowReader::Outcome::kLoaded:
          ++file.report->loaded;
          for (const RowReader::Dropped& d : row.dropped()) {
            RejectRecord& w = file.AddDropped(record.line, d.column, d.reason, record.raw);
            w.caused_by_file = std::string(d.cause_file);
            w.caused_by_line = d.cause_line;
          }
          break;
        case RowReader::Outcome::kMerged:
          ++file.report->merged;
          break;
        case RowReader::Outcome::kRejected: {
          RejectRecord& r = Rejected(file, ctx, record, row.reject_column(), row.reject_reason());
          r.caused_by_file = std::string(row.cause_file());
          r.caused_by_line = row.cause_line();
          break;
        }
        case RowReader::Outcome::kDeferred:
          break;
      }
    }
  }
  return reader.status();
}

template <typename Handle>
absl::Status ForEachRow(FeedFile& file, LoadContext& ctx, Handle&& handle) {
  return ForEachRow(file, ctx, std::forward<Handle>(handle), [](const CsvRecord&) {});
}

// The IIN or BIN a field spells, for a prefetch: any text gives some number.
inline uint64_t NumberForPrefetch(const CsvRecord& r, const Col& c) {
  return c.field < 0 ? 0 : graph::IdentityNumberValue(r.fields[static_cast<size_t>(c.field)]);
}
inline std::string_view TextForPrefetch(const CsvRecord& r, const Col& c) {
  return c.field < 0 ? std::string_view() : r.fields[static_cast<size_t>(c.field)];
}

}  // namespace coigraph::loaders
