// The matcher of commission members given by name (loaders/goszakup/member_matcher.h): only the
// staff of the member's organization on the date are candidates, a person counts once whatever
// the number of their spellings, and two persons who fit leave the member unresolved.
#include "loaders/goszakup/member_matcher.h"

#include <string>

#include "gtest/gtest.h"

namespace coigraph::loaders::goszakup {
namespace {

constexpr uint64_t kAkimat = 50140010019, kOther = 90740040040;
constexpr uint64_t kJakupov = 700512301018, kNurlanov = 800202301043, kNurlanova = 820303401052;

graph::Date Day(const char* iso) { return *graph::ParseIsoDate(iso); }
graph::Interval Since(const char* iso) { return {Day(iso), graph::kMaxDate}; }

names::PersonName Full(const std::string& text) {
  return names::PersonName::FromFullName(text).value();
}

MemberMatch Match(MemberMatcher& m, const std::string& fio, uint64_t bin, const char* date) {
  absl::StatusOr<MemberMatch> r = m.Match(fio, bin, Day(date));
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : MemberMatch{};
}

TEST(MemberMatcherTest, MatchesTheStaffOfTheOrganizationOnTheDate) {
  MemberMatcher m({});
  m.Want(kAkimat);
  m.AddStint(kAkimat, kJakupov, Since("2015-01-05"));
  m.AddStint(kOther, kNurlanov, Since("2010-01-01"));  // not wanted: ignored
  m.AddStint(kAkimat, kNurlanov, {Day("2019-03-01"), Day("2020-01-01")});
  m.AddName(kJakupov, Full("Джакупов Кабибулла Кабенович"));
  m.AddName(kNurlanov, Full("Нурланов Нурлан Серикович"));
  const MemberMatch j = Match(m, "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ", kAkimat, "2021-04-05");
  ASSERT_TRUE(j.iin.has_value());
  EXPECT_EQ(*j.iin, kJakupov);
  EXPECT_GE(j.score, 0.85);
  EXPECT_EQ(j.employed, 1U);  // Нурланов had left by then
  EXPECT_FALSE(Match(m, "НҰРЛАНОВ НҰРЛАН СЕРІКҰЛЫ", kAkimat, "2021-04-05").iin.has_value());
  EXPECT_EQ(Match(m, "НҰРЛАНОВ НҰРЛАН СЕРІКҰЛЫ", kAkimat, "2019-06-01").iin, kNurlanov);
  // Another organization's commission: nobody to match.
  EXPECT_EQ(Match(m, "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ", kOther, "2021-04-05").employed, 0U);
}

TEST(MemberMatcherTest, SpellingsOfOnePersonCountOnceTwoPersonsLeaveItUnresolved) {
  MemberMatcher m({});
  m.Want(kAkimat);
  m.AddStint(kAkimat, kJakupov, Since("2015-01-05"));
  m.AddStint(kAkimat, kJakupov, Since("2020-01-01"));  // a second post
  m.AddName(kJakupov, Full("Джакупов Кабибулла Кабенович"));
  m.AddName(kJakupov, Full("Жақыпов Қабиболла Қабенұлы"));
  const MemberMatch one = Match(m, "ЖАҚЫПОВ ҚАБИБОЛЛА", kAkimat, "2021-04-05");
  EXPECT_EQ(one.iin, kJakupov);
  EXPECT_EQ(one.employed, 1U);
  ASSERT_EQ(one.considered.size(), 1U);

  m.AddStint(kAkimat, kNurlanova, Since("2012-02-01"));
  m.AddName(kNurlanova, Full("Жақыпова Қабиболла"));  // the same words, a woman's surname
  const MemberMatch two = Match(m, "ЖАҚЫПОВ ҚАБИБОЛЛА", kAkimat, "2021-04-05");
  EXPECT_FALSE(two.iin.has_value());
  ASSERT_EQ(two.considered.size(), 2U);
  // The patronymic tells the man: with it, one person fits again.
  EXPECT_EQ(Match(m, "ЖАҚЫПОВ ҚАБИБОЛЛА ҚАБЕНҰЛЫ", kAkimat, "2021-04-05").iin, kJakupov);
}

}  // namespace
}  // namespace coigraph::loaders::goszakup
