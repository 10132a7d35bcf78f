// Typed 32-bit indexes: a StrongId<Tag> is a uint32_t that only compares with, and only indexes
// tables of, its own kind, so that an index of one table cannot be passed where an index of
// another is meant. IdVector<Id, T> is a std::vector<T> whose operator[] takes only an Id.
//
// Every StrongId has one "not set" value, kNone (the raw 0xffffffff, kNoneValue). kNone
// converts to every StrongId and compares with every StrongId, so `PersonIndex p = kNone;` and
// `if (p != kNone)` read as before; it does not convert to or compare with a plain integer.
// A default-constructed StrongId is kNone.
//
// The raw number comes out only through value(), for the few places that need it (arrays
// indexed by vertex, serialising, a third-party graph library).
//
// Example:
//   using PersonIndex = base::StrongId<struct PersonTag>;
//   using OrgIndex = base::StrongId<struct OrgTag>;
//   base::IdVector<PersonIndex, Person> persons;
//   PersonIndex p = persons.push_back(person);   // the new entry's index
//   persons[p].iin;                              // persons[o] with an OrgIndex o does not compile
//   for (PersonIndex q : persons.ids()) { ... }
//
// A StrongId is trivially copyable, the size of a uint32_t, and its operations are constexpr
// and inline: it compiles to the same code as the plain integer.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace coigraph::base {

// The raw value of kNone.
inline constexpr uint32_t kNoneValue = 0xffffffffu;

// The type of kNone: "no index", of whatever kind.
struct NoneId {
  explicit constexpr NoneId() = default;
};
inline constexpr NoneId kNone{};

template <typename Tag>
class StrongId {
 public:
  constexpr StrongId() = default;  // kNone
  // NOLINTNEXTLINE(google-explicit-constructor): `PersonIndex p = kNone` is the point.
  constexpr StrongId(NoneId /*none*/) {}
  constexpr explicit StrongId(uint32_t value) : value_(value) {}

  static constexpr StrongId None() { return StrongId(); }

  constexpr uint32_t value() const { return value_; }
  constexpr bool is_none() const { return value_ == kNoneValue; }

  friend constexpr bool operator==(StrongId a, StrongId b) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted operator<=>.
  friend constexpr auto operator<=>(StrongId a, StrongId b) = default;
  friend constexpr bool operator==(StrongId a, NoneId /*none*/) { return a.is_none(); }

  template <typename H>
  friend H AbslHashValue(H h, StrongId id) {
    return H::combine(std::move(h), id.value_);
  }

 private:
  uint32_t value_ = kNoneValue;
};

// The ids [begin, end) of a table, for `for (PersonIndex p : persons.ids())`.
template <typename Id>
class IdRange {
 public:
  class iterator {
   public:
    // As std::views::iota's: a C++20 forward iterator whose reference is a value, so a legacy
    // input iterator.
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    using value_type = Id;
    using difference_type = std::ptrdiff_t;
    using reference = Id;

    constexpr iterator() = default;
    constexpr explicit iterator(uint32_t at) : at_(at) {}
    constexpr Id operator*() const { return Id(at_); }
    constexpr iterator& operator++() {
      ++at_;
      return *this;
    }
    constexpr iterator operator++(int) {
      iterator old = *this;
      ++at_;
      return old;
    }
    friend constexpr bool operator==(iterator a, iterator b) = default;

   private:
    uint32_t at_ = 0;
  };

  constexpr IdRange(uint32_t begin, uint32_t end) : begin_(begin), end_(end) {}
  constexpr iterator begin() const { return iterator(begin_); }
  constexpr iterator end() const { return iterator(end_); }
  constexpr size_t size() const { return end_ - begin_; }
  constexpr bool empty() const { return begin_ == end_; }

 private:
  uint32_t begin_;
  uint32_t end_;
};

// A std::vector<T> indexed by Id: operator[] takes an Id and nothing else. The entries are
// stored exactly as in the vector, which vector() hands out for what needs the vector itself.
template <typename Id, typename T>
class IdVector {
 public:
  using value_type = T;
  using iterator = typename std::vector<T>::iterator;
  using const_iterator = typename std::vector<T>::const_iterator;

  IdVector() = default;
  explicit IdVector(std::vector<T> items) : items_(std::move(items)) {}

  T& operator[](Id id) { return items_[id.value()]; }
  const T& operator[](Id id) const { return items_[id.value()]; }

  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  size_t capacity() const { return items_.capacity(); }
  void reserve(size_t n) { items_.reserve(n); }
  void clear() { items_.clear(); }

  // The index the next push_back will give.
  Id next_id() const { return Id(static_cast<uint32_t>(items_.size())); }
  // Appends `item` and returns its index.
  Id push_back(const T& item) {
    const Id id = next_id();
    items_.push_back(item);
    return id;
  }
  // Every index of the table, in order.
  IdRange<Id> ids() const { return IdRange<Id>(0, static_cast<uint32_t>(items_.size())); }

  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  T& back() { return items_.back(); }
  const T& back() const { return items_.back(); }

  std::vector<T>& vector() { return items_; }
  const std::vector<T>& vector() const { return items_; }

 private:
  std::vector<T> items_;
};

}  // namespace coigraph::base

// std::hash, for the standard unordered containers.
template <typename Tag>
struct std::hash<coigraph::base::StrongId<Tag>> {
  size_t operator()(coigraph::base::StrongId<Tag> id) const noexcept {
    return std::hash<uint32_t>()(id.value());
  }
};
