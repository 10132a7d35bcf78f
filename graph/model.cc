#include "graph/model.h"

#include <array>
#include <cstddef>

namespace coigraph::graph {

namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> kKinRelationNames = {"parent", "adoptive_parent",
                                                               "spouse", "sibling"};
constexpr std::array<std::string_view, 5> kOrgKindNames = {"state_body", "quasi_state", "company",
                                                           "individual_entrepreneur", "ngo"};
constexpr std::array<std::string_view, 7> kCommissionKindNames = {
    "tender", "land", "housing", "hiring", "disciplinary", "bonus", "other"};
constexpr std::array<std::string_view, 5> kSeatRoleNames = {"chair", "deputy_chair", "member",
                                                            "secretary", "expert"};
constexpr std::array<std::string_view, 5> kCompanyRoleNames = {
    "founder", "owner", "beneficial_owner", "director", "board_member"};
constexpr std::array<std::string_view, 5> kTenderMethodNames = {
    "open_tender", "auction", "request_for_quotations", "single_source", "other"};
constexpr std::array<std::string_view, 3> kBidOutcomeNames = {"won", "lost", "rejected"};
constexpr std::array<std::string_view, 3> kAllocationKindNames = {"land", "housing", "other"};

}  // namespace

std::optional<KinRelation> ParseKinRelation(std::string_view s) {
  return Lookup<KinRelation>(kKinRelationNames, s);
}
std::optional<OrgKind> ParseOrgKind(std::string_view s) {
  return Lookup<OrgKind>(kOrgKindNames, s);
}
std::optional<CommissionKind> ParseCommissionKind(std::string_view s) {
  return Lookup<CommissionKind>(kCommissionKindNames, s);
}
std::optional<SeatRole> ParseSeatRole(std::string_view s) {
  return Lookup<SeatRole>(kSeatRoleNames, s);
}
std::optional<CompanyRoleKind> ParseCompanyRoleKind(std::string_view s) {
  return Lookup<CompanyRoleKind>(kCompanyRoleNames, s);
}
std::optional<TenderMethod> ParseTenderMethod(std::string_view s) {
  return Lookup<TenderMethod>(kTenderMethodNames, s);
}
std::optional<BidOutcome> ParseBidOutcome(std::string_view s) {
  return Lookup<BidOutcome>(kBidOutcomeNames, s);
}
std::optional<AllocationKind> ParseAllocationKind(std::string_view s) {
  return Lookup<AllocationKind>(kAllocationKindNames, s);
}

std::string_view Name(KinRelation v) { return kKinRelationNames[static_cast<size_t>(v)]; }
std::string_view Name(OrgKind v) { return kOrgKindNames[static_cast<size_t>(v)]; }
std::string_view Name(CommissionKind v) { return kCommissionKindNames[static_cast<size_t>(v)]; }
std::string_view Name(SeatRole v) { return kSeatRoleNames[static_cast<size_t>(v)]; }
std::string_view Name(CompanyRoleKind v) { return kCompanyRoleNames[static_cast<size_t>(v)]; }
std::string_view Name(TenderMethod v) { return kTenderMethodNames[static_cast<size_t>(v)]; }
std::string_view Name(BidOutcome v) { return kBidOutcomeNames[static_cast<size_t>(v)]; }
std::string_view Name(AllocationKind v) { return kAllocationKindNames[static_cast<size_t>(v)]; }

}  // namespace coigraph::graph
