// Transparent huge pages for the large tables of a load.
//
// A national load touches about 4 GB of fresh memory; with 4 KiB pages that is a million page
// faults, each zeroing its page (~15 % of a 2e7 load's CPU time, perf). Debian's kernels run THP
// in "madvise" mode, so a table gets 2 MiB pages only when asked: ReserveHuge() reserves a
// vector and asks for its untouched capacity; AdviseHugePages() does it for any fresh mapping.
// Both are hints: where THP is off or the kernel has no huge page to give, nothing changes.
//
// Example:
//   std::vector<Tie> ties;
//   ReserveHuge(ties, edge_count);   // then push_back / resize as usual
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace coigraph::base {

inline void AdviseHugePages(const void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const auto first = reinterpret_cast<uintptr_t>(data);
  const uintptr_t begin = (first + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (first + bytes) & ~(kHuge - 1);
  // NOLINTNEXTLINE(performance-no-int-to-ptr): an address rounded to a huge page, for madvise.
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// v.reserve(n), with huge pages asked for when the new capacity is large.
template <typename T>
void ReserveHuge(std::vector<T>& v, size_t n) {
  if (n <= v.capacity()) return;
  v.reserve(n);
  AdviseHugePages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace coigraph::base
