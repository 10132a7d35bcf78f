// What the feed fuzz targets read from their input, and where they put it for the loader.
//
// A feed input is a run of sections, each a file of the feed: a line `=== NAME` and the file's
// bytes up to the next line that starts with `=== ` (the line end before it belongs to the file).
// Bytes before the first section are ignored. A NAME that is not a plain file name (letters,
// digits, `_`, `-`, `.`, at most 64 bytes, not starting with `.`) is skipped. The section
// `=== @cp1251` holds nothing and says the feed is in Windows-1251 (LoadOptions::encoding); the
// section `=== @demo` holds nothing and tells fuzz_feed_file to load the whole demo feed around
// the input's files, not just the files they point into.
//
//   === persons.csv
//   iin,last_name,first_name,birth_date,sex
//   700811301846,Жұмабаев,Марат,1970-08-11,M
//   === organizations.csv
//   ...
//
// ScratchDir is a directory of the process's own (on tmpfs, /dev/shm, when there is one), reused
// by every input and removed when the process exits normally. Sync() makes it hold just the given
// files, writing only those that changed since the last Sync(), so that an input costs a few
// file writes, not a directory's worth.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coigraph::fuzz {

struct FeedSection {
  std::string_view name;
  std::string_view bytes;
};

struct FeedInput {
  std::vector<FeedSection> files;
  std::string encoding;     // "cp1251" when the input has a `=== @cp1251` section
  bool whole_demo = false;  // the input has a `=== @demo` section
};

// The sections of `input`; its views point into `input`.
FeedInput SplitFeedInput(std::string_view input);

// `name` as the first line of a section would give it, with `bytes` after it.
std::string FeedSectionText(std::string_view name, std::string_view bytes);

class ScratchDir {
 public:
  // Makes <tmp>/coigraph-fuzz-<tag>-<pid>. Aborts when it cannot.
  explicit ScratchDir(std::string_view tag);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `bytes` to the file `name` of the directory. Aborts when it cannot.
  void Write(std::string_view name, std::string_view bytes) const;
  // Removes every file of the directory.
  void Clear();
  // Makes the directory hold exactly `files` (name -> bytes): removes the files that the last
  // Sync() wrote and `files` lacks, writes those whose bytes differ from what it wrote. Only
  // files written through Sync() are known to it (Clear() forgets them all).
  void Sync(const std::map<std::string, std::string_view, std::less<>>& files);

 private:
  std::string path_;
  std::map<std::string, std::string, std::less<>> synced_;  // what Sync() left there
};

}  // namespace coigraph::fuzz
