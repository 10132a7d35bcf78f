// The generator's output side: one buffered writer per feed file (docs/feeds.md), the issuers of
// IINs, BINs and source ids, the pools of persons, and the manifest of planted conflicts.
//
// Persons come from three places:
//   - Fresh(): an adult from a background *clan*. A clan is one connected kinship component
//     over three generations; Fresh() hands out at most one grandchild per branch:
//
//          GF ══ GM                     (GF may divorce and remarry: a half-sibling branch)
//          ┌──┴──┐
//          C1══S1  C2══S2               branches: a child of GF/GM with a married-in spouse
//          │       │                    (divorces, remarriages, adoptions, stated siblings)
//          a1 ...  b1 ...               grandchildren: Fresh() picks one per branch
//
//     so two Fresh() persons are never legal kin (docs/rules.md): at most cousins
//     (parent.sibling.child), which is extended family. Background roles are filled with
//     Fresh() persons, one role each, so the background produces no conflict at all.
//   - Bystander(): any living adult of a clan (kin of some Fresh() person). Used only where a
//     person is never judged: unserved waiting-list places.
//   - NewPerson(): the small families built for planted conflicts and traps; NewNamedPerson()
//     the same with names spelled as given (undeclared ties in Kazakh and Russian forms).
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "graph/date.h"
#include "loaders/csv_writer.h"
#include "tools/generator/identity_issuer.h"
#include "tools/generator/random.h"

namespace coigraph::generator {

// A person already written to persons.csv.
struct PersonRec {
  std::string iin;
  graph::Date birth = 0;
  bool male = true;
  uint16_t surname = 0;
  uint16_t given = 0;  // into MaleNames() or FemaleNames()
};

// Concatenates texts (absl::StrCat of this abseil does not take std::string_view).
inline std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

// Splits on `sep`: "a.b" -> {"a", "b"}.
inline std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(sep, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

inline graph::Date Day(int year, int month, int day) {
  return graph::DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}
inline constexpr graph::Date kOpen = graph::kMaxDate;    // an open valid_to
inline constexpr graph::Date kAlways = graph::kMinDate;  // an open valid_from
inline constexpr int kFirstYear = 2015;                  // the period the region covers
inline constexpr int kLastYear = 2024;

// Counts of what was written, for the summary line of gen_region.
struct RegionCounts {
  int64_t persons = 0;
  int64_t kinship = 0;
  int64_t organizations = 0;
  int64_t employment = 0;
  int64_t commission_members = 0;
  int64_t company_roles = 0;
  int64_t tenders = 0;
  int64_t bids = 0;
  int64_t allocations = 0;
  int64_t expected = 0;
  int64_t traps = 0;
  int64_t hints = 0;       // planted undeclared ties (hints.jsonl, kind "hint")
  int64_t hint_traps = 0;  // declared look-alikes (hints.jsonl, kind "trap")
};

class RegionWriter {
 public:
  explicit RegionWriter(uint64_t seed);

  // Creates every feed file of docs/feeds.md plus expected.jsonl and traps.jsonl in `dir`.
  absl::Status Open(const std::string& dir);
  absl::Status Close();
  RegionCounts Counts() const;

  Rng& rng() { return rng_; }
  graph::Date RandomDay(int year) { return Day(year, 1, 1) + rng_.Between(0, 364); }
  graph::Date RandomDay(graph::Date from, graph::Date to) {  // in [from, to)
    return from + static_cast<graph::Date>(rng_.Below(static_cast<uint32_t>(to - from)));
  }

  // ---- persons and kinship ----
  // surname < 0: a random one; father: gives the patronymic (else a random one).
  PersonRec NewPerson(bool male, graph::Date birth, int surname = -1,
                      const PersonRec* father = nullptr, graph::Date death = kOpen);
  void Parent(const PersonRec& parent, const PersonRec& child);
  void AdoptiveParent(const PersonRec& parent, const PersonRec& child, graph::Date from);
  void Spouse(const PersonRec& a, const PersonRec& b, graph::Date from, graph::Date to = kOpen);
  void Sibling(const PersonRec& a, const PersonRec& b);
  void Residence(const PersonRec& p, std::string_view address, graph::Date from,
                 graph::Date to = kOpen);
  std::string NewAddress(std::string_view region);
  // A person whose names are written as given (the planted spellings of undeclared ties); the
  // returned record's surname and given name are the tables' first (not for ShortName).
  PersonRec NewNamedPerson(bool male, graph::Date birth, std::string_view last_name,
                           std::string_view first_name, std::string_view patronymic);
  // "SURNAME GIVEN PATRONYMIC" of nobody in persons.csv, from the name tables: a bid filer.
  // Drawn from a random stream of its own, so that the filer names change no other row.
  std::string RandomFullName();

  PersonRec Fresh();
  PersonRec Bystander();
  // Writes clans (and finally single persons) until persons.csv holds `persons` rows.
  void PadTo(int64_t persons);
  int64_t persons_written() const { return persons_.rows(); }

  // ---- organizations and company roles ----
  std::string NewOrganization(std::string_view kind, std::string_view name,
                              std::string_view parent_bin, std::string_view region);
  // An individual entrepreneur: its BIN is the owner's IIN.
  std::string NewIndividualEntrepreneur(const PersonRec& owner, std::string_view region);
  std::string NewCompany(std::string_view region);  // kind company, a random name
  std::string CompanyName();
  void PersonRole(std::string_view company, std::string_view role, const PersonRec& holder,
                  double share_pct = -1, graph::Date from = kAlways, graph::Date to = kOpen);
  void CompanyRole(std::string_view company, std::string_view role, std::string_view holder_bin,
                   double share_pct = -1, graph::Date from = kAlways, graph::Date to = kOpen);

  // ---- staff ----
  std::string NewPosition(std::string_view org, std::string_view title, std::string_view reports_to,
                          bool is_head);
  void Employ(const PersonRec& p, std::string_view position, graph::Date from, graph::Date to,
              std::string_view appointed_by = {}, std::string_view selection_commission = {});

  // ---- commissions ----
  std::string NewCommission(std::string_view org, std::string_view kind, std::string_view title,
                            graph::Date from = kAlways, graph::Date to = kOpen);
  void Seat(std::string_view commission, const PersonRec& p, std::string_view role,
            graph::Date from, graph::Date to, bool public_representative = false);
  // One seat per calendar year of [first_year, last_year]; no seat on or after `end`.
  void YearlySeats(std::string_view commission, const PersonRec& p, std::string_view role,
                   int first_year = kFirstYear, int last_year = kLastYear, graph::Date end = kOpen);

  // ---- procurement ----
  std::string NewTender(std::string_view customer, std::string_view method, graph::Date announced,
                        std::string_view commission, int64_t amount);
  // `filed_by`: the filer's full name (bids.csv filed_by_name), empty when not given.
  void Bid(std::string_view tender, std::string_view supplier, std::string_view outcome,
           graph::Date submitted, int64_t amount, std::string_view filed_by = {});
  std::string NewContract(std::string_view customer, std::string_view supplier,
                          graph::Date signed_date, std::string_view tender,
                          std::string_view signed_by, int64_t amount);
  void Blacklist(std::string_view supplier, graph::Date from, graph::Date to,
                 std::string_view reason);

  // ---- decisions ----
  std::string NewAllocation(std::string_view kind, std::string_view commission,
                            const PersonRec& recipient, graph::Date date, int64_t queue_number,
                            std::string_view approved_by);
  void WaitingEntry(std::string_view commission, const PersonRec& p, int64_t queue_number,
                    graph::Date registered, graph::Date removed = kOpen);
  std::string NewCase(const PersonRec& subject, graph::Date opened, std::string_view investigator,
                      std::string_view commission);
  std::string NewBonus(const PersonRec& recipient, std::string_view approved_by,
                       std::string_view org, graph::Date date, int64_t amount);

  // ---- the manifest ----
  void Expect(std::string_view rule, std::string_view object_id, graph::Date date,
              std::string_view official, std::string_view counterparty, std::string_view relation);
  void Trap(std::string_view rule, std::string_view object_id, std::string_view official,
            std::string_view counterparty, std::string_view why);
  // hints.jsonl: an undeclared tie that must give a hint (`trap` false: kind "hint"), or a
  // declared one that must not (kind "trap"). `person`: an IIN, or a bid filer's name.
  void PlantedHint(bool trap, std::string_view tender, std::string_view member,
                   std::string_view bidder, std::string_view party, std::string_view person,
                   std::string_view why);

 private:
  void GenerateClan(bool hand_out);
  std::string NextId(std::string_view prefix, int64_t& counter);
  std::string PersonShortName(const PersonRec& p) const;

  Rng rng_;
  Rng names_rng_;  // RandomFullName() only
  IdentityIssuer ids_;
  loaders::CsvWriter persons_, kinship_, organizations_, positions_, employment_, commissions_,
      members_, company_roles_, tenders_, bids_, contracts_, allocations_, waiting_list_,
      disciplinary_, bonuses_, blacklist_, residence_;
  std::FILE* expected_ = nullptr;
  std::FILE* traps_ = nullptr;
  std::FILE* hints_ = nullptr;
  std::string line_;
  int64_t expected_count_ = 0, trap_count_ = 0, hint_count_ = 0, hint_trap_count_ = 0;

  std::deque<PersonRec> fresh_;
  std::deque<PersonRec> bystanders_;
  std::vector<uint16_t> kazakh_male_, russian_male_, kazakh_female_, russian_female_;
  int64_t next_position_ = 0, next_commission_ = 0, next_tender_ = 0, next_contract_ = 0,
          next_allocation_ = 0, next_case_ = 0, next_bonus_ = 0, next_address_ = 0;
};

}  // namespace coigraph::generator
