// Remembers the key of every accepted row of one file, to merge exact duplicates and reject
// rows that reuse a key with different content (FEEDS.md "Keys").
//
// Keys and contents are 64-bit fingerprints, not strings: 60 million kinship rows fit in about
// 2 GB. Two different keys share a fingerprint with a probability of about n^2 / 2^65 (1e-4 at
// 60 million rows); the reject message then names the line of the other row.
//
// Example:
//   DuplicateIndex seen;
//   auto r = seen.Check(key_fp, content_fp, line);
//   if (r.verdict == DuplicateIndex::Verdict::kConflict) reject(r.first_line);
#pragma once

#include <cstdint>

#include "absl/container/flat_hash_map.h"

namespace coigraph::loaders {

class DuplicateIndex {
 public:
  enum class Verdict { kNew, kExactDuplicate, kConflict };
  struct Result {
    Verdict verdict = Verdict::kNew;
    int64_t first_line = 0;  // the line of the row that holds the key, when not kNew
  };

  // Records the key when it is new.
  Result Check(uint64_t key, uint64_t content, int64_t line) {
    const auto [it, inserted] = seen_.try_emplace(key, Seen{content, line});
    if (inserted) return {};
    return {it->second.content == content ? Verdict::kExactDuplicate : Verdict::kConflict,
            it->second.line};
  }

 private:
  struct Seen {
    uint64_t content;
    int64_t line;
  };
  absl::flat_hash_map<uint64_t, Seen> seen_;
};

}  // namespace coigraph::loaders
