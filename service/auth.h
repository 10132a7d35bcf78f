// Who is calling, and whether they may call an RPC.
//
// Callers present `authorization: Bearer <token>`. The tokens file holds one line per token,
// `ROLE NAME SHA256_HEX_OF_TOKEN` ('#' starts a comment), so the file never holds a usable
// secret. The role-by-RPC matrix (MayCall) is documented in docs/service.md.
//
// Example:
//   absl::StatusOr<Authenticator> auth = Authenticator::FromFile("/etc/coigraph/tokens");
//   absl::StatusOr<Principal> who = auth->Authorize("Bearer s3cret", Rpc::kCheckHire);
//   // UNAUTHENTICATED: no/unknown token; PERMISSION_DENIED: the role may not call CheckHire.
//
// Thread safety: a built Authenticator is immutable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace coigraph::service {

enum class Role : uint8_t {
  kHrSystem,
  kEthicsCommissioner,
  kAnalyst,
  kOperator,
  kResearcher,  // explores and reads cases under pseudonyms (docs/service.md, "What each role
                // sees")
  kDemo,        // demo mode (no tokens file, loopback only): may do everything
};
std::string_view Name(Role role);  // "hr_system", ..., "researcher", "demo"
// The five roles of a tokens file; nullopt for anything else (including "demo").
std::optional<Role> ParseRole(std::string_view name);

enum class Rpc : uint8_t {
  kCheckHire,
  kCheckHireBatch,
  kCheckTender,
  kCheckBidder,
  kCheckAllocation,
  kFindPaths,
  kNeighborhood,
  kExportSubgraph,
  kListCases,
  kGetCase,
  kUpdateCase,
  kLoadFeeds,
  kStatus,
  kListAudit,  // the last: AllRpcs() counts up to it
};
std::string_view Name(Rpc rpc);  // "CheckHire", ...
// Every RPC, in the order of the enum.
std::vector<Rpc> AllRpcs();

// The role-by-RPC matrix.
bool MayCall(Role role, Rpc rpc);
// OK when MayCall; PermissionDenied naming role and RPC otherwise.
absl::Status MayCallStatus(Role role, Rpc rpc);
// Whether check answers may name the relative and show the path (hire checks for hr_system
// give only rule, post, severity and case id).
bool MaySeeRelatives(Role role);
// Whether answers and exports may carry natural persons' IINs, names and free text (notes,
// explanations, assignees, who changed a case). False for researchers only: every RPC they may
// call and every export they make gives pseudonyms instead (service/pseudonyms.h).
bool MaySeeIdentities(Role role);

struct Principal {
  std::string name;
  Role role = Role::kDemo;
};

class Authenticator {
 public:
  // Reads a tokens file. Errors: NotFound when unreadable; InvalidArgument naming file:line for
  // a bad line (unknown role, hash not 64 hex digits, wrong field count, a hash listed twice).
  static absl::StatusOr<Authenticator> FromFile(const std::string& path);
  // Parses tokens file text; `source` names it in errors.
  static absl::StatusOr<Authenticator> FromText(std::string_view text, std::string_view source);
  // Demo mode: every caller is Principal{"demo", Role::kDemo}.
  static Authenticator Demo();

  bool demo() const { return demo_; }
  size_t token_count() const { return by_hash_.size(); }

  // `authorization` is the metadata value ("" when absent).
  // Errors: Unauthenticated when absent, not "Bearer <token>", or unknown.
  absl::StatusOr<Principal> Authenticate(std::string_view authorization) const;
  // Authenticate, then MayCall. Errors: as Authenticate; PermissionDenied naming role and RPC.
  absl::StatusOr<Principal> Authorize(std::string_view authorization, Rpc rpc) const;

 private:
  Authenticator() = default;
  bool demo_ = false;
  absl::flat_hash_map<std::string, Principal> by_hash_;  // lowercase hex SHA-256 -> caller
};

}  // namespace coigraph::service
