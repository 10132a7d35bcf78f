#include "loaders/buffer_pool.h"

#include <utility>

namespace coigraph::loaders {

std::vector<char> BufferPool::Take(size_t bytes) {
  std::vector<char> buffer;
  {
    const std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < free_.size(); ++i) {
      if (free_[i].capacity() >= bytes) {
        buffer = std::move(free_[i]);
        free_[i] = std::move(free_.back());
        free_.pop_back();
        break;
      }
    }
  }
  buffer.resize(bytes);
  return buffer;
}

void BufferPool::Give(std::vector<char> buffer) {
  if (buffer.capacity() == 0) return;
  const std::lock_guard<std::mutex> lock(mu_);
  if (free_.size() < kMaxFree) free_.push_back(std::move(buffer));
}

size_t BufferPool::kept() const {
  const std::lock_guard<std::mutex> lock(mu_);
  return free_.size();
}

}  // namespace coigraph::loaders
