// ExportGate (service/export_gate.h): concurrent exports per caller and in all.
#include "service/export_gate.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace coigraph::service {
namespace {

using ::testing::HasSubstr;

TEST(ExportGateTest, RefusesPastThePerCallerLimitNamingIt) {
  ExportGate gate({.total = 8, .per_caller = 2});
  absl::StatusOr<ExportGate::Slot> a = gate.Acquire("aigerim");
  absl::StatusOr<ExportGate::Slot> b = gate.Acquire("aigerim");
  ASSERT_TRUE(a.ok() && b.ok());
  absl::StatusOr<ExportGate::Slot> c = gate.Acquire("aigerim");
  ASSERT_EQ(c.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(c.status().message(), HasSubstr("limit of concurrent exports per caller (2)"));
  // Another caller is not held back by aigerim's.
  EXPECT_TRUE(gate.Acquire("dana").ok());
  EXPECT_EQ(gate.running(), 2);  // dana's slot was given back at once
  *a = ExportGate::Slot();       // one of aigerim's ends
  EXPECT_TRUE(gate.Acquire("aigerim").ok());
}

TEST(ExportGateTest, RefusesPastTheTotalLimitNamingIt) {
  ExportGate gate({.total = 3, .per_caller = 2});
  std::vector<ExportGate::Slot> held;
  for (const char* caller : {"a", "a", "b"})
    held.push_back(std::move(gate.Acquire(caller).value()));
  EXPECT_EQ(gate.running(), 3);
  absl::StatusOr<ExportGate::Slot> d = gate.Acquire("c");
  ASSERT_EQ(d.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(d.status().message(), HasSubstr("limit of concurrent exports (3)"));
  held.pop_back();
  EXPECT_TRUE(gate.Acquire("c").ok());
}

TEST(ExportGateTest, ASlotMayOutliveItsGateAndMovesOnce) {
  std::optional<ExportGate::Slot> slot;
  {
    ExportGate gate({.total = 1, .per_caller = 1});
    slot.emplace(std::move(gate.Acquire("a").value()));
    ExportGate::Slot moved = std::move(*slot);
    EXPECT_EQ(gate.running(), 1);
    *slot = std::move(moved);
    EXPECT_EQ(gate.running(), 1);
  }
  slot.reset();  // gives back to a gate that is gone: no crash
}

}  // namespace
}  // namespace coigraph::service
