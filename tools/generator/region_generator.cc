#include "tools/generator/region_generator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>

#include "tools/generator/region_world.h"

namespace coigraph::generator {

absl::StatusOr<RegionSummary> GenerateRegion(const RegionOptions& options) {
  if (options.persons < 1) return absl::InvalidArgumentError("persons must be at least 1");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return absl::InternalError(Cat({"cannot create ", options.out_dir, ": ", ec.message()}));

  RegionWriter w(options.seed);
  absl::Status s = w.Open(options.out_dir);
  if (!s.ok()) return s;
  const RegionSizes sizes = SizesFor(options.persons);
  RegionWorld world;
  WriteBackground(w, sizes, world);
  PlantConflicts(w, sizes, world);
  w.PadTo(options.persons);
  const RegionCounts c = w.Counts();
  s = w.Close();
  if (!s.ok()) return s;
  RegionSummary out;
  out.persons = c.persons;
  out.kinship = c.kinship;
  out.organizations = c.organizations;
  out.employment = c.employment;
  out.commission_members = c.commission_members;
  out.company_roles = c.company_roles;
  out.tenders = c.tenders;
  out.bids = c.bids;
  out.allocations = c.allocations;
  out.expected = c.expected;
  out.traps = c.traps;
  out.hints = c.hints;
  out.hint_traps = c.hint_traps;
  return out;
}

namespace {

// Parses one flat JSON object whose values are all strings (what RegionWriter writes).
bool ParseFlatObject(std::string_view line, std::map<std::string, std::string>& out) {
  size_t i = 0;
  auto skip = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
  };
  auto string = [&](std::string& s) {
    skip();
    if (i >= line.size() || line[i] != '"') return false;
    ++i;
    s.clear();
    while (i < line.size() && line[i] != '"') {
      if (line[i] == '\\') {
        if (++i >= line.size()) return false;
        const char e = line[i];
        if (e == 'u') {
          if (i + 4 >= line.size()) return false;
          s.push_back(
              static_cast<char>(std::stoi(std::string(line.substr(i + 1, 4)), nullptr, 16)));
          i += 4;
        } else {
          s.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        }
      } else {
        s.push_back(line[i]);
      }
      ++i;
    }
    if (i >= line.size()) return false;
    ++i;
    return true;
  };
  skip();
  if (i >= line.size() || line[i++] != '{') return false;
  for (;;) {
    std::string key, value;
    if (!string(key)) return false;
    skip();
    if (i >= line.size() || line[i++] != ':') return false;
    if (!string(value)) return false;
    out[key] = value;
    skip();
    if (i >= line.size()) return false;
    if (line[i] == '}') return true;
    if (line[i++] != ',') return false;
  }
}

template <typename T, typename Fill>
absl::StatusOr<std::vector<T>> ReadJsonl(const std::string& path, Fill fill) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot open " + path);
  std::vector<T> out;
  std::string line;
  int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::map<std::string, std::string> fields;
    if (!ParseFlatObject(line, fields)) {
      return absl::InvalidArgumentError(
          Cat({path, ":", std::to_string(n), ": not a flat JSON object"}));
    }
    out.push_back(fill(fields));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<PlantedFinding>> ReadPlantedFindings(const std::string& path) {
  return ReadJsonl<PlantedFinding>(path, [](std::map<std::string, std::string>& f) {
    return PlantedFinding{f["rule"],     f["object_id"],    f["date"],
                          f["official"], f["counterparty"], f["relation"]};
  });
}

absl::StatusOr<std::vector<PlantedHint>> ReadPlantedHints(const std::string& path) {
  return ReadJsonl<PlantedHint>(path, [](std::map<std::string, std::string>& f) {
    return PlantedHint{f["tender_id"], f["member"],         f["bidder"], f["party"],
                       f["person"],    f["kind"] == "trap", f["why"]};
  });
}

absl::StatusOr<std::vector<PlantedTrap>> ReadPlantedTraps(const std::string& path) {
  return ReadJsonl<PlantedTrap>(path, [](std::map<std::string, std::string>& f) {
    return PlantedTrap{f["rule"], f["object_id"], f["official"], f["counterparty"], f["why"]};
  });
}

}  // namespace coigraph::generator
