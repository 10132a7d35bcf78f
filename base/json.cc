#include "base/json.h"

#include <cstdio>

#include "base/utf8.h"

namespace coigraph::base {

namespace {

void AppendEscaped(std::string& out, unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", code);
  out += buf;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(p + i, s.size() - i);
      if (len == 0) {
        AppendEscaped(out, 0xFFFD);  // a byte that is not UTF-8
      } else if (len == 2 && IsC1Control(p + i)) {
        AppendEscaped(out, p[i + 1]);
        ++i;
      } else {
        out.append(s.substr(i, len));
        i += len - 1;
      }
      continue;
    }
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          AppendEscaped(out, c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace coigraph::base
