#include "loaders/feed_schema.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "loaders/field_parsers.h"

namespace coigraph::loaders {

namespace {

std::string JoinKey(const std::vector<std::string_view>& key) {
  std::string out;
  for (std::string_view c : key) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

std::vector<FeedSchema> MakeSchemas() {
  std::vector<FeedSchema> s = {
      {FeedId::kPersons,
       "persons.csv",
       {"iin", "last_name", "first_name", "birth_date", "sex"},
       {"patronymic", "death_date"},
       {},
       {"iin"}},
      {FeedId::kKinship,
       "kinship.csv",
       {"person_iin", "relative_iin", "relation"},
       {"valid_from", "valid_to"},
       {},
       {"person_iin", "relative_iin", "relation", "valid_from"}},
      {FeedId::kOrganizations,
       "organizations.csv",
       {"bin", "name", "kind"},
       {"parent_bin", "region"},
       {},
       {"bin"}},
      {FeedId::kPositions,
       "positions.csv",
       {"position_id", "org_bin", "title"},
       {"reports_to", "is_head"},
       {},
       {"position_id"}},
      {FeedId::kEmployment,
       "employment.csv",
       {"person_iin", "position_id", "valid_from"},
       {"valid_to", "appointed_by_iin", "selection_commission_id"},
       {},
       {"person_iin", "position_id", "valid_from"}},
      {FeedId::kCommissions,
       "commissions.csv",
       {"commission_id", "org_bin", "kind", "title"},
       {"valid_from", "valid_to"},
       {},
       {"commission_id"}},
      {FeedId::kCommissionMembers,
       "commission_members.csv",
       {"commission_id", "person_iin", "role"},
       {"valid_from", "valid_to", "public_representative", "matched_name", "match_score"},
       {},
       {"commission_id", "person_iin", "valid_from"}},
      {FeedId::kCompanyRoles,
       "company_roles.csv",
       {"company_bin", "role"},
       {"share_pct", "valid_from", "valid_to"},
       {"holder_iin", "holder_bin"},
       {"company_bin", "role", "holder_iin / holder_bin", "valid_from"}},
      {FeedId::kTenders,
       "tenders.csv",
       {"tender_id", "customer_bin", "method", "announced_date"},
       {"commission_id", "title", "amount_kzt"},
       {},
       {"tender_id"}},
      {FeedId::kBids,
       "bids.csv",
       {"tender_id", "supplier_bin", "outcome"},
       {"submitted_date", "amount_kzt", "filed_by_name"},
       {},
       {"tender_id", "supplier_bin"}},
      {FeedId::kContracts,
       "contracts.csv",
       {"contract_id", "customer_bin", "supplier_bin", "signed_date"},
       {"tender_id", "signed_by_iin", "amount_kzt"},
       {},
       {"contract_id"}},
      {FeedId::kAllocations,
       "allocations.csv",
       {"decision_id", "kind", "commission_id", "recipient_iin", "decision_date"},
       {"object_id", "queue_number", "approved_by_iin"},
       {},
       {"decision_id"}},
      {FeedId::kDisciplinary,
       "disciplinary.csv",
       {"case_id", "subject_iin", "opened_date"},
       {"investigator_iin", "commission_id", "outcome"},
       {},
       {"case_id"}},
      {FeedId::kBonuses,
       "bonuses.csv",
       {"bonus_id", "recipient_iin", "approved_by_iin", "org_bin", "date"},
       {"amount_kzt"},
       {},
       {"bonus_id"}},
      {FeedId::kWaitingList,
       "waiting_list.csv",
       {"commission_id", "person_iin", "queue_number", "registered_date"},
       {"removed_date"},
       {},
       {"commission_id", "person_iin", "registered_date"}},
      {FeedId::kBlacklist,
       "blacklist.csv",
       {"supplier_bin", "valid_from"},
       {"valid_to", "reason"},
       {},
       {"supplier_bin", "valid_from"}},
      {FeedId::kResidence,
       "residence.csv",
       {"person_iin", "address_id"},
       {"valid_from", "valid_to"},
       {},
       {"person_iin", "address_id", "valid_from"}},
  };
  for (FeedSchema& f : s) {
    f.key_names = "(" + JoinKey(f.key) + ")";
    // Each file has its own index of keys, so the seeds need not differ; they do (by file name
    // and key), so that two files' fingerprints are never comparable by accident.
    Fingerprint seed;
    f.key_seed = seed.Add(f.file).Add(f.key_names).value();
  }
  return s;
}

}  // namespace

std::vector<std::string_view> FeedSchema::Known() const {
  std::vector<std::string_view> all = required;
  all.insert(all.end(), one_of.begin(), one_of.end());
  all.insert(all.end(), optional.begin(), optional.end());
  return all;
}

const FeedSchema& Schema(FeedId id) {
  static const std::vector<FeedSchema>* const kSchemas = new std::vector<FeedSchema>(MakeSchemas());
  return (*kSchemas)[static_cast<size_t>(id)];
}

absl::StatusOr<ColumnMap> ColumnMap::FromHeader(const FeedSchema& schema,
                                                const std::vector<std::string_view>& header,
                                                std::string* fault_column) {
  auto fault = [&](std::string_view column, const std::string& message) {
    if (fault_column != nullptr) *fault_column = std::string(column);
    return absl::InvalidArgumentError(message);
  };
  ColumnMap m;
  m.schema_ = &schema;
  m.known_ = schema.Known();
  m.known_fields_.assign(m.known_.size(), -1);
  m.header_size_ = header.size();
  for (size_t f = 0; f < header.size(); ++f) {
    const auto it = std::find(m.known_.begin(), m.known_.end(), header[f]);
    if (it == m.known_.end()) {
      if (std::find(m.unknown_.begin(), m.unknown_.end(), header[f]) == m.unknown_.end()) {
        m.unknown_.emplace_back(header[f]);
      }
      continue;
    }
    int& slot = m.known_fields_[static_cast<size_t>(it - m.known_.begin())];
    if (slot >= 0) {
      return fault(header[f], std::string(schema.file) + ": column '" + std::string(header[f]) +
                                  "' appears twice in the header");
    }
    slot = static_cast<int>(f);
  }
  for (size_t i = 0; i < schema.required.size(); ++i) {
    if (m.known_fields_[i] < 0) {
      return fault(schema.required[i], std::string(schema.file) + ": missing required column '" +
                                           std::string(schema.required[i]) + "'");
    }
  }
  if (!schema.one_of.empty()) {
    bool any = false;
    for (size_t i = 0; i < schema.one_of.size(); ++i) {
      any = any || m.known_fields_[schema.required.size() + i] >= 0;
    }
    if (!any) {
      std::string names;
      for (std::string_view n : schema.one_of) {
        names += names.empty() ? "" : "' or '";
        names += n;
      }
      return fault(schema.one_of.front(),
                   std::string(schema.file) + ": missing required column '" + names + "'");
    }
  }
  for (std::string_view k : schema.key) {
    const size_t slash = k.find(" / ");
    for (std::string_view c :
         {k.substr(0, slash),
          slash == std::string_view::npos ? std::string_view() : k.substr(slash + 3)}) {
      if (!c.empty()) m.key_fields_.push_back(m.Get(c).field);
    }
  }
  return m;
}

uint64_t ColumnMap::KeyFingerprint(std::span<const std::string_view> fields, bool swap_pair) const {
  Fingerprint fp(schema_->key_seed);
  for (size_t i = 0; i < key_fields_.size(); ++i) {
    const size_t k = swap_pair && i < 2 ? 1 - i : i;
    const int field = key_fields_[k];
    fp.Add(field < 0 ? std::string_view() : fields[static_cast<size_t>(field)]);
  }
  return fp.value();
}

Col ColumnMap::Get(std::string_view name) const {
  const auto it = std::find(known_.begin(), known_.end(), name);
  if (it == known_.end()) std::abort();  // a typo in a loader, caught by every test
  return Col{known_fields_[static_cast<size_t>(it - known_.begin())], *it};
}

}  // namespace coigraph::loaders
