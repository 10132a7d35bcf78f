#include "base/text.h"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace coigraph::base {
namespace {

TEST(TextTest, CatTakesStringsAndViews) {
  const std::string s = "tender";
  const std::string_view sv = "T-0042";
  const absl::string_view av = "lot";
  EXPECT_EQ(Cat(), "");
  EXPECT_EQ(Cat(s, " ", sv, " ", av), "tender T-0042 lot");
  EXPECT_EQ(Cat(std::string_view("a\0b", 3)), std::string("a\0b", 3));  // sized, not C string
  EXPECT_EQ(Cat("Ахметов", " ", std::string_view("Б.С.")), "Ахметов Б.С.");
}

TEST(TextTest, CatWritesIntegersInDecimal) {
  EXPECT_EQ(Cat("#", 3), "#3");
  EXPECT_EQ(Cat(0, -17), "0-17");
  EXPECT_EQ(Cat(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(Cat(std::numeric_limits<uint64_t>::max()), "18446744073709551615");
  EXPECT_EQ(Cat(size_t{12}, "/", uint32_t{7}), "12/7");
}

TEST(TextTest, CatWritesACharAsACharacter) {
  EXPECT_EQ(Cat('x'), "x");
  EXPECT_EQ(Cat("a", '|', "b", '\n'), "a|b\n");
  EXPECT_EQ(Cat('0', 0), "00");
}

TEST(TextTest, AppendAddsToTheEnd) {
  std::string out = "rule";
  Append(out, ' ', std::string_view("HIRE_CHAIN"), " #", 2);
  EXPECT_EQ(out, "rule HIRE_CHAIN #2");
  Append(out);
  EXPECT_EQ(out, "rule HIRE_CHAIN #2");
}

TEST(TextTest, AbslViewIsTheSameBytes) {
  const std::string text = "feed.csv: line 3";
  const std::string_view sv(text);
  const absl::string_view av = AbslView(sv);
  EXPECT_EQ(av.data(), sv.data());
  EXPECT_EQ(av.size(), sv.size());
  EXPECT_EQ(absl::StrCat("[", AbslView(sv.substr(0, 8)), "]"), "[feed.csv]");
  EXPECT_TRUE(AbslView(std::string_view()).empty());
}

}  // namespace
}  // namespace coigraph::base
