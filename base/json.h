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
// as such and every other control character (C0, DEL and the C1 controls U+0080..U+009F) as
// \u00XX. Well-formed UTF-8 passes through; each byte that is not part of a well-formed
// sequence becomes \ufffd, so that the output is always valid UTF-8 JSON.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace coigraph::base
