// Planted conflicts of disciplinary cases and bonuses: DISCIPLINARY_INTERESTED, BONUS_RELATIVE
// (their traps: planted_traps.cc).
#include <string>
#include <string_view>

#include "tools/generator/planter.h"

namespace coigraph::generator::planting {

void Planter::PlantDisciplinary(const DisciplinaryCase& c) {
  const std::string_view r = kDisciplinary;
  const PersonRec o = Root(c.path);
  const PersonRec subject = Relative(o, c.path, c.kin);
  const Date d = ScenarioDate();
  const StateBody& body = AnyBody();
  std::string commission;
  if (!c.investigator || rng_.Chance(0.5)) {
    commission = w_.NewCommission(body.bin, "disciplinary", "Дисциплинарная комиссия");
    FreshMembers(commission, 2);
  }
  if (!c.investigator) {
    w_.YearlySeats(commission, o, "member", kFirstYear, kLastYear,
                   c.seat_end_offset > 0 ? d - c.seat_end_offset : kOpen);
  }
  const std::string investigator =
      c.investigator ? o.iin : (rng_.Chance(0.5) ? w_.Fresh().iin : std::string());
  const std::string id = w_.NewCase(subject, d, investigator, commission);
  if (c.trap.empty()) {
    w_.Expect(r, id, d, o.iin, subject.iin, c.path);
  } else {
    w_.Trap(r, id, o.iin, subject.iin, c.trap);
  }
}

void Planter::PlantBonus(const BonusCase& c) {
  const std::string_view r = kBonus;
  const PersonRec a = Root(c.path);
  const PersonRec recipient = Relative(a, c.path, c.kin);
  const Date d = ScenarioDate();
  const std::string id =
      w_.NewBonus(recipient, a.iin, AnyBody().bin, d, int64_t{100'000} * rng_.Between(1, 2000));
  if (c.trap.empty()) {
    w_.Expect(r, id, d, a.iin, recipient.iin, c.path);
  } else {
    w_.Trap(r, id, a.iin, recipient.iin, c.trap);
  }
}

void Planter::Disciplinary() {
  const DisciplinaryCase kCases[] = {
      {"self", true, 0, {}, {}},
      {"spouse", true, 0, {}, {}},
      {"sibling.spouse", false, 0, {}, {}},
      {"child.child", false, 0, {}, {}},
      {"spouse.parent", true, 0, {}, {}},
  };
  for (const DisciplinaryCase& c : kCases) PlantDisciplinary(c);
}

void Planter::Bonuses() {
  const BonusCase kCases[] = {
      {"self", {}, {}},
      {"child", {}, {}},
      {"spouse.sibling", {.sibling = SiblingStyle::kHalf}, {}},
      {"parent", {.adoptive = true}, {}},
      {"sibling", {}, {}},
  };
  for (const BonusCase& c : kCases) PlantBonus(c);
}

}  // namespace coigraph::generator::planting
