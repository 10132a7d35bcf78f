// FormatIsoDate and FormatIdentityNumber, written by hand rather than by snprintf (they are hot in
// exports and the goszakup import): the same text as the printf formats, at the edges too.
#include <cstdio>
#include <string>

#include "graph/date.h"
#include "graph/identity_number.h"
#include "gtest/gtest.h"

namespace coigraph::graph {
namespace {

std::string Printf(int y, unsigned m, unsigned d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

TEST(FormatIsoDateTest, MatchesPrintfOnEveryDayOfYears1To9999) {
  Date next = DaysFromCivil(1, 1, 1);
  for (int y = 1; y <= 9999; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= 31; ++d) {
        if (!IsValidCivilDate(y, static_cast<int>(m), static_cast<int>(d))) continue;
        ASSERT_EQ(DaysFromCivil(y, m, d), next);
        ASSERT_EQ(FormatIsoDate(next), Printf(y, m, d));
        ++next;
      }
    }
  }
}

TEST(FormatIsoDateTest, YearsOutside0To9999AsPrintfWritesThem) {
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(0, 3, 1)), "0000-03-01");
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(-1, 12, 31)), Printf(-1, 12, 31));
  EXPECT_EQ(FormatIsoDate(DaysFromCivil(10000, 1, 2)), "10000-01-02");
}

TEST(FormatIsoDateTest, RoundTripsAndLeavesOpenEndsEmpty) {
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2023-05-01")), "2023-05-01");
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("0001-01-01")), "0001-01-01");
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("9999-12-31")), "9999-12-31");
  EXPECT_EQ(FormatIsoDate(kMinDate), "");
  EXPECT_EQ(FormatIsoDate(kMaxDate), "");
}

TEST(FormatIdentityNumberTest, TwelveDigitsWithLeadingZeros) {
  EXPECT_EQ(FormatIdentityNumber(0), "000000000000");
  EXPECT_EQ(FormatIdentityNumber(7), "000000000007");
  EXPECT_EQ(FormatIdentityNumber(700512301018), "700512301018");
  EXPECT_EQ(FormatIdentityNumber(999'999'999'999), "999999999999");
  EXPECT_EQ(FormatIdentityNumber(1'000'000'000'000), "1000000000000");
  EXPECT_EQ(FormatIdentityNumber(18'446'744'073'709'551'615u), "18446744073709551615");
  EXPECT_EQ(IdentityNumberValue(FormatIdentityNumber(10540030031)), 10540030031u);
}

}  // namespace
}  // namespace coigraph::graph
