#include "service/field_errors.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/cord.h"
#include "base/text.h"
#include "graph/identity_number.h"
#include "service/limits.h"

namespace coigraph::service {

namespace {

// The payload type URL under which a FieldError keeps the field name.
constexpr char kFieldPayload[] = "type.coigraph.dev/coigraph.FieldViolation";

}  // namespace

absl::Status FieldError(std::string_view field, std::string_view description) {
  absl::Status s = absl::InvalidArgumentError(base::Cat(field, ": ", description));
  s.SetPayload(kFieldPayload, absl::Cord(base::AbslView(field)));
  return s;
}

std::optional<std::string> ViolatedField(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kFieldPayload);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

absl::Status RequireText(std::string_view value, std::string_view field) {
  if (value.empty()) return FieldError(field, "required");
  if (value.size() > kMaxTextBytes)
    return FieldError(field, base::Cat("longer than ", kMaxTextBytes, " bytes"));
  return absl::OkStatus();
}

absl::Status RequirePurpose(std::string_view value) {
  if (value.empty()) return FieldError("purpose", "required");
  if (value.size() > kMaxPurposeBytes) {
    return FieldError("purpose", base::Cat("longer than ", kMaxPurposeBytes, " bytes"));
  }
  const bool has_word = std::any_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || std::isalnum(c);
  });
  if (!has_word) return FieldError("purpose", "must say what the work is for, in words");
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ParseIinField(std::string_view value, std::string_view field) {
  if (value.empty()) return FieldError(field, "required");
  const graph::IinInfo info = graph::CheckIin(value);
  if (!info.ok()) return FieldError(field, base::Cat("not a valid IIN: ", info.error));
  return graph::IdentityNumberValue(value);
}

absl::StatusOr<uint64_t> ParseBinField(std::string_view value, std::string_view field) {
  if (value.empty()) return FieldError(field, "required");
  const graph::IdentityCheck checked = graph::CheckBin(value);
  if (!checked.ok()) return FieldError(field, base::Cat("not a valid BIN: ", checked.error));
  return graph::IdentityNumberValue(value);
}

absl::StatusOr<uint64_t> ParseIdentityField(std::string_view value, std::string_view field) {
  if (value.empty()) return FieldError(field, "required");
  if (graph::CheckIin(value).ok() || graph::CheckBin(value).ok()) {
    return graph::IdentityNumberValue(value);
  }
  return FieldError(field, "not a valid IIN or BIN");
}

absl::StatusOr<graph::Date> ParseDateField(std::string_view value, std::string_view field) {
  if (value.empty()) return FieldError(field, "required");
  std::optional<graph::Date> d = graph::ParseIsoDate(value);
  if (!d.has_value()) return FieldError(field, "not a YYYY-MM-DD calendar date");
  return *d;
}

}  // namespace coigraph::service
