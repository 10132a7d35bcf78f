// The Connect protocol's unary JSON form on the wire: request and response messages in
// protobuf's JSON mapping, errors as Connect error JSON with the HTTP status Connect gives each
// code (docs/http.md).
//
// Example:
//   absl::StatusOr<v1::GetCaseRequest> req = ParseJsonRequest<v1::GetCaseRequest>(body);
//   ConnectError e = ConnectErrorOf(absl::NotFoundError("no case C-1"));
//   // e.http_status == 404, e.body == {"code":"not_found","message":"no case C-1"}
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace coigraph::service {

struct ConnectError {
  int http_status = 500;
  std::string body;  // {"code": ..., "message": ..., "details": [...]}
};

// "invalid_argument", "not_found", ... (Connect's names of the canonical codes).
std::string_view ConnectCodeName(absl::StatusCode code);
// The HTTP status Connect answers a code with (400, 404, ...).
int ConnectHttpStatus(absl::StatusCode code);
// The error JSON of a failed `status`; a FieldError carries google.rpc.BadRequest details
// (binary in `value`, readable in `debug`). REQUIRES: !status.ok().
ConnectError ConnectErrorOf(const absl::Status& status);

// Fills `message` from JSON (lowerCamelCase or proto field names; an empty body is `{}`).
// Errors: InvalidArgument saying what is wrong (bad JSON, unknown field, wrong type).
absl::Status ParseJsonMessage(std::string_view json, google::protobuf::Message* message);
// The message in protobuf's JSON mapping (lowerCamelCase names, enums by name).
std::string MessageToJson(const google::protobuf::Message& message);

}  // namespace coigraph::service
