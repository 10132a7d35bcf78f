#include "loaders/field_parsers.h"

#include "gtest/gtest.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

TEST(ParseDecimalTest, AcceptsDigitsWithOptionalFraction) {
  EXPECT_EQ(ParseDecimal("0"), 0.0);
  EXPECT_EQ(ParseDecimal("1500000"), 1500000.0);
  EXPECT_EQ(ParseDecimal("12.50"), 12.5);
}

TEST(ParseDecimalTest, RejectsSignsExponentsAndStrayDots) {
  for (const char* bad : {"", "-1", "+1", "1e6", "1.", ".5", "1.2.3", "1,5", " 1", "1 ", "abc"}) {
    EXPECT_FALSE(ParseDecimal(bad).has_value()) << bad;
  }
}

TEST(ParsePositiveIntegerTest, OneAndUp) {
  EXPECT_EQ(ParsePositiveInteger("1"), 1);
  EXPECT_EQ(ParsePositiveInteger("0042"), 42);
  for (const char* bad : {"", "0", "-1", "1.0", "x", "99999999999999999999"}) {
    EXPECT_FALSE(ParsePositiveInteger(bad).has_value()) << bad;
  }
}

// Up to 10^18; 19-digit values above it, including those past int64_t (2^63 and up, which
// once wrapped around), are out of range.
TEST(ParsePositiveIntegerTest, NineteenDigitsInRangeOrRejected) {
  EXPECT_EQ(ParsePositiveInteger("1000000000000000000"), 1'000'000'000'000'000'000LL);
  EXPECT_EQ(ParsePositiveInteger("999999999999999999"), 999'999'999'999'999'999LL);
  for (const char* bad : {"1000000000000000001", "9223372036854775807", "9223372036854775808",
                          "9999999999999999999", "1844674407370955161"}) {
    EXPECT_FALSE(ParsePositiveInteger(bad).has_value()) << bad;
  }
}

TEST(ParseBoolAndSexTest, ExactSpellings) {
  EXPECT_EQ(ParseBool("true"), true);
  EXPECT_EQ(ParseBool("false"), false);
  EXPECT_FALSE(ParseBool("TRUE").has_value());
  EXPECT_FALSE(ParseBool("1").has_value());
  EXPECT_EQ(ParseSex("M"), graph::Sex::kMale);
  EXPECT_EQ(ParseSex("F"), graph::Sex::kFemale);
  EXPECT_FALSE(ParseSex("m").has_value());
}

TEST(FingerprintTest, FieldBoundariesMatter) {
  EXPECT_NE(Fingerprint().Add("ab").Add("c").value(), Fingerprint().Add("a").Add("bc").value());
  EXPECT_EQ(Fingerprint(3).Add("x").Add(uint64_t{7}).value(),
            Fingerprint(3).Add("x").Add(uint64_t{7}).value());
  EXPECT_NE(Fingerprint(3).Add("x").value(), Fingerprint(4).Add("x").value());
}

TEST(WithCheckDigitTest, MatchesFeedsTestVectors) {
  EXPECT_EQ(testing::WithCheckDigit("94014000038"), "940140000385");
  EXPECT_EQ(testing::WithCheckDigit("06121160001"), "061211600012");
  EXPECT_TRUE(graph::HasValidCheckDigit("940140000385"));
  EXPECT_FALSE(graph::HasValidCheckDigit("949940000385"));
}

}  // namespace
}  // namespace coigraph::loaders
