// The CSV reader (loaders/csv_reader.h) on any bytes: the first byte picks the chunk size (1 to
// 64 bytes, or the default), the rest is the file. Checks what the reader promises: Next() and
// NextBatch() give the same records, whatever the chunk size, and every record's fields and raw
// text are views that can be read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loaders/csv_reader.h"

namespace {

using coigraph::loaders::CsvReader;
using coigraph::loaders::CsvRecord;

// A record copied out of the reader's buffers.
struct Copy {
  int64_t line = 0;
  std::vector<std::string> fields;
  std::string raw;
  std::string error;
  bool operator==(const Copy&) const = default;
};

Copy CopyOf(const CsvRecord& r) {
  Copy c{r.line, {}, std::string(r.raw), std::string(r.error)};
  c.fields.reserve(r.fields.size());
  for (std::string_view f : r.fields) c.fields.emplace_back(f);
  return c;
}

std::vector<Copy> ReadAll(std::string_view text, size_t chunk) {
  std::vector<Copy> out;
  std::unique_ptr<CsvReader> r = CsvReader::FromString(std::string(text), chunk);
  while (r->Next()) out.push_back(CopyOf(r->record()));
  if (!r->status().ok()) std::abort();  // memory cannot fail to read
  return out;
}

std::vector<Copy> ReadBatches(std::string_view text, size_t chunk, size_t batch) {
  std::vector<Copy> out;
  std::unique_ptr<CsvReader> r = CsvReader::FromString(std::string(text), chunk);
  for (;;) {
    const std::span<const CsvRecord> records = r->NextBatch(batch);
    if (records.empty()) break;
    for (const CsvRecord& rec : records) out.push_back(CopyOf(rec));
  }
  if (!r->status().ok()) std::abort();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t pick = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t chunk = pick < 192 ? 1 + pick % 64 : CsvReader::kDefaultChunkBytes;
  const std::vector<Copy> one = ReadAll(text, chunk);
  // The plain fast path, the byte-at-a-time path and the batches agree.
  if (ReadBatches(text, chunk, 1 + pick % 7) != one) std::abort();
  if (chunk != CsvReader::kDefaultChunkBytes &&
      ReadAll(text, CsvReader::kDefaultChunkBytes) != one) {
    std::abort();
  }
  for (size_t i = 1; i < one.size(); ++i) {
    if (one[i].line <= one[i - 1].line) std::abort();  // lines go forward
  }
  return 0;
}
