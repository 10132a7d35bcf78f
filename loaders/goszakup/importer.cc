// The importer's order over the registries and the merged feed (docs/loaders.md, "goszakup").

#include "loaders/goszakup/importer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/csv_reader.h"

namespace coigraph::loaders::goszakup {
namespace internal {

namespace fs = std::filesystem;

namespace {

// The feed files a merged feed may hold that the importer does not write: copied as they are.
constexpr std::string_view kCopiedFiles[] = {"kinship.csv", "allocations.csv",  "disciplinary.csv",
                                             "bonuses.csv", "waiting_list.csv", "residence.csv"};

bool IsJsonFile(const fs::path& p) { return p.extension() == ".json" || p.extension() == ".jsonl"; }

}  // namespace

Importer::Importer(const ImportOptions& options, ImportReport& report)
    : options_(options),
      report_(report),
      matcher_(names::MatchOptions{.threshold = options.threshold}),
      organizations_(FeedId::kOrganizations),
      positions_(FeedId::kPositions),
      employment_(FeedId::kEmployment),
      commissions_(FeedId::kCommissions),
      members_(FeedId::kCommissionMembers),
      roles_(FeedId::kCompanyRoles),
      tenders_(FeedId::kTenders),
      bids_(FeedId::kBids, {"filed_by_name"}),
      contracts_(FeedId::kContracts),
      blacklist_(FeedId::kBlacklist),
      persons_(FeedId::kPersons),
      pending_persons_(FeedId::kPersons) {}

void Importer::Problem(std::string_view field, std::string reason) {
  report_.problems.push_back({file_, record_, std::string(field), std::move(reason)});
}

std::vector<std::string> Importer::RegistryFiles(std::string_view registry) const {
  std::vector<std::string> files;
  const fs::path in(options_.in_dir);
  for (std::string_view ext : {".json", ".jsonl"}) {
    const fs::path f = in / base::Cat(registry, ext);
    if (fs::is_regular_file(f)) files.push_back(f.filename().string());
  }
  const fs::path dir = in / std::string(registry);
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    std::vector<std::string> inside;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file() && IsJsonFile(e.path())) {
        inside.push_back(base::Cat(registry, "/", e.path().filename().string()));
      }
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

absl::Status Importer::ReadRegistry(std::string_view registry,
                                    const std::function<void(const JsonItem&)>& visit) {
  int64_t& count = report_.records_read[std::string(registry)];
  for (const std::string& rel : RegistryFiles(registry)) {
    file_ = rel;
    // employees/<BIN>.json: the endpoint /v3/subject/biin/{biin}/employees names the BIN.
    file_bin_ = 0;
    const std::string stem = fs::path(rel).stem().string();
    if (registry == "employees" && stem.size() == 12 && graph::CheckBin(stem).ok()) {
      file_bin_ = graph::IdentityNumberValue(stem);
    }
    const int64_t before = reader_.records();
    absl::Status s =
        reader_.ReadFile((fs::path(options_.in_dir) / rel).string(), [&](const JsonItem& item) {
          record_.clear();
          visit(item);
        });
    count += reader_.records() - before;
    if (absl::IsInvalidArgument(s)) {  // a syntax error ends that file, not the import
      record_ = "";
      Problem("", base::Cat(s.message(), "; the rest of the file is not imported"));
    } else if (!s.ok()) {
      return s;
    }
  }
  file_.clear();
  record_.clear();
  return absl::OkStatus();
}

absl::Status Importer::MergeRows(
    FeedOut& out, const std::function<void(const std::vector<std::string_view>&)>& seen) {
  if (options_.merge_dir.empty()) return absl::OkStatus();
  const fs::path path = fs::path(options_.merge_dir) / std::string(out.file());
  if (!fs::exists(path)) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<CsvReader>> r = CsvReader::OpenFile(path.string());
  if (!r.ok()) return r.status();
  const std::string file = base::Cat("merge/", out.file());
  std::vector<int> source;  // for each output column, the merged file's column or -1
  if (!(*r)->Next()) return (*r)->status();
  {
    const CsvRecord& header = (*r)->record();
    for (std::string_view c : out.columns()) {
      auto it = std::find(header.fields.begin(), header.fields.end(), c);
      source.push_back(it == header.fields.end() ? -1
                                                 : static_cast<int>(it - header.fields.begin()));
    }
    for (std::string_view h : header.fields) {
      if (std::find(out.columns().begin(), out.columns().end(), h) == out.columns().end()) {
        report_.problems.push_back(
            {file, "line 1", std::string(h), "a column no feed file has; not merged"});
      }
    }
  }
  std::vector<std::string_view> values(source.size());
  while ((*r)->Next()) {
    const CsvRecord& rec = (*r)->record();
    if (!rec.error.empty()) {
      // The loader would reject it too; passing it on keeps its line in the loader's report.
      report_.problems.push_back(
          {file, base::Cat("line ", rec.line), "", base::Cat(rec.error, "; not merged")});
      continue;
    }
    for (size_t i = 0; i < source.size(); ++i) {
      const int s = source[i];
      values[i] = s >= 0 && static_cast<size_t>(s) < rec.fields.size()
                      ? rec.fields[static_cast<size_t>(s)]
                      : std::string_view();
      out.SetAt(i, values[i]);
    }
    if (seen) seen(values);
    out.Write();
    ++report_.rows_merged;
  }
  return (*r)->status();
}

absl::Status Importer::MergeOthers() {
  if (options_.merge_dir.empty()) return absl::OkStatus();
  for (std::string_view name : kCopiedFiles) {
    const fs::path from = fs::path(options_.merge_dir) / std::string(name);
    if (!fs::exists(from)) continue;
    std::error_code ec;
    fs::copy_file(from, fs::path(options_.out_dir) / std::string(name),
                  fs::copy_options::overwrite_existing, ec);
    if (ec)
      return absl::InternalError(base::Cat("cannot copy ", from.string(), ": ", ec.message()));
    report_.rows_written[std::string(name)] = -1;  // copied, not counted
  }
  return absl::OkStatus();
}

// The merged staffing tables: the positions of wanted organizations, and who held them when.
absl::Status Importer::MergeStaff() {
  absl::flat_hash_map<std::string, uint64_t> wanted_positions;  // position_id -> BIN
  absl::Status s = MergeRows(positions_, [&](const std::vector<std::string_view>& v) {
    position_ids_.insert(std::string(v[0]));
    const uint64_t bin = graph::IdentityNumberValue(v[1]);
    if (graph::CheckBin(v[1]).ok() && matcher_.Wants(bin))
      wanted_positions.emplace(std::string(v[0]), bin);
  });
  if (!s.ok()) return s;
  // employment.csv columns: person_iin, position_id, valid_from, valid_to, ...
  return MergeRows(employment_, [&](const std::vector<std::string_view>& v) {
    auto it = wanted_positions.find(base::AbslView(v[1]));
    if (it == wanted_positions.end() || !graph::CheckIin(v[0]).ok()) return;
    const std::optional<graph::Date> from = graph::ParseIsoDate(v[2]);
    std::optional<graph::Date> to = graph::kMaxDate;
    if (!v[3].empty()) to = graph::ParseIsoDate(v[3]);
    if (!from || !to) return;  // the loader rejects it
    matcher_.AddStint(it->second, graph::IdentityNumberValue(v[0]), {*from, *to});
  });
}

// persons.csv: the merged civil registry's rows first (they win), then goszakup's own persons
// not in it. The names of the persons the matcher asks for are taken from both.
absl::Status Importer::WritePersons() {
  if (options_.merge_dir.empty()) return absl::OkStatus();  // PendingPerson wrote persons_
  absl::flat_hash_set<uint64_t> merged;  // goszakup's persons the merged registry has
  // persons.csv columns: iin, last_name, first_name, birth_date, sex, patronymic, death_date
  absl::Status s = MergeRows(persons_, [&](const std::vector<std::string_view>& v) {
    if (!graph::CheckIin(v[0]).ok()) return;
    const uint64_t iin = graph::IdentityNumberValue(v[0]);
    // Only goszakup's own persons need asking about: a small set, where the registry is large.
    if (pending_.contains(iin)) merged.insert(iin);
    if (!matcher_.NeedsName(iin)) return;
    const names::Sex sex = v[4] == "F"   ? names::Sex::kFemale
                           : v[4] == "M" ? names::Sex::kMale
                                         : names::Sex::kUnknown;
    absl::StatusOr<names::PersonName> n = names::PersonName::FromParts(v[1], v[2], v[5], sex);
    if (n.ok()) matcher_.AddName(iin, *std::move(n));
  });
  if (!s.ok()) return s;
  s = pending_persons_.Close();
  if (!s.ok()) return s;
  absl::StatusOr<std::unique_ptr<CsvReader>> r = CsvReader::OpenFile(pending_path_);
  if (!r.ok()) return r.status();
  bool header = true;
  while ((*r)->Next()) {
    const CsvRecord& rec = (*r)->record();
    if (header) {
      header = false;
      continue;
    }
    if (merged.contains(graph::IdentityNumberValue(rec.fields[0]))) continue;
    for (size_t i = 0; i < persons_.columns().size(); ++i) {
      persons_.SetAt(i, rec.fields[i]);
    }
    persons_.Write();
  }
  if (!(*r)->status().ok()) return (*r)->status();
  r->reset();
  std::error_code ec;
  fs::remove(pending_path_, ec);
  return absl::OkStatus();
}

absl::Status Importer::OpenOutputs() {
  std::error_code ec;
  fs::create_directories(options_.out_dir, ec);
  if (ec)
    return absl::InternalError(base::Cat("cannot create ", options_.out_dir, ": ", ec.message()));
  for (FeedOut* out : {&organizations_, &positions_, &employment_, &commissions_, &members_,
                       &roles_, &tenders_, &bids_, &contracts_, &blacklist_, &persons_}) {
    absl::Status s = out->Open(options_.out_dir);
    if (!s.ok()) return s;
  }
  const std::string hidden = (fs::path(options_.out_dir) / ".import").string();
  fs::create_directories(hidden, ec);
  if (ec) return absl::InternalError(base::Cat("cannot create ", hidden, ": ", ec.message()));
  if (options_.merge_dir.empty()) return absl::OkStatus();      // no persons to hold back
  pending_path_ = (fs::path(hidden) / "persons.csv").string();  // FeedOut names it
  return pending_persons_.Open(hidden);
}

absl::Status Importer::CloseOutputs() {
  for (FeedOut* out : {&organizations_, &positions_, &employment_, &commissions_, &members_,
                       &roles_, &tenders_, &bids_, &contracts_, &blacklist_, &persons_}) {
    report_.rows_written[std::string(out->file())] = out->rows();
    absl::Status s = out->Close();
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Importer::Run() {
  if (!fs::is_directory(options_.in_dir)) {
    return absl::NotFoundError(base::Cat(options_.in_dir, " is not a directory"));
  }
  if (!options_.merge_dir.empty() && !fs::is_directory(options_.merge_dir)) {
    return absl::NotFoundError(base::Cat(options_.merge_dir, " is not a directory"));
  }
  file_ = "refs";
  absl::Status s = codes_.Load((fs::path(options_.in_dir) / "refs").string(), report_.problems);
  if (!s.ok()) return s;
  s = OpenOutputs();
  if (!s.ok()) return s;
  auto bind = [this](void (Importer::*handler)(const JsonItem&)) {
    return [this, handler](const JsonItem& item) { (this->*handler)(item); };
  };
  // Organizations first: every other registry refers to them.
  s = MergeRows(organizations_, [&](const std::vector<std::string_view>& v) {
    if (graph::CheckBin(v[0]).ok() || graph::CheckIin(v[0]).ok()) {
      orgs_.insert(graph::IdentityNumberValue(v[0]));
    }
  });
  if (s.ok()) s = ReadRegistry("subject", bind(&Importer::Subject));
  if (s.ok()) s = ReadRegistry("trd-buy", bind(&Importer::TrdBuy));
  // Whose staff the members' names are matched against.
  if (s.ok()) s = ReadRegistry("commission", bind(&Importer::CommissionWanted));
  if (s.ok()) s = MergeStaff();
  if (s.ok()) s = ReadRegistry("employees", bind(&Importer::Employee));
  if (s.ok()) s = MergeRows(roles_, nullptr);
  if (s.ok()) s = ReadRegistry("rnu", bind(&Importer::Rnu));
  if (s.ok()) s = WritePersons();
  if (s.ok()) s = MergeRows(commissions_, nullptr);
  if (s.ok()) s = MergeRows(members_, nullptr);
  if (s.ok()) {
    report_.records_read.erase("commission");  // read twice; counted once, below
    s = ReadRegistry("commission", bind(&Importer::CommissionMember));
  }
  if (s.ok()) s = MergeRows(tenders_, nullptr);
  if (s.ok()) s = ReadRegistry("lots", bind(&Importer::Lot));
  if (s.ok()) s = MergeRows(bids_, nullptr);
  if (s.ok()) s = ReadRegistry("trd-app", bind(&Importer::Application));
  if (s.ok()) s = MergeRows(contracts_, nullptr);
  if (s.ok()) s = ReadRegistry("contract", bind(&Importer::Contract));
  if (s.ok()) s = MergeRows(blacklist_, nullptr);
  if (s.ok()) s = MergeOthers();
  if (!s.ok()) return s;
  return CloseOutputs();
}

}  // namespace internal

absl::StatusOr<ImportReport> ImportGoszakup(const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ImportReport report;
  {
    // Timed with its teardown: freeing what the importer held is part of the import's cost.
    internal::Importer importer(options, report);
    absl::Status s = importer.Run();
    if (!s.ok()) return s;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace coigraph::loaders::goszakup
