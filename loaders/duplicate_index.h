// Remembers the key of every accepted row of one file, to merge exact duplicates and reject
// rows that reuse a key with different content (docs/feeds.md, "Keys and duplicates").
//
// Keys and contents are 64-bit fingerprints, not strings, in a base::NumberMap of 24-byte
// slots: 31 million kinship rows (2e7 persons) take about 1 GB once Reserve()d. Two different keys
// share a fingerprint with a probability of about n^2 / 2^65 (1e-4 at 60 million rows); the reject
// message then names the line of the other row.
//
// Example:
//   DuplicateIndex seen;
//   auto r = seen.Check(key_fp, content_fp, line);
//   if (r.verdict == DuplicateIndex::Verdict::kConflict) reject(r.first_line);
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/number_map.h"

namespace coigraph::loaders {

class DuplicateIndex {
 public:
  enum class Verdict { kNew, kExactDuplicate, kConflict };
  struct Result {
    Verdict verdict = Verdict::kNew;
    int64_t first_line = 0;  // the line of the row that holds the key, when not kNew
  };

  // Makes room for `rows` keys in all (an estimate: more is fine, the index grows).
  void Reserve(size_t rows) { seen_.Reserve(rows); }
  // Starts loading the slot of `key` into the cache, for a Check() soon after.
  void Prefetch(uint64_t key) const { seen_.Prefetch(key); }

  // Records the key when it is new.
  Result Check(uint64_t key, uint64_t content, int64_t line) {
    const auto [seen, inserted] = seen_.TryEmplace(key, Seen{content, line});
    if (inserted) return {};
    return {seen->content == content ? Verdict::kExactDuplicate : Verdict::kConflict, seen->line};
  }

 private:
  struct Seen {
    uint64_t content;
    int64_t line;
  };
  base::NumberMap<Seen> seen_;
};

}  // namespace coigraph::loaders
