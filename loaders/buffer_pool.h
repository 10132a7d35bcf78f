// Read buffers kept for reuse: the CSV readers of a load and the samples of its file checks take
// their buffers (1 MiB each) from a pool and give them back, so that a load maps a few buffers
// instead of two or three per feed file, and a caller that loads again and again (a fuzz target,
// a test) keeps them across loads (LoadOptions::buffers).
//
// Example:
//   BufferPool pool;
//   std::vector<char> buf = pool.Take(1 << 20);  // size() == 1 MiB; the bytes are stale
//   ...
//   pool.Give(std::move(buf));
//
// Thread safety: Take and Give may be called from any thread (kinship.csv loads on its own).
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

namespace coigraph::loaders {

class BufferPool {
 public:
  // How many free buffers the pool keeps; more are freed when given back.
  static constexpr size_t kMaxFree = 8;

  // A buffer of `bytes` bytes, a kept one when one is large enough (its bytes are what its last
  // user left; only bytes beyond its last size are zeroed), else a new one.
  std::vector<char> Take(size_t bytes);
  // Keeps `buffer` for a later Take.
  void Give(std::vector<char> buffer);
  // How many buffers are kept now.
  size_t kept() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::vector<char>> free_;
};

}  // namespace coigraph::loaders
