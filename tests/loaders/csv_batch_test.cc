// NextBatch() and the plain-record fast path against Next() and the byte-at-a-time reader.
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "loaders/csv_reader.h"

namespace coigraph::loaders {
namespace {

struct Rec {
  int64_t line;
  std::vector<std::string> fields;
  std::string raw;
  std::string error;
  friend bool operator==(const Rec&, const Rec&) = default;
};

Rec Copy(const CsvRecord& r) {
  return Rec{r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()), std::string(r.raw),
             std::string(r.error)};
}

std::vector<Rec> ByNext(const std::string& data, size_t chunk) {
  std::unique_ptr<CsvReader> r = CsvReader::FromString(data, chunk);
  std::vector<Rec> out;
  while (r->Next()) out.push_back(Copy(r->record()));
  return out;
}

std::vector<Rec> ByBatch(const std::string& data, size_t chunk, size_t max) {
  std::unique_ptr<CsvReader> r = CsvReader::FromString(data, chunk);
  std::vector<Rec> out;
  for (;;) {
    const std::span<const CsvRecord> batch = r->NextBatch(max);
    if (batch.empty()) break;
    for (const CsvRecord& rec : batch) out.push_back(Copy(rec));
  }
  return out;
}

TEST(CsvBatchTest, PlainAndOddRecordsMixed) {
  const std::string data =
      "\xEF\xBB\xBFh1,h2\r\n"
      "a,b\r\n"
      "\n"
      "\"x,\"\"y\"\"\",z\n"
      "c,d\rx\n"
      "\"multi\nline\",e\n"
      "\"ab\"c,f\n"
      "g,h";
  const std::vector<Rec> expected = {
      {1, {"h1", "h2"}, "h1,h2", ""},
      {2, {"a", "b"}, "a,b", ""},
      {4, {"x,\"y\"", "z"}, "\"x,\"\"y\"\"\",z", ""},
      {5, {"c", "d\rx"}, "c,d\rx", ""},
      {6, {"multi\nline", "e"}, "\"multi\nline\",e", ""},
      {8, {"abc", "f"}, "\"ab\"c,f", "text after the closing quote of a quoted field"},
      {9, {"g", "h"}, "g,h", ""},
  };
  for (size_t chunk :
       {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}, CsvReader::kDefaultChunkBytes}) {
    EXPECT_EQ(ByNext(data, chunk), expected) << "chunk " << chunk;
    for (size_t max : {size_t{1}, size_t{2}, size_t{256}}) {
      EXPECT_EQ(ByBatch(data, chunk, max), expected) << "chunk " << chunk << " max " << max;
    }
  }
}

// Seeded random inputs of the bytes that matter: every way of reading gives the same records.
TEST(CsvBatchTest, RandomInputsReadAlikeInEveryWay) {
  const char* const pieces[] = {"a", "bc", ",", "\"", "\n", "\r", "\r\n", "\xEF\xBB\xBF"};
  std::mt19937 rng(20260101);
  for (int i = 0; i < 20000; ++i) {
    std::string data;
    const int n = static_cast<int>(rng() % 24);
    for (int j = 0; j < n; ++j) data += pieces[rng() % 8];
    const std::vector<Rec> reference = ByNext(data, 1);
    const size_t chunk = 1 + rng() % 9;
    ASSERT_EQ(ByNext(data, chunk), reference) << "chunk " << chunk;
    ASSERT_EQ(ByNext(data, CsvReader::kDefaultChunkBytes), reference);
    ASSERT_EQ(ByBatch(data, chunk, 1 + rng() % 4), reference) << "chunk " << chunk;
  }
}

}  // namespace
}  // namespace coigraph::loaders
