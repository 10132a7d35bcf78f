// The name matcher (loaders/names/) on real pairs of Kazakh, Russian and Latin spellings of the
// same names, and on the near misses it must not take for them.
#include "loaders/names/name_match.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace coigraph::loaders::names {
namespace {

PersonName Full(const std::string& text) {
  absl::StatusOr<PersonName> n = PersonName::FromFullName(text);
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : PersonName{};
}

PersonName Parts(const std::string& last, const std::string& first, const std::string& patronymic,
                 Sex sex) {
  absl::StatusOr<PersonName> n = PersonName::FromParts(last, first, patronymic, sex);
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : PersonName{};
}

std::string Key(const std::string& word) {
  absl::StatusOr<NameToken> t = FoldNameWord(word);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? t->key : "";
}

TEST(NameMatchTest, KeysOfOneNameInEachScriptMeet) {
  EXPECT_EQ(Key("Жұмабаев"), "jumabaev");
  EXPECT_EQ(Key("ZHUMABAYEV"), "jumabaev");
  EXPECT_EQ(Key("Джакупов"), "jakupov");
  EXPECT_EQ(Key("Кабибулла"), "kabibula");
  EXPECT_EQ(Key("Гульмира"), "gulmira");
  EXPECT_EQ(Key("Гүлмира"), "gulmira");
  EXPECT_EQ(Key("Ахметова"), "ahmetov");  // feminine ending folded
  EXPECT_EQ(Key("Ковальская"), "kovalski");
  EXPECT_EQ(Key("Ковальский"), "kovalski");
  EXPECT_EQ(Key("Қасым-Жомарт"), "kasimjomart");
}

TEST(NameMatchTest, PatronymicsAreRecognisedWithTheirSex) {
  const PersonName kz = Full("АРЫН АХМЕТЖАН ӘЛИҰЛЫ");
  ASSERT_EQ(kz.tokens.size(), 3U);
  EXPECT_EQ(kz.sex, Sex::kMale);
  EXPECT_TRUE(kz.tokens[2].patronymic);
  EXPECT_EQ(kz.tokens[2].key, "ali");

  const PersonName separate = Full("Сейітова Айгүл Шәріп қызы");
  ASSERT_EQ(separate.tokens.size(), 3U);
  EXPECT_EQ(separate.sex, Sex::kFemale);
  EXPECT_EQ(separate.tokens[2].key, "sharip");
  EXPECT_EQ(Full("Шариповна").tokens.at(0).key, "sharip");
  // The root keeps its last letter when the suffix starts with the same one.
  EXPECT_EQ(Full("Серікқызы").tokens.at(0).key, "serik");
  EXPECT_EQ(Full("Сериковна").tokens.at(0).key, "serik");
  EXPECT_EQ(Full("Kabenovich").sex, Sex::kMale);
  EXPECT_EQ(Full("Serikkyzy").sex, Sex::kFemale);
  EXPECT_EQ(Full("Ахметов Серик").sex, Sex::kUnknown);
}

struct Pair {
  const char* query;  // as a commission list writes it
  const char* last;   // as the civil registry does
  const char* first;
  const char* patronymic;
  Sex sex;
};

TEST(NameMatchTest, KazakhRussianAndLatinFormsOfOneNameMatch) {
  const std::vector<Pair> pairs = {
      {"Жақыпов Қабиболла Қабенұлы", "Джакупов", "Кабибулла", "Кабенович", Sex::kMale},
      {"Джакупов Кабибулла Кабенович", "Жақыпов", "Қабиболла", "Қабенұлы", Sex::kMale},
      {"НАЗАРБАЕВ НҰРСҰЛТАН ӘБІШҰЛЫ", "Назарбаев", "Нурсултан", "Абишевич", Sex::kMale},
      {"ТОҚАЕВ ҚАСЫМ-ЖОМАРТ КЕМЕЛҰЛЫ", "Токаев", "Касым-Жомарт", "Кемелевич", Sex::kMale},
      {"АРЫН АХМЕТЖАН ӘЛИҰЛЫ", "Арын", "Ахметжан", "Алиевич", Sex::kMale},
      {"ӘБІШЕВА ГҮЛМИРА СЕРІКҚЫЗЫ", "Абишева", "Гульмира", "Сериковна", Sex::kFemale},
      {"Сейітова Айгүл Шәріп қызы", "Сеитова", "Айгуль", "Шариповна", Sex::kFemale},
      {"ТӨЛЕГЕНОВ ЕРЛАН БАУЫРЖАНҰЛЫ", "Тулегенов", "Ерлан", "Бауржанович", Sex::kMale},
      {"ZHAKUPOV KABIBULLA KABENOVICH", "Жақыпов", "Қабиболла", "Қабенұлы", Sex::kMale},
      {"Zhumabayeva Aliya Muratovna", "Жұмабаева", "Әлия", "Мұратқызы", Sex::kFemale},
      {"Мұхтар Омаров", "Омаров", "Мухтар", "", Sex::kMale},            // order, no patronymic
      {"Ахметов С.Н.", "Ахметов", "Серик", "Нурланович", Sex::kMale},   // initials
      {"Ахметов Серик", "Ахметов", "Серик", "Нурланович", Sex::kMale},  // patronymic left out
  };
  for (const Pair& p : pairs) {
    const double score = NameScore(Full(p.query), Parts(p.last, p.first, p.patronymic, p.sex));
    EXPECT_GE(score, MatchOptions{}.threshold)
        << p.query << " / " << p.last << " " << p.first << " " << p.patronymic;
  }
}

TEST(NameMatchTest, NearMissesDoNotMatch) {
  const std::vector<Pair> misses = {
      // Another given name, another patronymic, another surname.
      {"Ахметов Серик Нурланович", "Ахметов", "Бауыржан", "Нурланович", Sex::kMale},
      {"Ахметов Серик Нурланович", "Ахметов", "Серик", "Кайратович", Sex::kMale},
      {"Ахметов Серик Нурланович", "Жумабаев", "Серик", "Нурланович", Sex::kMale},
      // The patronymic says a woman; the registry says a man.
      {"Ахметова Динара Кайратқызы", "Ахметов", "Динар", "Кайратович", Sex::kMale},
      // A surname alone, and initials that differ.
      {"Ахметов", "Ахметов", "Серик", "Нурланович", Sex::kMale},
      {"Ахметов Б.Н.", "Ахметов", "Серик", "Нурланович", Sex::kMale},
      // More words than the person has.
      {"Ахметов Серик Нурланович Омар", "Ахметов", "Серик", "Нурланович", Sex::kMale},
  };
  for (const Pair& p : misses) {
    const double score = NameScore(Full(p.query), Parts(p.last, p.first, p.patronymic, p.sex));
    EXPECT_LT(score, MatchOptions{}.threshold)
        << p.query << " / " << p.last << " " << p.first << " " << p.patronymic;
  }
}

TEST(NameMatchTest, OnlyAUniqueCandidateIsAccepted) {
  const std::vector<PersonName> staff = {
      Parts("Ахметов", "Серик", "Нурланович", Sex::kMale),
      Parts("Ахметов", "Серик", "Нуржанович", Sex::kMale),
      Parts("Ахметова", "Динара", "Кайратовна", Sex::kFemale),
      Parts("Жумабаев", "Ерлан", "Серикович", Sex::kMale),
  };
  const NameMatch full = MatchUnique(Full("АХМЕТОВ СЕРІК НҰРЛАНҰЛЫ"), staff, {});
  ASSERT_TRUE(full.match.has_value());
  EXPECT_EQ(*full.match, 0U);
  EXPECT_GE(full.score, 0.85);

  // Without the patronymic two people fit: unresolved, both listed.
  const NameMatch ambiguous = MatchUnique(Full("Ахметов Серик"), staff, {});
  EXPECT_FALSE(ambiguous.match.has_value());
  ASSERT_GE(ambiguous.considered.size(), 2U);
  EXPECT_EQ(ambiguous.considered[0].index + ambiguous.considered[1].index, 1U);

  const NameMatch nobody = MatchUnique(Full("Омаров Мухтар"), staff, {});
  EXPECT_FALSE(nobody.match.has_value());
  EXPECT_TRUE(nobody.considered.empty());

  const NameMatch woman = MatchUnique(Full("ӘХМЕТОВА ДИНАРА"), staff, {});
  ASSERT_TRUE(woman.match.has_value());
  EXPECT_EQ(*woman.match, 2U);
}

}  // namespace
}  // namespace coigraph::loaders::names
