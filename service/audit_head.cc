#include "service/audit_head.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "base/text.h"

namespace coigraph::service {

std::string FormatHead(const AuditHead& head) { return base::Cat(head.seq, ":", head.hash); }

absl::StatusOr<AuditHead> ParseHead(std::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(base::AbslView(text));
  const size_t colon = trimmed.find(':');
  AuditHead head;
  auto bad = [] {
    return absl::InvalidArgumentError(
        "an audit head is SEQ:HASH (`coigraph-audit head DB` prints it), e.g. 42:9f86d0...");
  };
  if (colon == absl::string_view::npos) return bad();
  if (!absl::SimpleAtoi(trimmed.substr(0, colon), &head.seq) || head.seq < 0) return bad();
  head.hash = std::string(trimmed.substr(colon + 1));
  if (head.hash.size() != 64) return bad();
  for (char c : head.hash) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return bad();
  }
  head.hash = absl::AsciiStrToLower(head.hash);
  return head;
}

std::string HeadFilePath(const std::string& db_path) { return db_path + ".head"; }

absl::StatusOr<std::optional<AuditHead>> ReadHeadFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<AuditHead>();
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InternalError(base::Cat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<AuditHead> head = ParseHead(text.str());
  if (!head.ok()) {
    return absl::InvalidArgumentError(base::Cat(path, ": ", head.status().message()));
  }
  return std::optional<AuditHead>(*head);
}

absl::Status WriteHeadFile(const std::string& path, const AuditHead& head) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << FormatHead(head) << '\n';
    out.flush();
    if (!out) return absl::InternalError(base::Cat("cannot write ", temp));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    return absl::InternalError(
        base::Cat("cannot rename ", temp, " to ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace coigraph::service
