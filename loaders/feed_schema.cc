#include "loaders/feed_schema.h"

#include <algorithm>
#include <cstdlib>

namespace coigraph::loaders {

namespace {

std::vector<FeedSchema> MakeSchemas() {
  std::vector<FeedSchema> s = {
      {FeedId::kPersons,
       "persons.csv",
       {"iin", "last_name", "first_name", "birth_date", "sex"},
       {"patronymic", "death_date"},
       {}},
      {FeedId::kKinship,
       "kinship.csv",
       {"person_iin", "relative_iin", "relation"},
       {"valid_from", "valid_to"},
       {}},
      {FeedId::kOrganizations,
       "organizations.csv",
       {"bin", "name", "kind"},
       {"parent_bin", "region"},
       {}},
      {FeedId::kPositions,
       "positions.csv",
       {"position_id", "org_bin", "title"},
       {"reports_to", "is_head"},
       {}},
      {FeedId::kEmployment,
       "employment.csv",
       {"person_iin", "position_id", "valid_from"},
       {"valid_to", "appointed_by_iin", "selection_commission_id"},
       {}},
      {FeedId::kCommissions,
       "commissions.csv",
       {"commission_id", "org_bin", "kind", "title"},
       {"valid_from", "valid_to"},
       {}},
      {FeedId::kCommissionMembers,
       "commission_members.csv",
       {"commission_id", "person_iin", "role"},
       {"valid_from", "valid_to", "public_representative"},
       {}},
      {FeedId::kCompanyRoles,
       "company_roles.csv",
       {"company_bin", "role"},
       {"share_pct", "valid_from", "valid_to"},
       {"holder_iin", "holder_bin"}},
      {FeedId::kTenders,
       "tenders.csv",
       {"tender_id", "customer_bin", "method", "announced_date"},
       {"commission_id", "title", "amount_kzt"},
       {}},
      {FeedId::kBids,
       "bids.csv",
       {"tender_id", "supplier_bin", "outcome"},
       {"submitted_date", "amount_kzt"},
       {}},
      {FeedId::kContracts,
       "contracts.csv",
       {"contract_id", "customer_bin", "supplier_bin", "signed_date"},
       {"tender_id", "signed_by_iin", "amount_kzt"},
       {}},
      {FeedId::kAllocations,
       "allocations.csv",
       {"decision_id", "kind", "commission_id", "recipient_iin", "decision_date"},
       {"object_id", "queue_number", "approved_by_iin"},
       {}},
      {FeedId::kDisciplinary,
       "disciplinary.csv",
       {"case_id", "subject_iin", "opened_date"},
       {"investigator_iin", "commission_id", "outcome"},
       {}},
      {FeedId::kBonuses,
       "bonuses.csv",
       {"bonus_id", "recipient_iin", "approved_by_iin", "org_bin", "date"},
       {"amount_kzt"},
       {}},
      {FeedId::kWaitingList,
       "waiting_list.csv",
       {"commission_id", "person_iin", "queue_number", "registered_date"},
       {"removed_date"},
       {}},
      {FeedId::kBlacklist,
       "blacklist.csv",
       {"supplier_bin", "valid_from"},
       {"valid_to", "reason"},
       {}},
      {FeedId::kResidence,
       "residence.csv",
       {"person_iin", "address_id"},
       {"valid_from", "valid_to"},
       {}},
  };
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
                                                const std::vector<std::string_view>& header) {
  ColumnMap m;
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
      return absl::InvalidArgumentError(std::string(schema.file) + ": column '" +
                                        std::string(header[f]) + "' appears twice in the header");
    }
    slot = static_cast<int>(f);
  }
  for (size_t i = 0; i < schema.required.size(); ++i) {
    if (m.known_fields_[i] < 0) {
      return absl::InvalidArgumentError(std::string(schema.file) + ": missing required column '" +
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
      return absl::InvalidArgumentError(std::string(schema.file) + ": missing required column '" +
                                        names + "'");
    }
  }
  return m;
}

Col ColumnMap::Get(std::string_view name) const {
  const auto it = std::find(known_.begin(), known_.end(), name);
  if (it == known_.end()) std::abort();  // a typo in a loader, caught by every test
  return Col{known_fields_[static_cast<size_t>(it - known_.begin())], *it};
}

}  // namespace coigraph::loaders
