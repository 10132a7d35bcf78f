// Undeclared-tie hints (issue 12): a tender commission member and a person behind a bidder who
// look like family, or live together, while the feeds give no kinship between them. A hint is
// a lead for an analyst, not a finding: no rule fires on it, no case is made of it, and it is
// never a CONFLICT verdict. docs/rules.md, "Undeclared-tie hints", is the policy.
//
// For a tender T announced on D, with its commission's members on D (seats and the commission
// holding on D, as the rules read them):
//
//   member M ──?── person P ──founder/owner/beneficial_owner/director (on D)──▶ bidder B
//   member M ──?── "ФИО" (bids.filed_by_name of B's bid: a name, no IIN)
//
// M and P (or the filer's name) make a hint when
//   (a) their family names meet: the surname stems are the same (SameStem) AND the patronymic
//       roots are the same ("Қабенұлы", "Кабенович", "Кабеновна": "kaben"); or
//   (b) (persons only) M and P are registered at the same address_id on D (residence.csv);
// and the engine knows no legal kinship between them on D (graph/kinship.h ClosestKinTie; M
// itself is self, a finding's business). A filer has no IIN, so its tie is judged by name: no
// hint when the filer's name is M's (NameScore >= 0.85) or that of one of M's legal kin on D,
// nor when it is the name of a person P of the same bidder (P is judged instead).
//
// The surname stem is the surname's key (person_name.h: the Latin fold, the feminine ending
// folded) without its gendered ending: -ov/-ev/-in (Ахметов, Ахметова -> "ahmet"), the Kazakh
// -ұлы/-қызы of a surname in patronymic form (Қабенұлы -> "kaben"), and -ский/-ская written as
// "ski" (Ковальский, Ковальская -> "kovalski"); an ending is dropped only when three letters or
// more stay. Stems (and roots) meet when equal, or when both have three letters or more and the
// same skeleton (the vowels dropped): "Жақыпов" / "Джакупов" ("jakip" / "jakup", "jkp").
//
// Example:
//   std::vector<TieHint> hints = TieHintsOfTender(snapshot, tender);   // one tender
//   std::vector<TieHint> all = AllTieHints(snapshot);                   // every tender
//   for (const TieHint& h : all) std::cout << TieHintToJson(snapshot, h) << '\n';
//
// Thread safety: functions of a const Snapshot, safe from many threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/snapshot.h"

namespace coigraph::loaders::names {

// The two parts of a name that siblings share: the surname's stem and the patronymic's root,
// each with its skeleton. Empty when the name has no such part.
struct FamilyName {
  std::string stem;
  std::string stem_skeleton;
  std::string root;
  std::string root_skeleton;
};

// From a registry's columns (persons.csv's last_name and patronymic).
absl::StatusOr<FamilyName> FamilyNameOfParts(std::string_view last_name,
                                             std::string_view patronymic);
// From a full name as free text ("SURNAME GIVEN PATRONYMIC", goszakup's order): the surname is
// the first word that is neither a patronymic nor an initial, the root that of the patronymic.
absl::StatusOr<FamilyName> FamilyNameOfFullName(std::string_view full_name);

// The stem of a surname's key (see the header comment); exposed for tests.
std::string SurnameStem(std::string_view key);

// What two family names share: nullopt unless both the stems and the roots meet. The stem and
// root given are `a`'s.
struct SharedFamilyName {
  std::string surname_stem;
  std::string patronymic_root;
};
std::optional<SharedFamilyName> FamilyNamesMeet(const FamilyName& a, const FamilyName& b);

// Who, on the bidder's side, the member may be tied to.
enum class HintParty : uint8_t {
  kFounder,  // company_roles.csv, in the order of graph::CompanyRoleKind
  kOwner,    // also the person behind an individual entrepreneur
  kBeneficialOwner,
  kDirector,
  kBidFiler,  // bids.csv filed_by_name: a name only
};
std::string_view Name(HintParty party);  // "founder", ..., "bid_filer"

struct TieHint {
  graph::TenderIndex tender = graph::kNone;
  graph::PersonIndex member = graph::kNone;
  graph::OrgIndex bidder = graph::kNone;
  HintParty party = HintParty::kFounder;
  graph::PersonIndex person = graph::kNone;  // kNone for a bid filer
  std::string filer_name;                    // the bid filer's name as the feed wrote it
  // What matched: a name (both set) and/or an address (set).
  std::string surname_stem;
  std::string patronymic_root;
  std::string address;
};

// The hints of one tender, sorted by member, bidder, party, person, filer name.
std::vector<TieHint> TieHintsOfTender(const graph::Snapshot& s, graph::TenderIndex tender);
// The hints of every tender, in the order of tenders.csv.
std::vector<TieHint> AllTieHints(const graph::Snapshot& s);

// One JSON object: tender_id, date, member, member_name, bidder, bidder_name, party, person
// (IIN, "" for a bid filer), person_name, surname_stem, patronymic_root, address (each "" when
// not matched).
std::string TieHintToJson(const graph::Snapshot& s, const TieHint& h);

// The person's or filer's display name.
std::string HintPartyName(const graph::Snapshot& s, const TieHint& h);

}  // namespace coigraph::loaders::names
