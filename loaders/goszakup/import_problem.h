// A record of a goszakup registry that the importer could not map to a feed row, or mapped only
// in part (docs/loaders.md, "goszakup"): one line of IN_DIR's import report.
#pragma once

#include <string>

namespace coigraph::loaders::goszakup {

struct ImportProblem {
  std::string file;    // the input file, relative to IN_DIR ("lots/page-0001.json")
  std::string record;  // the record's id ("id=123", "trd_buy_id=5 fio=..."), or "byte N"
  std::string field;   // the field at fault; "" for the record as a whole
  std::string reason;  // what is wrong, and what was done ("not imported", "imported without")
};

}  // namespace coigraph::loaders::goszakup
