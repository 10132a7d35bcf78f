// Text folded to lower-case ASCII Latin so that the Cyrillic and the common Latin spellings of a
// Kazakh name, in any case, meet: the case search's key (service/case_store.cc) and the
// name matcher's first step (loaders/names/).
//
// A search query matches a case when FoldToLatin(query) is a substring of the case's key, which
// is FoldToLatin of each of its searchable texts joined by '\n' (a fold never contains '\n', so
// a query never matches across two texts).
//
// The fold, in order:
//   1. Cyrillic to Latin by ICU's Kazakh-Latin/BGN (Russian letters included), except that
//      ң and ғ become n and g first (BGN's ng and gh would meet "n"+"g" of other spellings).
//   2. Lower case.
//   3. Letters of the Kazakh Latin alphabets (2021) and Turkic Latin that carry a sound of their
//      own: ş -> sh, ç -> ch, ğ -> g, ŋ -> n, ı -> i.
//   4. Diacritics removed (NFD, then every nonspacing mark dropped): ä ö ü ū ī ñ ń é -> a o u u i
//      n n e; BGN's ī̆ (й) -> i, ë (ё) -> e.
//   5. Apostrophes and BGN's marks removed: ' ` ’ ‘ ʻ ʼ ʹ (ь) ʺ (ъ) · (BGN's n·g).
//   6. Runs of white space become one space; leading and trailing space is dropped.
//   7. One pass, left to right, each position taking the first rule that fits:
//        zh -> j    ж: BGN/passport Zh, official Latin J
//        kh -> h    х: BGN/passport Kh, official Latin H (һ is h already)
//        gh -> g    ғ typed in BGN style
//        ye -> e    е after a vowel or first, as passports write it (ZHUMABAYEV, YERLAN)
//        q  -> k    қ: BGN/official Q, passport K
//        y  -> i    ы, й, і, и all meet: passport Y or I, BGN y or ī
//      Nothing else changes: digits, other letters and punctuation stay as they are.
//
// So "Жұмабаев М.Қ.", "Жумабаев", "жумабаев", "Zhumabaev", "ZHUMABAYEV", "ZHUMABAEV" and
// "Jumabaev" all fold to "jumabaev" (with " m.k." after the first), and "Құрманғазы",
// "Qurmanghazy", "Qurmanğazy" and "KURMANGAZY" to "kurmangazi". Not met: spellings that differ
// in more than the table above ("Nursultan"/"Nursoultan", "-ov"/"-off", ю as "ju"), and a query
// that begins or ends inside one of the pairs of step 7 ("hum" is not found in "Zhumabaev",
// whose key is "jumabaev").
//
// Example:
//   absl::StatusOr<std::string> key = FoldToLatin("Жұмабаев М.Қ.");  // "jumabaev m.k."
//
// Thread safety: FoldToLatin may be called from many threads (each thread creates its own
// ICU transliterator on first use, about 1 ms).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace coigraph::base {

// `text` (UTF-8) folded as above; bytes that are not UTF-8 fold to U+FFFD. ASCII text does not
// go through ICU. Errors: Internal when ICU cannot create the transliterator (missing data).
absl::StatusOr<std::string> FoldToLatin(std::string_view text);

}  // namespace coigraph::base
