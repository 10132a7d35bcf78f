// An append-only pool of interned strings: names, titles and source ids repeat a lot at national
// scale (a few thousand surnames for 20 million persons), so each distinct text is stored once
// and referred to by a 32-bit `StrId`.
//
// Example:
//   StringPool pool;
//   StrId a = pool.Intern("Ахметов");
//   pool.Get(a);  // "Ахметов"
//
// Thread safety: Intern() mutates; Get()/Find() on a pool nobody mutates are safe to share.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace coigraph::graph {

using StrId = uint32_t;
inline constexpr StrId kEmptyStr = 0;  // the empty string is always id 0

class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  StrId Intern(std::string_view text);
  std::optional<StrId> Find(std::string_view text) const;
  std::string_view Get(StrId id) const { return views_[id]; }
  size_t size() const { return views_.size(); }

 private:
  std::deque<std::string> chunks_;  // storage; views into it stay valid
  std::vector<std::string_view> views_;
  absl::flat_hash_map<std::string_view, StrId> index_;
};

}  // namespace coigraph::graph
