#include "service/pseudonyms.h"

#include "absl/strings/ascii.h"
#include "base/text.h"
#include "graph/export.h"
#include "graph/identity_number.h"
#include "service/field_errors.h"

namespace coigraph::service {

namespace {

bool IsTwelveDigits(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

bool IsNaturalPersonNumber(std::string_view number) {
  return IsTwelveDigits(number) && number[4] >= '0' && number[4] <= '3';
}

std::string Pseudonymiser::Number(std::string_view number, bool organization) const {
  if (!IsTwelveDigits(number)) return "";
  if (!IsNaturalPersonNumber(number)) return std::string(number);
  const uint64_t value = graph::IdentityNumberValue(number);
  return organization ? graph::EntrepreneurPseudonym(value, salt_)
                      : graph::PersonPseudonym(value, salt_);
}

void Pseudonymiser::Vertex(v1::PathVertex* vertex) const {
  const bool organization = vertex->kind() == v1::VERTEX_KIND_ORGANIZATION;
  if (organization && !IsNaturalPersonNumber(vertex->id())) return;  // a legal entity
  vertex->set_id(Number(vertex->id(), organization));
  vertex->set_name(vertex->id());
}

void Pseudonymiser::Path(v1::Path* path) const {
  for (v1::PathVertex& v : *path->mutable_vertices()) Vertex(&v);
}

void Pseudonymiser::Finding(v1::Finding* finding) const {
  // An end of the path tells whether the official or counterparty is an organization (an
  // individual entrepreneur's BIN looks like its owner's IIN); without a path, a person.
  auto is_organization = [&](const std::string& number) {
    for (const v1::PathVertex& v : finding->path().vertices()) {
      if (v.id() == number) return v.kind() == v1::VERTEX_KIND_ORGANIZATION;
    }
    return false;
  };
  finding->set_official(Number(finding->official(), is_organization(finding->official())));
  finding->set_counterparty(
      Number(finding->counterparty(), is_organization(finding->counterparty())));
  Path(finding->mutable_path());
  finding->clear_explanation_ru();
  finding->clear_explanation_en();
  finding->clear_explanation_kk();
  finding->clear_matched_name();
  finding->set_pseudonymised(true);
}

void Pseudonymiser::Case(v1::Case* c) const {
  Finding(c->mutable_finding());
  if (IsNaturalPersonNumber(c->organization_bin())) {
    c->set_organization_bin(Number(c->organization_bin(), /*organization=*/true));
    c->set_organization_name(c->organization_bin());
  }
  c->clear_assignee();
  c->clear_note();
  for (v1::CaseEvent& e : *c->mutable_history()) {
    e.clear_actor();
    if (e.field() == "note" || e.field() == "assignee") {
      e.clear_old_value();
      e.clear_new_value();
    }
  }
  for (v1::TieHint& h : *c->mutable_tie_hints()) TieHint(&h);
}

void Pseudonymiser::TieHint(v1::TieHint* hint) const {
  hint->set_member(Number(hint->member(), /*organization=*/false));
  hint->set_member_name(hint->member());
  if (IsNaturalPersonNumber(hint->bidder())) {
    hint->set_bidder(Number(hint->bidder(), /*organization=*/true));
    hint->set_bidder_name(hint->bidder());
  }
  hint->set_person(Number(hint->person(), /*organization=*/false));
  hint->set_person_name(hint->person());
  hint->clear_surname_stem();
  hint->clear_patronymic_root();
  hint->clear_address();
}

PseudonymIndex::PseudonymIndex(const graph::Snapshot& s, std::string_view salt) {
  for (size_t i = 0; i < s.vertex_count(); ++i) {
    const graph::VertexId v(static_cast<uint32_t>(i));
    if (!graph::IsNaturalPersonVertex(s, v)) continue;
    std::string pseudonym = graph::VertexPseudonym(s, v, salt);
    if (ambiguous_.contains(pseudonym)) continue;
    if (!vertex_.emplace(pseudonym, v).second) {
      vertex_.erase(pseudonym);
      ambiguous_.insert(std::move(pseudonym));
    }
  }
}

absl::StatusOr<graph::VertexId> PseudonymIndex::Find(std::string_view pseudonym,
                                                     std::string_view field) const {
  const bool shaped = pseudonym.size() == 14 &&
                      (pseudonym.starts_with("P-") || pseudonym.starts_with("E-")) && [&] {
                        for (char c : pseudonym.substr(2)) {
                          if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
                        }
                        return true;
                      }();
  if (!shaped) {
    return FieldError(field, "a pseudonym is \"P-\" or \"E-\" and 12 hex digits");
  }
  const std::string key(pseudonym);
  if (ambiguous_.contains(key)) {
    return absl::FailedPreconditionError(
        base::Cat(field, " ", pseudonym, " stands for more than one person; ask an analyst"));
  }
  auto it = vertex_.find(key);
  if (it == vertex_.end()) {
    return absl::NotFoundError(base::Cat(field, " ", pseudonym, " is not known"));
  }
  return it->second;
}

}  // namespace coigraph::service
