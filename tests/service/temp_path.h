// Fresh per-test file and directory paths under the GoogleTest temp dir.
#pragma once

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace coigraph::service::testing {

// A path named after the running test, with nothing at it (old files of an earlier run and
// their SQLite -wal/-shm companions are removed).
inline std::string FreshPath(const std::string& suffix) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "coigraph_" + info->test_suite_name() + "_" +
                           info->name() + "_" + suffix;
  std::filesystem::remove_all(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return path;
}

}  // namespace coigraph::service::testing
