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
// Thread safety: none; one thread fills a builder.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

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
  const Person& person(PersonIndex p) const { return data_.persons[p]; }

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

  void AddKinship(const KinshipFact& fact) { data_.kinship.push_back(fact); }
  void AddEmployment(const Employment& e) { data_.employments.push_back(e); }
  void AddCommissionSeat(const CommissionSeat& s) { data_.seats.push_back(s); }
  void AddCompanyRole(const CompanyRole& r) { data_.company_roles.push_back(r); }
  void AddBid(const Bid& b) { data_.bids.push_back(b); }
  void AddContract(const Contract& c) { data_.contracts.push_back(c); }
  void AddAllocation(const Allocation& a) { data_.allocations.push_back(a); }
  void AddDisciplinaryCase(const DisciplinaryCase& c) { data_.disciplinary.push_back(c); }
  void AddBonus(const Bonus& b) { data_.bonuses.push_back(b); }
  void AddWaitingListEntry(const WaitingListEntry& w) { data_.waiting_list.push_back(w); }
  void AddBlacklistEntry(const BlacklistEntry& b) { data_.blacklist.push_back(b); }
  void AddResidence(const Residence& r) { data_.residences.push_back(r); }

  const SnapshotData& data() const { return data_; }

  // Builds the snapshot; the builder is spent.
  std::shared_ptr<const Snapshot> Build() &&;

 private:
  SnapshotData data_;
};

}  // namespace coigraph::graph
