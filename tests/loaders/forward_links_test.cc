#include "loaders/forward_links.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace coigraph::loaders {
namespace {

using ::testing::ElementsAre;

//   0 <── 1 <── 2          all stand
TEST(ResolveLinksTest, ChainStands) {
  EXPECT_THAT(ResolveLinks({kNoLink, 0, 1}, {false, false, false}),
              ElementsAre(LinkFault::kNone, LinkFault::kNone, LinkFault::kNone));
}

//   2 ──> 1 ──> 0(bad)     1 and 2 fall with 0, in any order of the rows
TEST(ResolveLinksTest, FallingTargetTakesItsDependentsDown) {
  EXPECT_THAT(ResolveLinks({kNoLink, 0, 1}, {true, false, false}),
              ElementsAre(LinkFault::kOwn, LinkFault::kTargetRejected, LinkFault::kTargetRejected));
  EXPECT_THAT(ResolveLinks({1, 2, kNoLink}, {false, false, true}),
              ElementsAre(LinkFault::kTargetRejected, LinkFault::kTargetRejected, LinkFault::kOwn));
}

//   0 ──> 1 ──> 0, 2 ──> 0, 3 ──> 3, 4 alone
TEST(ResolveLinksTest, CyclesAndWhatPointsIntoThem) {
  const std::vector<uint32_t> targets = {1, 0, 0, 3, kNoLink};
  EXPECT_THAT(ResolveLinks(targets, std::vector<bool>(5, false)),
              ElementsAre(LinkFault::kCycle, LinkFault::kCycle, LinkFault::kTargetRejected,
                          LinkFault::kCycle, LinkFault::kNone));
  EXPECT_THAT(CycleFrom(targets, 1), ElementsAre(1, 0));
  EXPECT_THAT(CycleFrom(targets, 3), ElementsAre(3));
}

}  // namespace
}  // namespace coigraph::loaders
