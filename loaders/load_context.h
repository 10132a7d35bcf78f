// What the per-file loaders share while one feed directory loads: the builder, which files are
// in the directory, and the report. Internal to loaders/.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "graph/builder.h"
#include "loaders/feed_loader.h"
#include "loaders/feed_schema.h"

namespace coigraph::loaders {

// A person referred to by a row, checked against the persons accepted from persons.csv.
struct PersonRef {
  bool set = false;
  uint64_t iin = 0;
  graph::PersonIndex index = graph::kNone;
};

struct OrgRef {
  bool set = false;
  uint64_t bin = 0;
  graph::OrgIndex index = graph::kNone;
};

class LoadContext {
 public:
  LoadContext(graph::Builder& builder, const LoadOptions& options)
      : builder_(builder), options_(options) {}

  graph::Builder& builder() { return builder_; }
  // The read buffers of the load: LoadOptions::buffers, or the load's own.
  BufferPool& buffers() { return options_.buffers != nullptr ? *options_.buffers : own_buffers_; }
  const LoadOptions& options() const { return options_; }
  bool Present(FeedId id) const { return present_[static_cast<size_t>(id)]; }
  void SetPresent(FeedId id, bool present) { present_[static_cast<size_t>(id)] = present; }
  // A row of a file that others point into (persons, organizations, positions, commissions,
  // tenders) was rejected: remembered by its key text, so that a row naming it can say so.
  // Each file's rows are noted by the one thread that loads it, before any reader.
  struct RejectedRow {
    int64_t line = 0;
    std::string reason;
  };
  void NoteRejected(FeedId id, std::string_view key, int64_t line, std::string_view reason);
  const RejectedRow* FindRejected(FeedId id, std::string_view key) const;

  // The file is there but was rejected as a whole (docs/loaders.md, "Damaged files").
  bool RejectedAsFile(FeedId id) const { return rejected_as_file_[static_cast<size_t>(id)]; }
  void SetRejectedAsFile(FeedId id) { rejected_as_file_[static_cast<size_t>(id)] = true; }

  // The builder index of a checked reference, kNone for an unset one. (persons.csv and
  // organizations.csv are always there, so a set reference names an accepted row.)
  graph::PersonIndex Resolve(const PersonRef& ref) const { return ref.index; }
  graph::OrgIndex Resolve(const OrgRef& ref) const { return ref.index; }

 private:
  graph::Builder& builder_;
  const LoadOptions& options_;
  BufferPool own_buffers_;
  std::array<bool, kFeedCount> present_{};
  std::array<bool, kFeedCount> rejected_as_file_{};
  std::array<absl::flat_hash_map<std::string, RejectedRow>, kFeedCount> rejected_rows_;
};

// One file being loaded: its schema, header mapping and report.
struct FeedFile {
  const FeedSchema* schema = nullptr;
  std::string path;
  ColumnMap columns;
  FileReport* report = nullptr;
  std::vector<RejectRecord>* rejects = nullptr;
  std::vector<RejectRecord>* dropped = nullptr;
  // About how many records follow the header (from the file size and the lines of its first
  // megabyte), for reserving tables; never more than the file has bytes.
  size_t estimated_rows = 0;

  // Records a rejected row; `cause` (file, line) when it is the consequence of another.
  RejectRecord& AddReject(int64_t line, std::string_view column, std::string reason,
                          std::string_view raw) {
    ++report->rejected;
    rejects->push_back(RejectRecord{std::string(schema->file), line, std::string(column),
                                    std::move(reason), std::string(raw)});
    return rejects->back();
  }
  RejectRecord& AddDropped(int64_t line, std::string_view column, std::string reason,
                           std::string_view raw) {
    ++report->dropped;
    dropped->push_back(RejectRecord{std::string(schema->file), line, std::string(column),
                                    std::move(reason), std::string(raw)});
    return dropped->back();
  }
};

}  // namespace coigraph::loaders
