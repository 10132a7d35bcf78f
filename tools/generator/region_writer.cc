#include "tools/generator/region_writer.h"

#include <algorithm>
#include <cstdio>

#include "base/json.h"
#include "tools/generator/names.h"

namespace coigraph::generator {

namespace {

constexpr size_t kBystanderCap = 1 << 16;
constexpr graph::Date kYear = 365;

graph::Date Years(int n) { return n * kYear + n / 4; }

}  // namespace

RegionWriter::RegionWriter(uint64_t seed) : rng_(seed), names_rng_(~seed) {
  const auto males = MaleNames();
  for (size_t i = 0; i < males.size(); ++i) {
    (males[i].kazakh ? kazakh_male_ : russian_male_).push_back(static_cast<uint16_t>(i));
  }
  const auto females = FemaleNames();
  for (size_t i = 0; i < females.size(); ++i) {
    (females[i].kazakh ? kazakh_female_ : russian_female_).push_back(static_cast<uint16_t>(i));
  }
}

absl::Status RegionWriter::Open(const std::string& dir) {
  struct File {
    loaders::CsvWriter* writer;
    const char* name;
    std::initializer_list<std::string_view> header;
  };
  const File files[] = {
      {&persons_,
       "persons.csv",
       {"iin", "last_name", "first_name", "patronymic", "birth_date", "sex", "death_date"}},
      {&kinship_,
       "kinship.csv",
       {"person_iin", "relative_iin", "relation", "valid_from", "valid_to"}},
      {&organizations_, "organizations.csv", {"bin", "name", "kind", "parent_bin", "region"}},
      {&positions_, "positions.csv", {"position_id", "org_bin", "title", "reports_to", "is_head"}},
      {&employment_,
       "employment.csv",
       {"person_iin", "position_id", "valid_from", "valid_to", "appointed_by_iin",
        "selection_commission_id"}},
      {&commissions_,
       "commissions.csv",
       {"commission_id", "org_bin", "kind", "title", "valid_from", "valid_to"}},
      {&members_,
       "commission_members.csv",
       {"commission_id", "person_iin", "role", "valid_from", "valid_to", "public_representative"}},
      {&company_roles_,
       "company_roles.csv",
       {"company_bin", "role", "holder_iin", "holder_bin", "share_pct", "valid_from", "valid_to"}},
      {&tenders_,
       "tenders.csv",
       {"tender_id", "customer_bin", "method", "announced_date", "commission_id", "title",
        "amount_kzt"}},
      {&bids_,
       "bids.csv",
       {"tender_id", "supplier_bin", "outcome", "submitted_date", "amount_kzt", "filed_by_name"}},
      {&contracts_,
       "contracts.csv",
       {"contract_id", "customer_bin", "supplier_bin", "signed_date", "tender_id", "signed_by_iin",
        "amount_kzt"}},
      {&allocations_,
       "allocations.csv",
       {"decision_id", "kind", "commission_id", "recipient_iin", "decision_date", "object_id",
        "queue_number", "approved_by_iin"}},
      {&disciplinary_,
       "disciplinary.csv",
       {"case_id", "subject_iin", "opened_date", "investigator_iin", "commission_id", "outcome"}},
      {&bonuses_,
       "bonuses.csv",
       {"bonus_id", "recipient_iin", "approved_by_iin", "org_bin", "date", "amount_kzt"}},
      {&waiting_list_,
       "waiting_list.csv",
       {"commission_id", "person_iin", "queue_number", "registered_date", "removed_date"}},
      {&blacklist_, "blacklist.csv", {"supplier_bin", "valid_from", "valid_to", "reason"}},
      {&residence_, "residence.csv", {"person_iin", "address_id", "valid_from", "valid_to"}},
  };
  for (const File& f : files) {
    absl::Status s = f.writer->Open(dir + "/" + f.name, f.header);
    if (!s.ok()) return s;
  }
  expected_ = std::fopen((dir + "/expected.jsonl").c_str(), "wb");
  traps_ = std::fopen((dir + "/traps.jsonl").c_str(), "wb");
  hints_ = std::fopen((dir + "/hints.jsonl").c_str(), "wb");
  if (expected_ == nullptr || traps_ == nullptr || hints_ == nullptr) {
    return absl::InternalError("cannot create the manifest files in " + dir);
  }
  return absl::OkStatus();
}

absl::Status RegionWriter::Close() {
  absl::Status result;
  for (loaders::CsvWriter* w :
       {&persons_, &kinship_, &organizations_, &positions_, &employment_, &commissions_, &members_,
        &company_roles_, &tenders_, &bids_, &contracts_, &allocations_, &disciplinary_, &bonuses_,
        &waiting_list_, &blacklist_, &residence_}) {
    absl::Status s = w->Close();
    if (result.ok() && !s.ok()) result = s;
  }
  for (std::FILE** f : {&expected_, &traps_, &hints_}) {
    if (*f != nullptr && std::fclose(*f) != 0 && result.ok()) {
      result = absl::InternalError("cannot write the manifest");
    }
    *f = nullptr;
  }
  return result;
}

RegionCounts RegionWriter::Counts() const {
  RegionCounts c;
  c.persons = persons_.rows();
  c.kinship = kinship_.rows();
  c.organizations = organizations_.rows();
  c.employment = employment_.rows();
  c.commission_members = members_.rows();
  c.company_roles = company_roles_.rows();
  c.tenders = tenders_.rows();
  c.bids = bids_.rows();
  c.allocations = allocations_.rows();
  c.expected = expected_count_;
  c.traps = trap_count_;
  c.hints = hint_count_;
  c.hint_traps = hint_trap_count_;
  return c;
}

std::string RegionWriter::NextId(std::string_view prefix, int64_t& counter) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%07lld", static_cast<long long>(++counter));
  return Cat({prefix, buf});
}

// ---- persons and kinship ----

PersonRec RegionWriter::NewPerson(bool male, graph::Date birth, int surname,
                                  const PersonRec* father, graph::Date death) {
  const auto surnames = Surnames();
  PersonRec p;
  p.surname = static_cast<uint16_t>(surname >= 0 ? surname : rng_.Below(surnames.size()));
  const bool kazakh = surnames[p.surname].kazakh != rng_.Chance(0.1);
  const auto& pool =
      male ? (kazakh ? kazakh_male_ : russian_male_) : (kazakh ? kazakh_female_ : russian_female_);
  p.given = pool[rng_.Below(static_cast<uint32_t>(pool.size()))];
  p.male = male;
  IdentityIssuer::Iin iin = ids_.NewIin(birth, male);
  p.iin = std::move(iin.number);
  p.birth = iin.birth;
  const MaleName& father_name =
      father != nullptr
          ? MaleNames()[father->given]
          : MaleNames()[(kazakh ? kazakh_male_ : russian_male_)[rng_.Below(
                static_cast<uint32_t>((kazakh ? kazakh_male_ : russian_male_).size()))]];
  persons_.Text(p.iin)
      .Text(male ? surnames[p.surname].male : surnames[p.surname].female)
      .Text(male ? MaleNames()[p.given].name : FemaleNames()[p.given].name)
      .Text(male ? father_name.patronymic_male : father_name.patronymic_female)
      .Date(p.birth)
      .Text(male ? "M" : "F")
      .Date(death);
  persons_.EndRow();
  return p;
}

PersonRec RegionWriter::NewNamedPerson(bool male, graph::Date birth, std::string_view last_name,
                                       std::string_view first_name, std::string_view patronymic) {
  PersonRec p;
  p.male = male;
  IdentityIssuer::Iin iin = ids_.NewIin(birth, male);
  p.iin = std::move(iin.number);
  p.birth = iin.birth;
  persons_.Text(p.iin)
      .Text(last_name)
      .Text(first_name)
      .Text(patronymic)
      .Date(p.birth)
      .Text(male ? "M" : "F")
      .Date(kOpen);
  persons_.EndRow();
  return p;
}

std::string RegionWriter::RandomFullName() {
  const Surname& surname = Surnames()[names_rng_.Below(Surnames().size())];
  const bool male = names_rng_.Chance(0.5);
  const bool kazakh = surname.kazakh != names_rng_.Chance(0.1);
  const auto& pool =
      male ? (kazakh ? kazakh_male_ : russian_male_) : (kazakh ? kazakh_female_ : russian_female_);
  const auto& fathers = kazakh ? kazakh_male_ : russian_male_;
  const uint16_t given = pool[names_rng_.Below(static_cast<uint32_t>(pool.size()))];
  const MaleName& father =
      MaleNames()[fathers[names_rng_.Below(static_cast<uint32_t>(fathers.size()))]];
  return Cat({male ? surname.male : surname.female, " ",
              male ? MaleNames()[given].name : FemaleNames()[given].name, " ",
              male ? father.patronymic_male : father.patronymic_female});
}

void RegionWriter::Parent(const PersonRec& parent, const PersonRec& child) {
  kinship_.Text(parent.iin).Text(child.iin).Text("parent").Empty().Empty();
  kinship_.EndRow();
}

void RegionWriter::AdoptiveParent(const PersonRec& parent, const PersonRec& child,
                                  graph::Date from) {
  kinship_.Text(parent.iin).Text(child.iin).Text("adoptive_parent").Date(from).Empty();
  kinship_.EndRow();
}

void RegionWriter::Spouse(const PersonRec& a, const PersonRec& b, graph::Date from,
                          graph::Date to) {
  kinship_.Text(a.iin).Text(b.iin).Text("spouse").Date(from).Date(to);
  kinship_.EndRow();
}

void RegionWriter::Sibling(const PersonRec& a, const PersonRec& b) {
  kinship_.Text(a.iin).Text(b.iin).Text("sibling").Empty().Empty();
  kinship_.EndRow();
}

void RegionWriter::Residence(const PersonRec& p, std::string_view address, graph::Date from,
                             graph::Date to) {
  residence_.Text(p.iin).Text(address).Date(from).Date(to);
  residence_.EndRow();
}

std::string RegionWriter::NewAddress(std::string_view region) {
  (void)region;
  return NextId("ADR-", next_address_);
}

// One clan (see the picture in the header). Birth years keep every adult of working age in
// 2015-2024 in the grandchildren's generation; a few great-grandchildren are born after 2000.
void RegionWriter::GenerateClan(bool hand_out) {
  const int surname = static_cast<int>(rng_.Below(Surnames().size()));
  const graph::Date gf_birth = RandomDay(rng_.Between(1926, 1946));
  auto maybe_death = [&](graph::Date birth, double p) {
    if (!rng_.Chance(p)) return kOpen;
    const graph::Date lo = std::max(birth + Years(55), Day(2000, 1, 1));
    return lo >= Day(2023, 1, 1) ? kOpen : RandomDay(lo, Day(2023, 1, 1));
  };
  const PersonRec gf = NewPerson(true, gf_birth, surname, nullptr, maybe_death(gf_birth, 0.4));
  const graph::Date gm_birth = gf_birth + rng_.Between(-3, 5) * kYear;
  const PersonRec gm = NewPerson(false, gm_birth, -1, nullptr, maybe_death(gm_birth, 0.25));
  const graph::Date wed = gf_birth + Years(rng_.Between(21, 27));

  std::vector<PersonRec> branches;
  const int k = rng_.Between(2, 4);
  for (int i = 0; i < k; ++i) {
    graph::Date b = wed + Years(1 + 3 * i) + rng_.Between(0, 700);
    b = std::min(b, Day(1974, 12, 31));
    PersonRec c = NewPerson(rng_.Chance(0.5), b, surname, &gf);
    Parent(gf, c);
    Parent(gm, c);
    branches.push_back(std::move(c));
  }
  if (rng_.Chance(0.1)) {
    // GF divorces and remarries: a half-sibling of the other children.
    const graph::Date divorce = wed + Years(rng_.Between(10, 16));
    Spouse(gf, gm, wed, divorce);
    const PersonRec gm2 = NewPerson(false, gf_birth + Years(rng_.Between(5, 12)));
    Spouse(gf, gm2, divorce + 200);
    PersonRec h =
        NewPerson(rng_.Chance(0.5), std::min(divorce + Years(2), Day(1975, 6, 1)), surname, &gf);
    Parent(gf, h);
    Parent(gm2, h);
    branches.push_back(std::move(h));
  } else {
    Spouse(gf, gm, wed);
  }
  if (rng_.Chance(0.3)) Sibling(branches[0], branches[1]);

  const std::string address_region(Regions()[rng_.Below(Regions().size())]);
  for (const PersonRec& c : branches) {
    const PersonRec s = NewPerson(!c.male, c.birth + rng_.Between(-3 * 365, 3 * 365));
    const graph::Date wed2 = std::max(c.birth, s.birth) + Years(rng_.Between(20, 27));
    const PersonRec& father = c.male ? c : s;
    std::vector<PersonRec> kids;
    const int n = rng_.Between(1, 3);
    for (int i = 0; i < n; ++i) {
      PersonRec kid = NewPerson(rng_.Chance(0.5), wed2 + Years(1 + 3 * i) + rng_.Between(0, 500),
                                father.surname, &father);
      Parent(c, kid);
      Parent(s, kid);
      kids.push_back(std::move(kid));
    }
    if (n >= 2 && rng_.Chance(0.15)) Sibling(kids[0], kids[1]);
    if (rng_.Chance(0.15)) {
      // Divorce and a second marriage of the clan's child: a half-sibling of `kids`.
      const graph::Date divorce = wed2 + Years(rng_.Between(6, 12));
      Spouse(c, s, wed2, divorce);
      const PersonRec s2 = NewPerson(!c.male, c.birth + rng_.Between(-4 * 365, 4 * 365));
      Spouse(c, s2, divorce + rng_.Between(100, 900));
      const PersonRec& father2 = c.male ? c : s2;
      PersonRec half = NewPerson(rng_.Chance(0.5), divorce + Years(2), father2.surname, &father2);
      Parent(c, half);
      Parent(s2, half);
      kids.push_back(std::move(half));
    } else {
      Spouse(c, s, wed2);
    }
    if (rng_.Chance(0.08)) {
      PersonRec adopted =
          NewPerson(rng_.Chance(0.5), wed2 + Years(2) + rng_.Between(0, 2000), father.surname);
      const graph::Date when = adopted.birth + rng_.Between(100, 1500);
      AdoptiveParent(c, adopted, when);
      AdoptiveParent(s, adopted, when);
      kids.push_back(std::move(adopted));
    }
    if (kids[0].birth < Day(1994, 1, 1) && rng_.Chance(0.3)) {
      // A married grandchild, sometimes with a great-grandchild born in the 2000s.
      const PersonRec& g = kids[0];
      const PersonRec w = NewPerson(!g.male, g.birth + rng_.Between(-700, 700));
      const graph::Date wed3 = std::max(g.birth, w.birth) + Years(rng_.Between(22, 26));
      Spouse(g, w, wed3);
      if (rng_.Chance(0.5)) {
        const PersonRec& f3 = g.male ? g : w;
        const PersonRec g3 = NewPerson(rng_.Chance(0.5), std::min(wed3 + Years(1), Day(2023, 6, 1)),
                                       f3.surname, &f3);
        Parent(g, g3);
        Parent(w, g3);
      }
    }
    if (rng_.Chance(0.5)) {
      const std::string address = NewAddress(address_region);
      Residence(c, address, wed2);
      Residence(s, address, wed2);
      for (const PersonRec& kid : kids) Residence(kid, address, kid.birth);
    }
    if (!hand_out) continue;
    // One working-age grandchild per branch: never legal kin of another branch's one.
    std::vector<size_t> adults;
    for (size_t i = 0; i < kids.size(); ++i) {
      if (kids[i].birth <= Day(1998, 12, 31)) adults.push_back(i);
    }
    size_t chosen = kids.size();
    if (!adults.empty()) {
      chosen = adults[rng_.Below(static_cast<uint32_t>(adults.size()))];
      fresh_.push_back(kids[chosen]);
    }
    if (bystanders_.size() < kBystanderCap) {
      bystanders_.push_back(c);
      bystanders_.push_back(s);
      for (size_t i : adults) {
        if (i != chosen) bystanders_.push_back(kids[i]);
      }
    }
  }
}

PersonRec RegionWriter::Fresh() {
  while (fresh_.empty()) GenerateClan(true);
  PersonRec p = std::move(fresh_.front());
  fresh_.pop_front();
  return p;
}

PersonRec RegionWriter::Bystander() {
  while (bystanders_.empty()) GenerateClan(true);
  PersonRec p = std::move(bystanders_.front());
  bystanders_.pop_front();
  return p;
}

void RegionWriter::PadTo(int64_t persons) {
  while (persons_.rows() + 40 < persons) GenerateClan(false);
  while (persons_.rows() < persons) {
    NewPerson(rng_.Chance(0.5), RandomDay(rng_.Between(1940, 2010)));
  }
}

// ---- organizations ----

std::string RegionWriter::NewOrganization(std::string_view kind, std::string_view name,
                                          std::string_view parent_bin, std::string_view region) {
  std::string bin = ids_.NewBin(rng_.Between(1995, 2014), rng_.Between(1, 12));
  organizations_.Text(bin).Text(name).Text(kind).Text(parent_bin).Text(region);
  organizations_.EndRow();
  return bin;
}

std::string RegionWriter::NewIndividualEntrepreneur(const PersonRec& owner,
                                                    std::string_view region) {
  organizations_.Text(owner.iin)
      .Text(Cat({"ИП ", PersonShortName(owner)}))
      .Text("individual_entrepreneur")
      .Empty()
      .Text(region);
  organizations_.EndRow();
  return owner.iin;
}

std::string RegionWriter::CompanyName() {
  const auto words = CompanyWords();
  const std::string_view a = words[rng_.Below(words.size())];
  const std::string_view b = words[rng_.Below(words.size())];
  const uint32_t style = rng_.Below(20);
  if (style == 0) return Cat({"ТОО \"", a, ", ", b, "\""});  // needs RFC 4180 quoting
  if (style < 4) return Cat({"АО «", a, " ", b, "»"});
  return Cat({"ТОО «", a, " ", b, "»"});
}

std::string RegionWriter::NewCompany(std::string_view region) {
  return NewOrganization("company", CompanyName(), {}, region);
}

std::string RegionWriter::PersonShortName(const PersonRec& p) const {
  const Surname& s = Surnames()[p.surname];
  const std::string_view first = p.male ? MaleNames()[p.given].name : FemaleNames()[p.given].name;
  // The first Cyrillic letter is two bytes in UTF-8.
  return Cat({p.male ? s.male : s.female, " ", first.substr(0, 2), "."});
}

void RegionWriter::PersonRole(std::string_view company, std::string_view role,
                              const PersonRec& holder, double share_pct, graph::Date from,
                              graph::Date to) {
  company_roles_.Text(company)
      .Text(role)
      .Text(holder.iin)
      .Empty()
      .Share(share_pct)
      .Date(from)
      .Date(to);
  company_roles_.EndRow();
}

void RegionWriter::CompanyRole(std::string_view company, std::string_view role,
                               std::string_view holder_bin, double share_pct, graph::Date from,
                               graph::Date to) {
  company_roles_.Text(company)
      .Text(role)
      .Empty()
      .Text(holder_bin)
      .Share(share_pct)
      .Date(from)
      .Date(to);
  company_roles_.EndRow();
}

// ---- staff and commissions ----

std::string RegionWriter::NewPosition(std::string_view org, std::string_view title,
                                      std::string_view reports_to, bool is_head) {
  std::string id = NextId("POS-", next_position_);
  positions_.Text(id).Text(org).Text(title).Text(reports_to).Bool(is_head);
  positions_.EndRow();
  return id;
}

void RegionWriter::Employ(const PersonRec& p, std::string_view position, graph::Date from,
                          graph::Date to, std::string_view appointed_by,
                          std::string_view selection_commission) {
  employment_.Text(p.iin)
      .Text(position)
      .Date(from)
      .Date(to)
      .Text(appointed_by)
      .Text(selection_commission);
  employment_.EndRow();
}

std::string RegionWriter::NewCommission(std::string_view org, std::string_view kind,
                                        std::string_view title, graph::Date from, graph::Date to) {
  std::string id = NextId("COM-", next_commission_);
  commissions_.Text(id).Text(org).Text(kind).Text(title).Date(from).Date(to);
  commissions_.EndRow();
  return id;
}

void RegionWriter::Seat(std::string_view commission, const PersonRec& p, std::string_view role,
                        graph::Date from, graph::Date to, bool public_representative) {
  members_.Text(commission).Text(p.iin).Text(role).Date(from).Date(to).Bool(public_representative);
  members_.EndRow();
}

void RegionWriter::YearlySeats(std::string_view commission, const PersonRec& p,
                               std::string_view role, int first_year, int last_year,
                               graph::Date end) {
  for (int y = first_year; y <= last_year; ++y) {
    const graph::Date from = Day(y, 1, 1);
    if (from >= end) break;
    Seat(commission, p, role, from, std::min(Day(y + 1, 1, 1), end));
  }
}

// ---- procurement ----

std::string RegionWriter::NewTender(std::string_view customer, std::string_view method,
                                    graph::Date announced, std::string_view commission,
                                    int64_t amount) {
  std::string id = NextId("TND-", next_tender_);
  static constexpr std::string_view kTitles[] = {
      "Ремонт автомобильной дороги",     "Поставка компьютерной техники",
      "Строительство школы на 300 мест", "Услуги по уборке помещений",
      "Капитальный ремонт здания",       "Поставка продуктов питания, лот 2"};
  tenders_.Text(id)
      .Text(customer)
      .Text(method)
      .Date(announced)
      .Text(commission)
      .Text(kTitles[rng_.Below(6)])
      .Int(amount);
  tenders_.EndRow();
  return id;
}

void RegionWriter::Bid(std::string_view tender, std::string_view supplier, std::string_view outcome,
                       graph::Date submitted, int64_t amount, std::string_view filed_by) {
  bids_.Text(tender).Text(supplier).Text(outcome).Date(submitted).Int(amount).Text(filed_by);
  bids_.EndRow();
}

std::string RegionWriter::NewContract(std::string_view customer, std::string_view supplier,
                                      graph::Date signed_date, std::string_view tender,
                                      std::string_view signed_by, int64_t amount) {
  std::string id = NextId("CNT-", next_contract_);
  contracts_.Text(id)
      .Text(customer)
      .Text(supplier)
      .Date(signed_date)
      .Text(tender)
      .Text(signed_by)
      .Int(amount);
  contracts_.EndRow();
  return id;
}

void RegionWriter::Blacklist(std::string_view supplier, graph::Date from, graph::Date to,
                             std::string_view reason) {
  blacklist_.Text(supplier).Date(from).Date(to).Text(reason);
  blacklist_.EndRow();
}

// ---- decisions ----

std::string RegionWriter::NewAllocation(std::string_view kind, std::string_view commission,
                                        const PersonRec& recipient, graph::Date date,
                                        int64_t queue_number, std::string_view approved_by) {
  std::string id = NextId("DEC-", next_allocation_);
  allocations_.Text(id)
      .Text(kind)
      .Text(commission)
      .Text(recipient.iin)
      .Date(date)
      .Text(Cat({"OBJ-", id.substr(4)}));
  if (queue_number > 0) {
    allocations_.Int(queue_number);
  } else {
    allocations_.Empty();
  }
  allocations_.Text(approved_by);
  allocations_.EndRow();
  return id;
}

void RegionWriter::WaitingEntry(std::string_view commission, const PersonRec& p,
                                int64_t queue_number, graph::Date registered, graph::Date removed) {
  waiting_list_.Text(commission).Text(p.iin).Int(queue_number).Date(registered).Date(removed);
  waiting_list_.EndRow();
}

std::string RegionWriter::NewCase(const PersonRec& subject, graph::Date opened,
                                  std::string_view investigator, std::string_view commission) {
  std::string id = NextId("DSC-", next_case_);
  static constexpr std::string_view kOutcomes[] = {"замечание", "выговор", "строгий выговор",
                                                   "прекращено"};
  disciplinary_.Text(id)
      .Text(subject.iin)
      .Date(opened)
      .Text(investigator)
      .Text(commission)
      .Text(kOutcomes[rng_.Below(4)]);
  disciplinary_.EndRow();
  return id;
}

std::string RegionWriter::NewBonus(const PersonRec& recipient, std::string_view approved_by,
                                   std::string_view org, graph::Date date, int64_t amount) {
  std::string id = NextId("BON-", next_bonus_);
  bonuses_.Text(id).Text(recipient.iin).Text(approved_by).Text(org).Date(date).Int(amount);
  bonuses_.EndRow();
  return id;
}

// ---- the manifest ----

void RegionWriter::Expect(std::string_view rule, std::string_view object_id, graph::Date date,
                          std::string_view official, std::string_view counterparty,
                          std::string_view relation) {
  line_.clear();
  line_.append("{\"rule\":");
  base::AppendJsonString(line_, rule);
  line_.append(",\"object_id\":");
  base::AppendJsonString(line_, object_id);
  line_.append(",\"date\":");
  base::AppendJsonString(line_, graph::FormatIsoDate(date));
  line_.append(",\"official\":");
  base::AppendJsonString(line_, official);
  line_.append(",\"counterparty\":");
  base::AppendJsonString(line_, counterparty);
  line_.append(",\"relation\":");
  base::AppendJsonString(line_, relation);
  line_.append("}\n");
  std::fwrite(line_.data(), 1, line_.size(), expected_);
  ++expected_count_;
}

void RegionWriter::Trap(std::string_view rule, std::string_view object_id,
                        std::string_view official, std::string_view counterparty,
                        std::string_view why) {
  line_.clear();
  line_.append("{\"rule\":");
  base::AppendJsonString(line_, rule);
  line_.append(",\"object_id\":");
  base::AppendJsonString(line_, object_id);
  line_.append(",\"official\":");
  base::AppendJsonString(line_, official);
  line_.append(",\"counterparty\":");
  base::AppendJsonString(line_, counterparty);
  line_.append(",\"why\":");
  base::AppendJsonString(line_, why);
  line_.append("}\n");
  std::fwrite(line_.data(), 1, line_.size(), traps_);
  ++trap_count_;
}

void RegionWriter::PlantedHint(bool trap, std::string_view tender, std::string_view member,
                               std::string_view bidder, std::string_view party,
                               std::string_view person, std::string_view why) {
  line_.clear();
  line_.append("{\"tender_id\":");
  base::AppendJsonString(line_, tender);
  line_.append(",\"member\":");
  base::AppendJsonString(line_, member);
  line_.append(",\"bidder\":");
  base::AppendJsonString(line_, bidder);
  line_.append(",\"party\":");
  base::AppendJsonString(line_, party);
  line_.append(",\"person\":");
  base::AppendJsonString(line_, person);
  line_.append(",\"kind\":");
  base::AppendJsonString(line_, trap ? "trap" : "hint");
  line_.append(",\"why\":");
  base::AppendJsonString(line_, why);
  line_.append("}\n");
  std::fwrite(line_.data(), 1, line_.size(), hints_);
  ++(trap ? hint_trap_count_ : hint_count_);
}

}  // namespace coigraph::generator
