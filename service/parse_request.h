// A request's bytes, as gRPC delivers them, parsed as its message: what the gRPC service does
// with each call's body before anything else (coigraph_service.h), and the fuzz target of the
// requests (fuzz/service_requests_fuzz.cc) with its input.
//
// Example:
//   v1::GetCaseRequest request;
//   absl::Status s = ParseRequest(bytes, &request);  // INVALID_ARGUMENT when it does not parse
#pragma once

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"
#include "base/text.h"

namespace coigraph::service {

// `bytes` parsed as a Request. Errors: InvalidArgument naming the message type when they do
// not parse (not protobuf, a wrong wire type, a string that is not UTF-8, ...); `request` is then
// cleared.
template <typename Request>
absl::Status ParseRequest(const grpc::ByteBuffer& bytes, Request* request) {
  grpc::ByteBuffer copy(bytes);  // Deserialize consumes its buffer; this shares the slices
  if (grpc::SerializationTraits<Request>::Deserialize(&copy, request).ok()) {
    return absl::OkStatus();
  }
  request->Clear();
  return absl::InvalidArgumentError(
      base::Cat("the request is not a ", Request::descriptor()->full_name(), " message"));
}

}  // namespace coigraph::service
