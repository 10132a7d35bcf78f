#include "service/audit_bounds.h"

#include <cstdint>
#include <utility>

#include "base/sha256.h"
#include "base/text.h"
#include "service/limits.h"

namespace coigraph::service {

namespace {

// The length of the UTF-8 sequence that starts at value[i], or 0 when none valid does (a stray
// continuation byte, an overlong form, a surrogate, past U+10FFFF, or cut short).
size_t Utf8SequenceAt(std::string_view value, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(value[k]); };
  const uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    n = 2, min = 0x80, cp = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    n = 3, min = 0x800, cp = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, cp = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + n > value.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// The length of the longest valid UTF-8 prefix of `value` of at most `limit` bytes.
size_t ValidPrefix(std::string_view value, size_t limit) {
  size_t i = 0;
  while (i < value.size()) {
    const size_t n = Utf8SequenceAt(value, i);
    if (n == 0 || i + n > limit) break;
    i += n;
  }
  return i;
}

}  // namespace

std::string BoundedAuditValue(std::string_view value) {
  if (value.size() <= kMaxAuditValueBytes && ValidPrefix(value, value.size()) == value.size()) {
    return std::string(value);
  }
  const std::string note =
      base::Cat(" [cut: ", value.size(), " bytes, sha256 ", base::Sha256Hex(value), "]");
  const size_t room = kMaxAuditValueBytes - note.size();
  return base::Cat(value.substr(0, ValidPrefix(value, room)), note);
}

std::vector<std::string> BoundedAuditIds(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  const size_t kept = ids.size() <= kMaxAuditIds ? ids.size() : kMaxAuditIds - 1;
  out.reserve(kept + 1);
  for (size_t i = 0; i < kept; ++i) out.push_back(BoundedAuditValue(ids[i]));
  if (kept == ids.size()) return out;
  base::Sha256 all;
  for (const std::string& id : ids) {
    all.Update(id);
    all.Update("\n");
  }
  out.push_back(
      base::Cat("[+", ids.size() - kept, " more ids, sha256 ", base::DigestHex(all.Finish()), "]"));
  return out;
}

AuditEntry BoundedAuditEntry(AuditEntry entry) {
  entry.caller = BoundedAuditValue(entry.caller);
  entry.role = BoundedAuditValue(entry.role);
  entry.rpc = BoundedAuditValue(entry.rpc);
  entry.ids = BoundedAuditIds(entry.ids);
  entry.purpose = BoundedAuditValue(entry.purpose);
  entry.result = BoundedAuditValue(entry.result);
  return entry;
}

}  // namespace coigraph::service
