// End to end: a generated region, loaded and scanned, yields exactly the planted conflicts.
//
//   gen_region (seed) --> feed dir --> loaders::LoadSnapshot --> graph::RunRules(all)
//        |                                                             |
//        +-- expected.jsonl ---------- must equal -------------- findings
//        +-- traps.jsonl ------------- none of them among ------ findings

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "graph/finding.h"
#include "graph/rules.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "tools/generator/region_generator.h"

namespace coigraph {
namespace {

namespace fs = std::filesystem;

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // rule, object, ...

struct Got {
  std::string date;
  std::string relation;
};

fs::path TempDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("coigraph_e2e_" + name);
  fs::remove_all(dir);
  return dir;
}

std::string Describe(const Key& k) {
  return std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<2>(k) + " -> " + std::get<3>(k);
}

class RegionScanTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(RegionScanTest, FindingsEqualThePlantedConflicts) {
  const uint64_t seed = GetParam();
  const fs::path dir = TempDir("seed" + std::to_string(seed));
  absl::StatusOr<generator::RegionSummary> summary =
      generator::GenerateRegion({.out_dir = dir.string(), .persons = 10000, .seed = seed});
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->persons, 10000);

  absl::StatusOr<loaders::LoadedFeed> feed = loaders::LoadSnapshot(dir.string());
  ASSERT_TRUE(feed.ok()) << feed.status();
  for (const loaders::RejectRecord& r : feed->report.rejects) {
    ADD_FAILURE() << "reject: " << loaders::RejectToJson(r);
  }
  ASSERT_TRUE(feed->report.rejects.empty());

  const std::vector<graph::Finding> findings = graph::RunRules(*feed->snapshot, graph::AllRules());
  std::map<Key, Got> got;
  for (const graph::Finding& f : findings) {
    const Key k{std::string(graph::Name(f.rule)), f.object_id, f.official, f.counterparty};
    EXPECT_TRUE(got.emplace(k, Got{graph::FormatIsoDate(f.date), f.relation}).second)
        << "duplicate finding " << Describe(k);
  }

  absl::StatusOr<std::vector<generator::PlantedFinding>> expected =
      generator::ReadPlantedFindings((dir / "expected.jsonl").string());
  ASSERT_TRUE(expected.ok()) << expected.status();
  std::map<Key, Got> want;
  std::map<std::string, int> per_rule;
  for (const generator::PlantedFinding& e : *expected) {
    const Key k{e.rule, e.object_id, e.official, e.counterparty};
    EXPECT_TRUE(want.emplace(k, Got{e.date, e.relation}).second)
        << "duplicate expected " << Describe(k);
    ++per_rule[e.rule];
  }
  EXPECT_EQ(static_cast<int64_t>(want.size()), summary->expected);

  // The key sets are equal; print both differences.
  std::ostringstream missing, extra, wrong;
  int n_missing = 0, n_extra = 0, n_wrong = 0;
  for (const auto& [k, w] : want) {
    auto it = got.find(k);
    if (it == got.end()) {
      ++n_missing;
      missing << "  " << Describe(k) << " on " << w.date << " as " << w.relation << "\n";
    } else if (it->second.date != w.date || it->second.relation != w.relation) {
      ++n_wrong;
      wrong << "  " << Describe(k) << ": want " << w.date << " " << w.relation << ", got "
            << it->second.date << " " << it->second.relation << "\n";
    }
  }
  for (const auto& [k, g] : got) {
    if (!want.count(k)) {
      ++n_extra;
      extra << "  " << Describe(k) << " on " << g.date << " as " << g.relation << "\n";
    }
  }
  EXPECT_EQ(n_missing, 0) << "planted conflicts not found:\n" << missing.str();
  EXPECT_EQ(n_extra, 0) << "findings that were not planted:\n" << extra.str();
  EXPECT_EQ(n_wrong, 0) << "findings with another date or relation:\n" << wrong.str();

  absl::StatusOr<std::vector<generator::PlantedTrap>> traps =
      generator::ReadPlantedTraps((dir / "traps.jsonl").string());
  ASSERT_TRUE(traps.ok()) << traps.status();
  EXPECT_FALSE(traps->empty());
  for (const generator::PlantedTrap& t : *traps) {
    const Key k{t.rule, t.object_id, t.official, t.counterparty};
    EXPECT_FALSE(got.count(k)) << "trap fired (" << t.why << "): " << Describe(k);
    EXPECT_FALSE(want.count(k)) << "trap is also expected: " << Describe(k);
  }

  for (int r = 0; r < graph::kRuleCount; ++r) {
    const std::string name(graph::Name(static_cast<graph::Rule>(r)));
    EXPECT_GE(per_rule[name], 2) << "too few planted conflicts of " << name;
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RegionScanTest, ::testing::Values(1u, 2u));

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(RegionGeneratorTest, SameSeedGivesByteIdenticalFiles) {
  const fs::path a = TempDir("det_a"), b = TempDir("det_b"), c = TempDir("det_c");
  ASSERT_TRUE(generator::GenerateRegion({.out_dir = a.string(), .persons = 5000, .seed = 7}).ok());
  ASSERT_TRUE(generator::GenerateRegion({.out_dir = b.string(), .persons = 5000, .seed = 7}).ok());
  ASSERT_TRUE(generator::GenerateRegion({.out_dir = c.string(), .persons = 5000, .seed = 8}).ok());
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(a)) names.insert(e.path().filename().string());
  EXPECT_EQ(names.size(), 20u);  // 17 feeds + 3 manifests
  bool any_differs = false;
  for (const std::string& n : names) {
    const std::string left = ReadAll(a / n);
    EXPECT_EQ(left, ReadAll(b / n)) << n << " differs between two runs of seed 7";
    any_differs = any_differs || left != ReadAll(c / n);
  }
  EXPECT_TRUE(any_differs) << "seeds 7 and 8 gave the same region";
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(RegionGeneratorTest, ManifestsRoundTrip) {
  const fs::path dir = TempDir("manifest");
  absl::StatusOr<generator::RegionSummary> s =
      generator::GenerateRegion({.out_dir = dir.string(), .persons = 2000, .seed = 3});
  ASSERT_TRUE(s.ok()) << s.status();
  auto expected = generator::ReadPlantedFindings((dir / "expected.jsonl").string());
  auto traps = generator::ReadPlantedTraps((dir / "traps.jsonl").string());
  auto hints = generator::ReadPlantedHints((dir / "hints.jsonl").string());
  ASSERT_TRUE(expected.ok() && traps.ok() && hints.ok());
  EXPECT_EQ(static_cast<int64_t>(expected->size()), s->expected);
  EXPECT_EQ(static_cast<int64_t>(traps->size()), s->traps);
  EXPECT_EQ(static_cast<int64_t>(hints->size()), s->hints + s->hint_traps);
  for (const auto& e : *expected) {
    EXPECT_EQ(e.date.size(), 10u) << e.rule << " " << e.object_id;
    EXPECT_FALSE(e.relation.empty()) << e.rule << " " << e.object_id;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace coigraph
