#include "service/audit_bounds.h"

#include <string>
#include <vector>

#include "base/sha256.h"
#include "gtest/gtest.h"
#include "service/anonymous_gate.h"
#include "service/limits.h"

namespace coigraph::service {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

TEST(BoundedAuditValue, KeepsShortValidValuesWhole) {
  EXPECT_EQ(BoundedAuditValue(""), "");
  EXPECT_EQ(BoundedAuditValue("hiring order 1/2020"), "hiring order 1/2020");
  const std::string exactly(kMaxAuditValueBytes, 'a');
  EXPECT_EQ(BoundedAuditValue(exactly), exactly);
}

TEST(BoundedAuditValue, CutsLongValuesToAValidPrefixWithLengthAndHash) {
  const std::string big(1 << 20, 'x');
  const std::string bounded = BoundedAuditValue(big);
  EXPECT_LE(bounded.size(), kMaxAuditValueBytes);
  EXPECT_TRUE(bounded.starts_with("xxxx"));
  EXPECT_TRUE(bounded.ends_with(" [cut: 1048576 bytes, sha256 " + base::Sha256Hex(big) + "]"))
      << bounded;
}

TEST(BoundedAuditValue, NeverCutsInsideACharacter) {
  // Two-byte Cyrillic letters: whatever the room, the prefix ends on a whole letter.
  std::string cyrillic;
  for (int i = 0; i < 300; ++i) cyrillic += "ж";
  for (const std::string& value : {cyrillic, "a" + cyrillic}) {
    const std::string bounded = BoundedAuditValue(value);
    const std::string prefix = bounded.substr(0, bounded.find(" [cut: "));
    ASSERT_FALSE(prefix.empty());
    EXPECT_EQ(value.substr(0, prefix.size()), prefix);
    EXPECT_EQ(BoundedAuditValue(prefix), prefix) << "the prefix is valid UTF-8";
  }
}

TEST(BoundedAuditValue, ReplacesInvalidUtf8EvenWhenShort) {
  const std::string bad = "ok\xff\xfe";
  const std::string bounded = BoundedAuditValue(bad);
  EXPECT_EQ(bounded, "ok [cut: 4 bytes, sha256 " + base::Sha256Hex(bad) + "]");
}

TEST(BoundedAuditIds, KeepsAtMostTheLimitAndHashesTheRest) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < kMaxAuditIds; ++i) ids.push_back("ID-" + std::to_string(i));
  EXPECT_EQ(BoundedAuditIds(ids), ids);
  ids.push_back(std::string(1000, 'z'));
  ids.push_back("ID-last");
  const std::vector<std::string> bounded = BoundedAuditIds(ids);
  ASSERT_EQ(bounded.size(), kMaxAuditIds);
  EXPECT_EQ(bounded[0], "ID-0");
  EXPECT_TRUE(bounded.back().starts_with("[+3 more ids, sha256 ")) << bounded.back();
}

TEST(PeerAddress, DropsSchemeAndPort) {
  EXPECT_EQ(PeerAddress("ipv4:10.0.0.7:5123"), "10.0.0.7");
  EXPECT_EQ(PeerAddress("ipv6:[::1]:5123"), "::1");
  EXPECT_EQ(PeerAddress("unix:/tmp/s"), "unix:/tmp/s");
}

TEST(AnonymousGate, AdmitsABurstThenRefusesWithOneRecordPerInterval) {
  AnonymousGate gate({.burst = 3, .calls_per_second = 1, .report_every = absl::Seconds(60)});
  for (int i = 0; i < 3; ++i) {
    const AnonymousGate::Decision d = gate.Admit("ipv4:10.0.0.7:1000", kT0);
    EXPECT_TRUE(d.admitted && d.record);
    EXPECT_EQ(d.unrecorded, 0);
  }
  // Another port of the same address shares its bucket; the first refusal is recorded.
  AnonymousGate::Decision d = gate.Admit("ipv4:10.0.0.7:2000", kT0);
  EXPECT_FALSE(d.admitted);
  EXPECT_TRUE(d.record);
  EXPECT_EQ(d.unrecorded, 1);
  for (int i = 0; i < 10; ++i) {
    d = gate.Admit("ipv4:10.0.0.7:1000", kT0);
    EXPECT_FALSE(d.admitted || d.record);
  }
  // Another address has a bucket of its own.
  EXPECT_TRUE(gate.Admit("ipv4:10.0.0.8:1000", kT0).admitted);
  // A second later one token is back: admitted, and its record counts the ten refused since.
  d = gate.Admit("ipv4:10.0.0.7:1000", kT0 + absl::Seconds(1));
  EXPECT_TRUE(d.admitted && d.record);
  EXPECT_EQ(d.unrecorded, 10);
  // Within the minute after the recorded refusal, refusals stay unrecorded however many come;
  // the first one after it is recorded.
  auto until_refused = [&](absl::Time t) {
    AnonymousGate::Decision last;
    do {
      last = gate.Admit("ipv4:10.0.0.7:1000", t);
    } while (last.admitted);
    return last;
  };
  EXPECT_FALSE(until_refused(kT0 + absl::Seconds(59)).record);
  d = until_refused(kT0 + absl::Seconds(60));
  EXPECT_TRUE(d.record);
  EXPECT_EQ(d.unrecorded, 1);
}

TEST(AnonymousGate, NewAddressesShareABucketWhileTheTableIsFullOfBusyOnes) {
  AnonymousGate gate({.burst = 1, .calls_per_second = 0.001, .max_peers = 2});
  EXPECT_TRUE(gate.Admit("ipv4:10.0.0.1:1", kT0).admitted);
  EXPECT_TRUE(gate.Admit("ipv4:10.0.0.2:1", kT0).admitted);
  EXPECT_TRUE(gate.Admit("ipv4:10.0.0.3:1", kT0).admitted);   // the shared bucket
  EXPECT_FALSE(gate.Admit("ipv4:10.0.0.4:1", kT0).admitted);  // shares it, now empty
}

// Many addresses cannot fill the log either: every record takes a token of one shared bucket.
TEST(AnonymousGate, AllAddressesTogetherGetAtMostTheTotalRate) {
  AnonymousGate gate(
      {.burst = 5, .calls_per_second = 1, .total_burst = 10, .total_calls_per_second = 1});
  int recorded = 0;
  for (int address = 0; address < 100; ++address) {
    for (int call = 0; call < 10; ++call) {
      if (gate.Admit("ipv4:10.0.1." + std::to_string(address) + ":1", kT0).record) ++recorded;
    }
  }
  EXPECT_EQ(recorded, 10);
  // Two seconds later two more records may be written, however many addresses call.
  recorded = 0;
  for (int address = 0; address < 100; ++address) {
    if (gate.Admit("ipv4:10.0.2." + std::to_string(address) + ":1", kT0 + absl::Seconds(2))
            .record) {
      ++recorded;
    }
  }
  EXPECT_EQ(recorded, 2);
}

}  // namespace
}  // namespace coigraph::service
