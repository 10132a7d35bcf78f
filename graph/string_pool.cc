#include "graph/string_pool.h"

namespace coigraph::graph {

namespace {
constexpr size_t kChunkBytes = 1 << 20;
}

StringPool::StringPool() {
  views_.emplace_back();
  index_.emplace(std::string_view(), kEmptyStr);
}

StrId StringPool::Intern(std::string_view text) {
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < text.size()) {
    chunks_.emplace_back();
    chunks_.back().reserve(text.size() > kChunkBytes ? text.size() : kChunkBytes);
  }
  std::string& chunk = chunks_.back();
  const size_t at = chunk.size();
  chunk.append(text);  // never reallocates: capacity was reserved above
  std::string_view stored(chunk.data() + at, text.size());
  const auto id = static_cast<StrId>(views_.size());
  views_.push_back(stored);
  index_.emplace(stored, id);
  return id;
}

std::optional<StrId> StringPool::Find(std::string_view text) const {
  if (auto it = index_.find(text); it != index_.end()) return it->second;
  return std::nullopt;
}

}  // namespace coigraph::graph
