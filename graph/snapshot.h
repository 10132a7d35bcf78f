// The immutable snapshot: every entity of one load of the feeds, plus one graph of ties.
//
// The graph has a vertex per person and per organization and an edge per direction of every
// kinship fact and company role, each edge carrying its kind, role, share and validity interval
// (a Boost.Graph compressed_sparse_row_graph, built once in place; BGL stays in snapshot.cc).
//
//     parent ──child──▶ child          person ──holds(founder, 60%)──▶ company
//     child ──parent──▶ parent         company ──held_by(founder)──▶ person
//     a ──spouse──▶ b, b ──spouse──▶ a
//
// A snapshot is built by graph::Builder and shared as std::shared_ptr<const Snapshot>; a reload
// builds a new one, so readers never lock.
//
// Example:
//   std::shared_ptr<const Snapshot> s = std::move(builder).Build();
//   for (const Tie& t : s->Ties(s->PersonVertex(p))) { ... }
//
// Thread safety: every method is const and safe to call from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "base/number_map.h"
#include "base/strong_id.h"
#include "graph/model.h"
#include "graph/string_pool.h"

namespace coigraph::graph {

// Persons are vertices [0, person_count), organizations [person_count, vertex_count): person p
// is vertex p, organization o is vertex person_count + o (Snapshot::PersonVertex, OrgVertex).
// A vertex is its own kind of id, so a vertex cannot be passed where a PersonIndex is meant.
using VertexId = base::StrongId<struct VertexTag>;

// What the target of an edge is to its source.
enum class TieKind : uint8_t {
  kParent,  // target is the source's parent (natural or adoptive)
  kChild,   // target is the source's child
  kSpouse,
  kSibling,  // stated in the registry (shared parents are derived by kinship.h)
  kHolds,    // source (person or company) holds `role` in the target company
  kHeldBy,   // the target holds `role` in the source company
};
std::string_view Name(TieKind kind);

struct Tie {
  VertexId target;
  Interval valid;
  float share_pct = -1.0f;  // < 0: not given
  TieKind kind = TieKind::kParent;
  CompanyRoleKind role = CompanyRoleKind::kFounder;
  bool adoptive = false;      // a parent/child tie by adoption
  bool entrepreneur = false;  // person <-> their individual entrepreneur (no company_roles row)
};

// Entities grouped by a key, stored CSR-style: Of(key) is a contiguous span of indexes. Keys are
// the raw values of the ids (StrongId::value()); the Snapshot's accessors take the typed id.
class Grouping {
 public:
  Grouping() = default;
  // Groups item i under keys[i]; keys equal to base::kNoneValue are left out.
  Grouping(size_t key_count, const std::vector<uint32_t>& keys);
  std::span<const uint32_t> Of(uint32_t key) const {
    if (key + 1 >= offsets_.size()) return {};
    return {items_.data() + offsets_[key], items_.data() + offsets_[key + 1]};
  }

 private:
  std::vector<uint32_t> offsets_;
  std::vector<uint32_t> items_;
};

// Everything a Builder collected; the snapshot owns it.
struct SnapshotData {
  StringPool strings;
  base::IdVector<PersonIndex, Person> persons;
  std::vector<KinshipFact> kinship;  // emptied by the Snapshot once they are ties (Ties())
  base::IdVector<OrgIndex, Organization> organizations;
  base::IdVector<PositionIndex, Position> positions;
  std::vector<Employment> employments;
  base::IdVector<CommissionIndex, Commission> commissions;
  std::vector<CommissionSeat> seats;
  std::vector<CompanyRole> company_roles;
  base::IdVector<TenderIndex, Tender> tenders;
  std::vector<Bid> bids;
  std::vector<Contract> contracts;
  std::vector<Allocation> allocations;
  std::vector<DisciplinaryCase> disciplinary;
  std::vector<Bonus> bonuses;
  std::vector<WaitingListEntry> waiting_list;
  std::vector<BlacklistEntry> blacklist;
  std::vector<Residence> residences;

  base::NumberMap<PersonIndex> person_by_iin;  // 20 million persons: see base/number_map.h
  absl::flat_hash_map<uint64_t, OrgIndex> org_by_bin;
  absl::flat_hash_map<StrId, PositionIndex> position_by_id;
  absl::flat_hash_map<StrId, CommissionIndex> commission_by_id;
  absl::flat_hash_map<StrId, TenderIndex> tender_by_id;
};

class Snapshot {
 public:
  // Builds the tie graph and the groupings. Use graph::Builder rather than calling this.
  explicit Snapshot(SnapshotData data);
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  const SnapshotData& data() const { return data_; }
  std::string_view Str(StrId id) const { return data_.strings.Get(id); }

  std::optional<PersonIndex> FindPerson(uint64_t iin) const;
  std::optional<OrgIndex> FindOrganization(uint64_t bin) const;
  std::optional<PositionIndex> FindPosition(std::string_view id) const;
  std::optional<CommissionIndex> FindCommission(std::string_view id) const;
  std::optional<TenderIndex> FindTender(std::string_view id) const;

  // "Ахметов Б.С." / an organization's name.
  std::string PersonShortName(PersonIndex p) const;
  std::string PersonFullName(PersonIndex p) const;

  // Vertices.
  size_t person_count() const { return data_.persons.size(); }
  size_t vertex_count() const { return data_.persons.size() + data_.organizations.size(); }
  VertexId PersonVertex(PersonIndex p) const { return VertexId(p.value()); }
  VertexId OrgVertex(OrgIndex o) const {
    return VertexId(static_cast<uint32_t>(person_count() + o.value()));
  }
  bool IsVertex(VertexId v) const { return v.value() < vertex_count(); }
  bool IsPerson(VertexId v) const { return v.value() < person_count(); }
  // REQUIRES: IsPerson(v).
  PersonIndex PersonOf(VertexId v) const { return PersonIndex(v.value()); }
  // REQUIRES: !IsPerson(v).
  OrgIndex OrgOf(VertexId v) const {
    return OrgIndex(static_cast<uint32_t>(v.value() - person_count()));
  }
  // The IIN or BIN of a vertex, 12 digits; its display name.
  std::string VertexNumber(VertexId v) const;
  std::string VertexName(VertexId v) const;
  // A vertex by IIN or BIN.
  std::optional<VertexId> FindVertex(uint64_t number) const;

  // All edges leaving `v` (both directions of every fact are stored), valid or not.
  std::span<const Tie> Ties(VertexId v) const;
  size_t tie_count() const;

  // Groupings of the entity tables (indexes into data()'s vectors).
  std::span<const uint32_t> EmploymentsOfPosition(PositionIndex p) const {
    return employments_by_position_.Of(p.value());
  }
  std::span<const uint32_t> EmploymentsOfPerson(PersonIndex p) const {
    return employments_by_person_.Of(p.value());
  }
  std::span<const uint32_t> SeatsOfCommission(CommissionIndex c) const {
    return seats_by_commission_.Of(c.value());
  }
  std::span<const uint32_t> BidsOfTender(TenderIndex t) const {
    return bids_by_tender_.Of(t.value());
  }
  std::span<const uint32_t> ContractsOfTender(TenderIndex t) const {
    return contracts_by_tender_.Of(t.value());
  }
  std::span<const uint32_t> AllocationsOfCommission(CommissionIndex c) const {
    return allocations_by_commission_.Of(c.value());
  }
  std::span<const uint32_t> WaitingListOfCommission(CommissionIndex c) const {
    return waiting_by_commission_.Of(c.value());
  }
  std::span<const uint32_t> BlacklistOfSupplier(OrgIndex o) const {
    return blacklist_by_supplier_.Of(o.value());
  }
  std::span<const uint32_t> ResidencesOfPerson(PersonIndex p) const {
    return residences_by_person_.Of(p.value());
  }
  // Depth of a position in its reporting tree (0 for a post that reports to nobody); posts in
  // a reports_to cycle get kCycleDepth.
  static constexpr uint32_t kCycleDepth = base::kNoneValue;
  uint32_t PositionDepth(PositionIndex p) const { return position_depth_[p.value()]; }

  // True when `o` is on the register of unscrupulous suppliers on `d`.
  bool IsBlacklisted(OrgIndex o, Date d) const;

 private:
  struct TieGraph;  // the BGL CSR, defined in snapshot.cc

  SnapshotData data_;
  std::unique_ptr<TieGraph> graph_;
  Grouping employments_by_position_, employments_by_person_, seats_by_commission_, bids_by_tender_,
      contracts_by_tender_, allocations_by_commission_, waiting_by_commission_,
      blacklist_by_supplier_, residences_by_person_;
  std::vector<uint32_t> position_depth_;
};

}  // namespace coigraph::graph
