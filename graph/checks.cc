#include "graph/checks.h"

#include <algorithm>

#include "graph/rules/context.h"

namespace coigraph::graph {

using internal::FindingSink;

std::vector<Finding> CheckHire(const Snapshot& s, const HireQuery& q) {
  FindingSink sink(s, AllRules());
  if (q.candidate == kNone || q.position == kNone) return {};
  const Employment e{q.candidate, q.position, Interval{q.date, kMaxDate}, q.appointed_by,
                     q.selection_commission};
  const absl::flat_hash_set<PersonIndex> ever_kin = internal::EverKin(s, q.candidate);
  // Judged on the date: a holder who takes a post above or below later is found by their own
  // check and by the scan, not by this one.
  auto maybe_kin = [&](PersonIndex p) { return ever_kin.contains(p); };
  internal::OfferReportingAbove(s, sink, e, maybe_kin, q.date);
  internal::OfferReportingBelow(s, sink, e, ever_kin, q.date);
  internal::OfferAppointmentRules(s, sink, e, maybe_kin);
  return sink.Take();
}

std::vector<Finding> CheckTender(const Snapshot& s, TenderIndex t) {
  FindingSink sink(s, AllRules());
  const Tender& tender = s.data().tenders[t];
  const std::vector<OrgIndex> bidders = internal::Bidders(s, t, false);
  internal::OfferTenderCommission(s, sink, tender, bidders);
  internal::OfferAffiliatedBidders(s, sink, tender, bidders);
  internal::KinCache kin(s, tender.announced);
  for (OrgIndex winner : internal::Bidders(s, t, true)) {
    internal::OfferBlacklistSuccessor(s, sink, tender, winner, kin);
  }
  for (uint32_t c : s.ContractsOfTender(t))
    internal::OfferSignatory(s, sink, s.data().contracts[c]);
  return sink.Take();
}

std::vector<Finding> CheckBidder(const Snapshot& s, TenderIndex t, OrgIndex supplier,
                                 std::optional<Date> date) {
  FindingSink sink(s, AllRules());
  Tender tender = s.data().tenders[t];
  if (date) tender.announced = *date;
  std::vector<OrgIndex> bidders = internal::Bidders(s, t, false);
  const auto& orgs = s.data().organizations;
  if (std::find(bidders.begin(), bidders.end(), supplier) == bidders.end()) {
    bidders.push_back(supplier);
    std::sort(bidders.begin(), bidders.end(),
              [&](OrgIndex a, OrgIndex b) { return orgs[a].bin < orgs[b].bin; });
  }
  internal::OfferTenderCommission(s, sink, tender, {supplier});
  internal::OfferAffiliatedBidders(s, sink, tender, bidders, supplier);
  internal::KinCache kin(s, tender.announced);
  internal::OfferBlacklistSuccessor(s, sink, tender, supplier, kin);
  return sink.Take();
}

std::vector<Finding> CheckAllocation(const Snapshot& s, CommissionIndex c, PersonIndex recipient,
                                     Date date, PersonIndex approved_by) {
  FindingSink sink(s, AllRules());
  // The allocation the feeds record for this commission, recipient and date (and approver, when
  // given), if there is one: its id and queue number, so that the findings and their case ids
  // are the scan's. Else a hypothetical one without an id.
  for (uint32_t i : s.AllocationsOfCommission(c)) {
    const Allocation& real = s.data().allocations[i];
    if (real.recipient == recipient && real.decision_date == date &&
        (approved_by == kNone || approved_by == real.approved_by)) {
      internal::OfferAllocation(s, sink, real);
      return sink.Take();
    }
  }
  Allocation a;
  a.id = kEmptyStr;
  a.commission = c;
  a.recipient = recipient;
  a.decision_date = date;
  a.approved_by = approved_by;
  switch (s.data().commissions[c].kind) {
    case CommissionKind::kLand:
      a.kind = AllocationKind::kLand;
      break;
    case CommissionKind::kHousing:
      a.kind = AllocationKind::kHousing;
      break;
    default:
      a.kind = AllocationKind::kOther;
  }
  internal::OfferAllocation(s, sink, a);
  return sink.Take();
}

}  // namespace coigraph::graph
