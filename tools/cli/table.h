// Plain-text tables for terminals: columns padded by display width (UTF-8 code points), long
// cells cut with an ellipsis. Cells never carry raw control characters or invalid UTF-8: a tab
// or line break becomes a space, anything else U+FFFD.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace coigraph::tools {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, size_t max_cell_width = 48);
  void AddRow(std::vector<std::string> row);
  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
  size_t max_cell_width_;
};

// `s` as a terminal may show it: a tab or line break becomes a space, any other control
// character and each byte that is not UTF-8 U+FFFD. For every name or text the commands print.
std::string ForTerminal(const std::string& s);

// Number of UTF-8 code points in `s`.
size_t DisplayWidth(const std::string& s);

}  // namespace coigraph::tools
