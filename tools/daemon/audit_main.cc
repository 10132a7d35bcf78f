// coigraph-audit: checks and lists a coigraphd audit log.
//
//   coigraph-audit verify DB [--expect-head SEQ:HASH]
//   coigraph-audit head DB                            prints SEQ:HASH of the newest record
//   coigraph-audit list DB [--from SEQ] [--limit N]   records as JSON lines
//
// Exit status and output (the contract `coigraph audit verify DB` relies on):
//   0  stdout "audit chain OK: N records"            every record chains to the one before
//                                                    (and the expected head is among them)
//   1  stderr "audit chain BROKEN: <what>"            an edited, removed or reordered record; with
//                                                    --expect-head also a deleted or rewritten
//                                                    tail (the head is gone or has another hash)
//   2  stderr usage or "cannot open DB: ..."            bad arguments, no such file, not a db
//
// The chain alone cannot show that its newest records were deleted: `head` gives what to keep
// elsewhere (a log shipper, a ticket), and `verify --expect-head` checks the log still holds it.
//
// It only reads: a missing DB is an error, never created; a running coigraphd may keep writing
// (WAL), and the check covers the records committed when it starts.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "base/json.h"
#include "service/audit_head.h"
#include "service/audit_log.h"
#include "tools/flags/flags.h"

ABSL_FLAG(int64_t, from, 1, "list: the first record's seq");
ABSL_FLAG(int64_t, limit, std::numeric_limits<int64_t>::max(), "list: at most this many records");
ABSL_FLAG(std::string, expect_head, "",
          "verify: SEQ:HASH from an earlier `coigraph-audit head`, which must still be in the log");

namespace {

constexpr char kUsage[] =
    "usage: coigraph-audit verify DB [--expect-head SEQ:HASH]\n"
    "       coigraph-audit head DB\n"
    "       coigraph-audit list DB [--from SEQ] [--limit N]\n";

// {"seq":..,"time":..,"caller":..,"role":..,"rpc":..,"ids":[..],"purpose":..,"result":..,
//  "prev_hash":..,"hash":..}
std::string RecordJson(const coigraph::service::AuditRecord& r) {
  using coigraph::base::AppendJsonString;
  std::string out = "{\"seq\":" + std::to_string(r.seq);
  const std::pair<const char*, const std::string*> fields[] = {
      {"time", &r.time}, {"caller", &r.caller}, {"role", &r.role}, {"rpc", &r.rpc}};
  for (const auto& [name, value] : fields) {
    out += std::string(",\"") + name + "\":";
    AppendJsonString(out, *value);
  }
  out += ",\"ids\":[";
  for (size_t i = 0; i < r.ids.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, r.ids[i]);
  }
  out += "],\"purpose\":";
  AppendJsonString(out, r.purpose);
  out += ",\"result\":";
  AppendJsonString(out, r.result);
  out += ",\"prev_hash\":";
  AppendJsonString(out, r.prev_hash);
  out += ",\"hash\":";
  AppendJsonString(out, r.hash);
  out += '}';
  return out;
}

int List(coigraph::service::SqliteAuditLog& log, int64_t from, int64_t limit) {
  constexpr int kPage = 1000;
  while (limit > 0) {
    absl::StatusOr<std::vector<coigraph::service::AuditRecord>> page =
        log.Read(from, static_cast<int>(std::min<int64_t>(kPage, limit)));
    if (!page.ok()) {
      std::cerr << "coigraph-audit: cannot read: " << page.status().message() << "\n";
      return 2;
    }
    if (page->empty()) break;
    for (const auto& r : *page) std::cout << RecordJson(r) << '\n';
    from = page->back().seq + 1;
    limit -= static_cast<int64_t>(page->size());
  }
  return 0;
}

// The audit log in `db`, never created; nullptr (and why, on stderr) when it cannot be opened.
std::unique_ptr<coigraph::service::SqliteAuditLog> Open(const std::string& db) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db, ec)) {
    std::cerr << "coigraph-audit: cannot open " << db << ": no such file\n";
    return nullptr;
  }
  absl::StatusOr<std::unique_ptr<coigraph::service::SqliteAuditLog>> log =
      coigraph::service::SqliteAuditLog::Open(db);
  if (!log.ok()) {
    std::cerr << "coigraph-audit: cannot open " << db << ": " << log.status().message() << "\n";
    return nullptr;
  }
  return std::move(*log);
}

int Verify(coigraph::service::SqliteAuditLog& log, const std::string& db,
           const std::optional<coigraph::service::AuditHead>& expect) {
  absl::StatusOr<int64_t> n = log.VerifyChain();
  if (n.ok() && expect.has_value()) {
    absl::Status head = log.ExpectHead(*expect);
    if (!head.ok()) n = head;
  }
  if (!n.ok()) {
    if (n.status().code() == absl::StatusCode::kDataLoss) {
      std::cerr << "audit chain BROKEN: " << n.status().message() << "\n";
      return 1;
    }
    std::cerr << "coigraph-audit: cannot read " << db << ": " << n.status().message() << "\n";
    return 2;
  }
  std::cout << "audit chain OK: " << *n << " records\n";
  return 0;
}

int Head(coigraph::service::SqliteAuditLog& log, const std::string& db) {
  absl::StatusOr<coigraph::service::AuditHead> head = log.Head();
  if (!head.ok()) {
    std::cerr << "coigraph-audit: cannot read " << db << ": " << head.status().message() << "\n";
    return 2;
  }
  std::cout << coigraph::service::FormatHead(*head) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const coigraph::tools::CommandLine cl = coigraph::tools::ParseFlagsOrExit(
      argc, argv, {FLAGS_from, FLAGS_limit, FLAGS_expect_head},
      {.program = "coigraph-audit", .usage = kUsage, .positional = 2});
  const std::string& command = cl.positional[0];
  const std::string& db = cl.positional[1];
  if (command != "verify" && command != "list" && command != "head") {
    std::cerr << "coigraph-audit: unknown command '" << command << "'\n" << kUsage;
    return 2;
  }
  if (command != "list" && (cl.Given(FLAGS_from) || cl.Given(FLAGS_limit))) {
    std::cerr << "coigraph-audit: --from and --limit go with list\n" << kUsage;
    return 2;
  }
  if (command != "verify" && cl.Given(FLAGS_expect_head)) {
    std::cerr << "coigraph-audit: --expect-head goes with verify\n" << kUsage;
    return 2;
  }
  std::optional<coigraph::service::AuditHead> expect;
  if (cl.Given(FLAGS_expect_head)) {
    absl::StatusOr<coigraph::service::AuditHead> head =
        coigraph::service::ParseHead(absl::GetFlag(FLAGS_expect_head));
    if (!head.ok()) {
      std::cerr << "coigraph-audit: --expect-head: " << head.status().message() << "\n";
      return 2;
    }
    expect = *head;
  }
  std::unique_ptr<coigraph::service::SqliteAuditLog> log = Open(db);
  if (log == nullptr) return 2;
  if (command == "list") return List(*log, absl::GetFlag(FLAGS_from), absl::GetFlag(FLAGS_limit));
  if (command == "head") return Head(*log, db);
  return Verify(*log, db, expect);
}
