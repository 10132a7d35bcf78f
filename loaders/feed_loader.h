// Loads a feed directory (docs/feeds.md) into a graph::Builder.
//
// persons.csv and organizations.csv are required; every other file of docs/feeds.md, "Files", is
// optional. Rows are streamed, validated and either
// added to the builder or turned into one RejectRecord each; exact duplicate rows are merged and
// counted.
// References (an IIN of kinship.csv, a position_id of employment.csv, ...) are checked against
// the rows already accepted from the file they point into, when that file is in the directory.
//
// Example:
//   graph::Builder builder;
//   absl::StatusOr<LoadReport> report = LoadFeedDirectory("examples/demo", builder);
//   if (!report.ok()) return report.status();          // unusable feed
//   std::shared_ptr<const graph::Snapshot> s = std::move(builder).Build();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/builder.h"
#include "graph/snapshot.h"
#include "loaders/buffer_pool.h"
#include "loaders/feed_listing.h"

namespace coigraph::loaders {

// One rejected row: where it is, which column is wrong ("" for the row as a whole), why, and
// the raw text of the record as it stood in the file.
struct RejectRecord {
  std::string file;  // "kinship.csv"
  int64_t line = 0;  // 1-based physical line on which the record starts (the header is line 1)
  std::string column;
  std::string reason;
  std::string raw;
  // Set when the record is a consequence: the row names a row that was itself rejected, which
  // is the root cause (docs/loaders.md, "Causes and consequences").
  std::string caused_by_file;
  int64_t caused_by_line = 0;
};

struct FileReport {
  std::string file;
  bool present = false;
  int64_t loaded = 0;                 // rows added
  int64_t merged = 0;                 // exact duplicates of an earlier row, merged into it
  int64_t rejected = 0;               // RejectRecords of the file (its rows, or the file itself)
  int64_t dropped = 0;                // optional references dropped from rows that loaded
  std::vector<std::string> warnings;  // e.g. unknown columns, reported once per file
  // Non-empty when the file was rejected as a whole (an optional file that is empty or whose
  // header is damaged): why. Its one RejectRecord says the same; no row of it is loaded.
  std::string file_error;
};

struct LoadReport {
  FeedListing listing;            // what the directory holds: files found, missing, unknown
  std::vector<FileReport> files;  // in docs/feeds.md "Files" order, present or not
  std::vector<RejectRecord> rejects;
  // Warning records: an optional reference (appointed_by_iin, selection_commission_id, ...) that
  // named nothing loaded was dropped, and its row loaded without it. Same shape as a reject.
  std::vector<RejectRecord> dropped;

  // Rejects that are root causes, and those that are consequences (caused_by_line set).
  int64_t RootCauses() const;
  int64_t Consequences() const;
};

struct LoadOptions {
  // The encoding of the feed's files when it is not UTF-8, as iconv names it ("cp1251"): the
  // text is converted to UTF-8 as it is read. Empty: the files must be UTF-8, and a file that is
  // not is rejected as a file (docs/loaders.md, "Text").
  std::string encoding;
  // Where the load takes its read buffers from (1 MiB each), for a caller that loads often and
  // keeps them across loads (a fuzz target, a test); null: the load keeps its own while it runs.
  BufferPool* buffers = nullptr;
};

// Loads `dir` into `builder`.
// Errors: NotFound when `dir` is not a readable directory; FailedPrecondition when it lacks
// persons.csv or organizations.csv (the message is followed by FeedListing::Describe(), one line
// each for the files found, missing and unknown); InvalidArgument when persons.csv or
// organizations.csv is empty, has a damaged header or is not UTF-8 (the message names the file
// and why), or
// a file cannot be read, or iconv knows no options.encoding. Another file that is empty, has a
// damaged header or is not UTF-8 is rejected as a file: one RejectRecord,
// FileReport::file_error, and the rest of the feed loads.
// Bad rows are not errors: they are in LoadReport::rejects.
absl::StatusOr<LoadReport> LoadFeedDirectory(const std::string& dir, graph::Builder& builder,
                                             const LoadOptions& options = {});

// A loaded feed: the snapshot and how the load went.
struct LoadedFeed {
  std::shared_ptr<const graph::Snapshot> snapshot;
  LoadReport report;
};
absl::StatusOr<LoadedFeed> LoadSnapshot(const std::string& dir, const LoadOptions& options = {});

// {"file":...,"line":...,"column":...,"reason":...,"raw":...}, no trailing newline, with
// ,"caused_by":{"file":...,"line":...} after "raw" for a consequence. A raw text
// that is not UTF-8 is written with U+FFFD for each bad byte, so that the line stays JSON.
std::string RejectToJson(const RejectRecord& reject);

}  // namespace coigraph::loaders
