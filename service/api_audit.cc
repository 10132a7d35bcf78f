// ListAudit: the audit log for the commissioners, and "who looked at this case".
#include <string>

#include "absl/strings/numbers.h"
#include "base/text.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/field_errors.h"

namespace coigraph::service {

namespace {

// An RPC, or one of the records of the console's sign-in and sign-out.
bool IsRpcName(std::string_view name) {
  if (name == kSignInRecord || name == kSignOutRecord) return true;
  for (Rpc rpc : AllRpcs()) {
    if (Name(rpc) == name) return true;
  }
  return false;
}

void AuditRecordToProto(const AuditRecord& r, v1::AuditEntry* out) {
  out->set_seq(r.seq);
  out->set_time(r.time);
  out->set_caller(r.caller);
  out->set_role(r.role);
  out->set_rpc(r.rpc);
  for (const std::string& id : r.ids) out->add_ids(id);
  out->set_purpose(r.purpose);
  out->set_result(r.result);
  out->set_hash(r.hash);
}

}  // namespace

void CoigraphApi::DefineAudit() {
  rpcs_.list_audit = {
      .rpc = Rpc::kListAudit,
      .describe =
          [](const v1::ListAuditRequest& r, Call& call) {
            for (const std::string& id : {r.caller(), r.id()}) {
              if (!id.empty()) call.ids.push_back(id);
            }
            call.purpose = r.purpose();
          },
      .run = [this](const Call& c, const auto& r, auto* out) { return ListAudit(c, r, out); },
      .result =
          [](const v1::ListAuditResponse& r) { return base::Cat(r.records_size(), " records"); },
  };
}

absl::Status CoigraphApi::ListAudit(const Call& /*call*/, const v1::ListAuditRequest& request,
                                    v1::ListAuditResponse* response) const {
  AuditQuery q;
  q.caller = request.caller();
  q.rpc = request.rpc();
  if (!q.rpc.empty() && !IsRpcName(q.rpc)) return FieldError("rpc", "unknown RPC");
  q.id = request.id();
  absl::Status s = CheckOptionalDate(request.date_from(), "date_from");
  if (s.ok()) s = CheckOptionalDate(request.date_to(), "date_to");
  if (!s.ok()) return s;
  q.date_from = request.date_from();
  q.date_to = request.date_to();
  absl::StatusOr<int> page_size = PageSize(request.page_size(), "page_size");
  if (!page_size.ok()) return page_size.status();
  q.limit = *page_size;
  if (!request.page_token().empty() &&
      (!absl::SimpleAtoi(request.page_token(), &q.before_seq) || q.before_seq <= 0)) {
    return FieldError("page_token", "is not one this server gave");
  }
  absl::StatusOr<AuditPage> page = options_.audit->Query(q);
  if (!page.ok()) return page.status();
  for (const AuditRecord& r : page->records) AuditRecordToProto(r, response->add_records());
  response->set_total_count(page->total_count);
  if (page->next_before_seq > 0) response->set_next_page_token(base::Cat(page->next_before_seq));
  if (request.verify_chain()) {
    absl::StatusOr<int64_t> checked = options_.audit->VerifyChain();
    response->set_chain_ok(checked.ok());
    response->set_chain_message(checked.ok() ? base::Cat(*checked, " records, chain intact")
                                             : std::string(checked.status().message()));
  }
  return absl::OkStatus();
}

}  // namespace coigraph::service
