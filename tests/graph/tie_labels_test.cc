// The one vocabulary of a tie (graph/tie_labels.h): gRPC, the CLI and the exports read it.
#include "graph/tie_labels.h"

#include "gtest/gtest.h"

namespace coigraph::graph {
namespace {

Tie Of(TieKind kind, CompanyRoleKind role = CompanyRoleKind::kFounder, bool adoptive = false) {
  Tie t;
  t.kind = kind;
  t.role = role;
  t.adoptive = adoptive;
  return t;
}

TEST(TieLabelsTest, LabelIsTheStepOrTheRoleReadFromTheSource) {
  EXPECT_EQ(TieLabel(Of(TieKind::kParent)), "parent");
  EXPECT_EQ(TieLabel(Of(TieKind::kParent, CompanyRoleKind::kFounder, true)), "parent");
  EXPECT_EQ(TieLabel(Of(TieKind::kChild)), "child");
  EXPECT_EQ(TieLabel(Of(TieKind::kSpouse)), "spouse");
  EXPECT_EQ(TieLabel(Of(TieKind::kSibling)), "sibling");
  EXPECT_EQ(TieLabel(Of(TieKind::kHolds, CompanyRoleKind::kBeneficialOwner)), "beneficial_owner");
  EXPECT_EQ(TieLabel(Of(TieKind::kHeldBy, CompanyRoleKind::kFounder)), "held_by_founder");
  EXPECT_EQ(TieLabel(Of(TieKind::kHeldBy, CompanyRoleKind::kBoardMember)), "held_by_board_member");
}

TEST(TieLabelsTest, ExportsSplitTheLabelInTypeAndRole) {
  EXPECT_EQ(TieType(Of(TieKind::kHolds, CompanyRoleKind::kDirector)), "holds");
  EXPECT_EQ(TieRole(Of(TieKind::kHolds, CompanyRoleKind::kDirector)), "director");
  EXPECT_EQ(TieType(Of(TieKind::kHeldBy)), "held_by");
  EXPECT_EQ(TieRole(Of(TieKind::kParent, CompanyRoleKind::kFounder, true)), "adoptive");
  EXPECT_EQ(TieRole(Of(TieKind::kParent)), "");
  EXPECT_EQ(TieRole(Of(TieKind::kSpouse)), "");
}

}  // namespace
}  // namespace coigraph::graph
