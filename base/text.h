// Text concatenation that takes std::string_view.
//
// Debian 12 builds abseil with ABSL_OPTION_USE_STD_STRING_VIEW = 0, so absl::string_view is
// not std::string_view and absl::StrCat rejects std::string_view arguments. Cat() accepts
// strings, string views, C strings, characters and integers; AbslView() is the repository's one
// bridge from std::string_view to absl::string_view, for the absl APIs that need the latter.
//
// Example:
//   std::string s = Cat("tender ", id_view, " #", 3);
//   absl::StrCat("unknown '", AbslView(id_view), "'");
#pragma once

#include <concepts>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace coigraph::base {

namespace text_internal {

inline void AppendPiece(std::string& out, std::string_view s) { out.append(s); }
inline void AppendPiece(std::string& out, const char* s) { out.append(s); }
inline void AppendPiece(std::string& out, const std::string& s) { out.append(s); }
inline void AppendPiece(std::string& out, absl::string_view s) { out.append(s.data(), s.size()); }
inline void AppendPiece(std::string& out, char c) { out.push_back(c); }
template <std::integral T>
requires(!std::same_as<T, char> && !std::same_as<T, bool>) void AppendPiece(std::string& out, T v) {
  out.append(std::to_string(v));
}

}  // namespace text_internal

template <typename... T>
std::string Cat(const T&... pieces) {
  std::string out;
  (text_internal::AppendPiece(out, pieces), ...);
  return out;
}

template <typename... T>
void Append(std::string& out, const T&... pieces) {
  (text_internal::AppendPiece(out, pieces), ...);
}

// std::string_view -> absl::string_view, for absl APIs (Status messages, StrSplit...).
inline absl::string_view AbslView(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace coigraph::base
