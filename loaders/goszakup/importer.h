// Internal to loaders/goszakup: the importer's state across the registries, and the handler of
// each registry's records (importer.cc: the order and the merged feed; registries.cc: one
// record to feed rows). Not part of the public surface (import_goszakup.h is).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "base/text.h"
#include "graph/date.h"
#include "graph/identity_number.h"
#include "loaders/goszakup/code_maps.h"
#include "loaders/goszakup/feed_out.h"
#include "loaders/goszakup/import_goszakup.h"
#include "loaders/goszakup/json_items.h"
#include "loaders/goszakup/member_matcher.h"

namespace coigraph::loaders::goszakup::internal {

// What the importer keeps of an announcement (trd-buy) for its lots, commission and contracts.
struct Announcement {
  std::string number;  // number_anno
  uint64_t customer_bin = 0;
  uint64_t organizer_bin = 0;   // org_bin
  std::string method_code;      // ref_trade_methods_id
  graph::Date date = 0;         // publish_date, else start_date; 0 when neither
  bool has_commission = false;  // a commission row was written for it
  int lots = 0;                 // lots written
  std::string only_lot;         // the lot's id while lots == 1
};

class Importer {
 public:
  Importer(const ImportOptions& options, ImportReport& report);

  absl::Status Run();

 private:
  // importer.cc
  absl::Status OpenOutputs();
  absl::Status CloseOutputs();
  // Every file of a registry, in name order: NAME.json, NAME.jsonl, NAME/*.json(l).
  std::vector<std::string> RegistryFiles(std::string_view registry) const;
  // Reads every record of a registry (file_bin_ is set for a file of employees/ named by a BIN).
  absl::Status ReadRegistry(std::string_view registry,
                            const std::function<void(const JsonItem&)>& visit);
  // The merged feed's rows of `out`'s file, copied; `seen` gets each row's values by column.
  absl::Status MergeRows(FeedOut& out,
                         const std::function<void(const std::vector<std::string_view>&)>& seen);
  absl::Status MergeOthers();
  absl::Status MergeStaff();
  absl::Status WritePersons();
  void Problem(std::string_view field, std::string reason);
  // record_ = the pieces, reusing its storage (a record's id, for problems).
  template <typename... T>
  void SetRecord(const T&... pieces) {
    record_.clear();
    base::Append(record_, pieces...);
  }

  // registries.cc
  void Subject(const JsonItem& item);
  void Employee(const JsonItem& item);
  void Rnu(const JsonItem& item);
  void TrdBuy(const JsonItem& item);
  void CommissionWanted(const JsonItem& item);
  void CommissionMember(const JsonItem& item);
  void Lot(const JsonItem& item);
  void Application(const JsonItem& item);
  void Contract(const JsonItem& item);
  // A person known by IIN and full name (employees, RNU founders), written unless known.
  void PendingPerson(uint64_t iin, const graph::IinInfo& info, std::string_view fio);
  // An organization number of a known organization (or individual entrepreneur); 0, with a
  // problem reported, when it is not. `what` names the field.
  uint64_t KnownOrg(const JsonItem& item, std::string_view field);

  const ImportOptions& options_;
  ImportReport& report_;
  CodeMaps codes_;
  MemberMatcher matcher_;
  JsonItemReader reader_;

  // Where the record being read comes from, for problems.
  std::string file_;       // relative to IN_DIR
  std::string record_;     // "id=..."
  uint64_t file_bin_ = 0;  // employees/<BIN>.json

  FeedOut organizations_, positions_, employment_, commissions_, members_, roles_, tenders_, bids_,
      contracts_, blacklist_, persons_;
  FeedOut
      pending_persons_;  // with a merged feed: goszakup's persons, held back until its are known
  std::string pending_path_;

  absl::flat_hash_set<uint64_t> orgs_;     // BINs (and IE IINs) written
  absl::flat_hash_set<uint64_t> pending_;  // IINs in pending_persons_
  absl::flat_hash_map<std::string, Announcement> announcements_;
  absl::flat_hash_set<std::string> lots_;            // lot ids written
  absl::flat_hash_set<std::string> bid_keys_;        // lot id + supplier
  absl::flat_hash_set<std::string> seat_keys_;       // commission + IIN
  absl::flat_hash_set<std::string> role_keys_;       // company + role + holder
  absl::flat_hash_set<std::string> position_ids_;    // written
  absl::flat_hash_set<std::string> blacklist_keys_;  // supplier + start
  absl::flat_hash_set<std::string> contract_ids_;
};

// "2021-03-01 10:00:00", "2021-03-01T10:00:00+06:00", "2021-03-01" -> the date; nullopt else.
std::optional<graph::Date> ParseRegistryDate(std::string_view text);
// "1", "true" -> true.
bool IsTrue(std::string_view text);

}  // namespace coigraph::loaders::goszakup::internal
