// The planting of conflicts and traps (internal to the generator): the Planter, what its
// scenario files share, and the order they run in.
//
// Every scenario builds its own little family (RegionWriter::NewPerson), so that the only
// tie between the two sides of its decision is the one it means; everyone else on the
// decision (the other members, the other bidders, the head of the post above) is a Fresh()
// background person. Each scenario writes its findings to expected.jsonl, with the date and
// the relation docs/rules.md gives them, or its keys to traps.jsonl when nothing may fire.
//
// The scenarios, by what they plant:
//   planted_hiring.cc              HIRE_SUBORDINATION, HIRE_CHAIN, HIRE_APPOINTER, HIRE_COMMISSION
//   planted_procurement.cc         TENDER_COMMISSION, TENDER_SIGNATORY,
//                                  TENDER_AFFILIATED_BIDDERS, TENDER_BLACKLIST_SUCCESSOR, and
//                                  the undeclared ties the hints must find (hints.jsonl)
//   planted_allocations.cc         LAND_COMMISSION, HOUSING_COMMISSION, COMMISSION_OTHER, and
//                                  LAND_QUEUE_JUMP, HOUSING_QUEUE_JUMP (with the queue-jump traps
//                                  of a true commission conflict whose queue was not jumped)
//   planted_disciplinary_bonus.cc  DISCIPLINARY_INTERESTED, BONUS_RELATIVE
//   planted_traps.cc               the look-alikes of each that must not fire
//   planted.cc                     families and companies; the order of a round
//
// Every scenario draws from the region's one random stream, so the order of Planter::Round()
// is part of the output: a seed gives the same files only while that order stays.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tools/generator/region_world.h"

namespace coigraph::generator::planting {

using graph::Date;

inline constexpr Date kYear = 365;
inline Date Years(int n) { return n * kYear + n / 4; }

inline constexpr std::string_view kHireSubordination = "HIRE_SUBORDINATION";
inline constexpr std::string_view kHireChain = "HIRE_CHAIN";
inline constexpr std::string_view kHireAppointer = "HIRE_APPOINTER";
inline constexpr std::string_view kHireCommission = "HIRE_COMMISSION";
inline constexpr std::string_view kTenderCommission = "TENDER_COMMISSION";
inline constexpr std::string_view kTenderSignatory = "TENDER_SIGNATORY";
inline constexpr std::string_view kTenderAffiliated = "TENDER_AFFILIATED_BIDDERS";
inline constexpr std::string_view kTenderBlacklist = "TENDER_BLACKLIST_SUCCESSOR";
inline constexpr std::string_view kDisciplinary = "DISCIPLINARY_INTERESTED";
inline constexpr std::string_view kBonus = "BONUS_RELATIVE";

enum class SiblingStyle {
  kStated,        // a `sibling` row
  kSharedParent,  // derived: one parent row each from the same parent
  kHalf,          // derived: one shared parent, and a different other parent each
};

struct KinOptions {
  SiblingStyle sibling = SiblingStyle::kStated;
  bool adoptive = false;       // parent/child steps by adoption
  Date spouse_from = kAlways;  // kAlways: a wedding in the couple's early twenties
  Date spouse_to = kOpen;
};

// The kin path from the other end: B is A's `path` <=> A is B's InversePath(path).
std::string InversePath(std::string_view path);

enum class QueueMode {
  kNone,             // no queue number at all: never a queue jump
  kServedAhead,      // everyone ahead was served before the date
  kRemovedAhead,     // the one ahead was removed from the list on the date
  kRegisteredAfter,  // the one ahead registered after the date
  kJump,             // someone ahead waits unserved: a queue jump
  kJumpViaList,      // as kJump; the allocation has no queue_number, the list gives it
  kJumpServedLater,  // as kJump; the one ahead is served, but only after the date
};
inline bool IsJump(QueueMode m) {
  return m == QueueMode::kJump || m == QueueMode::kJumpViaList || m == QueueMode::kJumpServedLater;
}

class Planter {
 public:
  Planter(RegionWriter& w, const RegionWorld& world) : w_(w), rng_(w.rng()), world_(world) {}

  // Plants every scenario once, in a fixed order (planted.cc).
  void Round();

 private:
  // ---------------------------------------------------------------- persons and kin (planted.cc)

  // The first person of a scenario's family, born so that everyone along `path` is born in
  // 1932..2002 and every couple on it can marry by ~2010.
  PersonRec Root(std::string_view path);
  // Creates the persons along `path` from `root` and returns the last one ("self": root).
  PersonRec Relative(const PersonRec& root, std::string_view path, const KinOptions& opt = {});
  Date ScenarioDate();
  const StateBody& AnyBody();
  const StateBody& AnyAkimat();
  void FreshMembers(std::string_view commission, int n);

  // ---------------------------------------------------------------- companies (planted.cc)

  // Ties `p` to a new company through `role` ("ie": p's individual entrepreneur) at the top
  // of `links` company-to-company ownership links; returns the company at the bottom.
  //
  //   p --role--> top --owner--> c1 --founder--> ... --> bottom     (links = 0: top = bottom)
  //
  // `sold`: p's role ends on that day and a Fresh() buyer takes it over.
  std::string Tied(const PersonRec& p, std::string_view role, int links, Date sold = kOpen);
  // p directs a holding that owns the returned company: a director passes no tie down.
  std::string HoldingDirectedBy(const PersonRec& p);

  // ---------------------------------------------------------------- hiring (planted_hiring.cc)

  struct HireOrg {
    std::string bin;
    std::vector<std::string> posts;  // posts[0] is the head; posts[i] reports to posts[i - 1]
    std::string hiring;              // the selection commission, if asked for
  };
  HireOrg NewHireOrg(int depth, bool with_commission = false, Date commission_to = kOpen);
  void Fill(const HireOrg& o, size_t post, Date from = kAlways);
  Date Between(int y0, int y1);

  void HireSubordination();
  void HireChain();
  void HireAppointer();
  void HireCommission();

  // ---------------------------------------------------------------- procurement
  // (planted_procurement.cc)

  // A tender with its own commission (the given members plus two Fresh() ones), the given
  // bidders plus one or two background ones. `winner`: index into `bidders`, or -1 for a
  // background winner. The winner's contract is signed by a Fresh() person. Each bid is filed
  // by RandomFullName(), or by the name `filed_by` gives the bidder of that index.
  struct TenderPlan {
    Date date = 0;
    std::vector<PersonRec> members;
    std::vector<Date> seat_end;  // per member; kOpen: seats all years
    std::vector<std::string> bidders;
    std::vector<std::string> filed_by;  // per bidder; "": a random name
    int winner = -1;
  };
  std::string PlantTender(const TenderPlan& plan);
  // Two bidders: p tied to x through role_p, q = p's `path` tied to y through role_q.
  void ExpectAffiliated(std::string_view tender, Date d, const std::string& x,
                        std::string_view role_p, std::string_view path, const std::string& y,
                        std::string_view role_q);
  void TrapAffiliated(std::string_view tender, const std::string& x, const std::string& y,
                      std::string_view why);

  void TenderCommission();
  void TenderSignatory();
  void TenderAffiliatedBidders();
  void TenderBlacklistSuccessor();
  // A commission member and a bidder's founder, owner or director who are siblings with the
  // kinship rows left out, their names in Kazakh and Russian forms; a bid filed by such a
  // sibling's name; a member and a director registered at one address. hints.jsonl.
  void UndeclaredTies();

  // ---------------------------------------------------------------- allocations
  // (planted_allocations.cc)

  struct AllocationPlan {
    std::string_view kind;  // land, housing, other
    std::string_view path;
    bool approver = false;  // the official approves (else sits on the commission)
    Date seat_end = kOpen;  // the official's seats end here
    QueueMode queue = QueueMode::kNone;
    KinOptions kin = {};
    std::string_view trap = {};  // non-empty: nothing may fire, for this reason
    Date date = 0;
  };
  void PlantAllocation(AllocationPlan plan);

  void LandAllocations();
  void HousingAllocations();
  void OtherAllocations();

  // ---------------------------------------------------------------- disciplinary and bonus
  // (planted_disciplinary_bonus.cc)

  struct DisciplinaryCase {
    std::string_view path;
    bool investigator;     // else a member of the case's commission
    Date seat_end_offset;  // seats end this many days before the date (0: never)
    KinOptions kin;
    std::string_view trap;  // non-empty: nothing may fire, for this reason
  };
  void PlantDisciplinary(const DisciplinaryCase& c);
  struct BonusCase {
    std::string_view path;
    KinOptions kin;
    std::string_view trap;  // non-empty: nothing may fire, for this reason
  };
  void PlantBonus(const BonusCase& c);

  void Disciplinary();
  void Bonuses();

  // ---------------------------------------------------------------- traps (planted_traps.cc)
  // The look-alikes of each rule's conflicts that must not fire: a divorce, an ended seat or
  // share, cousins and uncles, a six-link chain, a holding's director, posts held at different
  // times, a passed-over place removed or already served.

  void HireSubordinationTraps();
  void HireChainTraps();
  void HireAppointerTraps();
  void HireCommissionTraps();
  void TenderCommissionTraps();
  void TenderSignatoryTraps();
  void TenderAffiliatedBiddersTraps();
  void TenderBlacklistSuccessorTraps();
  // The same with the kinship declared (a finding instead), and fathers of other names.
  void UndeclaredTieTraps();
  void LandAllocationTraps();
  void HousingAllocationTraps();
  void OtherAllocationTraps();
  void DisciplinaryTraps();
  void BonusTraps();

  RegionWriter& w_;
  Rng& rng_;
  const RegionWorld& world_;
};

}  // namespace coigraph::generator::planting
