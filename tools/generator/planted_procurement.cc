// Planted procurement conflicts: TENDER_COMMISSION, TENDER_SIGNATORY, TENDER_AFFILIATED_BIDDERS,
// TENDER_BLACKLIST_SUCCESSOR, and the undeclared ties of the hints (their traps:
// planted_traps.cc).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "tools/generator/planter.h"

namespace coigraph::generator::planting {

std::string Planter::PlantTender(const TenderPlan& plan) {
  const StateBody& customer = AnyBody();
  const std::string commission = w_.NewCommission(
      customer.bin, "tender", "Комиссия по государственным закупкам", Day(2014, 1, 1));
  FreshMembers(commission, 2);
  for (size_t i = 0; i < plan.members.size(); ++i) {
    w_.YearlySeats(commission, plan.members[i], "member", kFirstYear, kLastYear,
                   i < plan.seat_end.size() ? plan.seat_end[i] : kOpen);
  }
  const int64_t amount = int64_t{1'000'000} * rng_.Between(5, 300);
  std::string tender = w_.NewTender(customer.bin, "open_tender", plan.date, commission, amount);
  std::vector<std::string> bidders = plan.bidders;
  const size_t want = bidders.size() + 1 + rng_.Below(2);
  while (bidders.size() < want) {
    const std::string& b = world_.bidders[rng_.Below(static_cast<uint32_t>(world_.bidders.size()))];
    if (std::find(bidders.begin(), bidders.end(), b) == bidders.end()) bidders.push_back(b);
  }
  const size_t winner = plan.winner >= 0 ? static_cast<size_t>(plan.winner) : plan.bidders.size();
  for (size_t i = 0; i < bidders.size(); ++i) {
    const std::string filed_by = i < plan.filed_by.size() && !plan.filed_by[i].empty()
                                     ? plan.filed_by[i]
                                     : w_.RandomFullName();
    w_.Bid(tender, bidders[i], i == winner ? "won" : "lost", plan.date + rng_.Between(1, 15),
           amount - amount / 20 * rng_.Between(0, 4), filed_by);
  }
  w_.NewContract(customer.bin, bidders[winner], plan.date + rng_.Between(25, 40), tender,
                 w_.Fresh().iin, amount);
  return tender;
}

void Planter::ExpectAffiliated(std::string_view tender, Date d, const std::string& x,
                               std::string_view role_p, std::string_view path, const std::string& y,
                               std::string_view role_q) {
  if (x < y) {
    w_.Expect(kTenderAffiliated, tender, d, x, y, Cat({role_p, "<", path, ">", role_q}));
  } else {
    w_.Expect(kTenderAffiliated, tender, d, y, x,
              Cat({role_q, "<", InversePath(path), ">", role_p}));
  }
}

void Planter::TrapAffiliated(std::string_view tender, const std::string& x, const std::string& y,
                             std::string_view why) {
  w_.Trap(kTenderAffiliated, tender, std::min(x, y), std::max(x, y), why);
}

void Planter::TenderCommission() {
  const std::string_view r = kTenderCommission;
  struct Case {
    std::string_view path;
    std::string_view role;  // as Tied(); "ie" shows as "owner"
    int links;
    SiblingStyle sibling;
  };
  static constexpr Case kCases[] = {
      {"self", "director", 0, SiblingStyle::kStated},
      {"spouse", "founder", 0, SiblingStyle::kStated},
      {"sibling", "founder", 3, SiblingStyle::kHalf},
      {"spouse.sibling", "owner", 5, SiblingStyle::kSharedParent},
      {"child", "ie", 0, SiblingStyle::kStated},
      {"parent.parent", "beneficial_owner", 0, SiblingStyle::kStated},
      {"sibling.spouse", "board_member", 0, SiblingStyle::kStated},
  };
  for (const Case& c : kCases) {
    const PersonRec m = Root(c.path);
    const PersonRec q = Relative(m, c.path, {.sibling = c.sibling});
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    plan.bidders = {Tied(q, c.role, c.links)};
    plan.winner = rng_.Chance(0.5) ? 0 : -1;
    const std::string tender = PlantTender(plan);
    w_.Expect(r, tender, plan.date, m.iin, plan.bidders[0],
              Cat({c.path, ">", c.role == "ie" ? "owner" : c.role}));
  }
}

void Planter::TenderSignatory() {
  const std::string_view r = kTenderSignatory;
  struct Case {
    std::string_view path;
    std::string_view role;
    int links;
    bool with_tender;
  };
  static constexpr Case kCases[] = {
      {"self", "founder", 0, false}, {"sibling", "director", 0, true},
      {"spouse", "ie", 0, false},    {"parent", "founder", 2, false},
      {"child", "ie", 1, true},      {"spouse.parent", "owner", 0, false},
  };
  for (const Case& c : kCases) {
    const PersonRec s = Root(c.path);
    const PersonRec q = Relative(s, c.path);
    const std::string supplier = Tied(q, c.role, c.links);
    const Date d = ScenarioDate();
    const StateBody& customer = AnyBody();
    std::string tender;
    if (c.with_tender) {
      // A single-source tender won by the supplier; its commission is all strangers.
      const std::string commission =
          w_.NewCommission(customer.bin, "tender", "Комиссия по закупкам", Day(2014, 1, 1));
      FreshMembers(commission, 2);
      tender = w_.NewTender(customer.bin, "single_source", d - 40, commission, 30'000'000);
      w_.Bid(tender, supplier, "won", d - 35, 29'000'000);
    }
    const std::string contract = w_.NewContract(customer.bin, supplier, d, tender, s.iin,
                                                int64_t{1'000'000} * rng_.Between(1, 500));
    w_.Expect(r, contract, d, s.iin, supplier,
              Cat({c.path, ">", c.role == "ie" ? "owner" : c.role}));
  }
}

void Planter::TenderAffiliatedBidders() {
  struct Case {
    std::string_view role_p;  // as Tied()
    int links_p;
    std::string_view path;
    std::string_view role_q;
    int links_q;
  };
  static constexpr Case kCases[] = {
      {"founder", 0, "self", "director", 0},  {"owner", 0, "sibling", "founder", 0},
      {"founder", 0, "spouse", "founder", 1}, {"ie", 0, "child", "founder", 0},
      {"founder", 2, "self", "director", 0},  {"beneficial_owner", 0, "spouse.parent", "ie", 0},
  };
  for (const Case& c : kCases) {
    const PersonRec p = Root(c.path);
    const PersonRec q = Relative(p, c.path, {.sibling = SiblingStyle::kSharedParent});
    const std::string x = Tied(p, c.role_p, c.links_p);
    const std::string y = Tied(q, c.role_q, c.links_q);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.bidders = {x, y};
    plan.winner = static_cast<int>(rng_.Below(3)) - 1;
    const std::string tender = PlantTender(plan);
    ExpectAffiliated(tender, plan.date, x, c.role_p == "ie" ? "owner" : c.role_p, c.path, y,
                     c.role_q == "ie" ? "owner" : c.role_q);
  }
}

void Planter::TenderBlacklistSuccessor() {
  const std::string_view r = kTenderBlacklist;
  struct Case {
    std::string_view role_w;  // p's role in the winner
    std::string_view path;
    std::string_view role_b;  // q's role in the blacklisted supplier
    int links_b;
  };
  static constexpr Case kCases[] = {
      {"founder", "self", "founder", 0}, {"founder", "spouse", "director", 0},
      {"ie", "sibling", "owner", 0},     {"beneficial_owner", "child", "founder", 1},
      {"owner", "parent", "ie", 0},
  };
  for (const Case& c : kCases) {
    const PersonRec p = Root(c.path);
    const PersonRec q = Relative(p, c.path);
    const std::string blacklisted = Tied(q, c.role_b, c.links_b);
    const std::string winner = Tied(p, c.role_w, 0);
    TenderPlan plan;
    plan.date = ScenarioDate();
    w_.Blacklist(blacklisted, plan.date - rng_.Between(1, 600),
                 rng_.Chance(0.3) ? kOpen : plan.date + rng_.Between(1, 600),
                 "Неисполнение договора");
    plan.bidders = {winner};
    plan.winner = 0;
    const std::string tender = PlantTender(plan);
    w_.Expect(r, tender, plan.date, winner, blacklisted,
              Cat({c.role_w == "ie" ? "owner" : c.role_w, "<", c.path, ">",
                   c.role_b == "ie" ? "owner" : c.role_b}));
  }
}

void Planter::UndeclaredTies() {
  struct Name {
    bool male;
    std::string_view last, first, patronymic;
  };
  struct Case {
    Name member;
    Name sibling;
    std::string_view party;     // as Tied(), or "bid_filer": the bid is filed by `filed_as`
    std::string_view filed_as;  // the sibling's name as the filer wrote it
    bool spouse_bids;           // the member's declared wife founded another bidder: a case
  };
  static constexpr Case kCases[] = {
      {{true, "Жақыпов", "Ерлан", "Серікұлы"},
       {false, "Джакупова", "Айгуль", "Сериковна"},
       "founder",
       {},
       true},
      {{false, "Сүлейменова", "Динара", "Мұратқызы"},
       {true, "Сулейменов", "Арман", "Муратович"},
       "director",
       {},
       false},
      {{true, "Әбдірахманов", "Нұрлан", "Ғалымұлы"},
       {false, "Абдрахманова", "Салтанат", "Галымовна"},
       "owner",
       {},
       false},
      {{true, "Қасымов", "Асқар", "Бауыржанұлы"},
       {true, "Касымов", "Олжас", "Бауыржанович"},
       "bid_filer",
       "КАСЫМОВ ОЛЖАС БАУЫРЖАНОВИЧ",
       false},
  };
  constexpr std::string_view kWhy = "siblings without kinship rows, Kazakh and Russian spellings";
  for (const Case& c : kCases) {
    const Date born = w_.RandomDay(rng_.Between(1965, 1990));
    const PersonRec m =
        w_.NewNamedPerson(c.member.male, born, c.member.last, c.member.first, c.member.patronymic);
    TenderPlan plan;
    plan.date = ScenarioDate();
    plan.members = {m};
    std::string person;
    if (c.party == "bid_filer") {
      plan.bidders = {world_.bidders[rng_.Below(static_cast<uint32_t>(world_.bidders.size()))]};
      plan.filed_by = {std::string(c.filed_as)};
      person = c.filed_as;
    } else {
      const PersonRec q = w_.NewNamedPerson(c.sibling.male, born + Years(rng_.Between(2, 4)),
                                            c.sibling.last, c.sibling.first, c.sibling.patronymic);
      plan.bidders = {Tied(q, c.party, 0)};
      person = q.iin;
    }
    std::string spouse_bidder;
    if (c.spouse_bids) {
      spouse_bidder = Tied(Relative(m, "spouse"), "founder", 0);
      plan.bidders.push_back(spouse_bidder);
    }
    plan.winner = static_cast<int>(rng_.Below(static_cast<uint32_t>(plan.bidders.size())));
    const std::string tender = PlantTender(plan);
    w_.PlantedHint(false, tender, m.iin, plan.bidders[0], c.party, person, kWhy);
    if (c.spouse_bids)
      w_.Expect(kTenderCommission, tender, plan.date, m.iin, spouse_bidder, "spouse>founder");
  }

  // A member and a bidder's director of other families, registered at one address.
  const PersonRec m = Root("self");
  const PersonRec d = Root("self");
  const std::string address = w_.NewAddress(AnyAkimat().region);
  w_.Residence(m, address, Day(2012, 1, 1) + rng_.Between(0, 700));
  w_.Residence(d, address, Day(2012, 1, 1) + rng_.Between(0, 700));
  TenderPlan plan;
  plan.date = ScenarioDate();
  plan.members = {m};
  plan.bidders = {Tied(d, "director", 0)};
  plan.winner = rng_.Chance(0.5) ? 0 : -1;
  const std::string tender = PlantTender(plan);
  w_.PlantedHint(false, tender, m.iin, plan.bidders[0], "director", d.iin,
                 "registered at one address, no kinship");
}

}  // namespace coigraph::generator::planting
