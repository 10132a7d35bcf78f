#include "loaders/goszakup/member_matcher.h"

#include <algorithm>

#include "base/text.h"

namespace coigraph::loaders::goszakup {

void MemberMatcher::AddStint(uint64_t bin, uint64_t iin, graph::Interval valid) {
  if (!Wants(bin)) return;
  stints_[bin].push_back({iin, valid});
  names_.try_emplace(iin);
}

void MemberMatcher::AddName(uint64_t iin, names::PersonName name) {
  auto it = names_.find(iin);
  if (it == names_.end() || name.tokens.empty()) return;
  it->second.push_back(std::move(name));
}

absl::StatusOr<MemberMatch> MemberMatcher::Match(std::string_view fio, uint64_t bin,
                                                 graph::Date date) {
  auto q = queries_.find(base::AbslView(fio));
  if (q == queries_.end()) {
    absl::StatusOr<names::PersonName> parsed = names::PersonName::FromFullName(fio);
    if (!parsed.ok()) return parsed.status();
    q = queries_.emplace(std::string(fio), *std::move(parsed)).first;
  }
  MemberMatch out;
  auto s = stints_.find(bin);
  if (s == stints_.end()) return out;
  // The persons employed there on the date, each once, in IIN order (deterministic).
  std::vector<uint64_t>& employed = employed_;
  employed.clear();
  for (const Stint& st : s->second) {
    if (st.valid.Contains(date)) employed.push_back(st.iin);
  }
  std::sort(employed.begin(), employed.end());
  employed.erase(std::unique(employed.begin(), employed.end()), employed.end());
  out.employed = employed.size();
  std::vector<const names::PersonName*>& spellings = spellings_;
  std::vector<size_t>& owner = owner_;
  spellings.clear();
  owner.clear();
  for (size_t i = 0; i < employed.size(); ++i) {
    auto it = names_.find(employed[i]);
    if (it == names_.end()) continue;
    for (const names::PersonName& n : it->second) {
      spellings.push_back(&n);
      owner.push_back(i);
    }
  }
  const names::NameMatch m = names::MatchUniquePerson(q->second, spellings, owner, options_);
  out.score = m.score;
  if (m.match) out.iin = employed[*m.match];
  for (const names::ScoredCandidate& c : m.considered) {
    out.considered.emplace_back(employed[c.index], c.score);
  }
  return out;
}

}  // namespace coigraph::loaders::goszakup
