#include "base/latin_fold.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace coigraph::base {
namespace {

std::string Fold(std::string_view text) {
  absl::StatusOr<std::string> folded = FoldToLatin(text);
  EXPECT_TRUE(folded.ok()) << folded.status();
  return folded.ok() ? *folded : "<error>";
}

TEST(LatinFoldTest, KazakhSurnameSpellingsMeet) {
  for (const char* spelling : {"Жұмабаев", "ЖҰМАБАЕВ", "Жумабаев", "жумабаев", "Zhumabaev",
                               "zhumabaev", "ZHUMABAYEV", "ZHUMABAEV", "Jumabaev"}) {
    EXPECT_EQ(Fold(spelling), "jumabaev") << spelling;
  }
  EXPECT_EQ(Fold("Жұмабаев М.Қ."), "jumabaev m.k.");
  EXPECT_EQ(Fold("ZHUMABAYEV M.K."), "jumabaev m.k.");
}

TEST(LatinFoldTest, KazakhLettersOfEachAlphabet) {
  // қ ғ ұ ы: Cyrillic, BGN, official Latin 2021, passport.
  for (const char* spelling : {"Құрманғазы", "Qurmanghazy", "Qurmanğazy", "KURMANGAZY"}) {
    EXPECT_EQ(Fold(spelling), "kurmangazi") << spelling;
  }
  // ә ө ү і
  EXPECT_EQ(Fold("Әлия"), "aliia");
  EXPECT_EQ(Fold("Äliya"), "aliia");
  EXPECT_EQ(Fold("ALIIA"), "aliia");
  EXPECT_EQ(Fold("Өмірзақ"), "omirzak");
  EXPECT_EQ(Fold("Omirzaq"), "omirzak");
  EXPECT_EQ(Fold("Үсен"), "usen");
  EXPECT_EQ(Fold("Üsen"), "usen");
  // ң: Cyrillic, 2021 (ñ), ŋ, and a Russian-form passport spelling with n.
  for (const char* spelling : {"Жаңа", "Jaña", "Jaŋa", "ZHANA"}) {
    EXPECT_EQ(Fold(spelling), "jana") << spelling;
  }
  // ш ч х һ й
  EXPECT_EQ(Fold("Шыңғыс"), "shingis");
  EXPECT_EQ(Fold("Şyñğys"), "shingis");
  EXPECT_EQ(Fold("Хасенов"), "hasenov");
  EXPECT_EQ(Fold("KHASENOV"), "hasenov");
  EXPECT_EQ(Fold("Һасенов"), "hasenov");
  EXPECT_EQ(Fold("Айгерім"), "aigerim");
  EXPECT_EQ(Fold("AYGERIM"), "aigerim");
}

TEST(LatinFoldTest, RussianLettersAndMarks) {
  EXPECT_EQ(Fold("Ерлан"), "erlan");
  EXPECT_EQ(Fold("YERLAN"), "erlan");
  EXPECT_EQ(Fold("Ильяс"), "ilias");  // BGN's ʹ for ь is dropped
  EXPECT_EQ(Fold("ILYAS"), "ilias");
  EXPECT_EQ(Fold("Юлия"), "iuliia");
  EXPECT_EQ(Fold("IULIIA"), "iuliia");
  EXPECT_EQ(Fold("Чингиз"), "chingiz");  // BGN writes Chin·giz
  EXPECT_EQ(Fold("Щербаков"), "shcherbakov");
  EXPECT_EQ(Fold("объект"), "obekt");
  EXPECT_EQ(Fold("O'Brien"), "obrien");
  EXPECT_EQ(Fold("Qoʻng‘irot"), "kongirot");
}

TEST(LatinFoldTest, DigitsPunctuationAndSpaces) {
  EXPECT_EQ(Fold("800101300011"), "800101300011");
  EXPECT_EQ(Fold("  POS-2\t\n T-1  "), "pos-2 t-1");
  EXPECT_EQ(Fold("ТОО «Алтын Құрылыс»"), "too «altin kurilis»");
  EXPECT_EQ(Fold(""), "");
  EXPECT_EQ(Fold(" ' "), "");
}

TEST(LatinFoldTest, InvalidUtf8FoldsToReplacementCharacter) {
  EXPECT_EQ(Fold("Ж\xff"), "j\xef\xbf\xbd");
}

TEST(LatinFoldTest, ManyThreadsFoldAlike) {
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&results, i] {
      for (int n = 0; n < 200; ++n) results[i] = Fold("Жұмабаев Марат Қайратұлы");
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& r : results) EXPECT_EQ(r, "jumabaev marat kairatuli");
}

}  // namespace
}  // namespace coigraph::base
