#include "loaders/feed_loader.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/json.h"
#include "base/text.h"
#include "loaders/csv_reader.h"
#include "loaders/feed_handlers.h"
#include "loaders/feed_schema.h"
#include "loaders/field_parsers.h"
#include "loaders/file_check.h"
#include "loaders/load_context.h"
#include "loaders/text_check.h"
#include "loaders/text_converter.h"

namespace coigraph::loaders {

using base::AbslView;

void LoadContext::NoteRejected(FeedId id, std::string_view key, int64_t line,
                               std::string_view reason) {
  if (key.empty()) return;
  switch (id) {
    case FeedId::kPersons:
    case FeedId::kOrganizations:
    case FeedId::kPositions:
    case FeedId::kCommissions:
    case FeedId::kTenders:
      // The first rejected row of a key is the one a reader is told about.
      rejected_rows_[static_cast<size_t>(id)].try_emplace(std::string(key),
                                                          RejectedRow{line, std::string(reason)});
      break;
    default:
      break;
  }
}

const LoadContext::RejectedRow* LoadContext::FindRejected(FeedId id, std::string_view key) const {
  const auto& rows = rejected_rows_[static_cast<size_t>(id)];
  const auto it = rows.find(std::string(key));
  return it == rows.end() ? nullptr : &it->second;
}

int64_t LoadReport::Consequences() const {
  return std::count_if(rejects.begin(), rejects.end(),
                       [](const RejectRecord& r) { return r.caused_by_line != 0; });
}

int64_t LoadReport::RootCauses() const {
  return static_cast<int64_t>(rejects.size()) - Consequences();
}

namespace {

using Loader = absl::Status (*)(FeedFile&, LoadContext&);

Loader LoaderFor(FeedId id) {
  switch (id) {
    case FeedId::kPersons:
      return LoadPersons;
    case FeedId::kKinship:
      return LoadKinship;
    case FeedId::kOrganizations:
      return LoadOrganizations;
    case FeedId::kPositions:
      return LoadPositions;
    case FeedId::kEmployment:
      return LoadEmployment;
    case FeedId::kCommissions:
      return LoadCommissions;
    case FeedId::kCommissionMembers:
      return LoadCommissionMembers;
    case FeedId::kCompanyRoles:
      return LoadCompanyRoles;
    case FeedId::kTenders:
      return LoadTenders;
    case FeedId::kBids:
      return LoadBids;
    case FeedId::kContracts:
      return LoadContracts;
    case FeedId::kAllocations:
      return LoadAllocations;
    case FeedId::kDisciplinary:
      return LoadDisciplinary;
    case FeedId::kBonuses:
      return LoadBonuses;
    case FeedId::kWaitingList:
      return LoadWaitingList;
    case FeedId::kBlacklist:
      return LoadBlacklist;
    case FeedId::kResidence:
      return LoadResidence;
  }
  return nullptr;
}

// Loads one present file; its rejects end up in line order in file.rejects.
absl::Status LoadFile(FeedId id, FeedFile& file, LoadContext& ctx) {
  const size_t first_reject = file.rejects->size();
  absl::Status s = LoaderFor(id)(file, ctx);
  if (!s.ok()) return s;
  // Rows settled after the whole file (forward references) are rejected late: keep the
  // file's rejects in line order.
  std::stable_sort(file.rejects->begin() + static_cast<std::ptrdiff_t>(first_reject),
                   file.rejects->end(),
                   [](const RejectRecord& a, const RejectRecord& b) { return a.line < b.line; });
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<LoadReport> LoadFeedDirectory(const std::string& dir, graph::Builder& builder,
                                             const LoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // What the directory holds, before anything in it is trusted: a directory without the two
  // registries (empty, misnamed files, files in a subfolder) would load as an empty feed and
  // silently find nothing.
  absl::StatusOr<FeedListing> listing = ListFeedDirectory(dir);
  if (!listing.ok()) return listing.status();
  if (!listing->HasRegistries()) {
    return absl::FailedPreconditionError(
        absl::StrCat("a feed needs persons.csv and organizations.csv\n", listing->Describe()));
  }

  if (!options.encoding.empty()) {
    absl::StatusOr<std::unique_ptr<TextConverter>> known = TextConverter::Open(options.encoding);
    if (!known.ok()) return known.status();
  }

  LoadReport report;
  report.listing = *std::move(listing);
  LoadContext ctx(builder, options);
  std::vector<FeedFile> files(kFeedCount);
  std::vector<std::optional<FileFault>> file_faults(kFeedCount);
  report.files.resize(kFeedCount);
  // Every header first: a registry that lacks a required column fails the load before anything
  // is added to the builder; another file that does is rejected as a file, in the rejects
  // before any row's.
  for (int i = 0; i < kFeedCount; ++i) {
    const FeedId id = static_cast<FeedId>(i);
    const FeedSchema& schema = Schema(id);
    FileReport& file_report = report.files[static_cast<size_t>(i)];
    file_report.file = std::string(schema.file);
    const fs::path path = fs::path(dir) / std::string(schema.file);
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) continue;
    if (!fs::is_regular_file(st)) {
      return absl::InvalidArgumentError(
          absl::StrCat(AbslView(schema.file), ": not a regular file, cannot be read"));
    }
    absl::StatusOr<CheckedFile> checked =
        CheckFile(schema, path.string(), options.encoding, ctx.buffers());
    if (!checked.ok()) return checked.status();
    if (!checked->columns) {
      const FileFault& fault = checked->fault;
      // Every other file points into the registries: without them nothing could be judged.
      if (id == FeedId::kPersons || id == FeedId::kOrganizations) {
        return absl::InvalidArgumentError(fault.message);
      }
      file_report.present = true;
      file_report.rejected = 1;
      file_report.file_error = fault.reason;
      file_faults[static_cast<size_t>(i)] = fault;  // its reject goes in at its turn to load
      ctx.SetRejectedAsFile(id);
      continue;
    }
    std::optional<ColumnMap>& columns = checked->columns;
    file_report.present = true;
    if (!columns->unknown_columns().empty()) {
      std::string names;
      for (const std::string& c : columns->unknown_columns()) {
        absl::StrAppend(&names, names.empty() ? "" : ", ", "'", c, "'");
      }
      file_report.warnings.push_back(
          absl::StrCat(AbslView(schema.file), ": unknown column",
                       columns->unknown_columns().size() > 1 ? "s " : " ", names, " ignored"));
    }
    ctx.SetPresent(id, true);
    FeedFile& file = files[static_cast<size_t>(i)];
    file.schema = &schema;
    file.path = path.string();
    file.columns = *std::move(columns);
    file.report = &file_report;
    file.rejects = &report.rejects;
    file.dropped = &report.dropped;  // kinship.csv, loaded beside, has no optional reference
    file.estimated_rows = checked->estimated_rows;
  }

  // kinship.csv, the largest file after persons.csv, needs nothing but the persons, and no other
  // file adds a person (an unknown IIN is rejected): after persons.csv the person index is only
  // read. So it loads on a thread of its own, beside the files after persons.csv, into its own
  // vector of the builder, with its own report and rejects; those are put where a sequential
  // load would have put them. At 2e7 persons this takes ~20 s off the load on two cores.
  const bool kinship_beside = ctx.Present(FeedId::kKinship);
  std::vector<RejectRecord> kinship_rejects;
  size_t kinship_rejects_at = 0;
  absl::Status kinship_status;
  std::exception_ptr kinship_exception;  // rethrown here, as a sequential load would throw it
  std::thread kinship_thread;
  bool kinship_done = false;  // its turn in kLoadOrder has come
  // Joins the kinship thread; its failure comes first when its turn came before the other one.
  auto finish_kinship = [&]() -> absl::Status {
    if (!kinship_thread.joinable()) return absl::OkStatus();
    kinship_thread.join();
    if (kinship_exception) std::rethrow_exception(kinship_exception);
    return kinship_status;
  };
  struct Joiner {
    std::thread& t;
    ~Joiner() {
      if (t.joinable()) t.join();
    }
  } joiner{kinship_thread};

  for (FeedId id : kLoadOrder) {
    if (const std::optional<FileFault>& fault = file_faults[static_cast<size_t>(id)]) {
      report.rejects.push_back(RejectRecord{std::string(Schema(id).file), fault->line,
                                            fault->column, fault->reason, fault->raw});
      continue;
    }
    if (!ctx.Present(id)) continue;
    FeedFile& file = files[static_cast<size_t>(id)];
    if (id == FeedId::kKinship && kinship_beside) {
      kinship_rejects_at = report.rejects.size();
      kinship_done = true;
      continue;
    }
    absl::Status s = LoadFile(id, file, ctx);
    if (!s.ok()) {
      const absl::Status kinship = finish_kinship();
      return kinship_done && !kinship.ok() ? kinship : s;
    }
    if (id == FeedId::kPersons && kinship_beside) {
      FeedFile& kinship = files[static_cast<size_t>(FeedId::kKinship)];
      kinship.rejects = &kinship_rejects;
      kinship_thread = std::thread([&] {
        try {
          kinship_status = LoadFile(FeedId::kKinship, kinship, ctx);
        } catch (...) {
          kinship_exception = std::current_exception();
        }
      });
    }
  }
  if (kinship_thread.joinable()) {
    absl::Status s = finish_kinship();
    if (!s.ok()) return s;
    report.rejects.insert(report.rejects.begin() + static_cast<std::ptrdiff_t>(kinship_rejects_at),
                          std::make_move_iterator(kinship_rejects.begin()),
                          std::make_move_iterator(kinship_rejects.end()));
  }
  return report;
}

absl::StatusOr<LoadedFeed> LoadSnapshot(const std::string& dir, const LoadOptions& options) {
  graph::Builder builder;
  absl::StatusOr<LoadReport> report = LoadFeedDirectory(dir, builder, options);
  if (!report.ok()) return report.status();
  LoadedFeed feed;
  feed.report = *std::move(report);
  feed.snapshot = std::move(builder).Build();
  return feed;
}

std::string RejectToJson(const RejectRecord& reject) {
  std::string out = "{\"file\":";
  base::AppendJsonString(out, reject.file);
  absl::StrAppend(&out, ",\"line\":", reject.line, ",\"column\":");
  base::AppendJsonString(out, reject.column);
  out += ",\"reason\":";
  base::AppendJsonString(out, reject.reason);
  out += ",\"raw\":";
  base::AppendJsonString(out, ToValidUtf8(reject.raw));
  if (reject.caused_by_line != 0) {
    out += ",\"caused_by\":{\"file\":";
    base::AppendJsonString(out, reject.caused_by_file);
    absl::StrAppend(&out, ",\"line\":", reject.caused_by_line, "}");
  }
  out += "}";
  return out;
}

}  // namespace coigraph::loaders
