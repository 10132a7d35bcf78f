// The import report's files (import_goszakup.h, WriteImportReport).

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/csv_writer.h"
#include "loaders/goszakup/import_goszakup.h"

namespace coigraph::loaders::goszakup {

absl::Status WriteImportReport(const ImportReport& report, const std::string& dir) {
  CsvWriter problems;
  absl::Status s =
      problems.Open(dir + "/import_problems.csv", {"file", "record", "field", "reason"});
  if (!s.ok()) return s;
  for (const ImportProblem& p : report.problems) {
    problems.Text(p.file).Text(p.record).Text(p.field).Text(p.reason).EndRow();
  }
  s = problems.Close();
  if (!s.ok()) return s;
  CsvWriter unresolved;
  s = unresolved.Open(dir + "/unresolved_members.csv",
                      {"trd_buy_id", "fio", "bin", "date", "employed", "considered"});
  if (!s.ok()) return s;
  for (const UnresolvedMember& u : report.unresolved) {
    std::string considered;
    for (const auto& [iin, score] : u.considered) {
      char text[16];
      std::snprintf(text, sizeof text, "%.3f", score);
      base::Append(considered, considered.empty() ? "" : " ", iin, ":", text);
    }
    unresolved.Text(u.trd_buy_id)
        .Text(u.fio)
        .Text(u.bin)
        .Text(u.date)
        .Int(static_cast<int64_t>(u.employed))
        .Text(considered)
        .EndRow();
  }
  return unresolved.Close();
}

}  // namespace coigraph::loaders::goszakup
