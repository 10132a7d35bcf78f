// Helpers for writing JSON text by hand, for the objects coigraph builds without a JSON library
// (findings, graph exports, reject records, HTTP session and error bodies, audit listings).
//
// Example:
//   std::string out = "{\"name\":";
//   AppendJsonString(out, "say \"hi\"\n");  // out: {"name":"say \"hi\"\n"
//   out += '}';
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace coigraph::base {

// Appends `s` as a JSON string literal: quotes it, escapes `"` and `\`, writes \n, \r and \t
// as such and every other control character (and DEL) as \u00XX. Other bytes, UTF-8 included,
// pass through unchanged (they are not checked).
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace coigraph::base
