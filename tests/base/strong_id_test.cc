#include "base/strong_id.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"

namespace coigraph::base {
namespace {

using AppleId = StrongId<struct AppleTag>;
using PearId = StrongId<struct PearTag>;

// The wrapper costs nothing: same size and alignment as the integer, copied as bytes.
static_assert(sizeof(AppleId) == sizeof(uint32_t));
static_assert(alignof(AppleId) == alignof(uint32_t));
static_assert(std::is_trivially_copyable_v<AppleId>);
static_assert(std::is_standard_layout_v<AppleId>);

// Not interchangeable: no conversion from an integer or from another kind of id.
static_assert(!std::is_convertible_v<uint32_t, AppleId>);
static_assert(std::is_constructible_v<AppleId, uint32_t>);
static_assert(!std::is_convertible_v<AppleId, uint32_t>);
static_assert(!std::is_constructible_v<AppleId, PearId>);
static_assert(!std::is_convertible_v<PearId, AppleId>);
static_assert(std::is_convertible_v<NoneId, AppleId>);

// An IdVector only takes its own id.
template <typename V, typename I>
concept IndexableBy = requires(V v, I i) {
  v[i];
};
static_assert(IndexableBy<IdVector<AppleId, int>, AppleId>);
static_assert(!IndexableBy<IdVector<AppleId, int>, PearId>);
static_assert(!IndexableBy<IdVector<AppleId, int>, uint32_t>);

// Two kinds of id do not compare.
template <typename A, typename B>
concept Comparable = requires(A a, B b) {
  a == b;
};
static_assert(Comparable<AppleId, AppleId>);
static_assert(Comparable<AppleId, NoneId>);
static_assert(!Comparable<AppleId, PearId>);
static_assert(!Comparable<AppleId, uint32_t>);

// constexpr throughout.
static_assert(AppleId(3).value() == 3);
static_assert(AppleId(3) < AppleId(4));
static_assert(AppleId() == kNone);
static_assert(AppleId::None() == kNone);
static_assert(AppleId(kNone).value() == kNoneValue);
static_assert(AppleId(0) != kNone);
static_assert(std::forward_iterator<IdRange<AppleId>::iterator>);

TEST(StrongIdTest, NoneIsTheDefaultAndTheAllOnesValue) {
  AppleId a;
  EXPECT_TRUE(a.is_none());
  EXPECT_EQ(a, kNone);
  EXPECT_EQ(a.value(), 0xffffffffu);
  a = AppleId(7);
  EXPECT_FALSE(a.is_none());
  EXPECT_NE(a, kNone);
  EXPECT_NE(kNone, a);
  a = kNone;
  EXPECT_TRUE(a.is_none());
}

TEST(StrongIdTest, OrdersAsTheNumber) {
  EXPECT_LT(AppleId(1), AppleId(2));
  EXPECT_GT(AppleId(kNone), AppleId(2));
  EXPECT_EQ(AppleId(5) <=> AppleId(5), std::strong_ordering::equal);
}

TEST(StrongIdTest, HashesInAbslAndStdContainers) {
  absl::flat_hash_map<AppleId, int> m{{AppleId(1), 10}, {AppleId(2), 20}};
  EXPECT_EQ(m.at(AppleId(2)), 20);
  EXPECT_EQ(absl::HashOf(AppleId(9)), absl::HashOf(AppleId(9)));
  std::unordered_set<AppleId> s{AppleId(4), AppleId(4), AppleId(5)};
  EXPECT_EQ(s.size(), 2u);
}

TEST(IdVectorTest, IndexesAndEnumeratesById) {
  IdVector<AppleId, int> v;
  EXPECT_EQ(v.next_id(), AppleId(0));
  const AppleId a = v.push_back(10);
  const AppleId b = v.push_back(20);
  EXPECT_EQ(a, AppleId(0));
  EXPECT_EQ(b, AppleId(1));
  v[b] += 1;
  EXPECT_EQ(v[a], 10);
  EXPECT_EQ(v[b], 21);
  std::vector<AppleId> ids;
  for (AppleId id : v.ids()) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<AppleId>{a, b}));
  EXPECT_EQ(v.ids().size(), 2u);
  int sum = 0;
  for (int x : v) sum += x;
  EXPECT_EQ(sum, 31);
  EXPECT_EQ(v.vector().size(), 2u);
}

TEST(IdRangeTest, EmptyAndOffset) {
  EXPECT_TRUE(IdRange<AppleId>(3, 3).empty());
  std::vector<uint32_t> seen;
  for (AppleId id : IdRange<AppleId>(2, 5)) seen.push_back(id.value());
  EXPECT_EQ(seen, (std::vector<uint32_t>{2, 3, 4}));
}

}  // namespace
}  // namespace coigraph::base
