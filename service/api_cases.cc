// The commissioners' cases: ListCases, GetCase, UpdateCase.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "loaders/names/tie_hints.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/convert.h"
#include "service/field_errors.h"
#include "service/limits.h"

namespace coigraph::service {

namespace {

std::string CaseResult(const v1::Case& c) { return v1::CaseStatus_Name(c.status()); }

// The finding of a case: from `state` while it gives it (path and explanations), else rebuilt
// from the stored facts.
void CaseFinding(const LoadedState* state, const CaseRecord& record, v1::Case* out) {
  const graph::Finding* f = state ? state->FindingOfCase(record.facts.case_id) : nullptr;
  if (f != nullptr) {
    FindingToProto(*f, record.facts.case_id, out->mutable_finding());
  } else {
    CaseFactsToFinding(record.facts, out->mutable_finding());
  }
}

// The tender a case is about: the object of TENDER_COMMISSION, TENDER_AFFILIATED_BIDDERS and
// TENDER_BLACKLIST_SUCCESSOR, the tender of a TENDER_SIGNATORY contract; nullopt for others.
std::optional<graph::TenderIndex> TenderOfCase(const graph::Snapshot& s, const CaseFacts& facts) {
  if (facts.rule == "TENDER_COMMISSION" || facts.rule == "TENDER_AFFILIATED_BIDDERS" ||
      facts.rule == "TENDER_BLACKLIST_SUCCESSOR") {
    return s.FindTender(facts.object_id);
  }
  if (facts.rule != "TENDER_SIGNATORY") return std::nullopt;
  const std::optional<graph::StrId> id = s.data().strings.Find(facts.object_id);
  if (!id.has_value()) return std::nullopt;
  for (const graph::Contract& c : s.data().contracts) {
    if (c.id == *id) {
      if (c.tender == graph::kNone) return std::nullopt;
      return c.tender;
    }
  }
  return std::nullopt;
}

// The undeclared-tie hints of the case's tender, from `state`'s snapshot.
void CaseTieHints(const LoadedState* state, const CaseRecord& record, v1::Case* out) {
  if (state == nullptr || state->snapshot == nullptr) return;
  const graph::Snapshot& s = *state->snapshot;
  const std::optional<graph::TenderIndex> tender = TenderOfCase(s, record.facts);
  if (!tender.has_value()) return;
  for (const loaders::names::TieHint& h : loaders::names::TieHintsOfTender(s, *tender)) {
    TieHintToProto(s, h, out->add_tie_hints());
  }
}

}  // namespace

void CoigraphApi::DefineCases() {
  rpcs_.list_cases = {
      .rpc = Rpc::kListCases,
      .describe =
          [](const v1::ListCasesRequest& r, Call& call) {
            for (const std::string& id : {r.organization_bin(), r.text(), r.assignee()}) {
              if (!id.empty()) call.ids.push_back(id);
            }
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return ListCases(c, r, out); },
      .result = [](const v1::ListCasesResponse& r) { return base::Cat(r.cases_size(), " cases"); },
  };
  rpcs_.get_case = {
      .rpc = Rpc::kGetCase,
      .describe =
          [](const v1::GetCaseRequest& r, Call& call) {
            call.ids = {r.case_id()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return GetCase(c, r, out); },
      .result = CaseResult,
  };
  rpcs_.update_case = {
      .rpc = Rpc::kUpdateCase,
      .describe =
          [](const v1::UpdateCaseRequest& r, Call& call) {
            call.ids = {r.case_id()};
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return UpdateCase(c, r, out); },
      .result = CaseResult,
  };
}

absl::Status CoigraphApi::ListCases(const Call& call, const v1::ListCasesRequest& request,
                                    v1::ListCasesResponse* response) const {
  absl::StatusOr<std::optional<Pseudonymiser>> shown = ShownTo(call);
  if (!shown.ok()) return shown.status();
  if (shown->has_value()) {
    // The text search matches names, notes and assignees, and an individual entrepreneur's BIN
    // is its owner's IIN: either would tell a pseudonym's person by its answers.
    auto refused = [&](std::string_view field) {
      return absl::PermissionDeniedError(
          base::Cat("role ", Name(call.who().role), " may not filter cases by ", field));
    };
    if (!request.text().empty()) return refused("text");
    if (!request.assignee().empty()) return refused("assignee");
    if (IsNaturalPersonNumber(request.organization_bin())) {
      return refused("an individual entrepreneur's BIN");
    }
  }
  CaseFilter filter;
  filter.sphere = request.sphere();
  filter.rule = request.rule();
  filter.organization_bin = request.organization_bin();
  filter.region = request.region();
  for (int status : request.statuses()) {
    std::optional<CaseStatus> cs = CaseStatusFromInt(status);
    if (!cs.has_value()) return FieldError("statuses", "unknown case status");
    filter.statuses.push_back(*cs);
  }
  for (int severity : request.severities()) {
    const std::string name = SeverityName(static_cast<v1::Severity>(severity));
    if (name.empty()) return FieldError("severities", "unknown severity");
    filter.severities.push_back(name);
  }
  filter.assignee = request.assignee();
  filter.date_from = request.date_from();
  filter.date_to = request.date_to();
  filter.first_seen_from = request.first_seen_from();
  filter.first_seen_to = request.first_seen_to();
  filter.text = request.text();
  filter.include_inactive = request.include_inactive();
  absl::StatusOr<int> page_size = PageSize(request.page_size(), "page_size");
  if (!page_size.ok()) return page_size.status();
  filter.page_size = *page_size;
  filter.page_token = request.page_token();
  absl::Status s = call.StillWanted();
  if (!s.ok()) return s;
  // Errors name the field: an unknown sphere, rule or severity, a malformed date, a page token
  // this server did not give.
  absl::StatusOr<CasePage> page = options_.cases->List(filter);
  if (!page.ok()) return page.status();
  s = call.StillWanted();
  if (!s.ok()) return s;
  std::shared_ptr<const LoadedState> state = options_.holder->Get();
  for (const CaseRecord& r : page->cases) {
    if (static_cast<size_t>(response->cases_size()) % kCasesPerCancelCheck ==
        kCasesPerCancelCheck - 1) {
      s = call.StillWanted();
      if (!s.ok()) return s;
    }
    v1::Case* c = response->add_cases();
    CaseRecordToProto(r, c);
    CaseFinding(state.get(), r, c);
    if (shown->has_value()) (*shown)->Case(c);
  }
  response->set_next_page_token(page->next_page_token);
  response->set_total_count(page->total_count);
  for (const auto& [status, n] : page->counts_by_status) {
    (*response->mutable_counts_by_status())[v1::CaseStatus_Name(CaseStatusToProto(status))] = n;
  }
  for (const auto& [sphere, n] : page->counts_by_sphere) {
    (*response->mutable_counts_by_sphere())[sphere] = n;
  }
  return absl::OkStatus();
}

absl::Status CoigraphApi::FillCase(const std::string& case_id, v1::Case* response) const {
  absl::StatusOr<CaseRecord> record = options_.cases->Get(case_id);
  if (!record.ok()) return record.status();
  absl::StatusOr<std::vector<CaseEvent>> history = options_.cases->History(case_id);
  if (!history.ok()) return history.status();
  CaseRecordToProto(*record, response);
  const std::shared_ptr<const LoadedState> state = options_.holder->Get();
  CaseFinding(state.get(), *record, response);
  CaseTieHints(state.get(), *record, response);
  for (const CaseEvent& e : *history) CaseEventToProto(e, response->add_history());
  return absl::OkStatus();
}

absl::Status CoigraphApi::GetCase(const Call& call, const v1::GetCaseRequest& request,
                                  v1::Case* response) const {
  absl::Status s = RequireText(request.case_id(), "case_id");
  if (!s.ok()) return s;
  absl::StatusOr<std::optional<Pseudonymiser>> shown = ShownTo(call);
  if (!shown.ok()) return shown.status();
  s = FillCase(request.case_id(), response);
  if (s.ok() && shown->has_value()) (*shown)->Case(response);
  return s;
}

absl::Status CoigraphApi::UpdateCase(const Call& call, const v1::UpdateCaseRequest& request,
                                     v1::Case* response) const {
  absl::Status s = RequireText(request.case_id(), "case_id");
  if (!s.ok()) return s;
  CaseChange change;
  if (request.status() != v1::CASE_STATUS_UNSPECIFIED) {
    std::optional<CaseStatus> cs = CaseStatusFromInt(request.status());
    if (!cs.has_value()) return FieldError("status", "unknown case status");
    change.status = *cs;
  }
  // Stored for good, in the case and its history: bounded (empty clears them).
  if (request.note().size() > kMaxTextBytes) {
    return FieldError("note", base::Cat("longer than ", kMaxTextBytes, " bytes"));
  }
  if (request.assignee().size() > kMaxTextBytes) {
    return FieldError("assignee", base::Cat("longer than ", kMaxTextBytes, " bytes"));
  }
  if (request.has_note()) change.note = request.note();
  if (request.has_assignee()) change.assignee = request.assignee();
  change.actor = call.who().name;
  change.role = std::string(Name(call.who().role));
  change.time = options_.clock();
  absl::StatusOr<CaseRecord> updated = options_.cases->Update(request.case_id(), change);
  if (!updated.ok()) return updated.status();
  return FillCase(request.case_id(), response);
}

}  // namespace coigraph::service
