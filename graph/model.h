// The entities of the feeds (docs/feeds.md, "Files"), as the snapshot stores them.
//
// Every entity lives in a table of the snapshot (a base::IdVector) and is referred to by its dense
// 32-bit index (`PersonIndex`, `OrgIndex`, ...), a base::StrongId of its own kind: a PersonIndex
// cannot be passed where an OrgIndex is meant. Texts are interned `StrId`s of the snapshot's
// StringPool. A reference that is not set is `kNone`. Identity numbers are kept as integers
// (`uint64_t`) and printed with FormatIdentityNumber().
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/strong_id.h"
#include "graph/date.h"
#include "graph/identity_number.h"
#include "graph/string_pool.h"

namespace coigraph::graph {

using PersonIndex = base::StrongId<struct PersonTag>;
using OrgIndex = base::StrongId<struct OrgTag>;
using PositionIndex = base::StrongId<struct PositionTag>;
using CommissionIndex = base::StrongId<struct CommissionTag>;
using TenderIndex = base::StrongId<struct TenderTag>;
using base::kNone;

// A missing amount or share.
inline constexpr double kUnknownAmount = -1.0;

enum class KinRelation : uint8_t { kParent, kAdoptiveParent, kSpouse, kSibling };
enum class OrgKind : uint8_t { kStateBody, kQuasiState, kCompany, kIndividualEntrepreneur, kNgo };
enum class CommissionKind : uint8_t {
  kTender,
  kLand,
  kHousing,
  kHiring,
  kDisciplinary,
  kBonus,
  kOther
};
enum class SeatRole : uint8_t { kChair, kDeputyChair, kMember, kSecretary, kExpert };
// Order matters: it is the tie-break between two roles of one person in one company.
enum class CompanyRoleKind : uint8_t {
  kFounder,
  kOwner,
  kBeneficialOwner,
  kDirector,
  kBoardMember
};
enum class TenderMethod : uint8_t {
  kOpenTender,
  kAuction,
  kRequestForQuotations,
  kSingleSource,
  kOther
};
enum class BidOutcome : uint8_t { kWon, kLost, kRejected };
enum class AllocationKind : uint8_t { kLand, kHousing, kOther };

// Founder, owner and beneficial owner pass ties down an ownership chain; directors and board
// members are tied to their own company only (docs/rules.md, "Business ties").
inline bool IsOwnershipRole(CompanyRoleKind r) {
  return r == CompanyRoleKind::kFounder || r == CompanyRoleKind::kOwner ||
         r == CompanyRoleKind::kBeneficialOwner;
}

// Feed spellings (docs/feeds.md, "Enumerations"). Parse*() return nullopt for an unknown value.
std::optional<KinRelation> ParseKinRelation(std::string_view s);
std::optional<OrgKind> ParseOrgKind(std::string_view s);
std::optional<CommissionKind> ParseCommissionKind(std::string_view s);
std::optional<SeatRole> ParseSeatRole(std::string_view s);
std::optional<CompanyRoleKind> ParseCompanyRoleKind(std::string_view s);
std::optional<TenderMethod> ParseTenderMethod(std::string_view s);
std::optional<BidOutcome> ParseBidOutcome(std::string_view s);
std::optional<AllocationKind> ParseAllocationKind(std::string_view s);
std::string_view Name(KinRelation v);
std::string_view Name(OrgKind v);
std::string_view Name(CommissionKind v);
std::string_view Name(SeatRole v);
std::string_view Name(CompanyRoleKind v);
std::string_view Name(TenderMethod v);
std::string_view Name(BidOutcome v);
std::string_view Name(AllocationKind v);

struct Person {
  uint64_t iin = 0;
  StrId last_name = kEmptyStr;
  StrId first_name = kEmptyStr;
  StrId patronymic = kEmptyStr;
  Date birth_date = 0;
  Date death_date = kMaxDate;  // kMaxDate: alive / unknown
  Sex sex = Sex::kUnknown;
};

struct KinshipFact {
  PersonIndex person = kNone;  // for kParent/kAdoptiveParent: the parent
  PersonIndex relative = kNone;
  KinRelation relation = KinRelation::kParent;
  Interval valid;
};

struct Organization {
  uint64_t bin = 0;
  StrId name = kEmptyStr;
  OrgKind kind = OrgKind::kCompany;
  OrgIndex parent = kNone;
  StrId region = kEmptyStr;
};

struct Position {
  StrId id = kEmptyStr;
  OrgIndex org = kNone;
  StrId title = kEmptyStr;
  PositionIndex reports_to = kNone;
  bool is_head = false;
};

struct Employment {
  PersonIndex person = kNone;
  PositionIndex position = kNone;
  Interval valid;
  PersonIndex appointed_by = kNone;
  CommissionIndex selection_commission = kNone;
};

struct Commission {
  StrId id = kEmptyStr;
  OrgIndex org = kNone;
  CommissionKind kind = CommissionKind::kOther;
  StrId title = kEmptyStr;
  Interval valid;
};

struct CommissionSeat {
  CommissionIndex commission = kNone;
  PersonIndex person = kNone;
  SeatRole role = SeatRole::kMember;
  Interval valid;
  bool public_representative = false;
  // A seat whose person the source named only by name (a goszakup commission list), matched to
  // a person by loaders/names: the name as given and the match's score in (0, 1]. Score 0 for a
  // seat given by IIN. Findings resting on such a seat say so (finding.h, Evidence).
  float match_score = 0;
  StrId matched_name = kEmptyStr;
};

struct CompanyRole {
  OrgIndex company = kNone;
  CompanyRoleKind role = CompanyRoleKind::kFounder;
  PersonIndex holder_person = kNone;  // exactly one of the two holders is set
  OrgIndex holder_org = kNone;
  double share_pct = kUnknownAmount;
  Interval valid;
};

struct Tender {
  StrId id = kEmptyStr;
  OrgIndex customer = kNone;
  TenderMethod method = TenderMethod::kOpenTender;
  Date announced = 0;
  CommissionIndex commission = kNone;
  StrId title = kEmptyStr;
  double amount_kzt = kUnknownAmount;
};

struct Bid {
  TenderIndex tender = kNone;
  OrgIndex supplier = kNone;
  BidOutcome outcome = BidOutcome::kLost;
  Date submitted = kMinDate;
  double amount_kzt = kUnknownAmount;
  StrId filed_by_name = kEmptyStr;  // who filed it, a full name only (goszakup's cr_fio)
};

struct Contract {
  StrId id = kEmptyStr;
  OrgIndex customer = kNone;
  OrgIndex supplier = kNone;
  Date signed_date = 0;
  TenderIndex tender = kNone;
  PersonIndex signed_by = kNone;
  double amount_kzt = kUnknownAmount;
};

struct Allocation {
  StrId id = kEmptyStr;
  AllocationKind kind = AllocationKind::kLand;
  CommissionIndex commission = kNone;
  PersonIndex recipient = kNone;
  Date decision_date = 0;
  StrId object_id = kEmptyStr;
  int64_t queue_number = 0;  // 0: not given
  PersonIndex approved_by = kNone;
};

struct DisciplinaryCase {
  StrId id = kEmptyStr;
  PersonIndex subject = kNone;
  Date opened = 0;
  PersonIndex investigator = kNone;
  CommissionIndex commission = kNone;
  StrId outcome = kEmptyStr;
};

struct Bonus {
  StrId id = kEmptyStr;
  PersonIndex recipient = kNone;
  PersonIndex approved_by = kNone;
  OrgIndex org = kNone;
  Date date = 0;
  double amount_kzt = kUnknownAmount;
};

struct WaitingListEntry {
  CommissionIndex commission = kNone;
  PersonIndex person = kNone;
  int64_t queue_number = 0;
  Date registered = 0;
  Date removed = kMaxDate;  // kMaxDate: still on the list
};

struct BlacklistEntry {
  OrgIndex supplier = kNone;
  Interval valid;
  StrId reason = kEmptyStr;
};

struct Residence {
  PersonIndex person = kNone;
  StrId address = kEmptyStr;
  Interval valid;
};

}  // namespace coigraph::graph
