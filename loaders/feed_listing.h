// What a feed directory holds, before anything in it is trusted (docs/loaders.md, "The feed
// directory"): the feed files found and missing, and every other entry, with what a near miss
// probably should be ("Persons.CSV" is probably persons.csv; a subfolder holding feed files is
// probably the feed directory itself).
//
// Example:
//   absl::StatusOr<FeedListing> l = ListFeedDirectory("examples/demo");
//   if (!l->HasRegistries()) ...  // refuse the feed, print l->Describe()
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace coigraph::loaders {

struct FeedListing {
  // An entry of the directory that is not one of the 17 feed files.
  struct Unknown {
    std::string name;  // as in the directory; "sub/" for a subfolder, "sub/file" inside one
    std::string hint;  // what it probably should be; "" when it looks like no feed file
  };
  std::vector<std::string> found;    // feed files present, in docs/feeds.md "Files" order
  std::vector<std::string> missing;  // feed files absent, in the same order
  std::vector<Unknown> unknown;      // sorted by name; hidden entries (".x") are left out

  // Whether persons.csv and organizations.csv are both there: a feed needs both.
  bool HasRegistries() const;
  // "found (2): persons.csv, organizations.csv\nmissing (15): ...\nunknown (1): Bids.CSV
  // (probably bids.csv)": one line each, a line only when its list is not empty.
  std::string Describe() const;
};

// Lists `dir` and the subfolders directly in it.
// Errors: NotFound when `dir` does not exist or is not a directory.
absl::StatusOr<FeedListing> ListFeedDirectory(const std::string& dir);

}  // namespace coigraph::loaders
