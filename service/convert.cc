#include "service/convert.h"

#include "base/text.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "graph/identity_number.h"
#include "graph/model.h"
#include "graph/rules/legal_basis.h"
#include "graph/tie_labels.h"
#include "loaders/text_check.h"
#include "service/field_errors.h"
#include "service/snapshot_holder.h"

namespace coigraph::service {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl and gRPC canonical codes are numerically equal.
  const auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  std::optional<std::string> field = ViolatedField(status);
  if (!field.has_value()) return grpc::Status(code, message);

  google::rpc::BadRequest bad_request;
  google::rpc::BadRequest::FieldViolation* violation = bad_request.add_field_violations();
  violation->set_field(*field);
  // The description without the "field: " prefix FieldError put in the message.
  const std::string prefix = *field + ": ";
  violation->set_description(message.starts_with(prefix) ? message.substr(prefix.size()) : message);
  google::rpc::Status details;
  details.set_code(static_cast<int32_t>(code));
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

v1::Severity SeverityToProto(graph::Severity severity) {
  switch (severity) {
    case graph::Severity::kCritical:
      return v1::SEVERITY_CRITICAL;
    case graph::Severity::kHigh:
      return v1::SEVERITY_HIGH;
    case graph::Severity::kMedium:
      return v1::SEVERITY_MEDIUM;
    case graph::Severity::kLow:
      return v1::SEVERITY_LOW;
  }
  return v1::SEVERITY_UNSPECIFIED;
}

std::string SeverityName(v1::Severity severity) {
  switch (severity) {
    case v1::SEVERITY_CRITICAL:
      return "critical";
    case v1::SEVERITY_HIGH:
      return "high";
    case v1::SEVERITY_MEDIUM:
      return "medium";
    case v1::SEVERITY_LOW:
      return "low";
    default:
      return "";
  }
}

namespace {

void SetLegalBasis(graph::Rule rule, v1::Finding* out) {
  const graph::LegalBasis& basis = graph::LegalBasisOf(rule);
  out->set_legal_basis(std::string(basis.ru));
  out->set_legal_basis_kk(std::string(basis.kk));
  out->set_legal_basis_en(std::string(basis.en));
}

}  // namespace

void FindingToProto(const graph::Finding& f, const std::string& case_id, v1::Finding* out) {
  out->set_rule(std::string(graph::Name(f.rule)));
  out->set_sphere(std::string(graph::Name(graph::SphereOf(f.rule))));
  out->set_object_id(f.object_id);
  out->set_date(graph::FormatIsoDate(f.date));
  out->set_official(f.official);
  out->set_counterparty(f.counterparty);
  out->set_relation(f.relation);
  v1::Path* path = out->mutable_path();
  for (const graph::PathVertex& v : f.path.vertices) {
    v1::PathVertex* pv = path->add_vertices();
    pv->set_id(v.id);
    pv->set_name(v.name);
    pv->set_kind(v.kind == graph::VertexKind::kPerson ? v1::VERTEX_KIND_PERSON
                                                      : v1::VERTEX_KIND_ORGANIZATION);
  }
  for (const graph::PathEdge& e : f.path.edges) {
    v1::PathEdge* pe = path->add_edges();
    pe->set_type(e.type);
    if (e.share_pct >= 0) pe->set_share_pct(e.share_pct);
    pe->set_derived(e.derived);
    pe->set_valid_from(graph::FormatIsoDate(e.valid.from));
    pe->set_valid_to(graph::FormatIsoDate(e.valid.to));
  }
  out->set_severity(SeverityToProto(f.severity));
  out->set_explanation_ru(f.explanation_ru);
  out->set_explanation_en(f.explanation_en);
  out->set_explanation_kk(f.explanation_kk);
  out->set_evidence(std::string(graph::Name(f.evidence.kind)));
  out->set_match_score(f.evidence.match_score);
  out->set_matched_name(f.evidence.matched_name);
  SetLegalBasis(f.rule, out);
  out->set_case_id(case_id);
}

void RedactFinding(v1::Finding* f) {
  f->clear_official();
  f->clear_counterparty();
  f->clear_relation();
  f->clear_path();
  f->clear_explanation_ru();
  f->clear_explanation_en();
  f->clear_explanation_kk();
  f->clear_matched_name();
  f->set_redacted(true);
}

void CaseFactsToFinding(const CaseFacts& facts, v1::Finding* out) {
  out->set_rule(facts.rule);
  out->set_sphere(facts.sphere);
  out->set_object_id(facts.object_id);
  out->set_date(facts.date);
  out->set_official(facts.official);
  out->set_counterparty(facts.counterparty);
  out->set_relation(facts.relation);
  const std::optional<graph::Severity> severity = graph::ParseSeverity(facts.severity);
  out->set_severity(severity ? SeverityToProto(*severity) : v1::SEVERITY_UNSPECIFIED);
  out->set_explanation_ru(facts.explanation_ru);
  out->set_explanation_en(facts.explanation_en);
  out->set_explanation_kk(facts.explanation_kk);
  out->set_evidence(facts.match_score > 0 ? "name_matched" : "registry");
  out->set_match_score(facts.match_score);
  out->set_matched_name(facts.matched_name);
  // The store keeps the rule as its name (the case store is an edge, like the proto).
  if (std::optional<graph::Rule> rule = graph::ParseRule(facts.rule)) SetLegalBasis(*rule, out);
  out->set_case_id(facts.case_id);
}

void VertexToProto(const graph::Snapshot& s, graph::VertexId v, v1::PathVertex* out) {
  out->set_id(s.VertexNumber(v));
  out->set_name(s.VertexName(v));
  out->set_kind(s.IsPerson(v) ? v1::VERTEX_KIND_PERSON : v1::VERTEX_KIND_ORGANIZATION);
}

void TieToProto(const graph::Tie& tie, bool from_person, v1::PathEdge* out) {
  (void)from_person;
  out->set_type(std::string(graph::TieLabel(tie)));
  if (tie.share_pct >= 0) out->set_share_pct(tie.share_pct);
  out->set_valid_from(graph::FormatIsoDate(tie.valid.from));
  out->set_valid_to(graph::FormatIsoDate(tie.valid.to));
}

void TiePathToProto(const graph::Snapshot& s, const graph::TiePath& path, v1::Path* out) {
  for (graph::VertexId v : path.vertices) VertexToProto(s, v, out->add_vertices());
  for (size_t i = 0; i < path.edges.size(); ++i) {
    TieToProto(path.edges[i], s.IsPerson(path.vertices[i]), out->add_edges());
  }
}

v1::CaseStatus CaseStatusToProto(CaseStatus status) {
  return static_cast<v1::CaseStatus>(static_cast<int>(status));
}

void CaseRecordToProto(const CaseRecord& record, v1::Case* out) {
  out->set_case_id(record.facts.case_id);
  out->set_status(CaseStatusToProto(record.status));
  out->set_assignee(record.assignee);
  out->set_note(record.note);
  out->set_organization_bin(record.facts.organization_bin);
  out->set_organization_name(record.facts.organization_name);
  out->set_region(record.facts.region);
  out->set_active(record.active);
  out->set_first_seen(record.first_seen);
  out->set_last_seen(record.last_seen);
  out->set_cure_deadline(CureDeadline(record.facts.rule, record.facts.date));
}

void CaseEventToProto(const CaseEvent& event, v1::CaseEvent* out) {
  out->set_time(event.time);
  out->set_actor(event.actor);
  out->set_role(event.role);
  out->set_field(event.field);
  out->set_old_value(event.old_value);
  out->set_new_value(event.new_value);
}

void FileReportToProto(const loaders::FileReport& report, v1::FileLoad* out) {
  out->set_file(report.file);
  out->set_present(report.present);
  out->set_loaded(report.loaded);
  out->set_merged(report.merged);
  out->set_rejected(report.rejected);
  out->set_dropped(report.dropped);
  for (const std::string& w : report.warnings) out->add_warnings(loaders::ToValidUtf8(w));
  out->set_file_error(loaders::ToValidUtf8(report.file_error));
}

namespace {

void LoadRecordToProto(const loaders::RejectRecord& r, v1::LoadRecord* out) {
  out->set_file(loaders::ToValidUtf8(r.file));
  out->set_line(r.line);
  out->set_column(loaders::ToValidUtf8(r.column));
  out->set_reason(loaders::ToValidUtf8(r.reason));
  out->set_caused_by_file(loaders::ToValidUtf8(r.caused_by_file));
  out->set_caused_by_line(r.caused_by_line);
}

}  // namespace

void LoadSummaryToProto(const loaders::LoadReport& report, bool records, v1::LoadSummary* out) {
  for (const std::string& f : report.listing.found) out->add_found(f);
  for (const std::string& f : report.listing.missing) out->add_missing(f);
  for (const loaders::FeedListing::Unknown& u : report.listing.unknown) {
    v1::UnknownFeedFile* entry = out->add_unknown();
    entry->set_name(loaders::ToValidUtf8(u.name));
    entry->set_hint(u.hint);
  }
  out->set_root_causes(report.RootCauses());
  out->set_consequences(report.Consequences());
  out->set_dropped(static_cast<int64_t>(report.dropped.size()));
  if (!records) return;
  for (size_t i = 0; i < report.rejects.size() && i < kMaxLoadRecords; ++i) {
    LoadRecordToProto(report.rejects[i], out->add_rejects());
  }
  for (size_t i = 0; i < report.dropped.size() && i < kMaxLoadRecords; ++i) {
    LoadRecordToProto(report.dropped[i], out->add_warnings());
  }
}

void TieHintToProto(const graph::Snapshot& s, const loaders::names::TieHint& hint,
                    v1::TieHint* out) {
  const graph::SnapshotData& data = s.data();
  const graph::Tender& t = data.tenders[hint.tender];
  out->set_tender_id(std::string(s.Str(t.id)));
  out->set_date(graph::FormatIsoDate(t.announced));
  out->set_member(graph::FormatIdentityNumber(data.persons[hint.member].iin));
  out->set_member_name(s.PersonFullName(hint.member));
  out->set_bidder(graph::FormatIdentityNumber(data.organizations[hint.bidder].bin));
  out->set_bidder_name(std::string(s.Str(data.organizations[hint.bidder].name)));
  out->set_party(std::string(loaders::names::Name(hint.party)));
  if (hint.person != graph::kNone) {
    out->set_person(graph::FormatIdentityNumber(data.persons[hint.person].iin));
  }
  out->set_person_name(loaders::names::HintPartyName(s, hint));
  out->set_name_matched(!hint.surname_stem.empty());
  out->set_surname_stem(hint.surname_stem);
  out->set_patronymic_root(hint.patronymic_root);
  out->set_address_matched(!hint.address.empty());
  out->set_address(hint.address);
}

}  // namespace coigraph::service
