// BufferPool: buffers are kept and handed out again; a load that is given a pool leaves its
// buffers in it, and loads the same with it as without.
#include "loaders/buffer_pool.h"

#include <string>
#include <utility>
#include <vector>

#include "graph/builder.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

TEST(BufferPoolTest, GivenBufferIsTakenAgain) {
  BufferPool pool;
  std::vector<char> a = pool.Take(1000);
  ASSERT_EQ(a.size(), 1000U);
  a[0] = 'x';
  const char* data = a.data();
  pool.Give(std::move(a));
  std::vector<char> b = pool.Take(600);  // a smaller one fits in the kept buffer
  EXPECT_EQ(b.data(), data);
  EXPECT_EQ(b.size(), 600U);
  EXPECT_EQ(b[0], 'x');                         // stale bytes: nothing is cleared
  const std::vector<char> c = pool.Take(2000);  // nothing kept is large enough
  EXPECT_EQ(c.size(), 2000U);
  EXPECT_NE(c.data(), data);
}

TEST(BufferPoolTest, KeepsAtMostMaxFree) {
  BufferPool pool;
  for (size_t i = 0; i < BufferPool::kMaxFree + 3; ++i) pool.Give(std::vector<char>(64));
  EXPECT_EQ(pool.kept(), BufferPool::kMaxFree);
  const std::vector<char> taken = pool.Take(64);
  EXPECT_EQ(pool.kept(), BufferPool::kMaxFree - 1);
  pool.Give(std::vector<char>());  // an empty one is not kept
  EXPECT_EQ(pool.kept(), BufferPool::kMaxFree - 1);
}

TEST(BufferPoolTest, LoadsWithACallersPoolAsWithout) {
  const std::string dir = testing::TestdataDir("quoted_fields");
  graph::Builder plain_builder;
  absl::StatusOr<LoadReport> plain = LoadFeedDirectory(dir, plain_builder);
  ASSERT_TRUE(plain.ok()) << plain.status();

  BufferPool pool;
  LoadOptions options;
  options.buffers = &pool;
  size_t kept_after_first = 0;
  for (int round = 0; round < 3; ++round) {
    graph::Builder builder;
    absl::StatusOr<LoadReport> pooled = LoadFeedDirectory(dir, builder, options);
    ASSERT_TRUE(pooled.ok()) << pooled.status();
    ASSERT_EQ(pooled->files.size(), plain->files.size());
    for (size_t i = 0; i < plain->files.size(); ++i) {
      EXPECT_EQ(pooled->files[i].loaded, plain->files[i].loaded) << plain->files[i].file;
      EXPECT_EQ(pooled->files[i].rejected, plain->files[i].rejected) << plain->files[i].file;
    }
    EXPECT_EQ(builder.person_count(), plain_builder.person_count());
    // Every buffer the load took is back, and later loads take no new ones.
    if (round == 0) kept_after_first = pool.kept();
    EXPECT_GE(pool.kept(), 1U);
    EXPECT_EQ(pool.kept(), kept_after_first);
  }
}

}  // namespace
}  // namespace coigraph::loaders
