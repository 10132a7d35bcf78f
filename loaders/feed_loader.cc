#include "loaders/feed_loader.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
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
#include "loaders/load_context.h"

namespace coigraph::loaders {

using base::AbslView;

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

// Reads and maps the header of a present file.
absl::StatusOr<ColumnMap> ReadHeader(const FeedSchema& schema, const std::string& path) {
  absl::StatusOr<std::unique_ptr<CsvReader>> reader = CsvReader::OpenFile(path);
  if (!reader.ok()) return absl::InvalidArgumentError(reader.status().message());
  if (!(*reader)->Next()) {
    if (!(*reader)->status().ok()) return (*reader)->status();
    return absl::InvalidArgumentError(
        absl::StrCat(AbslView(schema.file), ": the file is empty (no header line)"));
  }
  const CsvRecord& header = (*reader)->record();
  if (!header.error.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(AbslView(schema.file), ":", header.line,
                                                   ": malformed header: ", AbslView(header.error)));
  }
  return ColumnMap::FromHeader(schema, header.fields);
}

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

absl::StatusOr<LoadReport> LoadFeedDirectory(const std::string& dir, graph::Builder& builder) {
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

  LoadReport report;
  report.listing = *std::move(listing);
  LoadContext ctx(builder);
  std::vector<FeedFile> files(kFeedCount);
  report.files.resize(kFeedCount);
  // Every header first: a file that lacks a required column fails the load before anything is
  // added to the builder.
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
    absl::StatusOr<ColumnMap> columns = ReadHeader(schema, path.string());
    if (!columns.ok()) return columns.status();
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
    file.estimated_rows = EstimateRows(file.path);
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

absl::StatusOr<LoadedFeed> LoadSnapshot(const std::string& dir) {
  graph::Builder builder;
  absl::StatusOr<LoadReport> report = LoadFeedDirectory(dir, builder);
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
  base::AppendJsonString(out, reject.raw);
  out += "}";
  return out;
}

}  // namespace coigraph::loaders
