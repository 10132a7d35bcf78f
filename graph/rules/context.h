// Internal to graph/: what the rule files share. Not part of the public surface.
//
// A rule finds candidate ties and hands them to a FindingSink, which keeps one per
// (rule, object_id, official, counterparty) — the earliest date, and on that date the closest
// tie — and only then turns the survivors into Findings (relation, path, severity, texts).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "graph/business.h"
#include "graph/finding.h"
#include "graph/kinship.h"
#include "graph/rules.h"
#include "graph/snapshot.h"

namespace coigraph::graph::internal {

// What ties the official to the counterparty.
//   person -> person:    kin
//   person -> company:   kin (official ... holder), to_company (holder's tie to counterparty)
//   company -> company:  from_company (p's tie to the official company), kin (p ... q),
//                        to_company (q's tie to the counterparty company)
struct Evidence {
  KinTie kin;
  std::optional<CompanyTie> from_company;
  std::optional<CompanyTie> to_company;
};

// Lexicographic closeness of evidence: kin path, company links, roles, then ids.
struct TieCloseness {
  int kin = 0;
  int links = 0;
  int role_from = 0;
  int role_to = 0;
  uint64_t id_from = 0;
  uint64_t id_to = 0;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted operator<=>.
  friend auto operator<=>(const TieCloseness&, const TieCloseness&) = default;
};
TieCloseness Measure(const Snapshot& s, const Evidence& e);

// The decision a candidate is about: the lower post's or the appointee's stint, the tender,
// contract, allocation, disciplinary case or bonus. It points into the snapshot's tables, or at
// a hypothetical object of a check (checks.cc) that outlives the sink. Explanations are written
// from it only for the candidates that survive (FindingSink::Take), never per candidate.
using Decision = std::variant<const Employment*, const Tender*, const Contract*, const Allocation*,
                              const DisciplinaryCase*, const Bonus*>;

// The decision as a T (Employment, Tender, ...), or null when it is another kind.
template <typename T>
const T* As(const Decision& d) {
  const T* const* p = std::get_if<const T*>(&d);
  return p ? *p : nullptr;
}

// A tender, contract or bonus of at least this many tenge is "much money at stake"
// (docs/rules.md, Severity): its findings are one step graver.
inline constexpr double kLargeAmountKzt = 100'000'000.0;

// The severity bump for an amount: 1 from kLargeAmountKzt on, else 0.
constexpr int MoneyBump(double amount_kzt) { return amount_kzt >= kLargeAmountKzt ? 1 : 0; }

struct Candidate {
  Rule rule = Rule::kHireSubordination;
  std::string object_id;
  Date date = 0;
  VertexId official;
  VertexId counterparty;
  Evidence evidence;
  TieCloseness closeness;
  Decision decision;
  PositionIndex official_post = kNone;  // the reporting rules: the upper holder's post
  int severity_bump = 0;                // +1 for money or land
};

class FindingSink {
 public:
  FindingSink(const Snapshot& s, const RuleSet& rules) : s_(s), rules_(rules) {}

  bool Wants(Rule r) const { return rules_.test(static_cast<size_t>(r)); }
  // Keeps `c` if it is the first, earlier or (same date) closer candidate for its key.
  void Offer(Candidate c);
  // The findings, sorted by FindingLess.
  std::vector<Finding> Take();

 private:
  const Snapshot& s_;
  RuleSet rules_;
  absl::flat_hash_map<std::string, Candidate> best_;
};

// Members of commission `c` on `d` (the commission and the seat both hold), sorted, unique.
std::vector<PersonIndex> MembersOn(const Snapshot& s, CommissionIndex c, Date d);

// The relation string of a finding's evidence: "spouse.sibling", "sibling>founder",
// "founder<self>director" (finding_path.cc).
std::string RelationOf(const Evidence& e);
// The path from the official to the counterparty, each edge with the validity of its fact on
// the candidate's date (finding_path.cc).
FindingPath PathOf(const Snapshot& s, const Candidate& c);
// The snapshot indexes the candidate's rule judged (finding_path.cc).
FindingScope ScopeOf(const Snapshot& s, const Candidate& c);

// The commission whose member the official may be, and the person who approved or
// investigated the decision, where the rule judges commission members (explain.cc).
struct DecisionMakers {
  CommissionIndex commission = kNone;
  PersonIndex approver = kNone;
  bool investigator = false;  // the approver is a disciplinary case's investigator
};
DecisionMakers MakersOf(const Candidate& c);

// What the finding rests on: a name-matched seat when the official is in it only by a seat of
// the deciding commission that the importer matched by name (seat_evidence.cc).
FindingEvidence EvidenceOf(const Snapshot& s, const Candidate& c);
// Caps a name-matched finding's severity and adds to its explanations the name the source gave
// and the match's score (seat_evidence.cc).
void MarkNameMatched(Finding& f);

// The explanation texts of a finding in Kazakh, Russian and English (explain.cc; a queue
// jump's part in queue_jump_text.cc).
void Explain(const Snapshot& s, const Candidate& c, Finding& f);

// The queue-jump test (queue_jump.cc).
// The queue number an allocation served its recipient at: the allocation's own, else the
// smallest of the recipient's entries on the commission's list active on the date; 0 if none.
int64_t QueuePlace(const Snapshot& s, const Allocation& a);
// Someone the allocation skipped: on the same commission's list, active on the date, with a
// smaller number than `place`, not served by that commission on or before the date. With
// `smallest`, the one with the smallest number (for the explanation), else the first found.
const WaitingListEntry* SkippedEntry(const Snapshot& s, const Allocation& a, int64_t place,
                                     bool smallest);

// Legal kin on one date, computed once per person.
class KinCache {
 public:
  KinCache(const Snapshot& s, Date d) : s_(s), d_(d) {}
  const std::vector<KinTie>& Of(PersonIndex p);
  // The closest tie from a to b (self when equal).
  std::optional<KinTie> Between(PersonIndex a, PersonIndex b);

 private:
  const Snapshot& s_;
  Date d_;
  absl::flat_hash_map<PersonIndex, std::vector<KinTie>> cache_;
};

// The closest tie from person `official` to a company through its `holders` on the cache's
// date (self or legal kin); nullopt when none.
std::optional<Evidence> PersonToCompany(const Snapshot& s, PersonIndex official, KinCache& kin,
                                        const std::vector<CompanyTie>& holders);

// The rule families over every object of the snapshot, one file each.
void RunHiringRules(const Snapshot& s, FindingSink& sink);        // hiring.cc
void RunProcurementRules(const Snapshot& s, FindingSink& sink);   // procurement.cc
void RunAllocationRules(const Snapshot& s, FindingSink& sink);    // allocation.cc
void RunDisciplinaryRules(const Snapshot& s, FindingSink& sink);  // disciplinary_bonus.cc
void RunBonusRules(const Snapshot& s, FindingSink& sink);         // disciplinary_bonus.cc

// Decisions about a person (person_decision.cc).
// Offers `rule` when `official` is kin to `counterparty` on `date`.
void OfferPersonTie(const Snapshot& s, FindingSink& sink, Rule rule, std::string object_id,
                    Date date, PersonIndex official, PersonIndex counterparty, Decision decision,
                    int bump);
// The officials of a decision: members of its commission on the date, and its approver.
std::vector<PersonIndex> Officials(const Snapshot& s, CommissionIndex c, PersonIndex approver,
                                   Date d);

// The rules on one object, real or hypothetical (checks.h uses these too).
// Whether a person may be kin to the employment's holder on some day: a cheap first filter
// before the dated search. The scan asks graph::EverKin pair by pair; a check, which also looks
// below, asks the set EverKin(s, holder) it made once.
using MaybeKin = absl::FunctionRef<bool(PersonIndex)>;
// Everyone a legal kinship path joins to `p` on some day (a check's first filter).
absl::flat_hash_set<PersonIndex> EverKin(const Snapshot& s, PersonIndex p);
// HIRE_SUBORDINATION / HIRE_CHAIN with `e` as the lower post's employment. With `on` (a check),
// only the holders on that day, tied on that day; else every overlap (the scan).
void OfferReportingAbove(const Snapshot& s, FindingSink& sink, const Employment& e,
                         MaybeKin maybe_kin, std::optional<Date> on = std::nullopt);
// HIRE_SUBORDINATION / HIRE_CHAIN with `e` as the upper post's employment; `ever_kin` is
// EverKin(s, e.person).
void OfferReportingBelow(const Snapshot& s, FindingSink& sink, const Employment& e,
                         const absl::flat_hash_set<PersonIndex>& ever_kin,
                         std::optional<Date> on = std::nullopt);
// HIRE_APPOINTER / HIRE_COMMISSION of one employment.
void OfferAppointmentRules(const Snapshot& s, FindingSink& sink, const Employment& e,
                           MaybeKin maybe_kin);
// Distinct suppliers of a tender's bids sorted by BIN; `winners_only` keeps outcome = won.
std::vector<OrgIndex> Bidders(const Snapshot& s, TenderIndex t, bool winners_only);
// TENDER_COMMISSION of `tender` against `bidders`.
void OfferTenderCommission(const Snapshot& s, FindingSink& sink, const Tender& tender,
                           const std::vector<OrgIndex>& bidders);
// TENDER_AFFILIATED_BIDDERS among `bidders` (sorted by BIN); with `only` set, just the pairs
// that include it.
void OfferAffiliatedBidders(const Snapshot& s, FindingSink& sink, const Tender& tender,
                            const std::vector<OrgIndex>& bidders, OrgIndex only = kNone);
// TENDER_BLACKLIST_SUCCESSOR for one winner.
void OfferBlacklistSuccessor(const Snapshot& s, FindingSink& sink, const Tender& tender,
                             OrgIndex winner, KinCache& kin);
void OfferSignatory(const Snapshot& s, FindingSink& sink, const Contract& contract);
// The allocation rules of one decision.
void OfferAllocation(const Snapshot& s, FindingSink& sink, const Allocation& a);

}  // namespace coigraph::graph::internal
