// Whether a name given as text (a goszakup commission member's `fio`) is one of the persons it
// may be, and how sure that is.
//
// Two tokens score (TokenScore):
//   1.0   the same key ("Жұмабаев" and "ZHUMABAYEV");
//   0.93  the same skeleton, keys of three letters or more ("Жақыпов" / "Джакупов");
//   0.85  an initial and a key that starts with it ("С." / "Серик");
//   0.9 x (1 - edit distance / longer key length), when that similarity is at least 0.85 (one
//         letter in seven: "Нурлан" and "Нуржан" are two names);
//   0     otherwise, and between a patronymic of the query and a token of the candidate that is
//         not one, unless the query's patronymic word equals it (a surname that ends in -ұлы).
// A name scores (NameScore) by the best one-to-one pairing of the query's tokens with the
// candidate's, in any order: the sum of the pairs' scores over the number of the query's tokens
// plus 1 for each of the candidate's tokens left over (0.25 when that token is its patronymic,
// which lists often leave out). A query token that pairs with nothing, more query tokens than
// the candidate has, a candidate of more than 64 tokens (no name has them), or a sex the
// patronymics tell apart score the name 0.
//
// MatchUnique accepts the one candidate that scores at least `threshold`; with none, or two or
// more, the name stays unresolved and `considered` lists the best candidates.
//
// Example:
//   PersonName q = PersonName::FromFullName("АРЫН АХМЕТЖАН ӘЛИҰЛЫ").value();
//   NameMatch m = MatchUnique(q, employees_on_that_date, {});
//   if (m.match) ... employees_on_that_date[*m.match], m.score
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "loaders/names/person_name.h"

namespace coigraph::loaders::names {

struct MatchOptions {
  double threshold = 0.85;    // a match scores at least this
  double consider = 0.6;      // `considered` lists candidates scoring at least this...
  size_t max_considered = 5;  // ... at most this many
};

double TokenScore(const NameToken& query, const NameToken& candidate);
double NameScore(const PersonName& query, const PersonName& candidate);

struct ScoredCandidate {
  size_t index = 0;  // into the candidates
  double score = 0;
};

struct NameMatch {
  std::optional<size_t> match;              // the one candidate at or above the threshold
  double score = 0;                         // its score (or the best one's, when unresolved)
  std::vector<ScoredCandidate> considered;  // best first
};

NameMatch MatchUnique(const PersonName& query, const std::vector<PersonName>& candidates,
                      const MatchOptions& options);

// As MatchUnique, when several candidates may be spellings of one person (a name from the
// employees registry and one from the civil registry): `owner[i]` is the person candidates[i]
// spells, a person scores their best spelling, and `match` and `considered` index persons.
// REQUIRES: owner.size() == candidates.size().
NameMatch MatchUniquePerson(const PersonName& query,
                            const std::vector<const PersonName*>& candidates,
                            const std::vector<size_t>& owner, const MatchOptions& options);

}  // namespace coigraph::loaders::names
