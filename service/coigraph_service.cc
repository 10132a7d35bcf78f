#include "service/coigraph_service.h"

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "graph/checks.h"
#include "graph/export.h"
#include "graph/identity_number.h"
#include "graph/paths.h"
#include "graph/text.h"
#include "service/convert.h"
#include "service/field_errors.h"

namespace coigraph::service {

namespace {

constexpr int kMaxNeighborhoodRadius = 4;
constexpr size_t kMaxNeighborhoodVertices = 10000;
constexpr int kDefaultPageSize = 50;

std::string MetadataValue(const grpc::CallbackServerContext* ctx, std::string_view key) {
  const auto& md = ctx->client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  if (it == md.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

// OK while the caller still waits for the answer; DeadlineExceeded or Cancelled once it does
// not, so a long handler stops between its steps instead of computing an answer nobody reads.
absl::Status StillWanted(grpc::CallbackServerContext* ctx) {
  if (ctx->deadline() < std::chrono::system_clock::now()) {
    return absl::DeadlineExceededError("the call's deadline passed");
  }
  if (ctx->IsCancelled()) return absl::CancelledError("the caller cancelled the call");
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const LoadedState>> CurrentState(const SnapshotHolder& holder) {
  std::shared_ptr<const LoadedState> state = holder.Get();
  if (state == nullptr) return absl::FailedPreconditionError("no feeds loaded yet (LoadFeeds)");
  return state;
}

std::string Verdict(size_t findings) {
  return findings == 0 ? "CLEAR" : graph::Cat("CONFLICT ", findings);
}

void FindingsToResponse(const std::vector<graph::Finding>& findings, int64_t version,
                        v1::CheckResponse* response) {
  response->set_verdict(findings.empty() ? v1::VERDICT_CLEAR : v1::VERDICT_CONFLICT);
  response->set_snapshot_version(version);
  for (const graph::Finding& f : findings) {
    const std::string rule(graph::Name(f.rule));
    FindingToProto(f, CaseIdOf(rule, f.object_id, f.official, f.counterparty),
                   response->add_findings());
  }
}

// The post above `position` in its reporting chain that `person` holds around `date`; kNone
// when none (the candidate is then the upper holder).
graph::PositionIndex UpperPostOf(const graph::Snapshot& s, graph::PositionIndex position,
                                 graph::PersonIndex person) {
  const graph::SnapshotData& d = s.data();
  graph::PositionIndex p = d.positions[position].reports_to;
  for (size_t steps = 0; p != graph::kNone && steps < d.positions.size(); ++steps) {
    for (uint32_t e : s.EmploymentsOfPosition(p)) {
      if (d.employments[e].person == person) return p;
    }
    p = d.positions[p].reports_to;
  }
  return graph::kNone;
}

absl::StatusOr<graph::RelationMask> ParseRelations(const std::string& text,
                                                   std::string_view field) {
  if (text.empty()) return graph::kAllRelations;
  std::optional<graph::RelationMask> mask = graph::ParseRelationFilter(text);
  if (!mask.has_value()) {
    return FieldError(field,
                      "unknown relation (kinship, business, or steps and roles such as"
                      " spouse,sibling,founder)");
  }
  return *mask;
}

// A vertex named by IIN or BIN. Errors: FieldError, NotFound.
absl::StatusOr<graph::VertexId> ParseVertex(const graph::Snapshot& s, std::string_view value,
                                            std::string_view field) {
  absl::StatusOr<uint64_t> number = ParseIdentityField(value, field);
  if (!number.ok()) return number.status();
  std::optional<graph::VertexId> v = s.FindVertex(*number);
  if (!v.has_value()) return absl::NotFoundError(graph::Cat(field, " ", value, " is not known"));
  return *v;
}

}  // namespace

// One call in flight: who, what about, why.
struct CoigraphService::Call {
  Rpc rpc = Rpc::kStatus;
  absl::StatusOr<Principal> principal;
  std::vector<std::string> ids;
  std::string purpose;

  const Principal& who() const { return *principal; }
};

absl::StatusOr<ScanSummary> LoadAndSwap(const std::string& dir, SnapshotHolder& holder,
                                        CaseStore& cases, absl::Time now) {
  std::shared_ptr<const LoadedState> old = holder.Get();
  const int64_t version = old == nullptr ? 1 : old->version + 1;
  absl::StatusOr<std::shared_ptr<const LoadedState>> next = LoadScan(dir, version, now);
  if (!next.ok()) return next.status();
  absl::StatusOr<ScanSummary> summary = cases.RecordScan((*next)->cases, now);
  if (!summary.ok()) return summary.status();
  holder.Swap(std::move(*next));
  return summary;
}

CoigraphService::CoigraphService(ServiceOptions options) : options_(std::move(options)) {}

CoigraphService::~CoigraphService() {
  std::lock_guard<std::mutex> lock(load_thread_mu_);
  if (load_thread_.joinable()) load_thread_.join();
}

CoigraphService::Call CoigraphService::Begin(grpc::CallbackServerContext* ctx, Rpc rpc) const {
  Call call;
  call.rpc = rpc;
  call.principal = options_.auth.Authorize(MetadataValue(ctx, "authorization"), rpc);
  return call;
}

AuditEntry CoigraphService::AuditEntryOf(const Call& call, const absl::Status& status,
                                         const std::string& result) const {
  AuditEntry entry;
  entry.time = options_.clock();
  entry.caller = call.principal.ok() ? call.principal->name : "anonymous";
  entry.role = call.principal.ok() ? std::string(Name(call.principal->role)) : "";
  entry.rpc = std::string(Name(call.rpc));
  entry.ids = call.ids;
  entry.purpose = call.purpose;
  entry.result = status.ok()
                     ? graph::Cat("OK ", result)
                     : graph::Cat(absl::StatusCodeToString(status.code()), " ", status.message());
  return entry;
}

absl::Status CoigraphService::Admit(const Call& call) {
  if (!call.principal.ok()) return call.principal.status();
  return RequireText(call.purpose, "purpose");
}

absl::Status CoigraphService::Audit(const Call& call, const absl::Status& status,
                                    const std::string& result) {
  const AuditEntry entry = AuditEntryOf(call, status, result);
  absl::StatusOr<AuditRecord> record = options_.audit->Append(entry);
  if (!record.ok()) {
    return absl::UnavailableError("the audit log cannot be written; the call is refused");
  }
  return status;
}

// The answer waits for its audit record's commit, but no gRPC thread does: the audit writer
// finishes the call.
grpc::ServerUnaryReactor* CoigraphService::Reply(grpc::CallbackServerContext* ctx, const Call& call,
                                                 absl::Status status, const std::string& result,
                                                 google::protobuf::Message* response) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  options_.audit->AppendAsync(
      AuditEntryOf(call, status, result),
      [reactor, response, status](absl::StatusOr<AuditRecord> record) {
        absl::Status answer = status;
        if (!record.ok()) {
          answer = absl::UnavailableError("the audit log cannot be written; the call is refused");
        }
        if (!answer.ok()) response->Clear();
        reactor->Finish(ToGrpcStatus(answer));
      });
  return reactor;
}

// ---------------------------------------------------------------------------------------------
// Checks

absl::Status CoigraphService::DoCheckHire(const Call& call, const v1::CheckHireRequest& request,
                                          v1::CheckHireResponse* response) const {
  response->set_request_id(request.request_id());
  absl::Status s = RequireText(request.purpose(), "purpose");
  if (!s.ok()) return s;
  absl::StatusOr<uint64_t> candidate = ParseIinField(request.candidate_iin(), "candidate_iin");
  if (!candidate.ok()) return candidate.status();
  s = RequireText(request.position_id(), "position_id");
  if (!s.ok()) return s;
  absl::StatusOr<graph::Date> date = ParseDateField(request.date(), "date");
  if (!date.ok()) return date.status();
  std::optional<uint64_t> appointer;
  if (!request.appointed_by_iin().empty()) {
    absl::StatusOr<uint64_t> a = ParseIinField(request.appointed_by_iin(), "appointed_by_iin");
    if (!a.ok()) return a.status();
    appointer = *a;
  }

  absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
  if (!state.ok()) return state.status();
  const graph::Snapshot& snap = *(*state)->snapshot;
  graph::HireQuery q;
  q.date = *date;
  std::optional<graph::PersonIndex> person = snap.FindPerson(*candidate);
  if (!person.has_value()) {
    return absl::NotFoundError(
        graph::Cat("candidate_iin ", request.candidate_iin(), " is not in the person registry"));
  }
  q.candidate = *person;
  std::optional<graph::PositionIndex> position = snap.FindPosition(request.position_id());
  if (!position.has_value()) {
    return absl::NotFoundError(graph::Cat("no position ", request.position_id()));
  }
  q.position = *position;
  if (appointer.has_value()) {
    std::optional<graph::PersonIndex> a = snap.FindPerson(*appointer);
    if (!a.has_value()) {
      return absl::NotFoundError(graph::Cat("appointed_by_iin ", request.appointed_by_iin(),
                                            " is not in the person registry"));
    }
    q.appointed_by = *a;
  }
  if (!request.selection_commission_id().empty()) {
    std::optional<graph::CommissionIndex> c =
        snap.FindCommission(request.selection_commission_id());
    if (!c.has_value()) {
      return absl::NotFoundError(graph::Cat("no commission ", request.selection_commission_id()));
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
    // The post involved: for the reporting rules the other holder's post.
    graph::PositionIndex post = q.position;
    if (f.rule == graph::Rule::kHireSubordination || f.rule == graph::Rule::kHireChain) {
      if (f.object_id != request.position_id()) {
        post = snap.FindPosition(f.object_id).value_or(q.position);
      } else if (std::optional<graph::PersonIndex> upper =
                     snap.FindPerson(graph::IdentityNumberValue(f.official))) {
        const graph::PositionIndex p = UpperPostOf(snap, q.position, *upper);
        if (p != graph::kNone) post = p;
      }
    }
    const graph::Position& pos = snap.data().positions[post];
    c->set_position_id(std::string(snap.Str(pos.id)));
    c->set_position_title(std::string(snap.Str(pos.title)));
    FindingToProto(f, case_id, c->mutable_finding());
    if (!may_see) RedactFinding(c->mutable_finding());
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CoigraphService::CheckHire(grpc::CallbackServerContext* ctx,
                                                     const v1::CheckHireRequest* request,
                                                     v1::CheckHireResponse* response) {
  Call call = Begin(ctx, Rpc::kCheckHire);
  call.ids = {request->candidate_iin(), request->position_id()};
  if (!request->appointed_by_iin().empty()) call.ids.push_back(request->appointed_by_iin());
  if (!request->selection_commission_id().empty()) {
    call.ids.push_back(request->selection_commission_id());
  }
  call.purpose = request->purpose();
  absl::Status s = call.principal.status();
  if (s.ok()) s = DoCheckHire(call, *request, response);
  return Reply(ctx, call, s, Verdict(static_cast<size_t>(response->conflicts_size())), response);
}

// Reads requests, answers each in order; a bad request gives a response with `error`.
class HireBatchReactor final
    : public grpc::ServerBidiReactor<v1::CheckHireRequest, v1::CheckHireResponse> {
 public:
  HireBatchReactor(CoigraphService& service, grpc::CallbackServerContext* ctx)
      : service_(service), call_(service.Begin(ctx, Rpc::kCheckHireBatch)) {
    if (!call_.principal.ok()) {
      // Refused before any request: audit the refusal and end the stream.
      Finish(ToGrpcStatus(service_.Audit(call_, call_.principal.status(), "")));
      return;
    }
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status::OK);
      return;
    }
    response_.Clear();
    CoigraphService::Call item = call_;
    item.ids = {request_.candidate_iin(), request_.position_id()};
    item.purpose = request_.purpose();
    absl::Status s = service_.DoCheckHire(item, request_, &response_);
    const std::string verdict = graph::Cat(response_.conflicts_size() == 0 ? "CLEAR" : "CONFLICT ",
                                           response_.conflicts_size());
    s = service_.Audit(item, s, verdict);
    if (absl::IsUnavailable(s)) {
      Finish(ToGrpcStatus(s));
      return;
    }
    if (!s.ok()) {
      const std::string request_id = response_.request_id();
      response_.Clear();
      response_.set_request_id(request_id);
      response_.mutable_error()->set_code(static_cast<int32_t>(s.code()));
      response_.mutable_error()->set_message(std::string(s.message()));
      response_.mutable_error()->set_field(ViolatedField(s).value_or(""));
    }
    StartWrite(&response_);
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  CoigraphService& service_;
  CoigraphService::Call call_;
  v1::CheckHireRequest request_;
  v1::CheckHireResponse response_;
};

grpc::ServerBidiReactor<v1::CheckHireRequest, v1::CheckHireResponse>*
CoigraphService::CheckHireBatch(grpc::CallbackServerContext* ctx) {
  return new HireBatchReactor(*this, ctx);
}

grpc::ServerUnaryReactor* CoigraphService::CheckTender(grpc::CallbackServerContext* ctx,
                                                       const v1::CheckTenderRequest* request,
                                                       v1::CheckResponse* response) {
  Call call = Begin(ctx, Rpc::kCheckTender);
  call.ids = {request->tender_id()};
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    st = RequireText(request->tender_id(), "tender_id");
    if (!st.ok()) return st;
    absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
    if (!state.ok()) return state.status();
    const graph::Snapshot& snap = *(*state)->snapshot;
    std::optional<graph::TenderIndex> t = snap.FindTender(request->tender_id());
    if (!t.has_value()) return absl::NotFoundError(graph::Cat("no tender ", request->tender_id()));
    FindingsToResponse(graph::CheckTender(snap, *t), (*state)->version, response);
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, Verdict(static_cast<size_t>(response->findings_size())), response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckBidder(grpc::CallbackServerContext* ctx,
                                                       const v1::CheckBidderRequest* request,
                                                       v1::CheckResponse* response) {
  Call call = Begin(ctx, Rpc::kCheckBidder);
  call.ids = {request->tender_id(), request->supplier_bin()};
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    st = RequireText(request->tender_id(), "tender_id");
    if (!st.ok()) return st;
    // An individual entrepreneur's BIN is its owner's IIN (FEEDS.md), so both shapes are valid.
    absl::StatusOr<uint64_t> bin = ParseIdentityField(request->supplier_bin(), "supplier_bin");
    if (!bin.ok()) return bin.status();
    std::optional<graph::Date> date;
    if (!request->date().empty()) {
      absl::StatusOr<graph::Date> d = ParseDateField(request->date(), "date");
      if (!d.ok()) return d.status();
      date = *d;
    }
    absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
    if (!state.ok()) return state.status();
    const graph::Snapshot& snap = *(*state)->snapshot;
    std::optional<graph::TenderIndex> t = snap.FindTender(request->tender_id());
    if (!t.has_value()) return absl::NotFoundError(graph::Cat("no tender ", request->tender_id()));
    std::optional<graph::OrgIndex> supplier = snap.FindOrganization(*bin);
    if (!supplier.has_value()) {
      return absl::NotFoundError(
          graph::Cat("supplier_bin ", request->supplier_bin(), " is not in organizations.csv"));
    }
    FindingsToResponse(graph::CheckBidder(snap, *t, *supplier, date), (*state)->version, response);
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, Verdict(static_cast<size_t>(response->findings_size())), response);
}

grpc::ServerUnaryReactor* CoigraphService::CheckAllocation(
    grpc::CallbackServerContext* ctx, const v1::CheckAllocationRequest* request,
    v1::CheckResponse* response) {
  Call call = Begin(ctx, Rpc::kCheckAllocation);
  call.ids = {request->commission_id(), request->recipient_iin()};
  if (!request->approved_by_iin().empty()) call.ids.push_back(request->approved_by_iin());
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    st = RequireText(request->commission_id(), "commission_id");
    if (!st.ok()) return st;
    absl::StatusOr<uint64_t> iin = ParseIinField(request->recipient_iin(), "recipient_iin");
    if (!iin.ok()) return iin.status();
    absl::StatusOr<graph::Date> date = ParseDateField(request->date(), "date");
    if (!date.ok()) return date.status();
    std::optional<uint64_t> approver;
    if (!request->approved_by_iin().empty()) {
      absl::StatusOr<uint64_t> a = ParseIinField(request->approved_by_iin(), "approved_by_iin");
      if (!a.ok()) return a.status();
      approver = *a;
    }
    absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
    if (!state.ok()) return state.status();
    const graph::Snapshot& snap = *(*state)->snapshot;
    std::optional<graph::CommissionIndex> c = snap.FindCommission(request->commission_id());
    if (!c.has_value()) {
      return absl::NotFoundError(graph::Cat("no commission ", request->commission_id()));
    }
    std::optional<graph::PersonIndex> recipient = snap.FindPerson(*iin);
    if (!recipient.has_value()) {
      return absl::NotFoundError(
          graph::Cat("recipient_iin ", request->recipient_iin(), " is not in the person registry"));
    }
    graph::PersonIndex approved_by = graph::kNone;
    if (approver.has_value()) {
      std::optional<graph::PersonIndex> a = snap.FindPerson(*approver);
      if (!a.has_value()) {
        return absl::NotFoundError(graph::Cat("approved_by_iin ", request->approved_by_iin(),
                                              " is not in the person registry"));
      }
      approved_by = *a;
    }
    FindingsToResponse(graph::CheckAllocation(snap, *c, *recipient, *date, approved_by),
                       (*state)->version, response);
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, Verdict(static_cast<size_t>(response->findings_size())), response);
}

// ---------------------------------------------------------------------------------------------
// Analysts

grpc::ServerUnaryReactor* CoigraphService::FindPaths(grpc::CallbackServerContext* ctx,
                                                     const v1::FindPathsRequest* request,
                                                     v1::FindPathsResponse* response) {
  Call call = Begin(ctx, Rpc::kFindPaths);
  call.ids = {request->from(), request->to()};
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    graph::PathQuery q;
    absl::StatusOr<graph::Date> date = ParseDateField(request->date(), "date");
    if (!date.ok()) return date.status();
    q.date = *date;
    q.max_hops = request->max_hops() == 0 ? 4 : request->max_hops();
    q.k = request->k() == 0 ? 1 : request->k();
    if (q.max_hops < 0) return FieldError("max_hops", "must be 1..12");
    if (q.k < 0) return FieldError("k", "must be 1..50");
    if (q.max_hops > graph::kMaxPathHops) {
      return absl::ResourceExhaustedError(
          graph::Cat("max_hops ", q.max_hops, " is above the limit of ", graph::kMaxPathHops));
    }
    if (q.k > graph::kMaxPathsK) {
      return absl::ResourceExhaustedError(
          graph::Cat("k ", q.k, " is above the limit of ", graph::kMaxPathsK));
    }
    absl::StatusOr<graph::RelationMask> relations =
        ParseRelations(request->relations(), "relations");
    if (!relations.ok()) return relations.status();
    q.relations = *relations;
    absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
    if (!state.ok()) return state.status();
    const graph::Snapshot& snap = *(*state)->snapshot;
    absl::StatusOr<graph::VertexId> from = ParseVertex(snap, request->from(), "from");
    if (!from.ok()) return from.status();
    absl::StatusOr<graph::VertexId> to = ParseVertex(snap, request->to(), "to");
    if (!to.ok()) return to.status();
    q.from = *from;
    q.to = *to;
    st = StillWanted(ctx);
    if (!st.ok()) return st;
    // TODO(coigraph): graph::KShortestPaths takes no cancellation hook, so one search runs to
    // its end (bounded by max_hops and k); the checks around it drop the answer.
    absl::StatusOr<std::vector<graph::TiePath>> paths = graph::KShortestPaths(snap, q);
    if (!paths.ok()) return paths.status();
    st = StillWanted(ctx);
    if (!st.ok()) return st;
    for (const graph::TiePath& p : *paths) TiePathToProto(snap, p, response->add_paths());
    response->set_snapshot_version((*state)->version);
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, graph::Cat(response->paths_size(), " paths"), response);
}

grpc::ServerUnaryReactor* CoigraphService::Neighborhood(grpc::CallbackServerContext* ctx,
                                                        const v1::NeighborhoodRequest* request,
                                                        v1::NeighborhoodResponse* response) {
  Call call = Begin(ctx, Rpc::kNeighborhood);
  call.ids = {request->seed()};
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    absl::StatusOr<graph::Date> date = ParseDateField(request->date(), "date");
    if (!date.ok()) return date.status();
    const int radius = request->radius() == 0 ? 1 : request->radius();
    if (radius < 0) return FieldError("radius", "must be 1..4");
    if (radius > kMaxNeighborhoodRadius) {
      return absl::ResourceExhaustedError(
          graph::Cat("radius ", radius, " is above the limit of ", kMaxNeighborhoodRadius));
    }
    absl::StatusOr<graph::RelationMask> relations =
        ParseRelations(request->relations(), "relations");
    if (!relations.ok()) return relations.status();
    absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
    if (!state.ok()) return state.status();
    const graph::Snapshot& snap = *(*state)->snapshot;
    absl::StatusOr<graph::VertexId> seed = ParseVertex(snap, request->seed(), "seed");
    if (!seed.ok()) return seed.status();
    absl::StatusOr<std::vector<graph::VertexId>> vertices =
        graph::Neighborhood(snap, {*seed}, *date, radius, *relations, kMaxNeighborhoodVertices);
    if (!vertices.ok()) return vertices.status();
    st = StillWanted(ctx);
    if (!st.ok()) return st;
    // The seed first, then the rest in the order graph gives them.
    std::vector<graph::VertexId> order = {*seed};
    for (graph::VertexId v : *vertices) {
      if (v != *seed) order.push_back(v);
    }
    absl::flat_hash_map<graph::VertexId, int32_t> index;
    for (graph::VertexId v : order) {
      index.emplace(v, static_cast<int32_t>(index.size()));
      VertexToProto(snap, v, response->add_vertices());
    }
    for (size_t i = 0; i < order.size(); ++i) {
      const graph::VertexId v = order[i];
      if (i % 1024 == 1023) {
        st = StillWanted(ctx);
        if (!st.ok()) return st;
      }
      for (const graph::Tie& t : snap.Ties(v)) {
        if (!t.valid.Contains(*date)) continue;
        if ((graph::RelationBit(t) & *relations) == 0) continue;
        auto it = index.find(t.target);
        if (it == index.end()) continue;
        v1::NeighborhoodEdge* e = response->add_edges();
        e->set_from(index[v]);
        e->set_to(it->second);
        TieToProto(t, snap.IsPerson(v), e->mutable_edge());
      }
    }
    response->set_snapshot_version((*state)->version);
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, graph::Cat(response->vertices_size(), " vertices"), response);
}

namespace {

// Streams chunks made before the first write, one write at a time; a refused call is a reactor
// that only finishes.
class ExportStream final : public grpc::ServerWriteReactor<v1::ExportChunk> {
 public:
  ExportStream(std::vector<v1::ExportChunk> chunks, const absl::Status& status)
      : chunks_(std::move(chunks)) {
    if (!status.ok() || chunks_.empty()) {
      Finish(ToGrpcStatus(status));
      return;
    }
    StartWrite(&chunks_[0]);
  }
  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the caller went away"));
      return;
    }
    if (++next_ == chunks_.size()) {
      Finish(grpc::Status::OK);
      return;
    }
    StartWrite(&chunks_[next_]);
  }
  void OnDone() override { delete this; }

 private:
  std::vector<v1::ExportChunk> chunks_;
  size_t next_ = 0;
};

std::optional<graph::ExportFormat> ExportFormatFromProto(v1::ExportFormat f) {
  switch (f) {
    case v1::EXPORT_FORMAT_GRAPHML:
      return graph::ExportFormat::kGraphml;
    case v1::EXPORT_FORMAT_GEXF:
      return graph::ExportFormat::kGexf;
    case v1::EXPORT_FORMAT_DOT:
      return graph::ExportFormat::kDot;
    case v1::EXPORT_FORMAT_CYTOSCAPE_JSON:
      return graph::ExportFormat::kCytoscapeJson;
    case v1::EXPORT_FORMAT_NEO4J_CSV:
      return graph::ExportFormat::kNeo4jCsv;
    default:
      return std::nullopt;
  }
}

constexpr int kMaxExportRadius = 3;

}  // namespace

grpc::ServerWriteReactor<v1::ExportChunk>* CoigraphService::ExportSubgraph(
    grpc::CallbackServerContext* ctx, const v1::ExportSubgraphRequest* request) {
  Call call = Begin(ctx, Rpc::kExportSubgraph);
  if (request->has_seeds()) {
    call.ids.assign(request->seeds().ids().begin(), request->seeds().ids().end());
  } else {
    call.ids = {request->case_id()};
  }
  call.purpose = request->purpose();
  std::vector<v1::ExportChunk> chunks;
  size_t vertex_count = 0, bytes = 0;
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    std::optional<graph::ExportFormat> format = ExportFormatFromProto(request->format());
    if (!format.has_value())
      return FieldError("format", "required: one of the ExportFormat values");
    if (request->radius() < 0) return FieldError("radius", "must be 0..3");
    if (request->radius() > kMaxExportRadius) {
      return absl::ResourceExhaustedError(
          graph::Cat("radius ", request->radius(), " is above the limit of ", kMaxExportRadius));
    }
    if (!request->has_seeds() && request->case_id().empty()) {
      return FieldError("case_id", "required (or seeds)");
    }
    if (request->has_seeds() && request->seeds().ids().empty()) {
      return FieldError("seeds", "at least one IIN or BIN");
    }
    absl::StatusOr<std::shared_ptr<const LoadedState>> state = CurrentState(*options_.holder);
    if (!state.ok()) return state.status();
    const graph::Snapshot& snap = *(*state)->snapshot;

    // The seeds, and the date when the request leaves it to the case.
    std::vector<std::string> seed_ids;
    std::string date_text = request->date();
    if (request->has_seeds()) {
      seed_ids.assign(request->seeds().ids().begin(), request->seeds().ids().end());
      if (date_text.empty()) return FieldError("date", "required with seeds");
    } else {
      absl::StatusOr<CaseRecord> record = options_.cases->Get(request->case_id());
      if (!record.ok()) return record.status();
      const graph::Finding* f = (*state)->FindingOfCase(request->case_id());
      if (f != nullptr) {
        for (const graph::PathVertex& v : f->path.vertices) seed_ids.push_back(v.id);
      }
      if (seed_ids.empty()) seed_ids = {record->facts.official, record->facts.counterparty};
      if (date_text.empty()) date_text = record->facts.date;
    }
    absl::StatusOr<graph::Date> date = ParseDateField(date_text, "date");
    if (!date.ok()) return date.status();
    std::vector<graph::VertexId> seeds;
    for (const std::string& id : seed_ids) {
      absl::StatusOr<graph::VertexId> v = ParseVertex(snap, id, "seeds");
      if (!v.ok()) return v.status();
      seeds.push_back(*v);
    }
    absl::StatusOr<std::vector<graph::VertexId>> vertices = graph::Neighborhood(
        snap, seeds, *date, request->radius(), graph::kAllRelations, kMaxNeighborhoodVertices);
    if (!vertices.ok()) return vertices.status();
    vertex_count = vertices->size();
    st = StillWanted(ctx);
    if (!st.ok()) return st;

    graph::ExportOptions options;
    options.date = *date;
    options.pseudonymise = !MaySeeIdentityNumbers(call.who().role);
    options.pseudonym_salt = options_.pseudonym_salt;
    if (options.pseudonymise && options.pseudonym_salt.empty()) {
      return absl::FailedPreconditionError("the server has no pseudonym salt");
    }
    size_t written = 0;
    st = graph::WriteSubgraph(snap, *vertices, *format, options,
                              [&](std::string_view file, std::string_view chunk) {
                                // Checked every 16 chunks (1 MiB): a cancelled or late export stops
                                // here.
                                if (++written % 16 == 0 && !StillWanted(ctx).ok()) return false;
                                if (!chunks.empty() && chunks.back().file_name() != file) {
                                  chunks.back().set_last_of_file(true);
                                }
                                v1::ExportChunk& c = chunks.emplace_back();
                                c.set_file_name(std::string(file));
                                c.set_data(std::string(chunk));
                                bytes += chunk.size();
                                return true;
                              });
    if (absl::IsCancelled(st)) return StillWanted(ctx);
    if (!st.ok()) return st;
    if (!chunks.empty()) chunks.back().set_last_of_file(true);
    return absl::OkStatus();
  }();
  s = Audit(call, s,
            graph::Cat(vertex_count, " vertices, ", bytes, " bytes ",
                       v1::ExportFormat_Name(request->format())));
  if (!s.ok()) chunks.clear();
  return new ExportStream(std::move(chunks), s);
}

// ---------------------------------------------------------------------------------------------
// Cases

grpc::ServerUnaryReactor* CoigraphService::ListCases(grpc::CallbackServerContext* ctx,
                                                     const v1::ListCasesRequest* request,
                                                     v1::ListCasesResponse* response) {
  Call call = Begin(ctx, Rpc::kListCases);
  for (const std::string& id : {request->organization_bin(), request->text()}) {
    if (!id.empty()) call.ids.push_back(id);
  }
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    CaseFilter filter;
    filter.sphere = request->sphere();
    filter.rule = request->rule();
    filter.organization_bin = request->organization_bin();
    filter.region = request->region();
    for (int status : request->statuses()) {
      std::optional<CaseStatus> cs = CaseStatusFromInt(status);
      if (!cs.has_value()) return FieldError("statuses", "unknown case status");
      filter.statuses.push_back(*cs);
    }
    if (!request->date_from().empty()) {
      absl::StatusOr<graph::Date> d = ParseDateField(request->date_from(), "date_from");
      if (!d.ok()) return d.status();
      filter.date_from = request->date_from();
    }
    if (!request->date_to().empty()) {
      absl::StatusOr<graph::Date> d = ParseDateField(request->date_to(), "date_to");
      if (!d.ok()) return d.status();
      filter.date_to = request->date_to();
    }
    filter.text = request->text();
    filter.include_inactive = request->include_inactive();
    filter.page_size = request->page_size() == 0 ? kDefaultPageSize : request->page_size();
    if (filter.page_size < 1 || filter.page_size > 500) {
      return FieldError("page_size", "must be 1..500");
    }
    filter.page_token = request->page_token();
    st = StillWanted(ctx);
    if (!st.ok()) return st;
    absl::StatusOr<CasePage> page = options_.cases->List(filter);
    if (!page.ok()) {
      if (absl::IsInvalidArgument(page.status())) {
        return FieldError("page_token", "is not one this server gave");
      }
      return page.status();
    }
    st = StillWanted(ctx);
    if (!st.ok()) return st;
    std::shared_ptr<const LoadedState> state = options_.holder->Get();
    for (const CaseRecord& r : page->cases) {
      if (response->cases_size() % 64 == 63) {
        st = StillWanted(ctx);
        if (!st.ok()) return st;
      }
      v1::Case* c = response->add_cases();
      CaseRecordToProto(r, c);
      const graph::Finding* f = state ? state->FindingOfCase(r.facts.case_id) : nullptr;
      if (f != nullptr) {
        FindingToProto(*f, r.facts.case_id, c->mutable_finding());
      } else {
        CaseFactsToFinding(r.facts, c->mutable_finding());
      }
    }
    response->set_next_page_token(page->next_page_token);
    response->set_total_count(page->total_count);
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, graph::Cat(response->cases_size(), " cases"), response);
}

absl::Status CoigraphService::DoGetCase(const std::string& case_id, v1::Case* response) {
  absl::StatusOr<CaseRecord> record = options_.cases->Get(case_id);
  if (!record.ok()) return record.status();
  absl::StatusOr<std::vector<CaseEvent>> history = options_.cases->History(case_id);
  if (!history.ok()) return history.status();
  CaseRecordToProto(*record, response);
  std::shared_ptr<const LoadedState> state = options_.holder->Get();
  const graph::Finding* f = state ? state->FindingOfCase(case_id) : nullptr;
  if (f != nullptr) {
    FindingToProto(*f, case_id, response->mutable_finding());
  } else {
    CaseFactsToFinding(record->facts, response->mutable_finding());
  }
  for (const CaseEvent& e : *history) CaseEventToProto(e, response->add_history());
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* CoigraphService::GetCase(grpc::CallbackServerContext* ctx,
                                                   const v1::GetCaseRequest* request,
                                                   v1::Case* response) {
  Call call = Begin(ctx, Rpc::kGetCase);
  call.ids = {request->case_id()};
  call.purpose = request->purpose();
  absl::Status s = call.principal.status();
  if (s.ok()) s = RequireText(request->purpose(), "purpose");
  if (s.ok()) s = RequireText(request->case_id(), "case_id");
  if (s.ok()) s = DoGetCase(request->case_id(), response);
  return Reply(ctx, call, s, std::string(v1::CaseStatus_Name(response->status())), response);
}

grpc::ServerUnaryReactor* CoigraphService::UpdateCase(grpc::CallbackServerContext* ctx,
                                                      const v1::UpdateCaseRequest* request,
                                                      v1::Case* response) {
  Call call = Begin(ctx, Rpc::kUpdateCase);
  call.ids = {request->case_id()};
  call.purpose = request->purpose();
  absl::Status s = [&]() -> absl::Status {
    absl::Status st = Admit(call);
    if (!st.ok()) return st;
    st = RequireText(request->case_id(), "case_id");
    if (!st.ok()) return st;
    CaseChange change;
    if (request->status() != v1::CASE_STATUS_UNSPECIFIED) {
      std::optional<CaseStatus> cs = CaseStatusFromInt(request->status());
      if (!cs.has_value()) return FieldError("status", "unknown case status");
      change.status = *cs;
    }
    if (request->has_note()) change.note = request->note();
    if (request->has_assignee()) change.assignee = request->assignee();
    change.actor = call.who().name;
    change.role = std::string(Name(call.who().role));
    change.time = options_.clock();
    absl::StatusOr<CaseRecord> updated = options_.cases->Update(request->case_id(), change);
    if (!updated.ok()) return updated.status();
    return DoGetCase(request->case_id(), response);
  }();
  return Reply(ctx, call, s, std::string(v1::CaseStatus_Name(response->status())), response);
}

// ---------------------------------------------------------------------------------------------
// Operators

void CoigraphService::RunLoad(grpc::ServerUnaryReactor* reactor, Call call, std::string dir,
                              v1::LoadFeedsResponse* response) {
  const absl::Time now = options_.clock();
  absl::StatusOr<ScanSummary> summary = LoadAndSwap(dir, *options_.holder, *options_.cases, now);
  absl::Status s = summary.status();
  if (s.ok()) {
    std::shared_ptr<const LoadedState> state = options_.holder->Get();
    response->set_snapshot_version(state->version);
    for (const loaders::FileReport& f : state->report.files) {
      FileReportToProto(f, response->add_files());
    }
    response->set_finding_count(static_cast<int64_t>(state->findings.size()));
    response->set_cases_created(summary->created);
    response->set_cases_seen_again(summary->seen_again);
    response->set_cases_disappeared(summary->disappeared);
    response->set_duration_ms(absl::ToInt64Milliseconds(state->load_duration));
  }
  s = Audit(call, s, graph::Cat("version ", response->snapshot_version()));
  if (!s.ok()) response->Clear();
  loading_.store(false);
  reactor->Finish(ToGrpcStatus(s));
}

grpc::ServerUnaryReactor* CoigraphService::LoadFeeds(grpc::CallbackServerContext* ctx,
                                                     const v1::LoadFeedsRequest* request,
                                                     v1::LoadFeedsResponse* response) {
  Call call = Begin(ctx, Rpc::kLoadFeeds);
  const std::string dir = request->dir().empty() ? options_.default_feeds_dir : request->dir();
  call.ids = {dir};
  call.purpose = request->purpose();
  absl::Status s = call.principal.status();
  if (s.ok()) s = RequireText(request->purpose(), "purpose");
  if (s.ok() && dir.empty()) s = FieldError("dir", "required (the server has no --feeds)");
  bool expected = false;
  if (s.ok() && !loading_.compare_exchange_strong(expected, true)) {
    s = absl::AbortedError("a load is already running");
  }
  if (!s.ok()) return Reply(ctx, call, s, "", response);

  // A load takes seconds: run it off the gRPC thread so queries go on meanwhile.
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  std::lock_guard<std::mutex> lock(load_thread_mu_);
  if (load_thread_.joinable()) load_thread_.join();  // the previous load has finished
  load_thread_ = std::thread([this, reactor, call = std::move(call), dir, response]() mutable {
    RunLoad(reactor, std::move(call), std::move(dir), response);
  });
  return reactor;
}

grpc::ServerUnaryReactor* CoigraphService::Status(grpc::CallbackServerContext* ctx,
                                                  const v1::StatusRequest* /*request*/,
                                                  v1::StatusResponse* response) {
  Call call = Begin(ctx, Rpc::kStatus);
  absl::Status s = [&]() -> absl::Status {
    if (!call.principal.ok()) return call.principal.status();
    response->set_demo_mode(options_.auth.demo());
    absl::StatusOr<std::map<CaseStatus, int64_t>> counts = options_.cases->CountByStatus();
    if (!counts.ok()) return counts.status();
    for (const auto& [status, n] : *counts) {
      (*response->mutable_cases_by_status())[static_cast<int32_t>(status)] = n;
    }
    std::shared_ptr<const LoadedState> state = options_.holder->Get();
    if (state == nullptr) return absl::OkStatus();
    const graph::Snapshot& snap = *state->snapshot;
    response->set_snapshot_version(state->version);
    response->set_feeds_dir(state->feeds_dir);
    response->set_loaded_at(FormatRfc3339(state->loaded_at));
    response->set_person_count(static_cast<int64_t>(snap.person_count()));
    response->set_organization_count(static_cast<int64_t>(snap.data().organizations.size()));
    response->set_position_count(static_cast<int64_t>(snap.data().positions.size()));
    response->set_tie_count(static_cast<int64_t>(snap.tie_count()));
    response->set_finding_count(static_cast<int64_t>(state->findings.size()));
    for (const loaders::FileReport& f : state->report.files) {
      FileReportToProto(f, response->add_files());
    }
    response->set_reject_count(static_cast<int64_t>(state->report.rejects.size()));
    return absl::OkStatus();
  }();
  return Reply(ctx, call, s, graph::Cat("version ", response->snapshot_version()), response);
}

}  // namespace coigraph::service
