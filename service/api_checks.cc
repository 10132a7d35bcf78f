// The checks: CheckHire (and each item of CheckHireBatch), CheckTender, CheckBidder,
// CheckAllocation.
#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "graph/checks.h"
#include "graph/identity_number.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/convert.h"
#include "service/field_errors.h"

namespace coigraph::service {

namespace {

// A person of the registry named by IIN in `field`. Errors: FieldError, NotFound.
absl::StatusOr<graph::PersonIndex> PersonField(const graph::Snapshot& snap, const std::string& iin,
                                               std::string_view field) {
  absl::StatusOr<uint64_t> number = ParseIinField(iin, field);
  if (!number.ok()) return number.status();
  std::optional<graph::PersonIndex> person = snap.FindPerson(*number);
  if (!person.has_value()) {
    return absl::NotFoundError(base::Cat(field, " ", iin, " is not in the person registry"));
  }
  return *person;
}

void DescribeHire(const v1::CheckHireRequest& r, Call& call) {
  call.ids = {r.candidate_iin(), r.position_id()};
  if (!r.appointed_by_iin().empty()) call.ids.push_back(r.appointed_by_iin());
  if (!r.selection_commission_id().empty()) call.ids.push_back(r.selection_commission_id());
  call.purpose = r.purpose();
}

std::string CheckResult(const v1::CheckResponse& r) {
  return Verdict(static_cast<size_t>(r.findings_size()));
}

}  // namespace

void CoigraphApi::DefineChecks() {
  rpcs_.check_hire = {
      .rpc = Rpc::kCheckHire,
      .describe = DescribeHire,
      .run = [this](const Call& c, const auto& r, auto* out) { return CheckHire(c, r, out); },
      .result =
          [](const v1::CheckHireResponse& r) {
            return Verdict(static_cast<size_t>(r.conflicts_size()));
          },
  };
  rpcs_.check_hire_batch_item = rpcs_.check_hire;
  rpcs_.check_hire_batch_item.rpc = Rpc::kCheckHireBatch;
  rpcs_.check_tender = {
      .rpc = Rpc::kCheckTender,
      .describe =
          [](const v1::CheckTenderRequest& r, Call& call) {
            call.ids = {r.tender_id()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return CheckTender(c, r, out); },
      .result = CheckResult,
  };
  rpcs_.check_bidder = {
      .rpc = Rpc::kCheckBidder,
      .describe =
          [](const v1::CheckBidderRequest& r, Call& call) {
            call.ids = {r.tender_id(), r.supplier_bin()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return CheckBidder(c, r, out); },
      .result = CheckResult,
  };
  rpcs_.check_allocation = {
      .rpc = Rpc::kCheckAllocation,
      .describe =
          [](const v1::CheckAllocationRequest& r, Call& call) {
            call.ids = {r.commission_id(), r.recipient_iin()};
            if (!r.approved_by_iin().empty()) call.ids.push_back(r.approved_by_iin());
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return CheckAllocation(c, r, out); },
      .result = CheckResult,
  };
}

absl::Status CoigraphApi::CheckHire(const Call& call, const v1::CheckHireRequest& request,
                                    v1::CheckHireResponse* response) const {
  response->set_request_id(request.request_id());
  absl::StatusOr<uint64_t> candidate = ParseIinField(request.candidate_iin(), "candidate_iin");
  if (!candidate.ok()) return candidate.status();
  absl::Status s = RequireText(request.position_id(), "position_id");
  if (!s.ok()) return s;
  absl::StatusOr<graph::Date> date = ParseDateField(request.date(), "date");
  if (!date.ok()) return date.status();
  if (!request.appointed_by_iin().empty()) {
    s = ParseIinField(request.appointed_by_iin(), "appointed_by_iin").status();
    if (!s.ok()) return s;
  }

  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  graph::HireQuery q;
  q.date = *date;
  absl::StatusOr<graph::PersonIndex> person =
      PersonField(snap, request.candidate_iin(), "candidate_iin");
  if (!person.ok()) return person.status();
  q.candidate = *person;
  std::optional<graph::PositionIndex> position = snap.FindPosition(request.position_id());
  if (!position.has_value()) {
    return absl::NotFoundError(base::Cat("no position ", request.position_id()));
  }
  q.position = *position;
  if (!request.appointed_by_iin().empty()) {
    absl::StatusOr<graph::PersonIndex> a =
        PersonField(snap, request.appointed_by_iin(), "appointed_by_iin");
    if (!a.ok()) return a.status();
    q.appointed_by = *a;
  }
  if (!request.selection_commission_id().empty()) {
    std::optional<graph::CommissionIndex> c =
        snap.FindCommission(request.selection_commission_id());
    if (!c.has_value()) {
      return absl::NotFoundError(base::Cat("no commission ", request.selection_commission_id()));
    }
    q.selection_commission = *c;
  }

  const std::vector<graph::Finding> findings = graph::CheckHire(snap, q);
  const bool may_see = MaySeeRelatives(call.who().role);
  response->set_verdict(findings.empty() ? v1::VERDICT_CLEAR : v1::VERDICT_CONFLICT);
  response->set_snapshot_version((*state)->version);
  for (const graph::Finding& f : findings) {
    v1::HireConflict* c = response->add_conflicts();
    const std::string rule(graph::Name(f.rule));
    const std::string case_id = CaseIdOf(rule, f.object_id, f.official, f.counterparty);
    c->set_rule(rule);
    c->set_case_id(case_id);
    c->set_severity(SeverityToProto(f.severity));
    // The post involved: for the reporting rules the other holder's post (the lower one when
    // the candidate is above it, the official's when below).
    graph::PositionIndex post = q.position;
    if (f.rule == graph::Rule::kHireSubordination || f.rule == graph::Rule::kHireChain) {
      post = f.scope.post != q.position ? f.scope.post : f.scope.official_post;
      if (post == graph::kNone) post = q.position;
    }
    const graph::Position& pos = snap.data().positions[post];
    c->set_position_id(std::string(snap.Str(pos.id)));
    c->set_position_title(std::string(snap.Str(pos.title)));
    FindingToProto(f, case_id, c->mutable_finding());
    if (!may_see) RedactFinding(c->mutable_finding());
  }
  return absl::OkStatus();
}

absl::Status CoigraphApi::CheckTender(const Call& /*call*/, const v1::CheckTenderRequest& request,
                                      v1::CheckResponse* response) const {
  absl::Status s = RequireText(request.tender_id(), "tender_id");
  if (!s.ok()) return s;
  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  std::optional<graph::TenderIndex> t = snap.FindTender(request.tender_id());
  if (!t.has_value()) return absl::NotFoundError(base::Cat("no tender ", request.tender_id()));
  FindingsToResponse(graph::CheckTender(snap, *t), (*state)->version, response);
  return absl::OkStatus();
}

absl::Status CoigraphApi::CheckBidder(const Call& /*call*/, const v1::CheckBidderRequest& request,
                                      v1::CheckResponse* response) const {
  absl::Status s = RequireText(request.tender_id(), "tender_id");
  if (!s.ok()) return s;
  // An individual entrepreneur's BIN is its owner's IIN (docs/loaders.md), so both shapes are
  // valid.
  absl::StatusOr<uint64_t> bin = ParseIdentityField(request.supplier_bin(), "supplier_bin");
  if (!bin.ok()) return bin.status();
  std::optional<graph::Date> date;
  if (!request.date().empty()) {
    absl::StatusOr<graph::Date> d = ParseDateField(request.date(), "date");
    if (!d.ok()) return d.status();
    date = *d;
  }
  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  std::optional<graph::TenderIndex> t = snap.FindTender(request.tender_id());
  if (!t.has_value()) return absl::NotFoundError(base::Cat("no tender ", request.tender_id()));
  std::optional<graph::OrgIndex> supplier = snap.FindOrganization(*bin);
  if (!supplier.has_value()) {
    return absl::NotFoundError(
        base::Cat("supplier_bin ", request.supplier_bin(), " is not in organizations.csv"));
  }
  FindingsToResponse(graph::CheckBidder(snap, *t, *supplier, date), (*state)->version, response);
  return absl::OkStatus();
}

absl::Status CoigraphApi::CheckAllocation(const Call& /*call*/,
                                          const v1::CheckAllocationRequest& request,
                                          v1::CheckResponse* response) const {
  absl::Status s = RequireText(request.commission_id(), "commission_id");
  if (!s.ok()) return s;
  s = ParseIinField(request.recipient_iin(), "recipient_iin").status();
  if (!s.ok()) return s;
  absl::StatusOr<graph::Date> date = ParseDateField(request.date(), "date");
  if (!date.ok()) return date.status();
  if (!request.approved_by_iin().empty()) {
    s = ParseIinField(request.approved_by_iin(), "approved_by_iin").status();
    if (!s.ok()) return s;
  }
  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  std::optional<graph::CommissionIndex> c = snap.FindCommission(request.commission_id());
  if (!c.has_value()) {
    return absl::NotFoundError(base::Cat("no commission ", request.commission_id()));
  }
  absl::StatusOr<graph::PersonIndex> recipient =
      PersonField(snap, request.recipient_iin(), "recipient_iin");
  if (!recipient.ok()) return recipient.status();
  graph::PersonIndex approved_by = graph::kNone;
  if (!request.approved_by_iin().empty()) {
    absl::StatusOr<graph::PersonIndex> a =
        PersonField(snap, request.approved_by_iin(), "approved_by_iin");
    if (!a.ok()) return a.status();
    approved_by = *a;
  }
  FindingsToResponse(graph::CheckAllocation(snap, *c, *recipient, *date, approved_by),
                     (*state)->version, response);
  return absl::OkStatus();
}

}  // namespace coigraph::service
