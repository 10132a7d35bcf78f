// Errors that name the request field that is wrong, and parsers for request fields.
//
// A FieldError is InvalidArgument carrying the field's name as a payload; ToGrpcStatus()
// (convert.h) turns it into google.rpc.BadRequest details. This header knows no gRPC, so domain
// code may use it.
//
// Example:
//   absl::StatusOr<uint64_t> iin = ParseIinField(req.candidate_iin(), "candidate_iin");
//   if (!iin.ok()) return iin.status();   // INVALID_ARGUMENT, BadRequest{field: candidate_iin}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/date.h"

namespace coigraph::service {

// InvalidArgument "<field>: <description>" with the field attached.
absl::Status FieldError(std::string_view field, std::string_view description);
// The field a FieldError names; nullopt for any other status.
std::optional<std::string> ViolatedField(const absl::Status& status);

// A required free-text field (purpose, ids): FieldError when empty or longer than 1,000 bytes.
absl::Status RequireText(std::string_view value, std::string_view field);
// The work's purpose: required, at most kMaxPurposeBytes, and it must hold a word (a letter or
// digit; any non-ASCII character counts as one, so Kazakh and Russian text passes), not only spaces
// or punctuation.
absl::Status RequirePurpose(std::string_view value);
// An IIN: 12 digits, check digit, century digit, birth date.
absl::StatusOr<uint64_t> ParseIinField(std::string_view value, std::string_view field);
// A BIN: 12 digits, check digit, month, entity type and unit digits.
absl::StatusOr<uint64_t> ParseBinField(std::string_view value, std::string_view field);
// Either an IIN or a BIN.
absl::StatusOr<uint64_t> ParseIdentityField(std::string_view value, std::string_view field);
// A strict YYYY-MM-DD date.
absl::StatusOr<graph::Date> ParseDateField(std::string_view value, std::string_view field);

}  // namespace coigraph::service
