// The operator's translation of goszakup reference codes (`ref_*` tables) into the values of
// docs/feeds.md (docs/loaders.md, "goszakup"): one CSV file per table in IN_DIR/refs/, with the
// columns `id` (the code as the registries write it) and `value` (a feed value), any others
// (`name_ru`, ...) ignored. Nothing is guessed: a record whose code has no row here is reported,
// not imported.
//
//   refs/ref_trade_methods.csv    trd-buy `ref_trade_methods_id`  -> tenders.method
//   refs/ref_comm_roles.csv       commission `ref_comm_roles_id`  -> commission_members.role
//   refs/ref_kopf.csv             subject `ref_kopf_code`         -> organizations.kind
//   refs/ref_app_lot_status.csv   trd-app `app_lots[].status_id`  -> bids.outcome
//
// Example:
//   CodeMaps maps;
//   std::vector<ImportProblem> problems;
//   absl::Status s = maps.Load("in/refs", problems);
//   std::optional<std::string_view> method = maps.trade_methods.Find("2");  // "auction"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "loaders/goszakup/import_problem.h"

namespace coigraph::loaders::goszakup {

class CodeMap {
 public:
  CodeMap(std::string table, std::string target, bool (*valid)(std::string_view))
      : table_(std::move(table)), target_(std::move(target)), valid_(valid) {}

  // The feed value of `code`; nullopt when the table has no row for it.
  std::optional<std::string_view> Find(std::string_view code) const;
  // "ref_trade_methods.csv has no row for id 7 (tenders.method)": a reason for a report.
  std::string Missing(std::string_view code) const;

  // Reads refs/<table>.csv; a file that is absent leaves the map empty (every code missing).
  // Rows with an empty id, an unknown value or an id seen before are reported.
  absl::Status Load(const std::string& refs_dir, std::vector<ImportProblem>& problems);

  const std::string& table() const { return table_; }
  bool loaded() const { return loaded_; }
  size_t size() const { return values_.size(); }

 private:
  std::string table_;   // "ref_trade_methods"
  std::string target_;  // "tenders.method"
  bool (*valid_)(std::string_view);
  absl::flat_hash_map<std::string, std::string> values_;
  bool loaded_ = false;
};

struct CodeMaps {
  CodeMap trade_methods;
  CodeMap comm_roles;
  CodeMap kopf;
  CodeMap app_lot_status;

  CodeMaps();
  // Loads every table of IN_DIR/refs/. Errors: Internal when a present file cannot be read.
  absl::Status Load(const std::string& refs_dir, std::vector<ImportProblem>& problems);
};

}  // namespace coigraph::loaders::goszakup
