#include "loaders/feed_listing.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/text.h"
#include "loaders/feed_schema.h"

namespace coigraph::loaders {

namespace {

namespace fs = std::filesystem;
using base::Cat;

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) base::Append(out, out.empty() ? "" : ", ", n);
  return out;
}

// The feed file a name probably means: the same name in other case ("Persons.CSV"), the name
// with something after it ("persons.csv.txt", "persons.csv.bak"), or the name without its
// extension or with another one ("persons", "persons.txt").
std::optional<std::string_view> NearMiss(std::string_view name) {
  std::string lower(name);
  for (char& ch : lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  for (int i = 0; i < kFeedCount; ++i) {
    const std::string_view file = Schema(static_cast<FeedId>(i)).file;
    const std::string_view stem = file.substr(0, file.size() - 4);  // without ".csv"
    const std::string_view l = lower;
    if (l.starts_with(file)) return file;
    if (l == stem || (l.starts_with(stem) && l.size() > stem.size() && l[stem.size()] == '.' &&
                      l.find('.', stem.size() + 1) == std::string_view::npos)) {
      return file;
    }
  }
  return std::nullopt;
}

bool IsFeedFile(std::string_view name) {
  for (int i = 0; i < kFeedCount; ++i) {
    if (Schema(static_cast<FeedId>(i)).file == name) return true;
  }
  return false;
}

// The feed files (exact names or near misses) directly in a subfolder, as "name" or
// "name (probably x.csv)".
std::vector<std::string> FeedFilesIn(const fs::path& sub) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(sub, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".") || !e.is_regular_file(ec)) continue;
    if (IsFeedFile(name)) {
      out.push_back(name);
    } else if (const std::optional<std::string_view> f = NearMiss(name)) {
      out.push_back(Cat(name, " (probably ", *f, ")"));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool FeedListing::HasRegistries() const {
  auto has = [&](std::string_view f) {
    return std::find(found.begin(), found.end(), f) != found.end();
  };
  return has(Schema(FeedId::kPersons).file) && has(Schema(FeedId::kOrganizations).file);
}

std::string FeedListing::Describe() const {
  std::string out;
  auto line = [&](std::string_view what, const std::vector<std::string>& names) {
    if (names.empty()) return;
    base::Append(out, out.empty() ? "" : "\n", what, " (", names.size(), "): ", Join(names));
  };
  line("found", found);
  line("missing", missing);
  std::vector<std::string> others;
  others.reserve(unknown.size());
  for (const Unknown& u : unknown) {
    others.push_back(u.hint.empty() ? u.name : Cat(u.name, " (", u.hint, ")"));
  }
  line("unknown", others);
  return out;
}

absl::StatusOr<FeedListing> ListFeedDirectory(const std::string& dir) {
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    return absl::NotFoundError(Cat("feed directory ", dir, " does not exist"));
  }
  if (!fs::is_directory(st)) {
    return absl::NotFoundError(Cat("feed directory ", dir, " is not a directory"));
  }
  FeedListing listing;
  for (int i = 0; i < kFeedCount; ++i) {
    const std::string file(Schema(static_cast<FeedId>(i)).file);
    (fs::exists(fs::path(dir) / file, ec) ? listing.found : listing.missing).push_back(file);
  }
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".") || IsFeedFile(name)) continue;
    if (e.is_directory(ec)) {
      const std::vector<std::string> inside = FeedFilesIn(e.path());
      if (inside.size() == 1) {
        // One feed file put away in a folder: name the file.
        listing.unknown.push_back(
            {Cat(name, "/", inside[0]), "feed files are read only directly in the feed directory"});
      } else if (!inside.empty()) {
        listing.unknown.push_back(
            {Cat(name, "/"), Cat("a subfolder holding ", inside.size(), " feed files (",
                                 Join(inside), "): it is probably the feed directory itself")});
      } else {
        listing.unknown.push_back({Cat(name, "/"), ""});
      }
      continue;
    }
    const std::optional<std::string_view> near = NearMiss(name);
    listing.unknown.push_back(
        {name, near ? Cat("probably ", *near, "; it is not read under this name") : ""});
  }
  std::sort(
      listing.unknown.begin(), listing.unknown.end(),
      [](const FeedListing::Unknown& a, const FeedListing::Unknown& b) { return a.name < b.name; });
  return listing;
}

}  // namespace coigraph::loaders
