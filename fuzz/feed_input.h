// What the feed fuzz targets read from their input, and where they put it for the loader.
//
// A feed input is a run of sections, each a file of the feed: a line `=== NAME` and the file's
// bytes up to the next line that starts with `=== ` (the line end before it belongs to the file).
// Bytes before the first section are ignored. A NAME that is not a plain file name (letters,
// digits, `_`, `-`, `.`, at most 64 bytes, not starting with `.`) is skipped. The section
// `=== @cp1251` holds nothing and says the feed is in Windows-1251 (LoadOptions::encoding).
//
//   === persons.csv
//   iin,last_name,first_name,birth_date,sex
//   700811301846,Жұмабаев,Марат,1970-08-11,M
//   === organizations.csv
//   ...
//
// ScratchDir is a directory of the process's own (on tmpfs, /dev/shm, when there is one), reused
// by every input and removed when the process exits normally.
#pragma once

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
  std::string encoding;  // "cp1251" when the input has a `=== @cp1251` section
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
  void Clear() const;

 private:
  std::string path_;
};

}  // namespace coigraph::fuzz
