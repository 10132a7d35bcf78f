// A hash map from 64-bit numbers (IINs, BINs, fingerprints) to small values, built for tables of
// tens of millions of entries: one flat array of {key, value} slots with linear probing, so that
// a lookup touches one cache line (absl::flat_hash_map touches two: control bytes, then slots),
// and no per-entry overhead beyond the slot and the free space (load factor <= 0.8).
//
// The slot array is allocated with mmap and advised to use transparent huge pages: random
// lookups into a table of hundreds of megabytes otherwise miss the TLB on almost every access.
//
// Example:
//   NumberMap<uint32_t> by_iin;
//   by_iin.Reserve(20'000'000);
//   auto [value, inserted] = by_iin.TryEmplace(61211600012, 7);
//   if (const uint32_t* v = by_iin.Find(61211600012)) { ... *v == 7 ... }
//
// Thread safety: none for writers; Find() on a map nobody mutates is safe to share.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "base/huge_pages.h"

namespace coigraph::base {

// The splitmix64 finalizer: a cheap 64-bit mix whose every output bit depends on every input bit
// (the map's hash here, the loaders' row fingerprints in loaders/field_parsers.h).
inline uint64_t SplitMix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

template <typename V>
class NumberMap {
  static_assert(std::is_trivially_copyable_v<V>, "values are moved with memcpy");

 public:
  NumberMap() = default;
  ~NumberMap() { Free(); }
  NumberMap(const NumberMap&) = delete;
  NumberMap& operator=(const NumberMap&) = delete;
  NumberMap(NumberMap&& o) noexcept { Take(o); }
  NumberMap& operator=(NumberMap&& o) noexcept {
    if (this != &o) {
      Free();
      Take(o);
    }
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Bytes held by the slot array.
  size_t allocated_bytes() const { return capacity_ * sizeof(Slot); }

  // Makes room for `n` entries in all, so that they are inserted without rehashing.
  void Reserve(size_t n) {
    const size_t want = n + n / 3 + 16;  // load factor 0.75 when full
    if (want > capacity_) Rehash(want);
  }

  // Inserts {key, value} unless `key` is present. Returns the value stored under `key` and
  // whether it was inserted. The pointer stays valid until the next insertion.
  std::pair<V*, bool> TryEmplace(uint64_t key, const V& value) {
    if (key == 0) {
      if (has_zero_) return {&zero_value_, false};
      has_zero_ = true;
      zero_value_ = value;
      ++size_;
      return {&zero_value_, true};
    }
    if ((size_ + 1) * 5 > capacity_ * 4) Rehash(capacity_ < 64 ? 128 : capacity_ * 2);
    for (size_t i = Home(key);; i = i + 1 == capacity_ ? 0 : i + 1) {
      Slot& s = slots_[i];
      const uint64_t k = s.key();
      if (k == key) return {&s.value, false};
      if (k == 0) {
        s.set_key(key);
        s.value = value;
        ++size_;
        return {&s.value, true};
      }
    }
  }

  // The value stored under `key`, or nullptr.
  const V* Find(uint64_t key) const {
    if (key == 0) return has_zero_ ? &zero_value_ : nullptr;
    if (capacity_ == 0) return nullptr;
    for (size_t i = Home(key);; i = i + 1 == capacity_ ? 0 : i + 1) {
      const Slot& s = slots_[i];
      const uint64_t k = s.key();
      if (k == key) return &s.value;
      if (k == 0) return nullptr;
    }
  }

  // Starts loading the slot of `key` into the cache, for a Find or TryEmplace soon after.
  void Prefetch(uint64_t key) const {
    if (capacity_ != 0) __builtin_prefetch(&slots_[Home(key)]);
  }

  // Frees everything.
  void Clear() {
    Free();
    slots_ = nullptr;
    capacity_ = 0;
    size_ = 0;
    has_zero_ = false;
  }

 private:
  // The key is split in two halves so that a slot of a 4-byte value takes 12 bytes, not 16.
  struct Slot {
    uint32_t key_lo;
    uint32_t key_hi;
    V value;
    uint64_t key() const { return (uint64_t{key_hi} << 32) | key_lo; }
    void set_key(uint64_t k) {
      key_lo = static_cast<uint32_t>(k);
      key_hi = static_cast<uint32_t>(k >> 32);
    }
  };

  static uint64_t Mix(uint64_t x) { return SplitMix64(x); }
  // Maps the hash onto [0, capacity_) without a division (Lemire's multiply-shift), so that the
  // capacity need not be a power of two and Reserve() wastes no memory.
  size_t Home(uint64_t key) const {
    __extension__ using U128 = unsigned __int128;
    return static_cast<size_t>((static_cast<U128>(Mix(key)) * capacity_) >> 64);
  }

  static Slot* Allocate(size_t n) {
    const size_t bytes = n * sizeof(Slot);
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    AdviseHugePages(p, bytes);
    return static_cast<Slot*>(p);  // zero-filled: every key is 0, every slot free
  }
  void Free() {
    if (slots_ != nullptr) munmap(slots_, capacity_ * sizeof(Slot));
  }
  void Take(NumberMap& o) {
    slots_ = std::exchange(o.slots_, nullptr);
    capacity_ = std::exchange(o.capacity_, 0);
    size_ = std::exchange(o.size_, 0);
    has_zero_ = std::exchange(o.has_zero_, false);
    zero_value_ = o.zero_value_;
  }

  void Rehash(size_t capacity) {
    Slot* old = slots_;
    const size_t old_capacity = capacity_;
    slots_ = Allocate(capacity);
    capacity_ = capacity;
    for (size_t j = 0; j < old_capacity; ++j) {
      const uint64_t key = old[j].key();
      if (key == 0) continue;
      size_t i = Home(key);
      while (slots_[i].key() != 0) i = i + 1 == capacity_ ? 0 : i + 1;
      std::memcpy(&slots_[i], &old[j], sizeof(Slot));
    }
    if (old != nullptr) munmap(old, old_capacity * sizeof(Slot));
  }

  Slot* slots_ = nullptr;
  size_t capacity_ = 0;
  size_t size_ = 0;  // including the zero key
  bool has_zero_ = false;
  V zero_value_{};
};

}  // namespace coigraph::base
