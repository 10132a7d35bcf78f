#include "graph/snapshot.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <utility>

#include "graph/text.h"

namespace coigraph::graph {

namespace {

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Tie,
                                               boost::no_property, uint32_t, uint32_t>;

template <typename T, typename KeyOf>
Grouping GroupBy(size_t key_count, const std::vector<T>& items, KeyOf key_of) {
  std::vector<uint32_t> keys;
  keys.reserve(items.size());
  for (const T& item : items) keys.push_back(key_of(item));
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
    if (k != kNone) ++offsets_[k + 1];
  }
  for (size_t i = 1; i < offsets_.size(); ++i) offsets_[i] += offsets_[i - 1];
  items_.resize(offsets_.back());
  std::vector<uint32_t> next(offsets_.begin(), offsets_.end() - 1);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != kNone) items_[next[keys[i]]++] = static_cast<uint32_t>(i);
  }
}

struct Snapshot::TieGraph {
  Csr csr;
};

Snapshot::Snapshot(SnapshotData data) : data_(std::move(data)) {
  const auto& d = data_;
  // Both directions of every kinship fact and company role are edges.
  std::vector<std::pair<uint32_t, uint32_t>> ends;
  std::vector<Tie> ties;
  const size_t expected = 2 * (d.kinship.size() + d.company_roles.size()) + d.organizations.size();
  ends.reserve(expected);
  ties.reserve(expected);
  auto add = [&](VertexId from, VertexId to, Tie tie) {
    tie.target = to;
    ends.emplace_back(from, to);
    ties.push_back(tie);
  };
  for (const KinshipFact& f : d.kinship) {
    Tie t;
    t.valid = f.valid;
    switch (f.relation) {
      case KinRelation::kParent:
      case KinRelation::kAdoptiveParent:
        t.adoptive = f.relation == KinRelation::kAdoptiveParent;
        t.kind = TieKind::kChild;
        add(f.person, f.relative, t);
        t.kind = TieKind::kParent;
        add(f.relative, f.person, t);
        break;
      case KinRelation::kSpouse:
      case KinRelation::kSibling:
        t.kind = f.relation == KinRelation::kSpouse ? TieKind::kSpouse : TieKind::kSibling;
        add(f.person, f.relative, t);
        add(f.relative, f.person, t);
        break;
    }
  }
  for (const CompanyRole& r : d.company_roles) {
    Tie t;
    t.valid = r.valid;
    t.role = r.role;
    t.share_pct = static_cast<float>(r.share_pct);
    const VertexId holder =
        r.holder_person != kNone ? PersonVertex(r.holder_person) : OrgVertex(r.holder_org);
    t.kind = TieKind::kHolds;
    add(holder, OrgVertex(r.company), t);
    t.kind = TieKind::kHeldBy;
    add(OrgVertex(r.company), holder, t);
  }
  for (OrgIndex o = 0; o < d.organizations.size(); ++o) {
    const Organization& org = d.organizations[o];
    if (org.kind != OrgKind::kIndividualEntrepreneur) continue;
    auto owner = d.person_by_iin.find(org.bin);
    if (owner == d.person_by_iin.end()) continue;
    Tie t;
    t.role = CompanyRoleKind::kOwner;
    t.entrepreneur = true;
    t.kind = TieKind::kHolds;
    add(PersonVertex(owner->second), OrgVertex(o), t);
    t.kind = TieKind::kHeldBy;
    add(OrgVertex(o), PersonVertex(owner->second), t);
  }
  graph_ = std::make_unique<TieGraph>(
      TieGraph{Csr(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(), ties.begin(),
                   static_cast<uint32_t>(vertex_count()))});

  const size_t np = d.persons.size(), npos = d.positions.size(), nc = d.commissions.size();
  employments_by_position_ = GroupBy(npos, d.employments, [](auto& e) { return e.position; });
  employments_by_person_ = GroupBy(np, d.employments, [](auto& e) { return e.person; });
  positions_by_org_ = GroupBy(d.organizations.size(), d.positions, [](auto& p) { return p.org; });
  subordinates_ = GroupBy(npos, d.positions, [](auto& p) { return p.reports_to; });
  seats_by_commission_ = GroupBy(nc, d.seats, [](auto& s) { return s.commission; });
  bids_by_tender_ = GroupBy(d.tenders.size(), d.bids, [](auto& b) { return b.tender; });
  allocations_by_commission_ = GroupBy(nc, d.allocations, [](auto& a) { return a.commission; });
  waiting_by_commission_ = GroupBy(nc, d.waiting_list, [](auto& w) { return w.commission; });
  blacklist_by_supplier_ =
      GroupBy(d.organizations.size(), d.blacklist, [](auto& b) { return b.supplier; });

  // Depth in the reporting tree. A walk longer than kMaxReportingDepth is a reports_to cycle.
  constexpr uint32_t kMaxReportingDepth = 1000;
  position_depth_.assign(npos, 0);
  for (PositionIndex p = 0; p < npos; ++p) {
    uint32_t depth = 0;
    for (PositionIndex cur = d.positions[p].reports_to; cur != kNone && depth <= kMaxReportingDepth;
         cur = d.positions[cur].reports_to) {
      ++depth;
    }
    position_depth_[p] = depth > kMaxReportingDepth ? kNone : depth;
  }
}

Snapshot::~Snapshot() = default;

std::span<const Tie> Snapshot::Ties(VertexId v) const {
  const Csr& g = graph_->csr;
  auto [begin, end] = boost::out_edges(v, g);
  if (begin == end) return {};
  // CSR keeps the bundled properties of a vertex's out-edges contiguous, in edge-index order.
  const Tie* first = &g[*begin];
  return {first, static_cast<size_t>(boost::out_degree(v, g))};
}

size_t Snapshot::tie_count() const { return boost::num_edges(graph_->csr); }

std::optional<PersonIndex> Snapshot::FindPerson(uint64_t iin) const {
  if (auto it = data_.person_by_iin.find(iin); it != data_.person_by_iin.end()) return it->second;
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
  return FormatIdentityNumber(IsPerson(v) ? data_.persons[v].iin
                                          : data_.organizations[OrgOf(v)].bin);
}

std::string Snapshot::VertexName(VertexId v) const {
  if (IsPerson(v)) return PersonShortName(v);
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

bool Snapshot::HoldsSeat(CommissionIndex c, PersonIndex p, Date d) const {
  if (!data_.commissions[c].valid.Contains(d)) return false;
  for (uint32_t i : SeatsOfCommission(c)) {
    const CommissionSeat& seat = data_.seats[i];
    if (seat.person == p && seat.valid.Contains(d)) return true;
  }
  return false;
}

}  // namespace coigraph::graph
