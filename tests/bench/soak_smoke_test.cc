// bench/soak.sh for a few seconds on a 1e4 region: the soak's parts work together (the server
// starts twice on one database, grpc_soak sends every kind of call, the figures come out). No
// time is asserted; every call must get its expected code.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SoakSmokeTest, EveryCallGetsItsExpectedCodeAndTheFiguresComeOut) {
  const std::string work = ::testing::TempDir() + "coigraph_soak_smoke";
  std::filesystem::remove_all(work);
  const std::string log = work + ".log";
  // 0.1 minutes in 2 s buckets: 3 lines; 16 trickle calls a second, so each of the 8 kinds
  // comes twice a second.
  const std::string command = std::string(COIGRAPH_SOURCE_DIR) +
                              "/bench/soak.sh --persons 10000 --minutes 0.1 --bucket-seconds 2 "
                              "--rate 200 --trickle 16 --build " +
                              COIGRAPH_BINARY_DIR + " --work " + work + " >" + log + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command << "\n" << Read(log);
  const std::string out = Read(log);

  // One line per bucket: end minute, 400 calls, 0 errors, ..., 32 trickle calls, 0 errors.
  const std::regex line(
      R"(\n\s+(0\.\d\d)\s+400\s+0\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(\d+)\s+0\s+([\d.]+)\s+[\d.]+)");
  int lines = 0;
  for (std::sregex_iterator it(out.begin(), out.end(), line), end; it != end; ++it) {
    ++lines;
    EXPECT_GE(std::stoi((*it)[2]), 24) << "trickle calls in bucket " << (*it)[1];
    EXPECT_GT(std::stod((*it)[3]), 1.0) << "the server's RSS in MB";
  }
  EXPECT_EQ(lines, 3) << out;

  std::smatch per_call;
  ASSERT_TRUE(std::regex_search(out, per_call, std::regex(R"((\d+) calls: (\d+) bytes per call)")))
      << out;
  EXPECT_GE(std::stoi(per_call[1]), 3 * (400 + 24));
  // An audit record is a few hundred bytes; a soak call that appends none, or a WAL left out of
  // the count, would show as far less or far more.
  EXPECT_GT(std::stoi(per_call[2]), 50);
  EXPECT_LT(std::stoi(per_call[2]), 5000);
}

}  // namespace
