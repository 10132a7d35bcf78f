#include "loaders/goszakup/code_maps.h"

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "graph/model.h"
#include "loaders/csv_reader.h"

namespace coigraph::loaders::goszakup {

namespace {

template <typename E, std::optional<E> (*Parse)(std::string_view)>
bool Parses(std::string_view v) {
  return Parse(v).has_value();
}

bool IsOrgKindBesidesEntrepreneur(std::string_view v) {
  // An individual entrepreneur is told by `type_supplier`, not by a legal form.
  return v != "individual_entrepreneur" && graph::ParseOrgKind(v).has_value();
}

}  // namespace

std::optional<std::string_view> CodeMap::Find(std::string_view code) const {
  auto it = values_.find(base::AbslView(code));
  if (it == values_.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::string CodeMap::Missing(std::string_view code) const {
  return base::Cat("refs/", table_, ".csv has no row for id '", code, "' (", target_, ")");
}

absl::Status CodeMap::Load(const std::string& refs_dir, std::vector<ImportProblem>& problems) {
  const std::string name = base::Cat("refs/", table_, ".csv");
  const std::string path = base::Cat(refs_dir, "/", table_, ".csv");
  if (!std::filesystem::exists(path)) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<CsvReader>> r = CsvReader::OpenFile(path);
  if (!r.ok())
    return absl::InternalError(base::Cat("cannot read ", path, ": ", r.status().message()));
  int id_col = -1, value_col = -1;
  if ((*r)->Next()) {
    const CsvRecord& h = (*r)->record();
    for (size_t i = 0; i < h.fields.size(); ++i) {
      if (h.fields[i] == "id") id_col = static_cast<int>(i);
      if (h.fields[i] == "value") value_col = static_cast<int>(i);
    }
  }
  if (id_col < 0 || value_col < 0) {
    problems.push_back(
        {name, "line 1", "", "the header needs the columns id and value; table not used"});
    return absl::OkStatus();
  }
  loaded_ = true;
  while ((*r)->Next()) {
    const CsvRecord& rec = (*r)->record();
    const std::string where = base::Cat("line ", rec.line);
    if (!rec.error.empty() ||
        rec.fields.size() <= static_cast<size_t>(std::max(id_col, value_col))) {
      problems.push_back({name, where, "", "malformed row; not used"});
      continue;
    }
    const std::string_view id = rec.fields[static_cast<size_t>(id_col)];
    const std::string_view value = rec.fields[static_cast<size_t>(value_col)];
    if (id.empty()) {
      problems.push_back({name, where, "id", "empty id; row not used"});
    } else if (!valid_(value)) {
      problems.push_back(
          {name, where, "value",
           base::Cat("'", value, "' is not a value of ", target_, "; row not used")});
    } else if (!values_.try_emplace(std::string(id), std::string(value)).second) {
      problems.push_back(
          {name, where, "id", base::Cat("id '", id, "' given twice; the first row holds")});
    }
  }
  if (!(*r)->status().ok()) return (*r)->status();
  return absl::OkStatus();
}

CodeMaps::CodeMaps()
    : trade_methods("ref_trade_methods", "tenders.method",
                    &Parses<graph::TenderMethod, graph::ParseTenderMethod>),
      comm_roles("ref_comm_roles", "commission_members.role",
                 &Parses<graph::SeatRole, graph::ParseSeatRole>),
      kopf("ref_kopf", "organizations.kind", &IsOrgKindBesidesEntrepreneur),
      app_lot_status("ref_app_lot_status", "bids.outcome",
                     &Parses<graph::BidOutcome, graph::ParseBidOutcome>) {}

absl::Status CodeMaps::Load(const std::string& refs_dir, std::vector<ImportProblem>& problems) {
  for (CodeMap* m : {&trade_methods, &comm_roles, &kopf, &app_lot_status}) {
    absl::Status s = m->Load(refs_dir, problems);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace coigraph::loaders::goszakup
