#include "loaders/names/tie_hints.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "base/json.h"
#include "graph/kinship.h"
#include "loaders/names/name_match.h"
#include "loaders/names/person_name.h"

namespace coigraph::loaders::names {

namespace {

constexpr size_t kMinMeetingLength = 3;  // a stem or root shorter than this meets only itself
constexpr double kSameName = 0.85;       // MatchOptions' threshold: a filer named as a person

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Skeleton(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c != 'a' && c != 'e' && c != 'i' && c != 'o' && c != 'u') out += c;
  }
  return out;
}

bool Meet(std::string_view a, std::string_view a_skeleton, std::string_view b,
          std::string_view b_skeleton) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  return a.size() >= kMinMeetingLength && b.size() >= kMinMeetingLength && !a_skeleton.empty() &&
         a_skeleton == b_skeleton;
}

FamilyName Make(std::string stem, std::string root) {
  FamilyName f;
  f.stem_skeleton = Skeleton(stem);
  f.stem = std::move(stem);
  f.root_skeleton = Skeleton(root);
  f.root = std::move(root);
  return f;
}

Sex NameSex(graph::Sex sex) {
  switch (sex) {
    case graph::Sex::kMale:
      return Sex::kMale;
    case graph::Sex::kFemale:
      return Sex::kFemale;
    case graph::Sex::kUnknown:
      break;
  }
  return Sex::kUnknown;
}

HintParty PartyOf(graph::CompanyRoleKind role) {
  switch (role) {
    case graph::CompanyRoleKind::kFounder:
      return HintParty::kFounder;
    case graph::CompanyRoleKind::kOwner:
      return HintParty::kOwner;
    case graph::CompanyRoleKind::kBeneficialOwner:
      return HintParty::kBeneficialOwner;
    case graph::CompanyRoleKind::kDirector:
    case graph::CompanyRoleKind::kBoardMember:
      break;
  }
  return HintParty::kDirector;
}

// Finds hints tender by tender; folds each person's name once.
class HintFinder {
 public:
  explicit HintFinder(const graph::Snapshot& s) : s_(s) {}

  void OfTender(graph::TenderIndex tender, std::vector<TieHint>& out) {
    const graph::SnapshotData& data = s_.data();
    const graph::Tender& t = data.tenders[tender];
    const graph::Date d = t.announced;
    if (t.commission == graph::kNone || !data.commissions[t.commission].valid.Contains(d)) return;
    std::vector<graph::PersonIndex> members;
    for (uint32_t i : s_.SeatsOfCommission(t.commission)) {
      if (data.seats[i].valid.Contains(d)) members.push_back(data.seats[i].person);
    }
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    if (members.empty()) return;

    const size_t first = out.size();
    for (uint32_t b : s_.BidsOfTender(tender)) {
      const graph::Bid& bid = data.bids[b];
      const std::vector<std::pair<graph::PersonIndex, HintParty>> parties =
          Parties(bid.supplier, d);
      for (graph::PersonIndex m : members) {
        for (const auto& [p, party] : parties) {
          if (p == m) continue;  // self: the rules' business
          TieHint h{
              .tender = tender, .member = m, .bidder = bid.supplier, .party = party, .person = p};
          if (!Match(m, p, d, h) || graph::ClosestKinTie(s_, m, p, d).has_value()) continue;
          out.push_back(std::move(h));
        }
        if (bid.filed_by_name != graph::kEmptyStr) {
          TieHint h{
              .tender = tender, .member = m, .bidder = bid.supplier, .party = HintParty::kBidFiler};
          if (FilerHint(m, std::string(s_.Str(bid.filed_by_name)), parties, d, h)) {
            out.push_back(std::move(h));
          }
        }
      }
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](const TieHint& a, const TieHint& b) {
                return std::tie(a.member, a.bidder, a.party, a.person, a.filer_name) <
                       std::tie(b.member, b.bidder, b.party, b.person, b.filer_name);
              });
  }

 private:
  // The persons holding a role other than board member in `company` on `d` (an individual
  // entrepreneur's person as owner), each once with its first role.
  std::vector<std::pair<graph::PersonIndex, HintParty>> Parties(graph::OrgIndex company,
                                                                graph::Date d) const {
    std::vector<std::pair<graph::PersonIndex, graph::CompanyRoleKind>> held;
    for (const graph::Tie& t : s_.Ties(s_.OrgVertex(company))) {
      if (t.kind != graph::TieKind::kHeldBy || !s_.IsPerson(t.target) || !t.valid.Contains(d) ||
          t.role == graph::CompanyRoleKind::kBoardMember) {
        continue;
      }
      held.emplace_back(s_.PersonOf(t.target), t.role);
    }
    std::sort(held.begin(), held.end());
    std::vector<std::pair<graph::PersonIndex, HintParty>> out;
    for (const auto& [p, role] : held) {
      if (out.empty() || out.back().first != p) out.emplace_back(p, PartyOf(role));
    }
    return out;
  }

  const FamilyName& Family(graph::PersonIndex p) {
    auto it = family_.find(p.value());
    if (it != family_.end()) return it->second;
    const graph::Person& person = s_.data().persons[p];
    absl::StatusOr<FamilyName> f =
        FamilyNameOfParts(s_.Str(person.last_name), s_.Str(person.patronymic));
    return family_.emplace(p.value(), f.ok() ? *std::move(f) : FamilyName{}).first->second;
  }

  const PersonName& Full(graph::PersonIndex p) {
    auto it = full_.find(p.value());
    if (it != full_.end()) return it->second;
    const graph::Person& person = s_.data().persons[p];
    absl::StatusOr<PersonName> n =
        PersonName::FromParts(s_.Str(person.last_name), s_.Str(person.first_name),
                              s_.Str(person.patronymic), NameSex(person.sex));
    return full_.emplace(p.value(), n.ok() ? *std::move(n) : PersonName{}).first->second;
  }

  // Fills what m and p share on d (a family name, an address); false when nothing.
  bool Match(graph::PersonIndex m, graph::PersonIndex p, graph::Date d, TieHint& h) {
    const FamilyName member = Family(m);  // a copy: the second lookup may move the first
    if (std::optional<SharedFamilyName> n = FamilyNamesMeet(member, Family(p))) {
      h.surname_stem = std::move(n->surname_stem);
      h.patronymic_root = std::move(n->patronymic_root);
    }
    const graph::SnapshotData& data = s_.data();
    for (uint32_t i : s_.ResidencesOfPerson(m)) {
      const graph::Residence& a = data.residences[i];
      if (!a.valid.Contains(d)) continue;
      for (uint32_t j : s_.ResidencesOfPerson(p)) {
        const graph::Residence& b = data.residences[j];
        if (b.address == a.address && b.valid.Contains(d)) {
          h.address = std::string(s_.Str(a.address));
          break;
        }
      }
      if (!h.address.empty()) break;
    }
    return !h.surname_stem.empty() || !h.address.empty();
  }

  // A bid filer's hint: the family names meet, and the filer is neither the member, nor one of
  // the member's legal kin on d, nor a person of the bidder (all by name).
  bool FilerHint(graph::PersonIndex m, std::string name,
                 const std::vector<std::pair<graph::PersonIndex, HintParty>>& parties,
                 graph::Date d, TieHint& h) {
    absl::StatusOr<FamilyName> family = FamilyNameOfFullName(name);
    if (!family.ok()) return false;
    std::optional<SharedFamilyName> n = FamilyNamesMeet(Family(m), *family);
    if (!n.has_value()) return false;
    absl::StatusOr<PersonName> filer = PersonName::FromFullName(name);
    if (!filer.ok()) return false;
    auto named = [&](graph::PersonIndex p) { return NameScore(*filer, Full(p)) >= kSameName; };
    if (named(m)) return false;
    for (const auto& party : parties) {
      if (named(party.first)) return false;
    }
    for (const graph::KinTie& kin : graph::LegalKin(s_, m, d)) {
      if (named(kin.person)) return false;
    }
    h.filer_name = std::move(name);
    h.surname_stem = std::move(n->surname_stem);
    h.patronymic_root = std::move(n->patronymic_root);
    return true;
  }

  const graph::Snapshot& s_;
  absl::flat_hash_map<uint32_t, FamilyName> family_;
  absl::flat_hash_map<uint32_t, PersonName> full_;
};

}  // namespace

std::string SurnameStem(std::string_view key) {
  std::string stem(key);
  auto drop = [&](std::string_view ending) {
    if (EndsWith(stem, ending) && stem.size() >= ending.size() + kMinMeetingLength) {
      stem.resize(stem.size() - ending.size());
      return true;
    }
    return false;
  };
  if (EndsWith(stem, "skii") || EndsWith(stem, "ckii")) {
    stem.pop_back();  // -ский / -цкий as the feminine folds: "ski", "cki"
    return stem;
  }
  for (std::string_view ending : {"kizi", "uli", "ov", "ev", "in"}) {
    if (drop(ending)) break;
  }
  return stem;
}

absl::StatusOr<FamilyName> FamilyNameOfParts(std::string_view last_name,
                                             std::string_view patronymic) {
  absl::StatusOr<NameToken> surname = FoldNameWord(last_name);
  if (!surname.ok()) return surname.status();
  absl::StatusOr<PersonName> p = PersonName::FromParts("", "", patronymic, Sex::kUnknown);
  if (!p.ok()) return p.status();
  std::string root;
  for (const NameToken& t : p->tokens) {
    if (t.patronymic && !t.initial) root = t.key;
  }
  return Make(SurnameStem(surname->key), std::move(root));
}

absl::StatusOr<FamilyName> FamilyNameOfFullName(std::string_view full_name) {
  absl::StatusOr<PersonName> n = PersonName::FromFullName(full_name);
  if (!n.ok()) return n.status();
  std::string stem, root;
  for (const NameToken& t : n->tokens) {
    if (t.patronymic) {
      if (!t.initial && root.empty()) root = t.key;
    } else if (!t.initial && stem.empty()) {
      stem = SurnameStem(t.key);
    }
  }
  return Make(std::move(stem), std::move(root));
}

std::optional<SharedFamilyName> FamilyNamesMeet(const FamilyName& a, const FamilyName& b) {
  if (!Meet(a.stem, a.stem_skeleton, b.stem, b.stem_skeleton) ||
      !Meet(a.root, a.root_skeleton, b.root, b.root_skeleton)) {
    return std::nullopt;
  }
  return SharedFamilyName{.surname_stem = a.stem, .patronymic_root = a.root};
}

std::string_view Name(HintParty party) {
  switch (party) {
    case HintParty::kFounder:
      return "founder";
    case HintParty::kOwner:
      return "owner";
    case HintParty::kBeneficialOwner:
      return "beneficial_owner";
    case HintParty::kDirector:
      return "director";
    case HintParty::kBidFiler:
      return "bid_filer";
  }
  return "";
}

std::vector<TieHint> TieHintsOfTender(const graph::Snapshot& s, graph::TenderIndex tender) {
  std::vector<TieHint> out;
  if (tender == graph::kNone || tender.value() >= s.data().tenders.size()) return out;
  HintFinder(s).OfTender(tender, out);
  return out;
}

std::vector<TieHint> AllTieHints(const graph::Snapshot& s) {
  std::vector<TieHint> out;
  HintFinder finder(s);
  for (size_t t = 0; t < s.data().tenders.size(); ++t) {
    finder.OfTender(graph::TenderIndex(static_cast<uint32_t>(t)), out);
  }
  return out;
}

std::string HintPartyName(const graph::Snapshot& s, const TieHint& h) {
  return h.person != graph::kNone ? s.PersonFullName(h.person) : h.filer_name;
}

std::string TieHintToJson(const graph::Snapshot& s, const TieHint& h) {
  const graph::SnapshotData& data = s.data();
  const graph::Tender& t = data.tenders[h.tender];
  std::string out = "{\"tender_id\":";
  base::AppendJsonString(out, s.Str(t.id));
  auto field = [&](std::string_view name, std::string_view value) {
    out += ",\"";
    out += name;
    out += "\":";
    base::AppendJsonString(out, value);
  };
  field("date", graph::FormatIsoDate(t.announced));
  field("member", graph::FormatIdentityNumber(data.persons[h.member].iin));
  field("member_name", s.PersonFullName(h.member));
  field("bidder", graph::FormatIdentityNumber(data.organizations[h.bidder].bin));
  field("bidder_name", s.Str(data.organizations[h.bidder].name));
  field("party", Name(h.party));
  field("person",
        h.person != graph::kNone ? graph::FormatIdentityNumber(data.persons[h.person].iin) : "");
  field("person_name", HintPartyName(s, h));
  field("surname_stem", h.surname_stem);
  field("patronymic_root", h.patronymic_root);
  field("address", h.address);
  out += '}';
  return out;
}

}  // namespace coigraph::loaders::names
