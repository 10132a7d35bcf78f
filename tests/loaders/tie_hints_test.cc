// Undeclared-tie hints (loaders/names/tie_hints.h): surname stems and patronymic roots of real
// Kazakh, Russian and Latin pairs and their near misses, then hints on a small feed, with and
// without the kinship rows that make them declared.
#include "loaders/names/tie_hints.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "test_feeds.h"

namespace coigraph::loaders::names {
namespace {

FamilyName Parts(const std::string& last, const std::string& patronymic) {
  absl::StatusOr<FamilyName> f = FamilyNameOfParts(last, patronymic);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? *f : FamilyName{};
}

FamilyName Full(const std::string& text) {
  absl::StatusOr<FamilyName> f = FamilyNameOfFullName(text);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? *f : FamilyName{};
}

// "stem/root" when the two meet, else "".
std::string Shared(const FamilyName& a, const FamilyName& b) {
  std::optional<SharedFamilyName> s = FamilyNamesMeet(a, b);
  return s ? s->surname_stem + "/" + s->patronymic_root : "";
}

TEST(TieHintsNameTest, StemsDropTheGenderedEnding) {
  EXPECT_EQ(Parts("Ахметов", "").stem, "ahmet");
  EXPECT_EQ(Parts("Ахметова", "").stem, "ahmet");
  EXPECT_EQ(Parts("Васильева", "").stem, "vasil");
  EXPECT_EQ(Parts("Ғабдуллина", "").stem, "gabdul");
  EXPECT_EQ(Parts("Ковальский", "").stem, "kovalski");
  EXPECT_EQ(Parts("Ковальская", "").stem, "kovalski");
  EXPECT_EQ(Parts("Қабенұлы", "").stem, "kaben");  // a surname in patronymic form
  EXPECT_EQ(Parts("Қабенқызы", "").stem, "kaben");
  EXPECT_EQ(Parts("Ким", "").stem, "kim");     // no ending to drop
  EXPECT_EQ(Parts("Ильин", "").stem, "ilin");  // two letters would be too few
}

TEST(TieHintsNameTest, PatronymicRootsOfBothLanguagesAndSexes) {
  EXPECT_EQ(Parts("", "Қабенұлы").root, "kaben");
  EXPECT_EQ(Parts("", "Кабенович").root, "kaben");
  EXPECT_EQ(Parts("", "Кабеновна").root, "kaben");
  EXPECT_EQ(Parts("", "Қабенқызы").root, "kaben");
  EXPECT_EQ(Parts("", "Серікұлы").root, "serik");
  EXPECT_EQ(Parts("", "Сериковна").root, "serik");
  EXPECT_EQ(Parts("", "Сергеевич").root, "serge");
  EXPECT_EQ(Parts("", "Сергеевна").root, "serge");
}

TEST(TieHintsNameTest, BrothersAndSistersInEitherSpellingMeet) {
  // Kazakh and Russian forms of one family, brother and sister.
  EXPECT_EQ(Shared(Parts("Ахметов", "Қабенұлы"), Parts("Ахметова", "Кабеновна")), "ahmet/kaben");
  EXPECT_EQ(Shared(Parts("Жақыпов", "Серікұлы"), Parts("Джакупова", "Сериковна")), "jakip/serik");
  EXPECT_EQ(Shared(Parts("Сүлейменов", "Мұратұлы"), Parts("Сулейменова", "Муратовна")),
            "suleimen/murat");
  EXPECT_EQ(Shared(Parts("Ковальский", "Петрович"), Parts("Ковальская", "Петровна")),
            "kovalski/petr");
  EXPECT_EQ(Shared(Parts("Қабенов", "Серікұлы"), Parts("Қабенқызы", "Серікқызы")), "kaben/serik");
  // A goszakup fio, upper case or Latin, against the registry's columns.
  EXPECT_EQ(Shared(Parts("Жұмабаев", "Серікұлы"), Full("ZHUMABAYEVA AIGUL SERIKKYZY")),
            "jumaba/serik");
  EXPECT_EQ(Shared(Parts("Жақыпов", "Серікұлы"), Full("ДЖАКУПОВ НУРЛАН СЕРИКОВИЧ")), "jakip/serik");
  EXPECT_EQ(Shared(Parts("Оспанов", "Асқарұлы"), Full("Оспанова Д. Аскаровна")), "ospan/askar");
}

TEST(TieHintsNameTest, NearMissesDoNotMeet) {
  // The same surname, fathers of other names ("Нурлан" and "Нуржан" are two names).
  EXPECT_EQ(Shared(Parts("Ахметов", "Нурланович"), Parts("Ахметова", "Нуржановна")), "");
  EXPECT_EQ(Shared(Parts("Ахметов", "Серікұлы"), Parts("Ахметов", "Берікович")), "");
  // The same father's name, other surnames.
  EXPECT_EQ(Shared(Parts("Ахметов", "Серікұлы"), Parts("Ахмедов", "Серикович")), "");
  EXPECT_EQ(Shared(Parts("Омаров", "Серікұлы"), Parts("Оспанов", "Серикович")), "");
  // Without a patronymic nothing meets.
  EXPECT_EQ(Shared(Parts("Ахметов", "Серікұлы"), Parts("Ахметова", "")), "");
  EXPECT_EQ(Shared(Full("АХМЕТОВ ЕРЛАН"), Parts("Ахметов", "Серікұлы")), "");
  // An initial is no root.
  EXPECT_EQ(Shared(Full("Ахметов Е.С."), Parts("Ахметов", "Серікұлы")), "");
}

// ---------------------------------------------------------------- hints on a feed

using testing::TempFeedDir;
using testing::WithCheckDigit;

// A valid IIN born on `yymmdd` in the 1900s, from serial `serial` on.
std::string Iin(const std::string& yymmdd, bool male, int serial) {
  for (;; ++serial) {
    const std::string digits = std::to_string(10000 + serial % 10000).substr(1);
    const std::string iin = WithCheckDigit(yymmdd + (male ? "3" : "4") + digits);
    if (!iin.empty()) return iin;
  }
}

struct HintFeed {
  std::string member = Iin("800515", true, 1);  // Жақыпов Ерлан Серікұлы
  std::string other = Iin("750101", true, 1);  // Иванов Сергей Петрович, a member too
  std::string sister = Iin("830202", false, 1);  // Джакупова Айгуль Сериковна, founder of B1
  std::string brother = Iin("850303", true, 1);  // Жақыпов Нұрлан Серікұлы, no role
  std::string director = Iin("700404", true, 1);  // Петров Олег Иванович, director of B2
  std::string father = Iin("500505", true, 1);  // Жақып Серік
  static constexpr const char* kB1 = "100540000018";
  static constexpr const char* kB2 = "110640000013";

  void Write(const TempFeedDir& dir, const std::string& kinship,
             const std::string& director_from = "2021-01-01") const {
    dir.Write("persons.csv", "iin,last_name,first_name,patronymic,birth_date,sex\n" + member +
                                 ",Жақыпов,Ерлан,Серікұлы,1980-05-15,M\n" + other +
                                 ",Иванов,Сергей,Петрович,1975-01-01,M\n" + sister +
                                 ",Джакупова,Айгуль,Сериковна,1983-02-02,F\n" + brother +
                                 ",Жақыпов,Нұрлан,Серікұлы,1985-03-03,M\n" + director +
                                 ",Петров,Олег,Иванович,1970-04-04,M\n" + father +
                                 ",Жақып,Серік,,1950-05-05,M\n");
    dir.Write("organizations.csv",
              "bin,name,kind\n940140000385,Акимат,state_body\n100540000018,ТОО Береке,company\n"
              "110640000013,ТОО Жол,company\n");
    dir.Write("commissions.csv",
              "commission_id,org_bin,kind,title\nC1,940140000385,tender,Комиссия\n");
    dir.Write("commission_members.csv",
              "commission_id,person_iin,role\nC1," + member + ",chair\nC1," + other + ",member\n");
    dir.Write("tenders.csv",
              "tender_id,customer_bin,method,announced_date,commission_id\n"
              "T1,940140000385,open_tender,2023-03-01,C1\n");
    dir.Write("bids.csv",
              "tender_id,supplier_bin,outcome,filed_by_name\n"
              "T1,100540000018,won,\n"
              "T1,110640000013,lost,ЖАКУПОВ НУРЛАН СЕРИКОВИЧ\n");
    dir.Write("company_roles.csv", "company_bin,role,holder_iin\n100540000018,founder," + sister +
                                       "\n110640000013,director," + director + "\n");
    dir.Write("residence.csv", "person_iin,address_id,valid_from\n" + member +
                                   ",ADR-7,2020-01-01\n" + director + ",ADR-7," + director_from +
                                   "\n");
    dir.Write("kinship.csv", "person_iin,relative_iin,relation\n" + kinship);
  }
};

std::vector<std::string> HintsOf(const std::string& dir) {
  absl::StatusOr<LoadedFeed> feed = LoadSnapshot(dir);
  EXPECT_TRUE(feed.ok()) << feed.status();
  if (!feed.ok()) return {};
  EXPECT_TRUE(feed->report.rejects.empty());
  std::vector<std::string> out;
  for (const TieHint& h : AllTieHints(*feed->snapshot)) {
    out.push_back(TieHintToJson(*feed->snapshot, h));
  }
  return out;
}

TEST(TieHintsFeedTest, UndeclaredSiblingsAddressAndFilerAreHinted) {
  TempFeedDir dir;
  const HintFeed f;
  f.Write(dir, "");
  const std::vector<std::string> hints = HintsOf(dir.path());
  ASSERT_EQ(hints.size(), 3u) << ::testing::PrintToString(hints);
  EXPECT_EQ(hints[0],
            "{\"tender_id\":\"T1\",\"date\":\"2023-03-01\",\"member\":\"" + f.member +
                "\",\"member_name\":\"Жақыпов Ерлан Серікұлы\",\"bidder\":\"100540000018\","
                "\"bidder_name\":\"ТОО Береке\",\"party\":\"founder\",\"person\":\"" +
                f.sister +
                "\",\"person_name\":\"Джакупова Айгуль Сериковна\",\"surname_stem\":\"jakip\","
                "\"patronymic_root\":\"serik\",\"address\":\"\"}");
  EXPECT_NE(hints[1].find("\"party\":\"director\""), std::string::npos) << hints[1];
  EXPECT_NE(hints[1].find("\"address\":\"ADR-7\""), std::string::npos) << hints[1];
  EXPECT_NE(hints[1].find("\"surname_stem\":\"\""), std::string::npos) << hints[1];
  EXPECT_NE(hints[2].find("\"party\":\"bid_filer\",\"person\":\"\",\"person_name\":"
                          "\"ЖАКУПОВ НУРЛАН СЕРИКОВИЧ\",\"surname_stem\":\"jakip\""),
            std::string::npos)
      << hints[2];
}

TEST(TieHintsFeedTest, KinshipRowsMakeTheTiesDeclared) {
  TempFeedDir dir;
  const HintFeed f;
  // Their father's rows: the member, the sister and the brother are siblings (derived), and the
  // director is the member's spouse: every hint above is a tie the engine knows.
  f.Write(dir, f.father + "," + f.member + ",parent\n" + f.father + "," + f.sister + ",parent\n" +
                   f.father + "," + f.brother + ",parent\n" + f.member + "," + f.director +
                   ",spouse\n");
  EXPECT_EQ(HintsOf(dir.path()), std::vector<std::string>{});
}

TEST(TieHintsFeedTest, OnlyTheFilersKinshipDeclared) {
  TempFeedDir dir;
  const HintFeed f;
  // A stated sibling row for the brother only: the filer "ЖАКУПОВ НУРЛАН СЕРИКОВИЧ" is his
  // name, so the filer is kin; the sister stays a hint.
  f.Write(dir, f.member + "," + f.brother + ",sibling\n");
  const std::vector<std::string> hints = HintsOf(dir.path());
  ASSERT_EQ(hints.size(), 2u) << ::testing::PrintToString(hints);
  EXPECT_NE(hints[0].find("\"party\":\"founder\""), std::string::npos);
  EXPECT_NE(hints[1].find("\"party\":\"director\""), std::string::npos);
}

TEST(TieHintsFeedTest, AnAddressFromAfterTheAnnouncementIsNoHint) {
  TempFeedDir dir;
  const HintFeed f;
  f.Write(dir, "", "2023-03-02");
  const std::vector<std::string> hints = HintsOf(dir.path());
  ASSERT_EQ(hints.size(), 2u) << ::testing::PrintToString(hints);
  EXPECT_NE(hints[0].find("\"party\":\"founder\""), std::string::npos);
  EXPECT_NE(hints[1].find("\"party\":\"bid_filer\""), std::string::npos);
}

}  // namespace
}  // namespace coigraph::loaders::names
