// A person's name as the name matcher compares it: tokens folded to a key that the Kazakh,
// Russian and Latin spellings of one name share, with the patronymic recognised.
//
// A token's key is base::FoldToLatin of the token (ICU's Kazakh-Latin/BGN, lower case, the
// passport and official Latin letters met), then:
//   * everything but the letters a-z dropped ("Ә." -> "a", "Абай-Ата" -> "abaiata");
//   * dj -> j (Russian дж: "Джакупов" -> "jakupov", as "Жақыпов" -> "jakipov"), ch -> c,
//     ts -> c, kh -> h;
//   * a letter written twice is written once ("Кабибулла" -> "kabibula");
//   * a surname's feminine ending folded to the masculine: -ova -> -ov, -eva -> -ev,
//     -ina -> -in, -skaia/-skaya -> -ski (so "Ахметова" meets "Ахметов"; a given name that ends
//     so, "Марина", folds the same way on both sides);
// and its skeleton is the key without vowels (a e i o u): "jakipov" and "jakupov" are both
// "jkpv", as the Kazakh and Russian forms of a name differ mostly in their vowels.
//
// A patronymic is recognised by its suffix, on its own key or as a separate word after it:
//   male:   -uly (ұлы, улы), -ovic/-evic (ович, евич; Latin -ovich)
//   female: -kizi (қызы, кызы), -ovna/-evna (овна, евна), -icna (ична)
// and compared by its root, the key without the suffix: "Қабенұлы" and "Кабенович" are both
// "kaben"; "Шәріпқызы" and "Шариповна" are both "sharip". The suffix tells the person's sex.
//
// Example:
//   absl::StatusOr<PersonName> q = PersonName::FromFullName("АРЫН АХМЕТЖАН ӘЛИҰЛЫ");
//   q->tokens: {arin, ahmetjan, ali (patronymic)}, q->sex: kMale
//   absl::StatusOr<PersonName> p = PersonName::FromParts("Арын", "Ахметжан", "Алиевич");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace coigraph::loaders::names {

enum class Sex : uint8_t { kUnknown, kMale, kFemale };

struct NameToken {
  std::string key;       // as above; for a patronymic, its root
  std::string skeleton;  // the key without vowels
  std::string word;      // for a patronymic, the root with its suffix (a surname may end so too)
  bool initial = false;  // a single letter ("А." or "A"): matches a key that starts with it
  bool patronymic = false;
};

struct PersonName {
  std::vector<NameToken> tokens;
  Sex sex = Sex::kUnknown;  // as the patronymic tells it; kUnknown without one

  // A full name as free text ("SURNAME GIVEN PATRONYMIC" in any order, any case and script;
  // initials "Ахметов С.Н." included). Tokens with no letter are dropped. Errors: Internal when
  // ICU cannot fold (missing data).
  static absl::StatusOr<PersonName> FromFullName(std::string_view text);
  // A registry's columns (persons.csv): the patronymic column is taken as the patronymic whatever
  // its suffix, and `sex` as given.
  static absl::StatusOr<PersonName> FromParts(std::string_view last_name,
                                              std::string_view first_name,
                                              std::string_view patronymic, Sex sex);
};

// The key and skeleton of one word (no patronymic analysis); exposed for tests and hints.
absl::StatusOr<NameToken> FoldNameWord(std::string_view word);

}  // namespace coigraph::loaders::names
