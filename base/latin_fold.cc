#include "base/latin_fold.h"

#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace coigraph::base {

namespace {

// Steps 1 to 5 of the header, except the two ASCII marks (' and `), which FoldLatin drops so
// that ASCII text need not go through ICU. ң and ғ are rewritten before BGN, which would give
// "ng" and "gh".
constexpr char kRules[] =
    "ң > n; Ң > N; ғ > g; Ғ > G;"
    "::Kazakh-Latin/BGN;"
    "::Lower;"
    "ş > sh; ç > ch; ğ > g; ŋ > n; ı > i;"
    "::NFD; ::[:Nonspacing Mark:] Remove; ::NFC;"
    "[\\u2019\\u2018\\u02BB\\u02BC\\u02B9\\u02BA\\u00B7] > ;";

// ICU's transliterators are not documented as safe to share between threads, so each thread
// makes its own. Creating one parses the rules and BGN's table: about a millisecond.
absl::StatusOr<const icu::Transliterator*> ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator;
  if (transliterator != nullptr) return transliterator.get();
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  transliterator.reset(icu::Transliterator::createFromRules("coigraph-latin-fold",
                                                            icu::UnicodeString::fromUTF8(kRules),
                                                            UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || transliterator == nullptr) {
    transliterator.reset();
    return absl::InternalError(
        absl::StrCat("ICU cannot make the Latin fold (Kazakh-Latin/BGN): ", u_errorName(status),
                     " at rule "
                     "offset ",
                     parse_error.offset));
  }
  return transliterator.get();
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Steps 5 (ASCII marks), 6 and 7 of the header, on text that ICU has already lowered (or that
// is ASCII). Bytes of other scripts are copied.
std::string FoldLatin(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = absl::ascii_tolower(static_cast<unsigned char>(text[i]));
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (c == '\'' || c == '`') continue;
    if (space) {
      out += ' ';
      space = false;
    }
    const char next =
        i + 1 < text.size() ? absl::ascii_tolower(static_cast<unsigned char>(text[i + 1])) : '\0';
    if (next == 'h' && (c == 'z' || c == 'k' || c == 'g')) {
      out += c == 'z' ? 'j' : c == 'k' ? 'h' : 'g';
      ++i;
    } else if (c == 'y' && next == 'e') {
      out += 'e';
      ++i;
    } else if (c == 'q') {
      out += 'k';
    } else if (c == 'y') {
      out += 'i';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> FoldToLatin(std::string_view text) {
  if (IsAscii(text)) return FoldLatin(text);
  absl::StatusOr<const icu::Transliterator*> transliterator = ThreadTransliterator();
  if (!transliterator.ok()) return transliterator.status();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  (*transliterator)->transliterate(u);
  std::string latin;
  u.toUTF8String(latin);
  return FoldLatin(latin);
}

}  // namespace coigraph::base
