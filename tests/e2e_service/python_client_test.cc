// CheckHire from a client not written in C++: tests/e2e_service/check_hire_client.py under
// Debian's /usr/bin/python3 with python3-grpcio, against the real coigraphd, must give the
// verdict and case ids the C++ client gets.
#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/sha256.h"
#include "coigraph/v1/coigraph.grpc.pb.h"
#include "gtest/gtest.h"
#include "service/case_store.h"
#include "tests/e2e_service/daemon_process.h"
#include "tools/generator/region_generator.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;
constexpr char kPython[] = "/usr/bin/python3";

TEST(PythonClientTest, CheckHireFromPythonGivesTheCppAnswer) {
  std::string out;
  if (RunCommand(std::string(kPython) + " -c 'import grpc, google.protobuf'", &out) != 0) {
    GTEST_SKIP() << kPython << " lacks grpc or protobuf (apt install python3-grpcio "
                 << "python3-protobuf): " << out;
  }
  const fs::path work =
      fs::path(::testing::TempDir()) / ("coigraph_e2e_python_" + std::to_string(getpid()));
  fs::remove_all(work);
  ASSERT_TRUE(
      generator::GenerateRegion({.out_dir = (work / "feeds").string(), .persons = 10000, .seed = 1})
          .ok());
  std::vector<generator::PlantedFinding> expected =
      generator::ReadPlantedFindings((work / "feeds" / "expected.jsonl").string()).value();
  const generator::PlantedFinding* e = nullptr;
  for (const auto& x : expected) {
    if (x.rule == "HIRE_SUBORDINATION") e = &x;
  }
  ASSERT_NE(e, nullptr);
  {
    std::ofstream t(work / "tokens.txt");
    t << "hr_system hr-python " << base::Sha256Hex("tok-hr") << "\n";
  }
  DaemonProcess daemon;
  absl::Status s =
      daemon.Start(COIGRAPHD_BINARY,
                   {"--feeds", (work / "feeds").string(), "--db", (work / "e2e.db").string(),
                    "--listen", "127.0.0.1:0", "--tokens", (work / "tokens.txt").string()},
                   (work / "coigraphd.log").string());
  ASSERT_TRUE(s.ok()) << s;

  const std::string client = std::string("PYTHONPATH=") + COIGRAPH_PROTO_PYTHON_DIR + " " +
                             kPython + " " + CHECK_HIRE_CLIENT_PY + " " + daemon.address() + " ";
  const std::string args = e->counterparty + " " + e->object_id + " " + e->date + " 'order 17'";
  ASSERT_EQ(RunCommand(client + "tok-hr " + args, &out), 0) << out;

  // The same question from C++.
  auto stub = v1::Coigraph::NewStub(
      grpc::CreateChannel(daemon.address(), grpc::InsecureChannelCredentials()));
  v1::CheckHireRequest r;
  r.set_candidate_iin(e->counterparty);
  r.set_position_id(e->object_id);
  r.set_date(e->date);
  r.set_purpose("order 17");
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer tok-hr");
  v1::CheckHireResponse response;
  ASSERT_TRUE(stub->CheckHire(&ctx, r, &response).ok());
  std::string want = "health SERVING\n" + v1::Verdict_Name(response.verdict()) + "\n";
  for (const v1::HireConflict& c : response.conflicts()) {
    want += c.rule() + " " + c.position_id() + " " + c.case_id() + "\n";
  }
  EXPECT_EQ(out, want);
  EXPECT_NE(out.find(service::CaseIdOf(e->rule, e->object_id, e->official, e->counterparty)),
            std::string::npos)
      << out;

  // Refusals reach Python as gRPC status codes.
  EXPECT_EQ(RunCommand(client + "wrong-token " + args, &out), 1);
  EXPECT_EQ(out, "health SERVING\nUNAUTHENTICATED unknown token\n");
  daemon.Kill();  // a graceful stop waits up to 5 s for the idle client connections
  fs::remove_all(work);
}

}  // namespace
}  // namespace coigraph::e2e
