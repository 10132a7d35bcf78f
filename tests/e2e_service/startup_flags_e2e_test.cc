// End to end: what coigraphd refuses before it serves. Bearer tokens never cross the network in
// clear text unless the operator says so, the loopback check is not fooled by a host name, and
// bad TLS material is reported as such before the feed load.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/sha256.h"
#include "gtest/gtest.h"
#include "tests/e2e_service/daemon_process.h"

namespace coigraph::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kDemo = std::string(COIGRAPH_SOURCE_DIR) + "/examples/demo";

class StartupFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    work_ = fs::path(::testing::TempDir()) /
            ("coigraph_startup_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    tokens_ = (work_ / "tokens.txt").string();
    std::ofstream(tokens_) << "hr_system hr " << base::Sha256Hex("tok-hr") << "\n";
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(work_);
  }

  // coigraphd with the demo feeds and `flags`; its exit status, its output in `out`.
  int Coigraphd(const std::string& flags, std::string* out) {
    return RunCommand(std::string(COIGRAPHD_BINARY) + " --feeds " + kDemo + " --db " +
                          (work_ / "x.db").string() + " " + flags,
                      out);
  }

  // A self-signed certificate and its key, as work_/NAME.crt and work_/NAME.key.
  void MakePair(const std::string& name) {
    std::string out;
    ASSERT_EQ(RunCommand("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
                         " -keyout " +
                             (work_ / (name + ".key")).string() + " -out " +
                             (work_ / (name + ".crt")).string(),
                         &out),
              0)
        << out;
  }

  fs::path work_;
  std::string tokens_;
};

TEST_F(StartupFlagsTest, TokensOnANonLoopbackAddressWithoutTlsAreRefused) {
  std::string out;
  EXPECT_EQ(Coigraphd("--tokens " + tokens_ + " --listen 0.0.0.0:0", &out), 1);
  EXPECT_NE(out.find("--tokens on 0.0.0.0:0, which is not a loopback address, without "
                     "--tls-cert/--tls-key"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("loaded"), std::string::npos) << out;
  // The HTTP side the same.
  EXPECT_EQ(Coigraphd("--tokens " + tokens_ + " --listen 127.0.0.1:0 --http [::]:0", &out), 1);
  EXPECT_NE(out.find("--tokens on [::]:0"), std::string::npos) << out;

  // Said on purpose: served, with a warning.
  DaemonProcess d;
  const fs::path log = work_ / "plaintext.log";
  ASSERT_TRUE(d.Start(COIGRAPHD_BINARY,
                      {"--feeds", kDemo, "--db", (work_ / "y.db").string(), "--listen", "0.0.0.0:0",
                       "--tokens", tokens_, "--allow-plaintext"},
                      log.string())
                  .ok());
  EXPECT_EQ(d.Stop(), 0);
  std::stringstream text;
  text << std::ifstream(log).rdbuf();
  EXPECT_NE(text.str().find("WARNING: --allow-plaintext: bearer tokens reach 0.0.0.0:0 in clear"),
            std::string::npos)
      << text.str();
}

TEST_F(StartupFlagsTest, LoopbackIsAnAddressNotAPrefix) {
  std::string out;
  // Demo mode (no tokens) serves loopback only; a name that starts with "127." is not loopback.
  EXPECT_EQ(Coigraphd("--listen 127.evil.example.com:0", &out), 1);
  EXPECT_NE(out.find("only a loopback address may be listened on, not 127.evil.example.com:0"),
            std::string::npos)
      << out;
  EXPECT_EQ(Coigraphd("--listen 127.0.0.1:0 --http 127.0.0.1.nip.io:0", &out), 1);
  EXPECT_NE(out.find("not 127.0.0.1.nip.io:0"), std::string::npos) << out;
}

TEST_F(StartupFlagsTest, BadTlsMaterialIsRefusedBeforeTheFeedLoad) {
  MakePair("a");
  MakePair("b");
  const std::string a_crt = (work_ / "a.crt").string(), b_key = (work_ / "b.key").string();
  std::string out;
  EXPECT_EQ(Coigraphd("--listen 127.0.0.1:0 --tls-cert " + a_crt + " --tls-key " + b_key, &out), 1);
  EXPECT_NE(
      out.find("the TLS certificate " + a_crt + " and key " + b_key + " cannot be used together"),
      std::string::npos)
      << out;
  EXPECT_EQ(out.find("loaded"), std::string::npos) << "checked before the feed load: " << out;

  EXPECT_EQ(Coigraphd("--listen 127.0.0.1:0 --tls-cert " + a_crt + " --tls-key " +
                          (work_ / "missing.key").string(),
                      &out),
            1);
  EXPECT_NE(out.find("cannot read --tls-key"), std::string::npos) << out;
  EXPECT_EQ(out.find("loaded"), std::string::npos) << out;
}

}  // namespace
}  // namespace coigraph::e2e
