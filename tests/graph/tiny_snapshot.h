// A few lines to build the tiny snapshots of the graph tests with graph::Builder.
//
// Example:
//   TinySnapshot t;
//   PersonIndex a = t.Person("A"), b = t.Person("B");
//   t.Spouse(a, b, Day("2021-08-14"));
//   std::shared_ptr<const Snapshot> s = t.Build();
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "graph/builder.h"
#include "graph/date.h"
#include "graph/model.h"
#include "graph/snapshot.h"

namespace coigraph::graph::test_util {

// A date written in ISO form; aborts the test binary on a typo.
inline Date Day(std::string_view iso) {
  std::optional<Date> d = ParseIsoDate(iso);
  if (!d) std::abort();
  return *d;
}

class TinySnapshot {
 public:
  // A person named `name`; IINs are made up (the builder does not check them).
  PersonIndex Person(std::string_view name, Sex sex = Sex::kMale) {
    return b_.AddPerson({.iin = 100000000000ULL + next_number_++,
                         .last_name = b_.Intern(name),
                         .first_name = kEmptyStr,
                         .patronymic = kEmptyStr,
                         .birth_date = 0,
                         .death_date = kMaxDate,
                         .sex = sex});
  }
  OrgIndex Company(std::string_view name, OrgKind kind = OrgKind::kCompany) {
    return b_.AddOrganization(
        {.bin = 200000000000ULL + next_number_++, .name = b_.Intern(name), .kind = kind});
  }
  // The individual entrepreneur of person `p`: its BIN is p's IIN.
  OrgIndex Entrepreneur(PersonIndex p, std::string_view name) {
    return b_.AddOrganization({.bin = b_.person(p).iin,
                               .name = b_.Intern(name),
                               .kind = OrgKind::kIndividualEntrepreneur});
  }

  // `parent` is a parent of `child`.
  void Parent(PersonIndex parent, PersonIndex child, Interval valid = kAlways) {
    b_.AddKinship({parent, child, KinRelation::kParent, valid});
  }
  void AdoptiveParent(PersonIndex parent, PersonIndex child, Interval valid = kAlways) {
    b_.AddKinship({parent, child, KinRelation::kAdoptiveParent, valid});
  }
  void Spouse(PersonIndex a, PersonIndex b, Interval valid = kAlways) {
    b_.AddKinship({a, b, KinRelation::kSpouse, valid});
  }
  void Sibling(PersonIndex a, PersonIndex b, Interval valid = kAlways) {
    b_.AddKinship({a, b, KinRelation::kSibling, valid});
  }

  // Person `p` holds `role` in `company`.
  void Role(PersonIndex p, CompanyRoleKind role, OrgIndex company, Interval valid = kAlways,
            double share_pct = kUnknownAmount) {
    b_.AddCompanyRole({.company = company,
                       .role = role,
                       .holder_person = p,
                       .holder_org = kNone,
                       .share_pct = share_pct,
                       .valid = valid});
  }
  // Company `holder` holds `role` in `company`.
  void CompanyRole(OrgIndex holder, CompanyRoleKind role, OrgIndex company,
                   Interval valid = kAlways) {
    b_.AddCompanyRole({.company = company,
                       .role = role,
                       .holder_person = kNone,
                       .holder_org = holder,
                       .share_pct = kUnknownAmount,
                       .valid = valid});
  }

  Builder& builder() { return b_; }
  std::shared_ptr<const Snapshot> Build() { return std::move(b_).Build(); }

 private:
  Builder b_;
  uint64_t next_number_ = 1;
};

// [from, to) written in ISO form; "" is an open end.
inline Interval During(std::string_view from, std::string_view to) {
  return {from.empty() ? kMinDate : Day(from), to.empty() ? kMaxDate : Day(to)};
}

}  // namespace coigraph::graph::test_util
