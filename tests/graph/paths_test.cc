// Path search for analysts (graph/paths.h): k shortest paths with hop, relation and date
// filters, and neighbourhoods with a vertex limit.
#include "graph/paths.h"

#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "tests/graph/tiny_snapshot.h"

namespace coigraph::graph {
namespace {

using test_util::Day;
using test_util::During;
using test_util::TinySnapshot;

//   a ══ b (married 2010..2020) ─sibling─ c ─founder─▶ x
//   a ─founder──────────────────────────────────────▶ x
//   a ─child─▶ k ─director─────────────────────────▶ x
//   a ─child─▶ m ─board_member─────────────────────▶ x
class PathsTest : public ::testing::Test {
 protected:
  PathsTest() {
    TinySnapshot t;
    const PersonIndex a = t.Person("a"), b = t.Person("b"), c = t.Person("c"), k = t.Person("k"),
                      m = t.Person("m");
    const OrgIndex x = t.Company("X");
    t.Spouse(a, b, During("2010-01-01", "2020-01-01"));
    t.Sibling(b, c);
    t.Role(c, CompanyRoleKind::kFounder, x);
    t.Role(a, CompanyRoleKind::kFounder, x);
    t.Parent(a, k);
    t.Role(k, CompanyRoleKind::kDirector, x);
    t.Parent(a, m);
    t.Role(m, CompanyRoleKind::kBoardMember, x);
    s_ = t.Build();
    a_ = s_->PersonVertex(a);
    b_ = s_->PersonVertex(b);
    c_ = s_->PersonVertex(c);
    k_ = s_->PersonVertex(k);
    m_ = s_->PersonVertex(m);
    x_ = s_->OrgVertex(x);
  }

  std::vector<std::vector<VertexId>> Paths(PathQuery q) {
    q.from = a_;
    q.to = x_;
    absl::StatusOr<std::vector<TiePath>> paths = KShortestPaths(*s_, q);
    EXPECT_TRUE(paths.ok()) << paths.status();
    std::vector<std::vector<VertexId>> out;
    if (!paths.ok()) return out;
    for (const TiePath& p : *paths) {
      EXPECT_EQ(p.edges.size() + 1, p.vertices.size());
      out.push_back(p.vertices);
    }
    return out;
  }

  std::shared_ptr<const Snapshot> s_;
  VertexId a_, b_, c_, k_, m_, x_;
};

using VertexPaths = std::vector<std::vector<VertexId>>;

TEST_F(PathsTest, KShortestShortestFirstTiesByVertexId) {
  const Date d = Day("2015-01-01");
  EXPECT_EQ(Paths({.date = d, .k = 1}), (VertexPaths{{a_, x_}}));
  EXPECT_EQ(Paths({.date = d, .k = 2}), (VertexPaths{{a_, x_}, {a_, k_, x_}}));
  EXPECT_EQ(Paths({.date = d, .k = 3}), (VertexPaths{{a_, x_}, {a_, k_, x_}, {a_, m_, x_}}));
  EXPECT_EQ(Paths({.date = d, .k = 4}),
            (VertexPaths{{a_, x_}, {a_, k_, x_}, {a_, m_, x_}, {a_, b_, c_, x_}}));
  // Asking for more than there are gives all of them: k and m, both children of a, are also one
  // derived sibling step apart (a-k-m-x, a-m-k-x).
  EXPECT_EQ(Paths({.date = d, .k = 10}).size(), 6u);
}

TEST_F(PathsTest, EdgesCarryTheTie) {
  absl::StatusOr<std::vector<TiePath>> paths =
      KShortestPaths(*s_, {.from = a_, .to = x_, .date = Day("2015-01-01"), .k = 2});
  ASSERT_TRUE(paths.ok()) << paths.status();
  ASSERT_EQ(paths->size(), 2u);
  const TiePath& direct = (*paths)[0];
  ASSERT_EQ(direct.edges.size(), 1u);
  EXPECT_EQ(direct.edges[0].kind, TieKind::kHolds);
  EXPECT_EQ(direct.edges[0].role, CompanyRoleKind::kFounder);
  const TiePath& via_son = (*paths)[1];
  ASSERT_EQ(via_son.edges.size(), 2u);
  EXPECT_EQ(via_son.edges[0].kind, TieKind::kChild);
  EXPECT_EQ(via_son.edges[0].target, k_);
  EXPECT_EQ(via_son.edges[1].kind, TieKind::kHolds);
  EXPECT_EQ(via_son.edges[1].role, CompanyRoleKind::kDirector);
}

TEST_F(PathsTest, HopLimit) {
  const Date d = Day("2015-01-01");
  EXPECT_EQ(Paths({.date = d, .max_hops = 1, .k = 4}), (VertexPaths{{a_, x_}}));
  EXPECT_EQ(Paths({.date = d, .max_hops = 2, .k = 4}),
            (VertexPaths{{a_, x_}, {a_, k_, x_}, {a_, m_, x_}}));
  EXPECT_EQ(Paths({.date = d, .max_hops = 3, .k = 4}).size(), 4u);
}

// The marriage ended in 2020: on 2023-01-01 the path through the wife is gone; k and m, two
// children of a, are one (derived) sibling step apart.
TEST_F(PathsTest, DateFilter) {
  EXPECT_EQ(Paths({.date = Day("2023-01-01"), .k = 4}),
            (VertexPaths{{a_, x_}, {a_, k_, x_}, {a_, m_, x_}, {a_, k_, m_, x_}}));
  EXPECT_EQ(Paths({.date = Day("2019-12-31"), .k = 4}).size(), 4u);
}

TEST_F(PathsTest, RelationFilter) {
  const Date d = Day("2015-01-01");
  EXPECT_EQ(Paths({.date = d, .k = 4, .relations = *ParseRelationFilter("spouse,sibling,founder")}),
            (VertexPaths{{a_, x_}, {a_, b_, c_, x_}}));
  EXPECT_EQ(Paths({.date = d, .k = 4, .relations = *ParseRelationFilter("child,director")}),
            (VertexPaths{{a_, k_, x_}}));
  EXPECT_EQ(Paths({.date = d, .k = 4, .relations = kBusinessRelations}), (VertexPaths{{a_, x_}}));
  EXPECT_EQ(Paths({.date = d, .k = 4, .relations = kKinshipRelations}), VertexPaths{});
}

TEST_F(PathsTest, InvalidQueries) {
  const Date d = Day("2015-01-01");
  auto code = [&](PathQuery q) { return KShortestPaths(*s_, q).status().code(); };
  EXPECT_EQ(code({.from = a_, .to = x_, .date = d, .max_hops = 0}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({.from = a_, .to = x_, .date = d, .max_hops = kMaxPathHops + 1}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({.from = a_, .to = x_, .date = d, .k = 0}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({.from = a_, .to = x_, .date = d, .k = kMaxPathsK + 1}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({.from = a_, .to = VertexId(1000), .date = d}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({.from = a_, .to = x_, .date = d, .max_hops = kMaxPathHops, .k = kMaxPathsK}),
            absl::StatusCode::kOk);
}

TEST(RelationFilterTest, Parse) {
  EXPECT_EQ(ParseRelationFilter("kinship"), kKinshipRelations);
  EXPECT_EQ(ParseRelationFilter("business"), kBusinessRelations);
  EXPECT_EQ(ParseRelationFilter("kinship,business"), kAllRelations);
  EXPECT_EQ(ParseRelationFilter("spouse,founder"), RelationMask{(1u << 2) | (1u << 4)});
  EXPECT_EQ(ParseRelationFilter("board_member"), RelationMask{1u << 8});
  EXPECT_FALSE(ParseRelationFilter("cousin").has_value());
  EXPECT_FALSE(ParseRelationFilter("").has_value());
}

TEST_F(PathsTest, NeighborhoodByRadius) {
  const Date d = Day("2015-01-01");
  absl::StatusOr<std::vector<VertexId>> n = Neighborhood(*s_, {a_}, d, 0, kAllRelations, 10);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, (std::vector<VertexId>{a_}));
  n = Neighborhood(*s_, {a_}, d, 1, kAllRelations, 10);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, (std::vector<VertexId>{a_, b_, k_, m_, x_}));
  n = Neighborhood(*s_, {a_}, d, 2, kAllRelations, 10);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, (std::vector<VertexId>{a_, b_, c_, k_, m_, x_}));
  n = Neighborhood(*s_, {a_}, d, 2, kKinshipRelations, 10);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, (std::vector<VertexId>{a_, b_, c_, k_, m_}));
  // After the divorce b is out of reach by kinship.
  n = Neighborhood(*s_, {a_}, Day("2023-01-01"), 2, kKinshipRelations, 10);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, (std::vector<VertexId>{a_, k_, m_}));
}

TEST_F(PathsTest, NeighborhoodLimit) {
  const Date d = Day("2015-01-01");
  absl::StatusOr<std::vector<VertexId>> n = Neighborhood(*s_, {a_}, d, 1, kAllRelations, 5);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->size(), 5u);
  n = Neighborhood(*s_, {a_}, d, 1, kAllRelations, 4);
  EXPECT_EQ(n.status().code(), absl::StatusCode::kResourceExhausted);
  // The seeds count towards the limit too: the answer never holds more than `limit` vertices.
  n = Neighborhood(*s_, {a_, b_, c_}, d, 0, kAllRelations, 2);
  EXPECT_EQ(n.status().code(), absl::StatusCode::kResourceExhausted);
  n = Neighborhood(*s_, {a_, b_, c_, k_, m_, x_}, d, 1, kAllRelations, 2);
  EXPECT_EQ(n.status().code(), absl::StatusCode::kResourceExhausted);
  n = Neighborhood(*s_, {a_}, d, kMaxPathHops + 1, kAllRelations, 100);
  EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace coigraph::graph
