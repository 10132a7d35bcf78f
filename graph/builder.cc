#include "graph/builder.h"

#include <utility>

namespace coigraph::graph {

namespace {

template <typename Map, typename Key>
std::optional<typename Map::mapped_type> FindIn(const Map& map, const Key& key) {
  if (auto it = map.find(key); it != map.end()) return it->second;
  return std::nullopt;
}

}  // namespace

PersonIndex Builder::AddPerson(const Person& person) {
  const PersonIndex index = data_.persons.next_id();
  Append(data_.persons.vector(), person);
  data_.person_by_iin.TryEmplace(person.iin, index);
  return index;
}

std::optional<PersonIndex> Builder::FindPerson(uint64_t iin) const {
  if (const PersonIndex* p = data_.person_by_iin.Find(iin)) return *p;
  return std::nullopt;
}

std::pair<PersonIndex, bool> Builder::FindOrAddPerson(uint64_t iin) {
  const PersonIndex index = data_.persons.next_id();
  const auto [stored, inserted] = data_.person_by_iin.TryEmplace(iin, index);
  if (!inserted) return {*stored, false};
  Append(data_.persons.vector(), Person{.iin = iin});
  return {index, true};
}

void Builder::ReservePersons(size_t n) {
  Reserve(data_.persons.vector(), n);
  data_.person_by_iin.Reserve(n);
}

OrgIndex Builder::AddOrganization(const Organization& org) {
  const OrgIndex index = data_.organizations.next_id();
  Append(data_.organizations.vector(), org);
  data_.org_by_bin.emplace(org.bin, index);
  return index;
}

std::optional<OrgIndex> Builder::FindOrganization(uint64_t bin) const {
  return FindIn(data_.org_by_bin, bin);
}

void Builder::SetOrganizationParent(OrgIndex org, OrgIndex parent) {
  data_.organizations[org].parent = parent;
}

PositionIndex Builder::AddPosition(const Position& position) {
  const PositionIndex index = data_.positions.push_back(position);
  data_.position_by_id.emplace(position.id, index);
  return index;
}

std::optional<PositionIndex> Builder::FindPosition(std::string_view id) const {
  const std::optional<StrId> sid = data_.strings.Find(id);
  if (!sid) return std::nullopt;
  return FindIn(data_.position_by_id, *sid);
}

void Builder::SetReportsTo(PositionIndex position, PositionIndex reports_to) {
  data_.positions[position].reports_to = reports_to;
}

CommissionIndex Builder::AddCommission(const Commission& commission) {
  const CommissionIndex index = data_.commissions.push_back(commission);
  data_.commission_by_id.emplace(commission.id, index);
  return index;
}

std::optional<CommissionIndex> Builder::FindCommission(std::string_view id) const {
  const std::optional<StrId> sid = data_.strings.Find(id);
  if (!sid) return std::nullopt;
  return FindIn(data_.commission_by_id, *sid);
}

TenderIndex Builder::AddTender(const Tender& tender) {
  const TenderIndex index = data_.tenders.push_back(tender);
  data_.tender_by_id.emplace(tender.id, index);
  return index;
}

std::optional<TenderIndex> Builder::FindTender(std::string_view id) const {
  const std::optional<StrId> sid = data_.strings.Find(id);
  if (!sid) return std::nullopt;
  return FindIn(data_.tender_by_id, *sid);
}

std::shared_ptr<const Snapshot> Builder::Build() && {
  return std::make_shared<const Snapshot>(std::move(data_));
}

}  // namespace coigraph::graph
