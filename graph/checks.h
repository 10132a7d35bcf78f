// Checks of one decision before it is taken: a hire, a bid, a tender, an allocation. They apply
// the same rules as RunRules (rules.h) to one object, real or hypothetical, and answer its
// findings; HR systems call CheckHire before an appointment is signed.
//
// Example:
//   HireQuery q{.candidate = p, .position = pos, .date = d};
//   std::vector<Finding> f = CheckHire(snapshot, q);   // empty: CLEAR
//
// Thread safety: pure functions of a const snapshot.
#pragma once

#include <optional>
#include <vector>

#include "graph/finding.h"
#include "graph/model.h"
#include "graph/snapshot.h"

namespace coigraph::graph {

// A person about to take a post on `date` (open-ended).
struct HireQuery {
  PersonIndex candidate = kNone;
  PositionIndex position = kNone;
  Date date = 0;
  PersonIndex appointed_by = kNone;              // HIRE_APPOINTER when set
  CommissionIndex selection_commission = kNone;  // HIRE_COMMISSION when set
};

// HIRE_SUBORDINATION and HIRE_CHAIN against the holders of the posts above and below the post
// on `date` who are the candidate's legal kin on `date` (the candidate is official for the
// posts below), HIRE_APPOINTER and HIRE_COMMISSION when the query names them. Sorted by
// FindingLess.
std::vector<Finding> CheckHire(const Snapshot& s, const HireQuery& q);

// The findings of the four tender rules for tender `t` and of TENDER_SIGNATORY for its
// contracts, as RunRules gives them.
std::vector<Finding> CheckTender(const Snapshot& s, TenderIndex t);

// As if `supplier` bid on tender `t`: TENDER_COMMISSION against the supplier,
// TENDER_AFFILIATED_BIDDERS between it and the other bidders, TENDER_BLACKLIST_SUCCESSOR as if
// it won. Only findings that involve the supplier. Judged, like the rules, at the tender's
// announced date, or at `date` when given (a check made later, on the ties of that day).
std::vector<Finding> CheckBidder(const Snapshot& s, TenderIndex t, OrgIndex supplier,
                                 std::optional<Date> date = std::nullopt);

// As if commission `c` allocated to `recipient` on `date`, approved by `approved_by` (if set):
// the kind follows the commission's kind (land, housing, else other), the queue number the
// recipient's own waiting-list entry. When the feeds hold that allocation (same commission,
// recipient and date, and approver when given), it is judged as recorded: the findings carry
// its decision_id and are exactly the scan's.
std::vector<Finding> CheckAllocation(const Snapshot& s, CommissionIndex c, PersonIndex recipient,
                                     Date date, PersonIndex approved_by = kNone);

}  // namespace coigraph::graph
