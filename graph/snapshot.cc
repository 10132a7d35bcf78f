#include "graph/snapshot.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <utility>

#include "base/huge_pages.h"
#include "base/text.h"

namespace coigraph::graph {

using base::Append;
using base::Cat;

namespace {

template <typename T, typename KeyOf>
Grouping GroupBy(size_t key_count, const std::vector<T>& items, KeyOf key_of) {
  std::vector<uint32_t> keys;
  keys.reserve(items.size());
  for (const T& item : items) keys.push_back(key_of(item).value());
  return Grouping(key_count, keys);
}

// The first UTF-8 code point of `s` followed by '.', or "" for an empty string.
std::string Initial(std::string_view s) {
  if (s.empty()) return "";
  size_t n = 1;
  const auto lead = static_cast<unsigned char>(s[0]);
  if (lead >= 0xF0) {
    n = 4;
  } else if (lead >= 0xE0) {
    n = 3;
  } else if (lead >= 0xC0) {
    n = 2;
  }
  if (n > s.size()) n = s.size();
  return Cat(s.substr(0, n), ".");
}

}  // namespace

std::string_view Name(TieKind kind) {
  switch (kind) {
    case TieKind::kParent:
      return "parent";
    case TieKind::kChild:
      return "child";
    case TieKind::kSpouse:
      return "spouse";
    case TieKind::kSibling:
      return "sibling";
    case TieKind::kHolds:
      return "holds";
    case TieKind::kHeldBy:
      return "held_by";
  }
  return "?";
}

Grouping::Grouping(size_t key_count, const std::vector<uint32_t>& keys)
    : offsets_(key_count + 1, 0) {
  for (uint32_t k : keys) {
    if (k != base::kNoneValue) ++offsets_[k + 1];
  }
  for (size_t i = 1; i < offsets_.size(); ++i) offsets_[i] += offsets_[i - 1];
  items_.resize(offsets_.back());
  // offsets_[k] is k's insertion cursor and ends at the start of k + 1 (see the tie graph).
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != base::kNoneValue) items_[offsets_[keys[i]]++] = static_cast<uint32_t>(i);
  }
  std::copy_backward(offsets_.begin(), offsets_.end() - 1, offsets_.end());
  offsets_[0] = 0;
}

// A Boost.Graph compressed_sparse_row_graph whose bundled edge property is the Tie. The out-edges
// of a vertex are contiguous in it, so Ties() hands out a span of the bundled properties.
using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Tie,
                                               boost::no_property, uint32_t, uint32_t>;

struct Snapshot::TieGraph {
  Csr csr;
};

namespace {

// Calls visit(from, to, tie) for both directions of every kinship fact and company role, and for
// every individual entrepreneur tied to its owner, always in the same order.
template <typename Visit>
void ForEachTie(const SnapshotData& d, Visit&& visit) {
  const auto np = static_cast<uint32_t>(d.persons.size());
  const auto person_vertex = [](PersonIndex p) { return VertexId(p.value()); };
  const auto org_vertex = [np](OrgIndex o) { return VertexId(np + o.value()); };
  for (const KinshipFact& f : d.kinship) {
    const VertexId person = person_vertex(f.person), relative = person_vertex(f.relative);
    Tie t;
    t.valid = f.valid;
    switch (f.relation) {
      case KinRelation::kParent:
      case KinRelation::kAdoptiveParent:
        t.adoptive = f.relation == KinRelation::kAdoptiveParent;
        t.kind = TieKind::kChild;
        visit(person, relative, t);
        t.kind = TieKind::kParent;
        visit(relative, person, t);
        break;
      case KinRelation::kSpouse:
      case KinRelation::kSibling:
        t.kind = f.relation == KinRelation::kSpouse ? TieKind::kSpouse : TieKind::kSibling;
        visit(person, relative, t);
        visit(relative, person, t);
        break;
    }
  }
  for (const CompanyRole& r : d.company_roles) {
    Tie t;
    t.valid = r.valid;
    t.role = r.role;
    t.share_pct = static_cast<float>(r.share_pct);
    const VertexId company = org_vertex(r.company);
    const VertexId holder =
        r.holder_person != kNone ? person_vertex(r.holder_person) : org_vertex(r.holder_org);
    t.kind = TieKind::kHolds;
    visit(holder, company, t);
    t.kind = TieKind::kHeldBy;
    visit(company, holder, t);
  }
  for (OrgIndex o : d.organizations.ids()) {
    const Organization& org = d.organizations[o];
    if (org.kind != OrgKind::kIndividualEntrepreneur) continue;
    const PersonIndex* owner = d.person_by_iin.Find(org.bin);
    if (owner == nullptr) continue;
    Tie t;
    t.role = CompanyRoleKind::kOwner;
    t.entrepreneur = true;
    t.kind = TieKind::kHolds;
    visit(person_vertex(*owner), org_vertex(o), t);
    t.kind = TieKind::kHeldBy;
    visit(org_vertex(o), person_vertex(*owner), t);
  }
}

}  // namespace

Snapshot::Snapshot(SnapshotData data) : data_(std::move(data)) {
  const auto& d = data_;
  // The edges are placed in source order by a counting sort (stable: a vertex's ties keep the
  // order of ForEachTie) and handed to Boost's in-place constructor
  // (construct_inplace_from_sources_and_targets), whose histogram sort then finds every edge in
  // its bucket and only walks the arrays once. Given unsorted edges it chases permutation cycles
  // through three 64-million-entry arrays at 2e7 persons, which took ~40 s of a 108 s load.
  const auto n = static_cast<uint32_t>(vertex_count());
  std::vector<uint32_t> cursor(size_t{n} + 1, 0);
  ForEachTie(d, [&](VertexId from, VertexId, const Tie&) { ++cursor[from.value() + 1]; });
  for (size_t v = 1; v <= n; ++v) cursor[v] += cursor[v - 1];
  const size_t edge_count = cursor[n];
  std::vector<uint32_t> targets;
  std::vector<Tie> ties;
  base::ReserveHuge(targets, edge_count);
  base::ReserveHuge(ties, edge_count);
  targets.resize(edge_count);
  ties.resize(edge_count);
  ForEachTie(d, [&](VertexId from, VertexId to, Tie tie) {
    const uint32_t at = cursor[from.value()]++;
    tie.target = to;
    targets[at] = to.value();
    ties[at] = tie;
  });
  // The kinship facts live on only as ties: release them before the graph's own arrays are made.
  std::vector<KinshipFact>().swap(data_.kinship);
  // cursor[v] is now where v's ties end.
  std::vector<uint32_t> sources;
  base::ReserveHuge(sources, edge_count);
  sources.resize(edge_count);
  for (uint32_t v = 0, begin = 0; v < n; begin = cursor[v], ++v) {
    std::fill(sources.begin() + begin, sources.begin() + cursor[v], v);
  }
  std::vector<uint32_t>().swap(cursor);
  graph_ = std::make_unique<TieGraph>(
      TieGraph{Csr(boost::construct_inplace_from_sources_and_targets, sources, targets, ties, n)});
  std::vector<uint32_t>().swap(sources);

  const size_t npos = d.positions.size(), nc = d.commissions.size();
  employments_by_position_ = GroupBy(npos, d.employments, [](auto& e) { return e.position; });
  employments_by_person_ =
      GroupBy(d.persons.size(), d.employments, [](auto& e) { return e.person; });
  seats_by_commission_ = GroupBy(nc, d.seats, [](auto& s) { return s.commission; });
  bids_by_tender_ = GroupBy(d.tenders.size(), d.bids, [](auto& b) { return b.tender; });
  contracts_by_tender_ = GroupBy(d.tenders.size(), d.contracts, [](auto& c) { return c.tender; });
  allocations_by_commission_ = GroupBy(nc, d.allocations, [](auto& a) { return a.commission; });
  waiting_by_commission_ = GroupBy(nc, d.waiting_list, [](auto& w) { return w.commission; });
  blacklist_by_supplier_ =
      GroupBy(d.organizations.size(), d.blacklist, [](auto& b) { return b.supplier; });
  residences_by_person_ = GroupBy(d.persons.size(), d.residences, [](auto& r) { return r.person; });

  // Depth in the reporting tree, of any depth: each post's is its parent's plus one, each
  // computed once (a chain is climbed until a post whose depth is known, then unwound). A post
  // on or below a reports_to cycle (the loader rejects them; a Builder user may not) has
  // kCycleDepth.
  constexpr uint32_t kUnknown = kCycleDepth - 1, kOnChain = kCycleDepth - 2;
  position_depth_.assign(npos, kUnknown);
  std::vector<PositionIndex> chain;
  for (PositionIndex p : d.positions.ids()) {
    if (position_depth_[p.value()] != kUnknown) continue;
    chain.clear();
    uint32_t base = 0;
    for (PositionIndex cur = p;; cur = d.positions[cur].reports_to) {
      if (cur == kNone) {
        base = 0;
        break;
      }
      const uint32_t known = position_depth_[cur.value()];
      if (known == kOnChain) {  // met the climb itself: a cycle
        base = kCycleDepth;
        break;
      }
      if (known != kUnknown) {
        base = known == kCycleDepth ? kCycleDepth : known + 1;
        break;
      }
      position_depth_[cur.value()] = kOnChain;
      chain.push_back(cur);
    }
    // chain[k] is below chain[k+1]; the last one's parent has depth base - 1 (or none).
    uint32_t depth = base;
    for (size_t k = chain.size(); k-- > 0;) {
      position_depth_[chain[k].value()] = depth;
      if (depth != kCycleDepth) ++depth;
    }
  }
}

Snapshot::~Snapshot() = default;

std::span<const Tie> Snapshot::Ties(VertexId v) const {
  const Csr& g = graph_->csr;
  if (v.value() >= boost::num_vertices(g)) return {};
  auto [begin, end] = boost::out_edges(v.value(), g);
  if (begin == end) return {};
  // CSR keeps the bundled properties of a vertex's out-edges contiguous, in edge-index order.
  const Tie* first = &g[*begin];
  return {first, static_cast<size_t>(boost::out_degree(v.value(), g))};
}

size_t Snapshot::tie_count() const { return boost::num_edges(graph_->csr); }

std::optional<PersonIndex> Snapshot::FindPerson(uint64_t iin) const {
  if (const PersonIndex* p = data_.person_by_iin.Find(iin)) return *p;
  return std::nullopt;
}

std::optional<OrgIndex> Snapshot::FindOrganization(uint64_t bin) const {
  if (auto it = data_.org_by_bin.find(bin); it != data_.org_by_bin.end()) return it->second;
  return std::nullopt;
}

std::optional<PositionIndex> Snapshot::FindPosition(std::string_view id) const {
  auto sid = data_.strings.Find(id);
  if (!sid) return std::nullopt;
  if (auto it = data_.position_by_id.find(*sid); it != data_.position_by_id.end()) {
    return it->second;
  }
  return std::nullopt;
}

std::optional<CommissionIndex> Snapshot::FindCommission(std::string_view id) const {
  auto sid = data_.strings.Find(id);
  if (!sid) return std::nullopt;
  if (auto it = data_.commission_by_id.find(*sid); it != data_.commission_by_id.end()) {
    return it->second;
  }
  return std::nullopt;
}

std::optional<TenderIndex> Snapshot::FindTender(std::string_view id) const {
  auto sid = data_.strings.Find(id);
  if (!sid) return std::nullopt;
  if (auto it = data_.tender_by_id.find(*sid); it != data_.tender_by_id.end()) return it->second;
  return std::nullopt;
}

std::string Snapshot::PersonShortName(PersonIndex p) const {
  const Person& person = data_.persons[p];
  std::string name(Str(person.last_name));
  const std::string initials =
      Cat(Initial(Str(person.first_name)), Initial(Str(person.patronymic)));
  if (!initials.empty()) Append(name, name.empty() ? "" : " ", initials);
  if (name.empty()) name = FormatIdentityNumber(person.iin);
  return name;
}

std::string Snapshot::PersonFullName(PersonIndex p) const {
  const Person& person = data_.persons[p];
  std::string name(Str(person.last_name));
  for (StrId part : {person.first_name, person.patronymic}) {
    if (part != kEmptyStr) Append(name, name.empty() ? "" : " ", Str(part));
  }
  if (name.empty()) name = FormatIdentityNumber(person.iin);
  return name;
}

std::string Snapshot::VertexNumber(VertexId v) const {
  return FormatIdentityNumber(IsPerson(v) ? data_.persons[PersonOf(v)].iin
                                          : data_.organizations[OrgOf(v)].bin);
}

std::string Snapshot::VertexName(VertexId v) const {
  if (IsPerson(v)) return PersonShortName(PersonOf(v));
  const Organization& org = data_.organizations[OrgOf(v)];
  return org.name != kEmptyStr ? std::string(Str(org.name)) : FormatIdentityNumber(org.bin);
}

std::optional<VertexId> Snapshot::FindVertex(uint64_t number) const {
  if (auto p = FindPerson(number)) return PersonVertex(*p);
  if (auto o = FindOrganization(number)) return OrgVertex(*o);
  return std::nullopt;
}

bool Snapshot::IsBlacklisted(OrgIndex o, Date d) const {
  for (uint32_t i : BlacklistOfSupplier(o)) {
    if (data_.blacklist[i].valid.Contains(d)) return true;
  }
  return false;
}

}  // namespace coigraph::graph
