// The name matcher (loaders/names/) on real pairs of Kazakh, Russian and Latin spellings of the
// same names, and on the near misses it must not take for them.
#include "loaders/names/name_match.h"

#include <algorithm>
#include <random>
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

// The plain dynamic programme, for the bounded one in name_match.cc to be checked against.
size_t Levenshtein(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

TEST(NameMatchTest, EditDistanceScoresAsTheUnboundedDistanceGives) {
  // Keys of 1 to 90 letters (past the 64 kept on the stack), each against a copy with 0 to 6
  // random edits; no skeletons, so that only the distance decides.
  std::mt19937 random(7);
  auto letter = [&] { return static_cast<char>('a' + random() % 4); };
  for (int n = 0; n < 20000; ++n) {
    std::string a;
    const size_t length = 1 + random() % 90;
    for (size_t i = 0; i < length; ++i) a += letter();
    std::string b = a;
    for (size_t e = random() % 7; e > 0; --e) {
      const size_t at = random() % (b.size() + 1);
      switch (random() % 3) {
        case 0:
          b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), letter());
          break;
        case 1:
          if (at < b.size()) b.erase(at, 1);
          break;
        default:
          if (at < b.size()) b[at] = letter();
          break;
      }
    }
    if (b.empty()) continue;
    const double longer = static_cast<double>(std::max(a.size(), b.size()));
    const double similarity = 1.0 - static_cast<double>(Levenshtein(a, b)) / longer;
    const double want = a == b ? 1.0 : similarity >= 0.85 ? 0.9 * similarity : 0;
    NameToken ta, tb;
    ta.key = a;
    tb.key = b;
    ASSERT_EQ(TokenScore(ta, tb), want) << a << " / " << b;
  }
}

TEST(NameMatchTest, ACandidateOfMoreThan64TokensScoresNothing) {
  std::string many;
  for (int i = 0; i < 65; ++i) many += "Ахметов ";
  EXPECT_EQ(NameScore(Full("Ахметов"), Full(many)), 0);
  EXPECT_GT(NameScore(Full("Ахметов"), Full("Ахметов Серик")), 0);
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
