// What each role is shown of people, and may name in a request (docs/service.md, "What each
// role sees").
#include <memory>
#include <optional>
#include <string>

#include "base/text.h"
#include "service/api_common.h"
#include "service/coigraph_api.h"
#include "service/pseudonyms.h"

namespace coigraph::service {

absl::StatusOr<std::optional<Pseudonymiser>> CoigraphApi::ShownTo(const Call& call) const {
  if (MaySeeIdentities(call.who().role)) return std::optional<Pseudonymiser>();
  if (options_.pseudonym_salt.empty()) {
    return absl::FailedPreconditionError(base::Cat("the server has no pseudonym salt, which role ",
                                                   Name(call.who().role), " needs"));
  }
  return std::optional<Pseudonymiser>(Pseudonymiser(options_.pseudonym_salt));
}

absl::StatusOr<graph::VertexId> CoigraphApi::RequestVertex(const Call& call,
                                                           const LoadedState& state,
                                                           std::string_view value,
                                                           std::string_view field) const {
  const graph::Snapshot& snap = *state.snapshot;
  if (MaySeeIdentities(call.who().role)) return ParseVertex(snap, value, field);
  if (options_.pseudonym_salt.empty()) {
    return absl::FailedPreconditionError("the server has no pseudonym salt");
  }
  if (!value.starts_with("P-") && !value.starts_with("E-")) {
    if (IsNaturalPersonNumber(value)) {
      return absl::PermissionDeniedError(
          base::Cat("role ", Name(call.who().role), " names persons by pseudonym (", field,
                    ": \"P-…\" or \"E-…\" from an earlier answer), not by IIN"));
    }
    return ParseVertex(snap, value, field);  // a legal entity's BIN, or a field error
  }
  std::shared_ptr<const PseudonymIndex> index;
  {
    // One build per snapshot; a researcher's first call after a load waits for it.
    const std::lock_guard<std::mutex> lock(pseudonym_mu_);
    if (pseudonym_index_version_ != state.version || pseudonym_index_ == nullptr) {
      pseudonym_index_ = std::make_shared<const PseudonymIndex>(snap, options_.pseudonym_salt);
      pseudonym_index_version_ = state.version;
    }
    index = pseudonym_index_;
  }
  return index->Find(value, field);
}

}  // namespace coigraph::service
