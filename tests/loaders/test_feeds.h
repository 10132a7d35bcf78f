// Helpers for the loader tests: valid identity numbers, temporary feed directories, report
// lookups.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "loaders/feed_loader.h"

namespace coigraph::loaders::testing {

// The 12-digit number made of `first11` and its check digit (docs/feeds.md, "Identity
// numbers"), or "" when no check digit exists for these 11 digits.
inline std::string WithCheckDigit(std::string_view first11) {
  int sum = 0;
  for (size_t i = 0; i < 11; ++i) sum += (first11[i] - '0') * static_cast<int>(i + 1);
  int c = sum % 11;
  if (c == 10) {
    static constexpr int kSecond[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    sum = 0;
    for (size_t i = 0; i < 11; ++i) sum += (first11[i] - '0') * kSecond[i];
    c = sum % 11;
    if (c == 10) return "";
  }
  return std::string(first11) + static_cast<char>('0' + c);
}

inline std::string TestdataDir(std::string_view name) {
  return std::string(COIGRAPH_TESTDATA_DIR) + "/loaders/" + std::string(name);
}

// A directory under the test temp dir, named after the running test, emptied on creation. It
// starts with the two files every feed needs, persons.csv and organizations.csv, holding only
// their headers (Write() replaces them), unless `with_registries` is false.
class TempFeedDir {
 public:
  explicit TempFeedDir(bool with_registries = true) {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "." + info->name();
    for (char& ch : name) {
      if (ch == '/') ch = '_';
    }
    path_ = std::filesystem::path(::testing::TempDir()) / ("coigraph_loaders_" + name);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
    if (with_registries) {
      Write("persons.csv", "iin,last_name,first_name,birth_date,sex\n");
      Write("organizations.csv", "bin,name,kind\n");
    }
  }
  ~TempFeedDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  // Writes `bytes` exactly (no newline translation).
  void Write(std::string_view file, std::string_view bytes) const {
    std::ofstream out(path_ / std::string(file), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  void Remove(std::string_view file) const { std::filesystem::remove(path_ / std::string(file)); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// A small valid feed that the table-driven loader tests change one file of:
// persons Ахметов 800515300017 (M 1980-05-15), Ахметова 820310400012 (F 1982-03-10), Серик
// 550120300016 (M 1955-01-20); organizations 940140000385 (akimat), 100540000018, 110640000013
// and an individual entrepreneur whose BIN is the IIN 800515300017; commissions C1, L1;
// positions P1, P2; tenders T1, T2. Not in the feed but valid: IIN 880808300014,
// BIN 120740000019.
inline const std::vector<std::pair<std::string, std::string>>& BaseFeed() {
  static const auto* const kBase = new std::vector<std::pair<std::string, std::string>>{
      {"persons.csv",
       "iin,last_name,first_name,birth_date,sex\n"
       "800515300017,Ахметов,Бауыржан,1980-05-15,M\n"
       "820310400012,Ахметова,Алия,1982-03-10,F\n"
       "550120300016,Ахметов,Серик,1955-01-20,M\n"},
      {"organizations.csv",
       "bin,name,kind,parent_bin\n"
       "940140000385,Акимат,state_body,\n"
       "100540000018,ТОО Ромашка,company,\n"
       "110640000013,ТОО Лютик,company,100540000018\n"
       "800515300017,ИП Ахметов,individual_entrepreneur,\n"},
      {"commissions.csv",
       "commission_id,org_bin,kind,title,valid_from,valid_to\n"
       "C1,940140000385,tender,Тендерная комиссия,2020-01-01,\n"
       "L1,940140000385,land,Земельная комиссия,,\n"},
      {"positions.csv",
       "position_id,org_bin,title,reports_to,is_head\n"
       "P1,940140000385,Аким,,true\n"
       "P2,940140000385,Заместитель,P1,false\n"},
      {"tenders.csv",
       "tender_id,customer_bin,method,announced_date,commission_id,title,amount_kzt\n"
       "T1,940140000385,open_tender,2023-03-01,C1,Ремонт,150000000.50\n"
       "T2,940140000385,auction,2023-04-01,C1,Ремонт,100\n"},
  };
  return *kBase;
}

inline const FileReport& FileOf(const LoadReport& report, std::string_view file) {
  for (const FileReport& f : report.files) {
    if (f.file == file) return f;
  }
  static const FileReport kNone;
  ADD_FAILURE() << "no report for " << file;
  return kNone;
}

}  // namespace coigraph::loaders::testing
