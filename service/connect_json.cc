#include "service/connect_json.h"

#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/strip.h"
#include "base/json.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "service/field_errors.h"

namespace coigraph::service {

std::string_view ConnectCodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return "ok";
    case absl::StatusCode::kCancelled:
      return "canceled";
    case absl::StatusCode::kUnknown:
      return "unknown";
    case absl::StatusCode::kInvalidArgument:
      return "invalid_argument";
    case absl::StatusCode::kDeadlineExceeded:
      return "deadline_exceeded";
    case absl::StatusCode::kNotFound:
      return "not_found";
    case absl::StatusCode::kAlreadyExists:
      return "already_exists";
    case absl::StatusCode::kPermissionDenied:
      return "permission_denied";
    case absl::StatusCode::kResourceExhausted:
      return "resource_exhausted";
    case absl::StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case absl::StatusCode::kAborted:
      return "aborted";
    case absl::StatusCode::kOutOfRange:
      return "out_of_range";
    case absl::StatusCode::kUnimplemented:
      return "unimplemented";
    case absl::StatusCode::kInternal:
      return "internal";
    case absl::StatusCode::kUnavailable:
      return "unavailable";
    case absl::StatusCode::kDataLoss:
      return "data_loss";
    case absl::StatusCode::kUnauthenticated:
      return "unauthenticated";
    default:
      return "unknown";
  }
}

int ConnectHttpStatus(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    default:
      return 500;
  }
}

ConnectError ConnectErrorOf(const absl::Status& status) {
  ConnectError e;
  e.http_status = ConnectHttpStatus(status.code());
  std::string& out = e.body;
  out = "{\"code\":";
  base::AppendJsonString(out, ConnectCodeName(status.code()));
  out += ",\"message\":";
  base::AppendJsonString(out, std::string(status.message()));
  if (std::optional<std::string> field = ViolatedField(status)) {
    google::rpc::BadRequest bad_request;
    google::rpc::BadRequest::FieldViolation* v = bad_request.add_field_violations();
    v->set_field(*field);
    v->set_description(std::string(absl::StripPrefix(status.message(), *field + ": ")));
    std::string value;
    absl::Base64Escape(bad_request.SerializeAsString(), &value);
    while (!value.empty() && value.back() == '=') value.pop_back();  // Connect: unpadded
    out += ",\"details\":[{\"type\":\"google.rpc.BadRequest\",\"value\":";
    base::AppendJsonString(out, value);
    out += ",\"debug\":";
    out += MessageToJson(bad_request);
    out += "}]";
  }
  out += "}";
  return e;
}

absl::Status ParseJsonMessage(std::string_view json, google::protobuf::Message* message) {
  if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) json = "{}";
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto s = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message, options);
  if (!s.ok()) {
    return absl::InvalidArgumentError(std::string("the body is not a ") +
                                      message->GetDescriptor()->full_name() +
                                      " in protobuf's JSON mapping: " + std::string(s.message()));
  }
  return absl::OkStatus();
}

std::string MessageToJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  // Connect's JSON, as protobuf-es and connect-go write it.
  options.preserve_proto_field_names = false;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

}  // namespace coigraph::service
