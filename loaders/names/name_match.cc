#include "loaders/names/name_match.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace coigraph::loaders::names {

namespace {

constexpr double kSameKey = 1.0;
constexpr double kSameSkeleton = 0.93;
constexpr double kInitial = 0.85;
constexpr double kEditWeight = 0.9;
constexpr double kMinSimilarity = 0.85;  // one letter in seven; "Нурлан" and "Нуржан" differ
constexpr double kLeftOverToken = 1.0;
constexpr double kLeftOverPatronymic = 0.25;
constexpr size_t kMaxTokens = 64;  // a bit each in BestPairing's set of paired tokens

// The edit distance of `a` and `b` when it is at most `limit`, else some value above `limit`.
// Keys are short: the two rows live on the stack up to 64 letters.
size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  constexpr size_t kStack = 64;
  std::array<size_t, kStack + 1> stack_row;
  std::vector<size_t> heap_row;
  size_t* row = stack_row.data();
  if (b.size() > kStack) {
    heap_row.resize(b.size() + 1);
    row = heap_row.data();
  }
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t row_min = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_min = std::min(row_min, row[j]);
    }
    // A row's least value never falls in the rows below it.
    if (row_min > limit) return limit + 1;
  }
  return row[b.size()];
}

double KeyScore(std::string_view a, std::string_view b, std::string_view skeleton_a,
                std::string_view skeleton_b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return kSameKey;
  if (a.size() >= 3 && b.size() >= 3 && !skeleton_a.empty() && skeleton_a == skeleton_b) {
    return kSameSkeleton;
  }
  const size_t longer_size = std::max(a.size(), b.size());
  const double longer = static_cast<double>(longer_size);
  // The most edits that still reach kMinSimilarity, by the very test below.
  size_t limit = 0;
  while (limit < longer_size && 1.0 - static_cast<double>(limit + 1) / longer >= kMinSimilarity) {
    ++limit;
  }
  const size_t distance = BoundedEditDistance(a, b, limit);
  if (distance > limit) return 0;
  const double similarity = 1.0 - static_cast<double>(distance) / longer;
  return similarity >= kMinSimilarity ? kEditWeight * similarity : 0;
}

// The best sum of scores pairing query tokens [q, end) with candidate tokens not in `used` (a
// bit per token); -1 when some query token pairs with nothing.
double BestPairing(const PersonName& query, const PersonName& candidate, size_t q, uint64_t used,
                   size_t* patronymic_used) {
  if (q == query.tokens.size()) return 0;
  double best = -1;
  for (size_t c = 0; c < candidate.tokens.size(); ++c) {
    const uint64_t bit = uint64_t{1} << c;
    if ((used & bit) != 0) continue;
    const double s = TokenScore(query.tokens[q], candidate.tokens[c]);
    if (s <= 0) continue;
    size_t patronymic_rest = 0;
    const double rest = BestPairing(query, candidate, q + 1, used | bit, &patronymic_rest);
    if (rest < 0 || s + rest <= best) continue;
    best = s + rest;
    *patronymic_used = patronymic_rest + (candidate.tokens[c].patronymic ? 1 : 0);
  }
  return best;
}

}  // namespace

double TokenScore(const NameToken& query, const NameToken& candidate) {
  if (query.initial || candidate.initial) {
    const NameToken& initial = query.initial ? query : candidate;
    const NameToken& other = query.initial ? candidate : query;
    if (initial.key.empty() || other.key.size() < initial.key.size()) return 0;
    return other.key.compare(0, initial.key.size(), initial.key) == 0 ? kInitial : 0;
  }
  if (query.patronymic && !candidate.patronymic) {
    // A surname that ends like a patronymic ("Әлиұлы" in the surname column).
    return query.word == candidate.key ? kSameKey : 0;
  }
  if (!query.patronymic && candidate.patronymic) {
    // A patronymic the query's text did not mark ("Кабенов" style, or a suffix not listed).
    return KeyScore(query.key, candidate.word, query.skeleton, "") * kEditWeight;
  }
  return KeyScore(query.key, candidate.key, query.skeleton, candidate.skeleton);
}

double NameScore(const PersonName& query, const PersonName& candidate) {
  if (query.tokens.empty() || query.tokens.size() > candidate.tokens.size()) return 0;
  if (candidate.tokens.size() > kMaxTokens) return 0;
  if (query.sex != Sex::kUnknown && candidate.sex != Sex::kUnknown && query.sex != candidate.sex) {
    return 0;
  }
  size_t patronymic_used = 0;
  const double sum = BestPairing(query, candidate, 0, 0, &patronymic_used);
  if (sum < 0) return 0;
  size_t candidate_patronymics = 0;
  for (const NameToken& t : candidate.tokens) candidate_patronymics += t.patronymic ? 1 : 0;
  const size_t left_over = candidate.tokens.size() - query.tokens.size();
  const size_t left_over_patronymics = candidate_patronymics - patronymic_used;
  const double denominator =
      static_cast<double>(query.tokens.size()) +
      kLeftOverPatronymic * static_cast<double>(left_over_patronymics) +
      kLeftOverToken * static_cast<double>(left_over - left_over_patronymics);
  return sum / denominator;
}

namespace {

// The uniqueness test over scores already made, one per candidate person.
NameMatch PickUnique(const std::vector<ScoredCandidate>& scored, const MatchOptions& options) {
  NameMatch m;
  size_t above = 0;
  ScoredCandidate best;
  for (const ScoredCandidate& c : scored) {
    const size_t i = c.index;
    const double s = c.score;
    if (s >= options.threshold) ++above;
    if (s > best.score) best = {.index = i, .score = s};
    if (s >= options.consider) m.considered.push_back({.index = i, .score = s});
  }
  std::stable_sort(
      m.considered.begin(), m.considered.end(),
      [](const ScoredCandidate& a, const ScoredCandidate& b) { return a.score > b.score; });
  if (m.considered.size() > options.max_considered) m.considered.resize(options.max_considered);
  m.score = best.score;
  if (above == 1) m.match = best.index;
  return m;
}

}  // namespace

NameMatch MatchUnique(const PersonName& query, const std::vector<PersonName>& candidates,
                      const MatchOptions& options) {
  std::vector<ScoredCandidate> scored(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    scored[i] = {.index = i, .score = NameScore(query, candidates[i])};
  }
  return PickUnique(scored, options);
}

NameMatch MatchUniquePerson(const PersonName& query,
                            const std::vector<const PersonName*>& candidates,
                            const std::vector<size_t>& owner, const MatchOptions& options) {
  std::vector<ScoredCandidate> scored;  // one per owner, in the order owners first appear
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> slot;  // owner -> its entry in `scored`
  for (size_t i = 0; i < candidates.size(); ++i) {
    const double s = NameScore(query, *candidates[i]);
    if (owner[i] >= slot.size()) slot.resize(owner[i] + 1, kNone);
    size_t& at = slot[owner[i]];
    if (at == kNone) {
      at = scored.size();
      scored.push_back({.index = owner[i], .score = s});
    } else if (s > scored[at].score) {
      scored[at].score = s;
    }
  }
  return PickUnique(scored, options);
}

}  // namespace coigraph::loaders::names
