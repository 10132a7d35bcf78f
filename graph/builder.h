// Collects the entities of one load and builds an immutable Snapshot from them.
//
// The builder interns identity numbers and source ids as they arrive, so a loader can resolve
// references while it streams (FindPerson, FindPosition, ...). Adders take already-resolved
// indexes and trust them: validating the input is the loaders' job.
//
// Example:
//   Builder b;
//   PersonIndex a = b.AddPerson({.iin = 61211600012, .last_name = b.Intern("Ахметова"), ...});
//   b.AddKinship({.person = a, .relative = c, .relation = KinRelation::kSpouse});
//   std::shared_ptr<const Snapshot> s = std::move(b).Build();
//
// Thread safety: one thread fills a builder, with one split the loaders use: once no person is
// added any more, one thread may add kinship facts (ReserveKinship, AddKinship) and look persons
// up (FindPerson, PrefetchPerson) while another adds anything but persons and kinship facts.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/huge_pages.h"
#include "graph/model.h"
#include "graph/snapshot.h"

namespace coigraph::graph {

class Builder {
 public:
  StrId Intern(std::string_view text) { return data_.strings.Intern(text); }
  std::string_view Str(StrId id) const { return data_.strings.Get(id); }

  // REQUIRES: no person with this IIN yet (FindPerson first).
  PersonIndex AddPerson(const Person& person);
  std::optional<PersonIndex> FindPerson(uint64_t iin) const;
  // The person with this IIN and false; or, when there is none, a new person that has only the
  // IIN set (fill it in through mutable_person()) and true. One hash probe where FindPerson()
  // then AddPerson() take two.
  std::pair<PersonIndex, bool> FindOrAddPerson(uint64_t iin);
  const Person& person(PersonIndex p) const { return data_.persons[p]; }
  Person& mutable_person(PersonIndex p) { return data_.persons[p]; }
  size_t person_count() const { return data_.persons.size(); }
  // Starts loading the index entry of `iin` into the cache, for a FindPerson() soon after.
  void PrefetchPerson(uint64_t iin) const { data_.person_by_iin.Prefetch(iin); }

  // Make room for this many persons / kinship facts in all (estimates from the feed sizes), so
  // that the big tables do not grow by doubling: growth holds the old and the new table at once.
  void ReservePersons(size_t n);
  void ReserveKinship(size_t n) { Reserve(data_.kinship, n); }
  void ReserveCommissionSeats(size_t n) { Reserve(data_.seats, n); }
  void ReserveResidences(size_t n) { Reserve(data_.residences, n); }

  // REQUIRES: no organization with this BIN yet.
  OrgIndex AddOrganization(const Organization& org);
  std::optional<OrgIndex> FindOrganization(uint64_t bin) const;
  void SetOrganizationParent(OrgIndex org, OrgIndex parent);

  // REQUIRES: no position with this id yet.
  PositionIndex AddPosition(const Position& position);
  std::optional<PositionIndex> FindPosition(std::string_view id) const;
  const Position& position(PositionIndex p) const { return data_.positions[p]; }
  void SetReportsTo(PositionIndex position, PositionIndex reports_to);

  CommissionIndex AddCommission(const Commission& commission);
  std::optional<CommissionIndex> FindCommission(std::string_view id) const;

  TenderIndex AddTender(const Tender& tender);
  std::optional<TenderIndex> FindTender(std::string_view id) const;

  void AddKinship(const KinshipFact& fact) { Append(data_.kinship, fact); }
  void AddEmployment(const Employment& e) { Append(data_.employments, e); }
  void AddCommissionSeat(const CommissionSeat& s) { Append(data_.seats, s); }
  void AddCompanyRole(const CompanyRole& r) { Append(data_.company_roles, r); }
  void AddBid(const Bid& b) { Append(data_.bids, b); }
  void AddContract(const Contract& c) { Append(data_.contracts, c); }
  void AddAllocation(const Allocation& a) { Append(data_.allocations, a); }
  void AddDisciplinaryCase(const DisciplinaryCase& c) { Append(data_.disciplinary, c); }
  void AddBonus(const Bonus& b) { Append(data_.bonuses, b); }
  void AddWaitingListEntry(const WaitingListEntry& w) { Append(data_.waiting_list, w); }
  void AddBlacklistEntry(const BlacklistEntry& b) { Append(data_.blacklist, b); }
  void AddResidence(const Residence& r) { Append(data_.residences, r); }

  const SnapshotData& data() const { return data_; }

  // Builds the snapshot; the builder is spent.
  std::shared_ptr<const Snapshot> Build() &&;

 private:
  // Grows a table by half rather than doubling it once it is full.
  template <typename T>
  static void Append(std::vector<T>& v, const T& item) {
    if (v.size() == v.capacity()) base::ReserveHuge(v, v.size() + v.size() / 2 + 16);
    v.push_back(item);
  }
  template <typename T>
  static void Reserve(std::vector<T>& v, size_t n) {
    base::ReserveHuge(v, n);
  }

  SnapshotData data_;
};

}  // namespace coigraph::graph
