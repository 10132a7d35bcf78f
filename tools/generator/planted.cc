// The planting's shared part: the families and companies every scenario is built from, and the
// order of a round (planter.h).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "tools/generator/planter.h"

namespace coigraph::generator::planting {

std::string InversePath(std::string_view path) {
  std::vector<std::string_view> steps = Split(path, '.');
  std::reverse(steps.begin(), steps.end());
  std::string out;
  for (std::string_view s : steps) {
    if (!out.empty()) out.push_back('.');
    out.append(s == "parent" ? "child" : s == "child" ? "parent" : std::string(s));
  }
  return out;
}

void Planter::Round() {
  // The order is the random stream's: changing it changes every generated region.
  HireSubordination();
  HireSubordinationTraps();
  HireChain();
  HireChainTraps();
  HireAppointer();
  HireAppointerTraps();
  HireCommission();
  HireCommissionTraps();
  TenderCommission();
  TenderCommissionTraps();
  TenderSignatory();
  TenderSignatoryTraps();
  TenderAffiliatedBidders();
  TenderAffiliatedBiddersTraps();
  TenderBlacklistSuccessor();
  TenderBlacklistSuccessorTraps();
  LandAllocations();
  LandAllocationTraps();
  HousingAllocations();
  HousingAllocationTraps();
  OtherAllocations();
  OtherAllocationTraps();
  Disciplinary();
  DisciplinaryTraps();
  Bonuses();
  BonusTraps();
  UndeclaredTies();
  UndeclaredTieTraps();
}

PersonRec Planter::Root(std::string_view path) {
  int offset = 0, min_off = 0, max_off = 0, hi = 1988;
  if (path != "self") {
    for (std::string_view step : Split(path, '.')) {
      const int before = offset;
      if (step == "parent") offset -= 28;
      if (step == "child") offset += 28;
      if (step == "sibling") offset += 3;
      if (step == "spouse") hi = std::min(hi, 1986 - std::max(before, offset));
      min_off = std::min(min_off, offset);
      max_off = std::max(max_off, offset);
    }
  }
  hi = std::min(hi, 2002 - max_off);
  const int lo = std::min(hi, std::max(1940, 1932 - min_off));
  return w_.NewPerson(rng_.Chance(0.5), w_.RandomDay(rng_.Between(lo, hi)));
}

PersonRec Planter::Relative(const PersonRec& root, std::string_view path, const KinOptions& opt) {
  if (path == "self") return root;
  PersonRec cur = root;
  for (std::string_view step : Split(path, '.')) {
    if (step == "parent") {
      PersonRec p = w_.NewPerson(rng_.Chance(0.5), cur.birth - Years(rng_.Between(26, 30)));
      if (opt.adoptive) {
        w_.AdoptiveParent(p, cur, cur.birth + rng_.Between(100, 900));
      } else {
        w_.Parent(p, cur);
      }
      cur = p;
    } else if (step == "child") {
      PersonRec k = w_.NewPerson(rng_.Chance(0.5), cur.birth + Years(rng_.Between(26, 30)),
                                 cur.male ? cur.surname : -1, cur.male ? &cur : nullptr);
      if (opt.adoptive) {
        w_.AdoptiveParent(cur, k, k.birth + rng_.Between(100, 900));
      } else {
        w_.Parent(cur, k);
      }
      cur = k;
    } else if (step == "spouse") {
      PersonRec s = w_.NewPerson(!cur.male, cur.birth + rng_.Between(-700, 700));
      const Date from = opt.spouse_from != kAlways
                            ? opt.spouse_from
                            : std::max(cur.birth, s.birth) + Years(21) + rng_.Between(0, 700);
      const bool flip = rng_.Chance(0.5);
      w_.Spouse(flip ? s : cur, flip ? cur : s, from, opt.spouse_to);
      cur = s;
    } else if (step == "sibling") {
      const Date birth = cur.birth + (rng_.Chance(0.5) ? 1 : -1) * Years(rng_.Between(2, 3));
      PersonRec b = w_.NewPerson(rng_.Chance(0.5), birth);
      if (opt.sibling == SiblingStyle::kStated) {
        if (rng_.Chance(0.5)) {
          w_.Sibling(cur, b);
        } else {
          w_.Sibling(b, cur);
        }
      } else {
        const PersonRec shared =
            w_.NewPerson(rng_.Chance(0.5), std::min(cur.birth, b.birth) - Years(27));
        w_.Parent(shared, cur);
        w_.Parent(shared, b);
        if (opt.sibling == SiblingStyle::kHalf) {
          w_.Parent(w_.NewPerson(!shared.male, shared.birth + 400), cur);
          w_.Parent(w_.NewPerson(!shared.male, shared.birth - 400), b);
        }
      }
      cur = b;
    }
  }
  return cur;
}

Date Planter::ScenarioDate() { return w_.RandomDay(Day(2016, 3, 1), Day(2023, 10, 1)); }

const StateBody& Planter::AnyBody() {
  return world_.bodies[rng_.Below(static_cast<uint32_t>(world_.bodies.size()))];
}

const StateBody& Planter::AnyAkimat() {
  return world_.akimats[rng_.Below(static_cast<uint32_t>(world_.akimats.size()))];
}

void Planter::FreshMembers(std::string_view commission, int n) {
  for (int i = 0; i < n; ++i) w_.YearlySeats(commission, w_.Fresh(), i == 0 ? "chair" : "member");
}

std::string Planter::Tied(const PersonRec& p, std::string_view role, int links, Date sold) {
  const std::string region = AnyAkimat().region;
  std::string top;
  const Date since = w_.RandomDay(Day(2008, 1, 1), Day(2014, 1, 1));
  if (role == "ie") {
    top = w_.NewIndividualEntrepreneur(p, region);
  } else {
    top = w_.NewCompany(region);
    const double share = role == "founder"            ? (rng_.Chance(0.5) ? 100 : 60)
                         : role == "owner"            ? 100
                         : role == "beneficial_owner" ? 75
                                                      : -1;
    w_.PersonRole(top, role, p, share, since, sold);
    if (sold != kOpen) w_.PersonRole(top, role, w_.Fresh(), share, sold);
    if (role == "founder" && share < 100) w_.PersonRole(top, "founder", w_.Fresh(), 40, since);
  }
  std::string cur = top;
  for (int i = 0; i < links; ++i) {
    const std::string next = w_.NewCompany(region);
    w_.CompanyRole(next, i % 2 == 0 ? "owner" : "founder", cur, 100, since + 30 * (i + 1));
    cur = next;
  }
  if ((role != "director" || links > 0) && rng_.Chance(0.5)) {
    w_.PersonRole(cur, "director", w_.Fresh(), -1, since);
  }
  return cur;
}

std::string Planter::HoldingDirectedBy(const PersonRec& p) {
  const std::string region = AnyAkimat().region;
  const std::string holding = w_.NewCompany(region);
  w_.PersonRole(holding, "founder", w_.Fresh(), 100, Day(2010, 1, 1));
  w_.PersonRole(holding, "director", p, -1, Day(2010, 1, 1));
  std::string company = w_.NewCompany(region);
  w_.CompanyRole(company, "owner", holding, 100, Day(2011, 1, 1));
  return company;
}

}  // namespace coigraph::generator::planting

namespace coigraph::generator {

void PlantConflicts(RegionWriter& w, const RegionSizes& sizes, const RegionWorld& world) {
  planting::Planter planter(w, world);
  for (int i = 0; i < sizes.planted_rounds; ++i) planter.Round();
}

}  // namespace coigraph::generator
