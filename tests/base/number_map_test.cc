#include "base/number_map.h"

#include <cstdint>
#include <random>
#include <unordered_map>
#include <utility>

#include "gtest/gtest.h"

namespace coigraph::base {
namespace {

TEST(NumberMapTest, InsertsOnceAndFinds) {
  NumberMap<uint32_t> m;
  EXPECT_EQ(m.Find(61211600012), nullptr);
  auto [v, inserted] = m.TryEmplace(61211600012, 7);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*v, 7u);
  auto [w, again] = m.TryEmplace(61211600012, 9);
  EXPECT_FALSE(again);
  EXPECT_EQ(*w, 7u);  // the first value stays
  ASSERT_NE(m.Find(61211600012), nullptr);
  EXPECT_EQ(*m.Find(61211600012), 7u);
  EXPECT_EQ(m.size(), 1u);
}

TEST(NumberMapTest, ZeroIsAnOrdinaryKey) {
  NumberMap<uint32_t> m;
  EXPECT_EQ(m.Find(0), nullptr);
  EXPECT_TRUE(m.TryEmplace(0, 3).second);
  EXPECT_FALSE(m.TryEmplace(0, 4).second);
  ASSERT_NE(m.Find(0), nullptr);
  EXPECT_EQ(*m.Find(0), 3u);
  EXPECT_EQ(m.size(), 1u);
}

// Seeded: grows from empty and from a reservation, against std::unordered_map.
TEST(NumberMapTest, AgreesWithUnorderedMapThroughGrowth) {
  for (size_t reserve : {size_t{0}, size_t{1000}, size_t{100000}}) {
    NumberMap<uint64_t> m;
    m.Reserve(reserve);
    std::unordered_map<uint64_t, uint64_t> ref;
    std::mt19937_64 rng(7);
    for (uint64_t i = 0; i < 50000; ++i) {
      const uint64_t key = rng() % 40000;  // repeats, and 0 now and then
      const bool inserted = m.TryEmplace(key, i).second;
      EXPECT_EQ(inserted, ref.emplace(key, i).second);
    }
    EXPECT_EQ(m.size(), ref.size());
    for (const auto& [key, value] : ref) {
      ASSERT_NE(m.Find(key), nullptr);
      EXPECT_EQ(*m.Find(key), value);
    }
    EXPECT_EQ(m.Find(40001), nullptr);
  }
}

TEST(NumberMapTest, MovesAndClears) {
  NumberMap<uint32_t> a;
  a.TryEmplace(5, 1);
  a.TryEmplace(0, 2);
  NumberMap<uint32_t> b = std::move(a);
  EXPECT_EQ(*b.Find(5), 1u);
  EXPECT_EQ(*b.Find(0), 2u);
  b.Clear();
  EXPECT_EQ(b.Find(5), nullptr);
  EXPECT_EQ(b.Find(0), nullptr);
  EXPECT_TRUE(b.TryEmplace(5, 3).second);
}

}  // namespace
}  // namespace coigraph::base
