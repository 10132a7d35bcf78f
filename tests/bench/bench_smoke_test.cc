// bench/run_bench.sh --smoke at 1e4 (issue 4: "CI runs only the 1e4 scale as a smoke test, not
// timed"): coigraph_bench and every peer installed here answer the same questions, and their
// answers must be equal. No time is asserted.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace {

bool Runs(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The peers whose tools are installed (Debian's python3 for the Python ones).
std::vector<std::string> AvailablePeers() {
  std::vector<std::string> peers;
  if (Runs("/usr/bin/python3 -c 'import networkx'")) peers.push_back("networkx");
  if (Runs("/usr/bin/python3 -c 'import igraph, numpy'")) peers.push_back("igraph");
  if (Runs("test -x /usr/lib/postgresql/15/bin/initdb && /usr/bin/python3 -c 'import psycopg2'")) {
    peers.push_back("pg");
  }
  if (std::filesystem::exists(std::string(COIGRAPH_SOURCE_DIR) +
                              "/bench/peers/kuzu/node_modules/kuzu/kuzujs.node") &&
      Runs("command -v node")) {
    peers.push_back("kuzu");
  }
  return peers;
}

TEST(BenchSmokeTest, InstalledPeersAnswerAsCoigraphAt1e4) {
  const std::string work = ::testing::TempDir() + "coigraph_bench_smoke";
  std::filesystem::remove_all(work);
  const std::vector<std::string> peers = AvailablePeers();
  std::string list;
  for (const std::string& p : peers) list += (list.empty() ? "" : ",") + p;
  const std::string log = work + ".log";
  const std::string command = std::string(COIGRAPH_SOURCE_DIR) + "/bench/run_bench.sh --smoke" +
                              " --peers '" + list + "' --build " + COIGRAPH_BINARY_DIR +
                              " --work " + work + " >" + log + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command << "\n" << Read(log);
  const std::string ours = work + "/results/1e4/coigraph/answers/";
  for (const char* question : {"scan", "hire", "tender", "paths"}) {
    EXPECT_TRUE(std::filesystem::exists(ours + question + ".tsv")) << question;
  }
  for (const std::string& peer : peers) {
    const std::string equality = Read(work + "/results/1e4/" + peer + "/equality.json");
    for (const char* question : {"scan", "hire", "tender", "paths"}) {
      EXPECT_NE(equality.find("\"" + std::string(question) + "\": \"equal\""), std::string::npos)
          << peer << " " << question << ": " << equality;
    }
  }
  std::filesystem::remove_all(work);
}

}  // namespace
