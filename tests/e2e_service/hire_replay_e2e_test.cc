// Issue 9, "done when": an independent client replaying every employment of a region through
// CheckHire gets exactly the scan's hiring findings of those employments.
//
// tests/e2e_service/replay_hires.py (Debian's /usr/bin/python3 with python3-grpcio, reading
// employment.csv with Python's csv module, not coigraph's loader) calls the real coigraphd once
// per employment and compares the conflicts with `coigraph scan --format jsonl`; its docstring
// says which finding is "of" which employment, and the one deliberate difference: a second
// employment of the same pair answers the case the scan reported at the first (AGAIN lines).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "base/sha256.h"
#include "gtest/gtest.h"
#include "tests/e2e_service/daemon_process.h"
#include "tools/generator/region_generator.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;
constexpr char kPython[] = "/usr/bin/python3";

TEST(HireReplayTest, EveryEmploymentCheckedGivesTheScansHiringFindings) {
  std::string out;
  if (RunCommand(std::string(kPython) + " -c 'import grpc, google.protobuf'", &out) != 0) {
    GTEST_SKIP() << kPython << " lacks grpc or protobuf (apt install python3-grpcio "
                 << "python3-protobuf): " << out;
  }
  const fs::path work =
      fs::path(::testing::TempDir()) / ("coigraph_e2e_replay_" + std::to_string(getpid()));
  fs::remove_all(work);
  const std::string feeds = (work / "feeds").string();
  ASSERT_TRUE(generator::GenerateRegion({.out_dir = feeds, .persons = 20000, .seed = 7}).ok());
  const std::string scan = (work / "scan.jsonl").string();
  ASSERT_EQ(RunCommand(std::string(COIGRAPH_CLI) + " scan " + feeds +
                           " --format jsonl --rules HIRE_SUBORDINATION,HIRE_CHAIN,HIRE_APPOINTER,"
                           "HIRE_COMMISSION --out " +
                           scan,
                       &out),
            0)
      << out;
  {
    std::ofstream t(work / "tokens.txt");
    t << "hr_system hr-replay " << base::Sha256Hex("tok-hr") << "\n";
  }
  DaemonProcess daemon;
  absl::Status s = daemon.Start(COIGRAPHD_BINARY,
                                {"--feeds", feeds, "--db", (work / "e2e.db").string(), "--listen",
                                 "127.0.0.1:0", "--tokens", (work / "tokens.txt").string()},
                                (work / "coigraphd.log").string());
  ASSERT_TRUE(s.ok()) << s;
  const int code =
      RunCommand(std::string("PYTHONPATH=") + COIGRAPH_PROTO_PYTHON_DIR + " " + kPython + " " +
                     REPLAY_HIRES_PY + " " + daemon.address() + " tok-hr " + feeds + " " + scan,
                 &out);
  EXPECT_EQ(code, 0) << out;
  // Not a vacuous pass: the region has hiring findings, and checks found them.
  EXPECT_EQ(out.find("conflicts 0 "), std::string::npos) << out;
  EXPECT_EQ(out.find("findings 0 "), std::string::npos) << out;
  std::cout << out.substr(0, out.find('\n')) << "\n";
  daemon.Kill();
  fs::remove_all(work);
}

}  // namespace
}  // namespace coigraph::e2e
