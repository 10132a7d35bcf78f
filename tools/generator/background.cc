// The background of a region: everything that is not a planted conflict.
//
// Every person who can stand on either side of a decision (a post holder, a commission
// member, an approver, a company's owner or director, a recipient) is a RegionWriter::Fresh()
// person used for that one role, so no two of them are legal kin and no one meets themself:
// the background yields no finding of any rule.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "tools/generator/names.h"
#include "tools/generator/region_world.h"

namespace coigraph::generator {

namespace {

constexpr graph::Date kYear = 365;

struct Stint {
  size_t post = 0;  // index into the body's posts
  PersonRec holder;
  graph::Date from = 0;
  graph::Date to = kOpen;
};

const Stint* HolderAt(const std::vector<Stint>& stints, size_t post, graph::Date d) {
  for (const Stint& s : stints) {
    if (s.post == post && s.from <= d && d < s.to) return &s;
  }
  return nullptr;
}

std::string IinOrEmpty(const Stint* s) { return s == nullptr ? std::string() : s->holder.iin; }

int64_t Amount(Rng& rng) {
  static constexpr int64_t kScale[] = {1'000'000, 10'000'000, 100'000'000, 1'000'000'000};
  return kScale[rng.Below(4)] / 10 * rng.Between(1, 30);
}

std::vector<PersonRec> FreshMembers(RegionWriter& w, std::string_view commission, int n) {
  static constexpr std::string_view kRoles[] = {"chair", "deputy_chair", "secretary", "member",
                                                "expert"};
  std::vector<PersonRec> members;
  for (int i = 0; i < n; ++i) {
    PersonRec m = w.Fresh();
    const std::string_view role = i < 3 ? kRoles[i] : kRoles[3 + w.rng().Below(2)];
    if (w.rng().Chance(0.15)) {
      // A member who joined later and left early: seats for a few years only.
      const int first = w.rng().Between(kFirstYear, 2019);
      w.YearlySeats(commission, m, role, first, first + w.rng().Between(1, 4));
    } else {
      w.YearlySeats(commission, m, role);
    }
    members.push_back(std::move(m));
  }
  return members;
}

// A state body's staffing table: head -> 2 deputies -> 2 department heads each -> 2
// specialists each (15 posts, 4 levels), held in 1..3 successive stints.
void WriteBody(RegionWriter& w, const RegionSizes& sizes, const StateBody& body, bool is_akimat,
               std::vector<Stint>* akimat_heads, RegionWorld& world) {
  Rng& rng = w.rng();
  std::vector<std::string> posts;
  std::vector<int> level;
  posts.push_back(
      w.NewPosition(body.bin, is_akimat ? "Аким" : "Руководитель управления", {}, true));
  level.push_back(0);
  for (int d = 0; d < 2; ++d) {
    posts.push_back(w.NewPosition(
        body.bin, is_akimat ? "Заместитель акима" : "Заместитель руководителя", posts[0], false));
    level.push_back(1);
  }
  for (size_t deputy = 1; deputy <= 2; ++deputy) {
    for (int k = 0; k < 2; ++k) {
      posts.push_back(w.NewPosition(body.bin, "Руководитель отдела", posts[deputy], false));
      level.push_back(2);
    }
  }
  for (size_t head = 3; head <= 6; ++head) {
    for (int k = 0; k < 2; ++k) {
      posts.push_back(w.NewPosition(body.bin, k == 0 ? "Главный специалист" : "Ведущий специалист",
                                    posts[head], false));
      level.push_back(3);
    }
  }

  const std::string hiring = w.NewCommission(body.bin, "hiring", "Конкурсная комиссия");
  FreshMembers(w, hiring, 3);
  const std::string tender_commission =
      w.NewCommission(body.bin, "tender", "Комиссия по государственным закупкам", Day(2014, 1, 1));
  FreshMembers(w, tender_commission, 3);
  const std::string disciplinary =
      w.NewCommission(body.bin, "disciplinary", "Дисциплинарная комиссия");
  FreshMembers(w, disciplinary, 3);
  const std::string bonus = w.NewCommission(body.bin, "bonus", "Комиссия по премированию");
  FreshMembers(w, bonus, 2);

  std::vector<Stint> stints;
  for (size_t p = 0; p < posts.size(); ++p) {
    graph::Date t = Day(kFirstYear, 1, 1) + rng.Between(0, 500);
    for (int n = 0; n < 3 && t < Day(2024, 6, 1); ++n) {
      Stint s;
      s.post = p;
      s.holder = w.Fresh();
      s.from = t;
      const graph::Date end = t + rng.Between(2, 7) * kYear + rng.Between(0, 300);
      s.to = end >= Day(2025, 1, 1) ? kOpen : end;
      std::string appointer;
      std::string selection;
      if (p == 0) {
        if (akimat_heads != nullptr) appointer = IinOrEmpty(HolderAt(*akimat_heads, 0, t));
      } else {
        appointer = IinOrEmpty(HolderAt(stints, 0, t));
        if (rng.Chance(0.5)) selection = hiring;
      }
      w.Employ(s.holder, posts[p], s.from, s.to, appointer, selection);
      stints.push_back(s);
      if (s.to == kOpen) break;
      t = s.to + rng.Between(0, 90);
    }
  }
  if (is_akimat && akimat_heads != nullptr) {
    for (const Stint& s : stints) {
      if (s.post == 0) akimat_heads->push_back(s);
    }
  }

  // Tenders of this body: bidders from the pool, one winner, a contract signed by the head.
  static constexpr std::string_view kMethods[] = {"open_tender", "auction",
                                                  "request_for_quotations", "single_source"};
  for (int i = 0; i < sizes.tenders_per_body && !world.bidders.empty(); ++i) {
    const graph::Date announced = w.RandomDay(Day(kFirstYear, 2, 1), Day(2024, 11, 1));
    const std::string_view method = kMethods[rng.Below(4)];
    const int64_t amount = Amount(rng);
    const std::string tender = w.NewTender(body.bin, method, announced, tender_commission, amount);
    const int n = method == "single_source" ? 1 : rng.Between(2, 4);
    std::vector<std::string> bidders;
    while (static_cast<int>(bidders.size()) < n && bidders.size() < world.bidders.size()) {
      const std::string& b = world.bidders[rng.Below(static_cast<uint32_t>(world.bidders.size()))];
      if (std::find(bidders.begin(), bidders.end(), b) == bidders.end()) bidders.push_back(b);
    }
    const int winner = rng.Chance(0.85) ? static_cast<int>(rng.Below(bidders.size())) : -1;
    for (int b = 0; b < static_cast<int>(bidders.size()); ++b) {
      const std::string_view outcome =
          b == winner ? "won" : (rng.Chance(0.8) ? "lost" : "rejected");
      const std::string filed_by = w.RandomFullName();  // someone of the bidder's staff
      w.Bid(tender, bidders[b], outcome, announced + rng.Between(1, 20),
            amount - amount / 20 * rng.Between(0, 5), filed_by);
    }
    if (winner >= 0) {
      const graph::Date signed_date = announced + rng.Between(25, 45);
      w.NewContract(body.bin, bidders[winner], signed_date, tender,
                    IinOrEmpty(HolderAt(stints, 0, signed_date)), amount);
    }
  }

  // A disciplinary case and two bonuses over the staff.
  std::vector<const Stint*> staff;
  for (const Stint& s : stints) {
    if (s.post != 0) staff.push_back(&s);
  }
  auto date_in = [&](const Stint& s) {
    const graph::Date to = std::min(s.to, Day(2024, 12, 1));
    return s.from + 10 >= to ? s.from : w.RandomDay(s.from + 10, to);
  };
  {
    const Stint& subject = *staff[rng.Below(static_cast<uint32_t>(staff.size()))];
    const graph::Date opened = date_in(subject);
    w.NewCase(subject.holder, opened, IinOrEmpty(HolderAt(stints, 0, opened)),
              rng.Chance(0.7) ? disciplinary : std::string());
  }
  for (int i = 0; i < 2; ++i) {
    const Stint& recipient = *staff[rng.Below(static_cast<uint32_t>(staff.size()))];
    const graph::Date date = date_in(recipient);
    const Stint* head = HolderAt(stints, 0, date);
    if (head == nullptr) continue;
    w.NewBonus(recipient.holder, head->holder.iin, body.bin, date,
               int64_t{50'000} * rng.Between(1, 20));
  }
  (void)level;
}

// Land and housing commissions allocate from a waiting list; `other` decides about persons.
void WriteAllocations(RegionWriter& w, const StateBody& akimat, std::string_view kind, int count,
                      const std::vector<Stint>& akimat_heads) {
  Rng& rng = w.rng();
  const std::string title = kind == "land"      ? "Земельная комиссия"
                            : kind == "housing" ? "Жилищная комиссия"
                                                : "Комиссия по оказанию социальной помощи";
  const std::string commission = w.NewCommission(akimat.bin, kind, title);
  FreshMembers(w, commission, 4);
  auto approver_at = [&](graph::Date d) {
    const Stint* s = rng.Chance(0.7) ? HolderAt(akimat_heads, 0, d) : nullptr;
    return IinOrEmpty(s);
  };
  if (kind == "other") {
    for (int i = 0; i < count; ++i) {
      const graph::Date d = w.RandomDay(Day(kFirstYear, 1, 1), Day(2024, 12, 1));
      w.NewAllocation(kind, commission, w.Fresh(), d, 0, approver_at(d));
    }
    return;
  }
  // Queue places 1..n registered in order; the first `count` places get served in order, some
  // of the rest stay waiting and some are removed from the list.
  const int n = count + std::max(3, count / 2);
  graph::Date registered = Day(2010, 1, 1) + rng.Between(0, 300);
  graph::Date served = Day(kFirstYear, 3, 1) + rng.Between(0, 200);
  for (int q = 1; q <= n; ++q) {
    registered += rng.Between(5, 120);
    if (q <= count) {
      const PersonRec recipient = w.Fresh();
      w.WaitingEntry(commission, recipient, q, registered);
      served += rng.Between(20, 200);
      w.NewAllocation(kind, commission, recipient, served, rng.Chance(0.8) ? q : 0,
                      approver_at(served));
    } else {
      const PersonRec waiting = w.Bystander();
      const graph::Date removed = rng.Chance(0.2) ? registered + rng.Between(100, 2000) : kOpen;
      w.WaitingEntry(commission, waiting, q, registered, removed);
    }
  }
}

std::string_view Pick(Rng& rng, std::span<const std::string_view> v) {
  return v[rng.Below(static_cast<uint32_t>(v.size()))];
}

}  // namespace

RegionSizes SizesFor(int64_t persons) {
  const double u = static_cast<double>(persons) / 10000.0;
  RegionSizes s;
  s.regions = std::clamp(static_cast<int>(std::lround(3 * std::sqrt(u))), 2, 20);
  s.bodies = std::max(2 * s.regions, static_cast<int>(std::lround(17 * u)));
  s.companies = std::max(10, static_cast<int>(std::lround(60 * u)));
  s.holdings = std::max(2, static_cast<int>(std::lround(6 * u)));
  s.entrepreneurs = std::max(3, static_cast<int>(std::lround(15 * u)));
  s.blacklisted = std::max(2, static_cast<int>(std::lround(6 * u)));
  const int per_akimat = std::max(1, static_cast<int>(std::lround(u / s.regions)));
  s.land_allocations_per_akimat = 10 * per_akimat;
  s.housing_allocations_per_akimat = 8 * per_akimat;
  s.other_allocations_per_akimat = 4 * per_akimat;
  s.planted_rounds = std::max<int>(1, static_cast<int>(persons / 10000));
  return s;
}

void WriteBackground(RegionWriter& w, const RegionSizes& sizes, RegionWorld& world) {
  Rng& rng = w.rng();
  const auto regions = Regions();

  // Akimats first (they are the parents of the other bodies), then the departments.
  for (int r = 0; r < sizes.regions; ++r) {
    const std::string region(regions[static_cast<size_t>(r)]);
    StateBody a;
    a.region = region;
    a.bin = w.NewOrganization("state_body", Cat({"ГУ «Аппарат акима» (", region, ")"}), {}, region);
    world.akimats.push_back(a);
    world.bodies.push_back(a);
  }
  for (int b = sizes.regions; b < sizes.bodies; ++b) {
    const StateBody& akimat = world.akimats[static_cast<size_t>(b) % world.akimats.size()];
    StateBody body;
    body.region = akimat.region;
    body.akimat_bin = akimat.bin;
    body.bin = w.NewOrganization(
        "state_body", Cat({"ГУ «", Pick(rng, DepartmentNames()), "» (", akimat.region, ")"}),
        akimat.bin, akimat.region);
    world.bodies.push_back(body);
  }

  // Companies: standalone ones with founders and a director, holdings whose deepest company
  // alone may bid, individual entrepreneurs, one quasi-state company per akimat.
  for (int i = 0; i < sizes.companies; ++i) {
    const std::string region(regions[rng.Below(static_cast<uint32_t>(sizes.regions))]);
    const std::string bin = w.NewCompany(region);
    const graph::Date since = w.RandomDay(Day(2005, 1, 1), Day(2014, 12, 1));
    const PersonRec founder = w.Fresh();
    if (rng.Chance(0.4)) {
      w.PersonRole(bin, "founder", founder, 60, since);
      w.PersonRole(bin, "founder", w.Fresh(), 40, since);
    } else if (rng.Chance(0.15)) {
      // The founder sold the company: a new owner from then on.
      const graph::Date sold = w.RandomDay(Day(2016, 1, 1), Day(2023, 1, 1));
      w.PersonRole(bin, "founder", founder, 100, since, sold);
      w.PersonRole(bin, "founder", w.Fresh(), 100, sold);
    } else {
      w.PersonRole(bin, "founder", founder, 100, since);
    }
    if (rng.Chance(0.3)) {
      w.PersonRole(bin, "director", founder, -1, since);
    } else {
      w.PersonRole(bin, "director", w.Fresh(), -1, since);
    }
    if (rng.Chance(0.2)) w.PersonRole(bin, "board_member", w.Fresh(), -1, since);
    if (rng.Chance(0.1)) w.PersonRole(bin, "beneficial_owner", w.Fresh(), -1, since);
    world.bidders.push_back(bin);
  }
  std::vector<std::string> standalone = world.bidders;
  for (int i = 0; i < sizes.holdings; ++i) {
    const std::string region(regions[rng.Below(static_cast<uint32_t>(sizes.regions))]);
    std::string top = w.NewOrganization(
        "company", Cat({"АО «Холдинг ", Pick(rng, CompanyWords()), "»"}), {}, region);
    w.PersonRole(top, "founder", w.Fresh(), 100, Day(2008, 1, 1));
    w.PersonRole(top, "director", w.Fresh(), -1, Day(2008, 1, 1));
    const int depth = rng.Between(1, 3);
    for (int d = 0; d < depth; ++d) {
      const std::string sub = w.NewOrganization("company", w.CompanyName(), top, region);
      w.CompanyRole(sub, d % 2 == 0 ? "owner" : "founder", top, 100, Day(2009, 1, 1));
      w.PersonRole(sub, "director", w.Fresh(), -1, Day(2009, 1, 1));
      top = sub;
    }
    world.bidders.push_back(top);
  }
  for (int i = 0; i < sizes.entrepreneurs; ++i) {
    const std::string region(regions[rng.Below(static_cast<uint32_t>(sizes.regions))]);
    world.bidders.push_back(w.NewIndividualEntrepreneur(w.Fresh(), region));
  }
  for (const StateBody& a : world.akimats) {
    const std::string q = w.NewOrganization(
        "quasi_state", Cat({"ТОО «Центр развития региона» (", a.region, ")"}), a.bin, a.region);
    w.CompanyRole(q, "owner", a.bin, 100, Day(2010, 1, 1));
    w.PersonRole(q, "director", w.Fresh(), -1, Day(2010, 1, 1));
    world.bidders.push_back(q);
  }
  // The register of unscrupulous suppliers: standalone companies only (a holding would tie
  // its owner to a sister company that wins).
  for (int i = 0; i < sizes.blacklisted && i < static_cast<int>(standalone.size()); ++i) {
    // Distinct companies: every few-th standalone one.
    const std::string& bin = standalone[static_cast<size_t>(i) * standalone.size() /
                                        static_cast<size_t>(sizes.blacklisted)];
    const graph::Date from = w.RandomDay(Day(kFirstYear, 1, 1), Day(2023, 1, 1));
    w.Blacklist(bin, from, rng.Chance(0.3) ? kOpen : from + 2 * kYear,
                "Уклонение от заключения договора");
  }

  // The bodies with their staff, commissions, tenders, cases and bonuses; the akimats first,
  // so that a department head's appointer (the akimat's head) is known.
  std::vector<std::vector<Stint>> akimat_heads(world.akimats.size());
  for (size_t i = 0; i < world.bodies.size(); ++i) {
    const StateBody& body = world.bodies[i];
    const bool is_akimat = i < world.akimats.size();
    std::vector<Stint>* heads = &akimat_heads[is_akimat ? i : i % world.akimats.size()];
    WriteBody(w, sizes, body, is_akimat, heads, world);
  }
  for (size_t i = 0; i < world.akimats.size(); ++i) {
    WriteAllocations(w, world.akimats[i], "land", sizes.land_allocations_per_akimat,
                     akimat_heads[i]);
    WriteAllocations(w, world.akimats[i], "housing", sizes.housing_allocations_per_akimat,
                     akimat_heads[i]);
    WriteAllocations(w, world.akimats[i], "other", sizes.other_allocations_per_akimat,
                     akimat_heads[i]);
  }
}

}  // namespace coigraph::generator
