#include "tools/cli/table.h"

#include <algorithm>

#include "base/utf8.h"

namespace coigraph::tools {

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string Cut(const std::string& s, size_t width) {
  if (DisplayWidth(s) <= width) return s;
  size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if (!IsContinuation(s[i]) && ++points == width) break;  // room for the ellipsis
  }
  return s.substr(0, i) + "…";
}

}  // namespace

std::string ForTerminal(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = p[i];
    const size_t len = base::Utf8SequenceLength(p + i, s.size() - i);
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
    } else if (len == 0 || c < 0x20 || c == 0x7F || (len == 2 && base::IsC1Control(p + i))) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      out.append(s, i, len);
    }
    i += len == 0 ? 1 : len;
  }
  return out;
}

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += IsContinuation(c) ? 0 : 1;
  return n;
}

TextTable::TextTable(std::vector<std::string> header, size_t max_cell_width)
    : max_cell_width_(max_cell_width) {
  for (std::string& cell : header) cell = ForTerminal(cell);
  rows_.push_back(std::move(header));
}

void TextTable::AddRow(std::vector<std::string> row) {
  for (std::string& cell : row) cell = Cut(ForTerminal(cell), max_cell_width_);
  rows_.push_back(std::move(row));
}

void TextTable::Print(std::ostream& out) const {
  std::vector<size_t> widths(rows_.front().size(), 0);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      out << cell;
      if (c + 1 < widths.size()) out << std::string(widths[c] - DisplayWidth(cell) + 2, ' ');
    }
    out << '\n';
  };
  print_row(rows_.front());
  size_t total = 0;
  for (size_t w : widths) total += w + 2;
  out << std::string(total > 2 ? total - 2 : total, '-') << '\n';
  for (size_t r = 1; r < rows_.size(); ++r) print_row(rows_[r]);
}

}  // namespace coigraph::tools
