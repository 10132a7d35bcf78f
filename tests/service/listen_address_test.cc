#include "service/listen_address.h"

#include "gtest/gtest.h"

namespace coigraph::service {
namespace {

TEST(ListenAddress, ParsesHostAndPort) {
  absl::StatusOr<ListenAddress> a = ParseListenAddress("127.0.0.1:50051");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 50051);
  a = ParseListenAddress("[::1]:0");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->port, 0);
  for (const char* bad : {"127.0.0.1", ":80", "[::1]80", "::1:80", "host:", "host:x", "h:70000"}) {
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  }
}

TEST(ListenAddress, LoopbackIsParsedNotMatchedAsText) {
  for (const char* loopback : {"127.0.0.1", "127.3.4.5", "::1", "localhost", "LocalHost",
                               "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"}) {
    EXPECT_TRUE(IsLoopbackHost(loopback)) << loopback;
  }
  for (const char* exposed : {"127.evil.example.com", "127.0.0.1.nip.io", "0.0.0.0", "::",
                              "10.0.0.1", "128.0.0.1", "::ffff:10.0.0.1", "example.com", ""}) {
    EXPECT_FALSE(IsLoopbackHost(exposed)) << exposed;
  }
}

}  // namespace
}  // namespace coigraph::service
