#include "service/listen_address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "base/text.h"

namespace coigraph::service {

absl::StatusOr<ListenAddress> ParseListenAddress(std::string_view address) {
  auto bad = [&] {
    return absl::InvalidArgumentError(base::Cat("not HOST:PORT or [IPV6]:PORT: \"", address, "\""));
  };
  ListenAddress out;
  std::string_view port;
  if (address.starts_with('[')) {
    const size_t close = address.find(']');
    if (close == std::string_view::npos || address.substr(close + 1, 1) != ":") return bad();
    out.host = std::string(address.substr(1, close - 1));
    port = address.substr(close + 2);
  } else {
    const size_t colon = address.rfind(':');
    if (colon == std::string_view::npos) return bad();
    out.host = std::string(address.substr(0, colon));
    // An unbracketed IPv6 address would make the port ambiguous.
    if (out.host.find(':') != std::string::npos) return bad();
    port = address.substr(colon + 1);
  }
  if (out.host.empty() || !absl::SimpleAtoi(base::AbslView(port), &out.port) || out.port < 0 ||
      out.port > 65535) {
    return bad();
  }
  return out;
}

bool IsLoopbackHost(std::string_view host) {
  if (absl::AsciiStrToLower(base::AbslView(host)) == "localhost") return true;
  const std::string text(host);
  std::array<uint8_t, 4> v4{};
  if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1) return v4[0] == 127;
  std::array<uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return false;
  constexpr std::array<uint8_t, 16> kLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  if (v6 == kLoopback) return true;
  // ::ffff:127.x.y.z
  for (int i = 0; i < 10; ++i) {
    if (v6[i] != 0) return false;
  }
  return v6[10] == 0xff && v6[11] == 0xff && v6[12] == 127;
}

}  // namespace coigraph::service
