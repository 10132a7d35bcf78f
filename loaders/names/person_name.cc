#include "loaders/names/person_name.h"

#include <array>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "base/latin_fold.h"
#include "base/text.h"

namespace coigraph::loaders::names {

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The key before the feminine surname ending is folded and doubled letters are written once
// (so that "Серікқызы" keeps the k of its root): letters only, the pairs met. `folded` is
// base::FoldToLatin's output.
std::string RawKey(std::string_view folded) {
  std::string letters;
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') letters += c;
  }
  std::string key;
  for (size_t i = 0; i < letters.size(); ++i) {
    const char c = letters[i];
    const char next = i + 1 < letters.size() ? letters[i + 1] : '\0';
    char out = c;
    if ((c == 'd' && next == 'j') || (c == 'c' && next == 'h') || (c == 't' && next == 's') ||
        (c == 'k' && next == 'h')) {
      out = c == 'd' ? 'j' : c == 'k' ? 'h' : 'c';
      ++i;
    }
    key += out;
  }
  return key;
}

std::string WithoutDoubles(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (out.empty() || out.back() != c) out += c;
  }
  return out;
}

// A surname's feminine ending folded to the masculine (see the header).
std::string FoldFeminine(std::string key) {
  if (EndsWith(key, "skaia") || EndsWith(key, "skaya")) {
    key.resize(key.size() - 5);
    return key + "ski";
  }
  if (key.size() > 4 && (EndsWith(key, "ova") || EndsWith(key, "eva") || EndsWith(key, "ina"))) {
    key.pop_back();
  }
  return key;
}

std::string Skeleton(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (!IsVowel(c)) out += c;
  }
  return out;
}

struct PatronymicSuffix {
  std::string_view suffix;
  Sex sex;
};
// Longest first where one ends another.
constexpr std::array<PatronymicSuffix, 7> kPatronymicSuffixes = {{
    {"ovic", Sex::kMale},
    {"evic", Sex::kMale},
    {"uli", Sex::kMale},
    {"ovna", Sex::kFemale},
    {"evna", Sex::kFemale},
    {"icna", Sex::kFemale},
    {"kizi", Sex::kFemale},
}};

// The suffix `raw_key` ends with, when what is left is a root of at least two letters.
const PatronymicSuffix* FindPatronymicSuffix(std::string_view raw_key) {
  for (const PatronymicSuffix& p : kPatronymicSuffixes) {
    if (raw_key.size() >= p.suffix.size() + 2 && EndsWith(raw_key, p.suffix)) return &p;
  }
  return nullptr;
}

// A separate word that makes the word before it a patronymic ("Шәріп қызы").
const PatronymicSuffix* AsSuffixWord(std::string_view raw_key) {
  for (const PatronymicSuffix& p : kPatronymicSuffixes) {
    if (raw_key == p.suffix && (p.suffix == "uli" || p.suffix == "kizi")) return &p;
  }
  return nullptr;
}

NameToken MakeToken(std::string_view raw_key, bool initial, bool patronymic) {
  NameToken t;
  t.key = WithoutDoubles(raw_key);
  t.skeleton = Skeleton(t.key);
  t.initial = initial;
  t.patronymic = patronymic;
  return t;
}

// Whether `word` (UTF-8), without its dots, is a single letter.
bool IsInitial(std::string_view word) {
  size_t code_points = 0;
  for (char c : word) {
    if (c == '.') continue;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++code_points;
  }
  return code_points == 1;
}

// The words of `text`: split at white space, and after each dot ("С.Н." is two words).
using WordList = absl::InlinedVector<std::string_view, 8>;  // a name's words, without allocating

WordList Words(std::string_view text) {
  WordList words;
  size_t begin = 0;
  auto flush = [&](size_t end) {
    if (end > begin) words.push_back(text.substr(begin, end - begin));
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush(i);
      begin = i + 1;
    } else if (c == '.') {
      flush(i + 1);
      begin = i + 1;
    }
  }
  flush(text.size());
  return words;
}

// A word's raw key, and whether it is an initial.
struct FoldedWord {
  std::string raw_key;
  bool initial = false;
};

// The raw keys of the words met, per thread: a registry's names are a few hundred thousand
// distinct words over millions of names, and ICU's transform is most of a name's cost. Bounded:
// past kFoldCacheWords distinct words it is emptied and starts again.
constexpr size_t kFoldCacheWords = size_t{1} << 20;

absl::StatusOr<FoldedWord> FoldWord(std::string_view word) {
  thread_local absl::flat_hash_map<std::string, std::string> cache;
  auto it = cache.find(base::AbslView(word));
  if (it == cache.end()) {
    absl::StatusOr<std::string> folded = base::FoldToLatin(word);
    if (!folded.ok()) return folded.status();
    if (cache.size() >= kFoldCacheWords) cache.clear();
    it = cache.emplace(std::string(word), RawKey(*folded)).first;
  }
  return FoldedWord{.raw_key = it->second, .initial = IsInitial(word)};
}

}  // namespace

absl::StatusOr<NameToken> FoldNameWord(std::string_view word) {
  absl::StatusOr<FoldedWord> w = FoldWord(word);
  if (!w.ok()) return w.status();
  return MakeToken(FoldFeminine(w->raw_key), w->initial, false);
}

absl::StatusOr<PersonName> PersonName::FromFullName(std::string_view text) {
  PersonName name;
  absl::InlinedVector<FoldedWord, 6> words;
  for (std::string_view word : Words(text)) {
    absl::StatusOr<FoldedWord> w = FoldWord(word);
    if (!w.ok()) return w.status();
    if (w->raw_key.empty()) continue;
    // "Шәріп қызы": the suffix word makes the word before it the patronymic.
    if (const PatronymicSuffix* p = AsSuffixWord(w->raw_key); p != nullptr && !words.empty()) {
      words.back().raw_key += w->raw_key;
      continue;
    }
    words.push_back(*std::move(w));
  }
  name.tokens.reserve(words.size());
  for (FoldedWord& w : words) {
    const PatronymicSuffix* p = w.initial ? nullptr : FindPatronymicSuffix(w.raw_key);
    if (p != nullptr && name.sex == Sex::kUnknown) {
      name.sex = p->sex;
      std::string word = w.raw_key;
      w.raw_key.resize(w.raw_key.size() - p->suffix.size());
      name.tokens.push_back(MakeToken(w.raw_key, false, true));
      name.tokens.back().word = WithoutDoubles(word);
    } else {
      name.tokens.push_back(MakeToken(FoldFeminine(std::move(w.raw_key)), w.initial, false));
    }
  }
  return name;
}

absl::StatusOr<PersonName> PersonName::FromParts(std::string_view last_name,
                                                 std::string_view first_name,
                                                 std::string_view patronymic, Sex sex) {
  PersonName name;
  name.sex = sex;
  for (std::string_view part : {last_name, first_name}) {
    for (std::string_view word : Words(part)) {
      absl::StatusOr<FoldedWord> w = FoldWord(word);
      if (!w.ok()) return w.status();
      if (w->raw_key.empty()) continue;
      name.tokens.push_back(MakeToken(FoldFeminine(std::move(w->raw_key)), w->initial, false));
    }
  }
  // The patronymic column, in one or more words, is one token: its root.
  std::string raw;
  bool initial = false;
  for (std::string_view word : Words(patronymic)) {
    absl::StatusOr<FoldedWord> w = FoldWord(word);
    if (!w.ok()) return w.status();
    raw += w->raw_key;
    initial = w->initial;
  }
  if (!raw.empty()) {
    std::string word = raw;
    if (const PatronymicSuffix* p = initial ? nullptr : FindPatronymicSuffix(raw); p != nullptr) {
      raw.resize(raw.size() - p->suffix.size());
    }
    name.tokens.push_back(MakeToken(raw, initial, true));
    name.tokens.back().word = WithoutDoubles(word);
  }
  return name;
}

}  // namespace coigraph::loaders::names
