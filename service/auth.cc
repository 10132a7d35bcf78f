#include "service/auth.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/sha256.h"
#include "base/text.h"

namespace coigraph::service {

namespace {

constexpr std::string_view kBearer = "Bearer ";

bool IsHexDigest(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string_view Name(Role role) {
  switch (role) {
    case Role::kHrSystem:
      return "hr_system";
    case Role::kEthicsCommissioner:
      return "ethics_commissioner";
    case Role::kAnalyst:
      return "analyst";
    case Role::kOperator:
      return "operator";
    case Role::kResearcher:
      return "researcher";
    case Role::kDemo:
      return "demo";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kHrSystem, Role::kEthicsCommissioner, Role::kAnalyst, Role::kOperator,
                 Role::kResearcher}) {
    if (Name(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view Name(Rpc rpc) {
  switch (rpc) {
    case Rpc::kCheckHire:
      return "CheckHire";
    case Rpc::kCheckHireBatch:
      return "CheckHireBatch";
    case Rpc::kCheckTender:
      return "CheckTender";
    case Rpc::kCheckBidder:
      return "CheckBidder";
    case Rpc::kCheckAllocation:
      return "CheckAllocation";
    case Rpc::kFindPaths:
      return "FindPaths";
    case Rpc::kNeighborhood:
      return "Neighborhood";
    case Rpc::kExportSubgraph:
      return "ExportSubgraph";
    case Rpc::kListCases:
      return "ListCases";
    case Rpc::kGetCase:
      return "GetCase";
    case Rpc::kUpdateCase:
      return "UpdateCase";
    case Rpc::kLoadFeeds:
      return "LoadFeeds";
    case Rpc::kStatus:
      return "Status";
    case Rpc::kListAudit:
      return "ListAudit";
  }
  return "Unknown";
}

bool MayCall(Role role, Rpc rpc) {
  if (role == Role::kDemo) return true;
  const bool hr = role == Role::kHrSystem;
  const bool ethics = role == Role::kEthicsCommissioner;
  const bool analyst = role == Role::kAnalyst;
  const bool op = role == Role::kOperator;
  const bool researcher = role == Role::kResearcher;
  switch (rpc) {
    case Rpc::kCheckHire:
    case Rpc::kCheckHireBatch:
      return hr || ethics;
    case Rpc::kCheckTender:
    case Rpc::kCheckBidder:
    case Rpc::kCheckAllocation:
      return ethics || analyst;
    // Explore and cases are separate rows of the role matrix (docs/service.md), alike today.
    // NOLINTNEXTLINE(bugprone-branch-clone)
    case Rpc::kFindPaths:
    case Rpc::kNeighborhood:
    case Rpc::kExportSubgraph:
      return ethics || analyst || researcher;
    case Rpc::kListCases:
    case Rpc::kGetCase:
      return ethics || analyst || researcher;
    case Rpc::kUpdateCase:
      return ethics;
    case Rpc::kLoadFeeds:
      return op;
    case Rpc::kStatus:
      return hr || ethics || analyst || op || researcher;
    case Rpc::kListAudit:
      return ethics;
  }
  return false;
}

bool MaySeeRelatives(Role role) {
  return role == Role::kEthicsCommissioner || role == Role::kAnalyst || role == Role::kDemo;
}

bool MaySeeIdentities(Role role) { return role != Role::kResearcher; }

absl::StatusOr<Authenticator> Authenticator::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read tokens file ", path));
  std::stringstream text;
  text << in.rdbuf();
  return FromText(text.str(), path);
}

absl::StatusOr<Authenticator> Authenticator::FromText(std::string_view text,
                                                      std::string_view source) {
  Authenticator auth;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(base::AbslView(text), '\n')) {
    ++line_number;
    if (const size_t hash = line.find('#'); hash != absl::string_view::npos) {
      line = line.substr(0, hash);
    }
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
    if (fields.empty()) continue;
    auto bad = [&](std::string_view why) {
      return absl::InvalidArgumentError(base::Cat(source, ":", line_number, ": ", why));
    };
    if (fields.size() != 3) return bad("expected ROLE NAME SHA256_HEX_OF_TOKEN");
    std::optional<Role> role = ParseRole({fields[0].data(), fields[0].size()});
    if (!role.has_value()) {
      return bad(
          absl::StrCat("unknown role \"", fields[0],
                       "\" (hr_system, ethics_commissioner, analyst, operator, researcher)"));
    }
    if (!IsHexDigest(fields[2])) return bad("the token hash must be 64 hex digits");
    const std::string digest = absl::AsciiStrToLower(fields[2]);
    if (auth.by_hash_.contains(digest)) return bad("this token hash is listed twice");
    auth.by_hash_.emplace(digest, Principal{std::string(fields[1]), *role});
  }
  return auth;
}

Authenticator Authenticator::Demo() {
  Authenticator auth;
  auth.demo_ = true;
  return auth;
}

absl::StatusOr<Principal> Authenticator::Authenticate(std::string_view authorization) const {
  if (demo_) return Principal{"demo", Role::kDemo};
  if (authorization.empty()) {
    return absl::UnauthenticatedError("missing \"authorization: Bearer <token>\" metadata");
  }
  if (!authorization.starts_with(kBearer) || authorization.size() == kBearer.size()) {
    return absl::UnauthenticatedError("authorization metadata must be \"Bearer <token>\"");
  }
  auto it = by_hash_.find(base::Sha256Hex(authorization.substr(kBearer.size())));
  if (it == by_hash_.end()) return absl::UnauthenticatedError("unknown token");
  return it->second;
}

absl::StatusOr<Principal> Authenticator::Authorize(std::string_view authorization, Rpc rpc) const {
  absl::StatusOr<Principal> who = Authenticate(authorization);
  if (!who.ok()) return who;
  absl::Status allowed = MayCallStatus(who->role, rpc);
  if (!allowed.ok()) return allowed;
  return who;
}

absl::Status MayCallStatus(Role role, Rpc rpc) {
  if (MayCall(role, rpc)) return absl::OkStatus();
  return absl::PermissionDeniedError(base::Cat("role ", Name(role), " may not call ", Name(rpc)));
}

std::vector<Rpc> AllRpcs() {
  std::vector<Rpc> all;
  for (int i = 0; i <= static_cast<int>(Rpc::kListAudit); ++i) all.push_back(static_cast<Rpc>(i));
  return all;
}

}  // namespace coigraph::service
