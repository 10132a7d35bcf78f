#include "graph/business.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"

namespace coigraph::graph {

namespace {

// A holder's tie counts for propagation down a chain when it is an ownership role (an
// individual entrepreneur's owner counts as an owner).
bool PassesOwnership(const Tie& t) { return t.entrepreneur || IsOwnershipRole(t.role); }

template <typename Key>
void KeepCloser(absl::flat_hash_map<Key, CompanyTie>& best, Key key, CompanyTie tie) {
  auto [it, inserted] = best.try_emplace(key, tie);
  if (!inserted && CloserCompanyTie(tie, it->second)) it->second = std::move(tie);
}

template <typename Key, typename T>
std::vector<CompanyTie> SortedValues(absl::flat_hash_map<Key, CompanyTie>& best, T key_of) {
  std::vector<CompanyTie> out;
  out.reserve(best.size());
  for (auto& [k, t] : best) out.push_back(std::move(t));
  std::sort(out.begin(), out.end(),
            [&](const CompanyTie& a, const CompanyTie& b) { return key_of(a) < key_of(b); });
  return out;
}

}  // namespace

bool CloserCompanyTie(const CompanyTie& a, const CompanyTie& b) {
  if (a.links() != b.links()) return a.links() < b.links();
  if (a.role != b.role) return a.role < b.role;
  return a.entrepreneur && !b.entrepreneur;
}

std::string_view RoleName(const CompanyTie& tie) {
  return tie.entrepreneur ? Name(CompanyRoleKind::kOwner) : Name(tie.role);
}

//   person ──role──▶ c_k ──owns──▶ ... ──owns──▶ c_0 = x
// Walk up from x one link per round, collecting the persons at each level.
std::vector<CompanyTie> HoldersOf(const Snapshot& s, OrgIndex x, Date d) {
  absl::flat_hash_map<PersonIndex, CompanyTie> best;
  absl::flat_hash_set<OrgIndex> seen{x};
  // Each frontier entry: a company and the chain from it down to x.
  std::vector<std::vector<OrgIndex>> frontier{{x}};
  for (int links = 0; links <= kMaxOwnershipLinks && !frontier.empty(); ++links) {
    std::vector<std::vector<OrgIndex>> next;
    for (const std::vector<OrgIndex>& chain : frontier) {
      for (const Tie& t : s.Ties(s.OrgVertex(chain.front()))) {
        if (t.kind != TieKind::kHeldBy || !t.valid.Contains(d)) continue;
        if (s.IsPerson(t.target)) {
          if (links > 0 && !PassesOwnership(t)) continue;
          const PersonIndex holder = s.PersonOf(t.target);
          CompanyTie tie{holder, x, t.role, t.entrepreneur, t.share_pct, chain};
          KeepCloser(best, holder, std::move(tie));
        } else if (links < kMaxOwnershipLinks && PassesOwnership(t)) {
          const OrgIndex holder = s.OrgOf(t.target);
          if (!seen.insert(holder).second) continue;
          std::vector<OrgIndex> longer{holder};
          longer.insert(longer.end(), chain.begin(), chain.end());
          next.push_back(std::move(longer));
        }
      }
    }
    frontier = std::move(next);
  }
  return SortedValues(best, [](const CompanyTie& t) { return t.person; });
}

//   p ──role──▶ a ──owns──▶ b ──owns──▶ ...   (ownership roles only below a)
std::vector<CompanyTie> CompaniesOf(const Snapshot& s, PersonIndex p, Date d) {
  absl::flat_hash_map<OrgIndex, CompanyTie> best;
  for (const Tie& t : s.Ties(s.PersonVertex(p))) {
    if (t.kind != TieKind::kHolds || !t.valid.Contains(d)) continue;
    const OrgIndex top = s.OrgOf(t.target);
    KeepCloser(best, top, CompanyTie{p, top, t.role, t.entrepreneur, t.share_pct, {top}});
    if (!PassesOwnership(t)) continue;
    absl::flat_hash_set<OrgIndex> seen{top};
    std::vector<std::vector<OrgIndex>> frontier{{top}};
    for (int links = 1; links <= kMaxOwnershipLinks && !frontier.empty(); ++links) {
      std::vector<std::vector<OrgIndex>> next;
      for (const std::vector<OrgIndex>& chain : frontier) {
        for (const Tie& down : s.Ties(s.OrgVertex(chain.back()))) {
          if (down.kind != TieKind::kHolds || !down.valid.Contains(d) || !PassesOwnership(down)) {
            continue;
          }
          const OrgIndex owned = s.OrgOf(down.target);
          if (!seen.insert(owned).second) continue;
          std::vector<OrgIndex> longer = chain;
          longer.push_back(owned);
          KeepCloser(best, owned,
                     CompanyTie{p, owned, t.role, t.entrepreneur, t.share_pct, longer});
          next.push_back(std::move(longer));
        }
      }
      frontier = std::move(next);
    }
  }
  return SortedValues(best, [](const CompanyTie& t) { return t.company; });
}

}  // namespace coigraph::graph
