// Plain-text tables for terminals: columns padded by display width (UTF-8 code points), long
// cells cut with an ellipsis.
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

// Number of UTF-8 code points in `s`.
size_t DisplayWidth(const std::string& s);

}  // namespace coigraph::tools
