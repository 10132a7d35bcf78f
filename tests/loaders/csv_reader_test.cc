#include "loaders/csv_reader.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace coigraph::loaders {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Rec {
  int64_t line;
  std::vector<std::string> fields;
  std::string raw;
  std::string error;
};

std::vector<Rec> ReadAll(const std::string& data, size_t chunk) {
  std::unique_ptr<CsvReader> r = CsvReader::FromString(data, chunk);
  std::vector<Rec> out;
  while (r->Next()) {
    const CsvRecord& rec = r->record();
    out.push_back(Rec{rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end()),
                      std::string(rec.raw), std::string(rec.error)});
  }
  EXPECT_TRUE(r->status().ok());
  return out;
}

// Every test runs with chunk sizes from 1 byte (every byte a chunk boundary) to the default.
class CsvReaderTest : public ::testing::TestWithParam<size_t> {
 protected:
  std::vector<Rec> Read(const std::string& data) { return ReadAll(data, GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(ChunkSizes, CsvReaderTest,
                         ::testing::Values(1, 2, 3, 5, 64, CsvReader::kDefaultChunkBytes));

TEST_P(CsvReaderTest, PlainRecordsWithLf) {
  const auto recs = Read("a,b,c\n1,2,3\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_THAT(recs[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT(recs[1].fields, ElementsAre("1", "2", "3"));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[1].raw, "1,2,3");
  EXPECT_EQ(recs[1].error, "");
}

TEST_P(CsvReaderTest, CrlfAndMissingFinalNewline) {
  const auto recs = Read("a,b\r\n1,2\r\n3,4");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_THAT(recs[1].fields, ElementsAre("1", "2"));
  EXPECT_EQ(recs[1].raw, "1,2");
  EXPECT_THAT(recs[2].fields, ElementsAre("3", "4"));
  EXPECT_EQ(recs[2].line, 3);
}

TEST_P(CsvReaderTest, BomIsSkipped) {
  const auto recs = Read("\xEF\xBB\xBFiin,sex\n1,M\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_THAT(recs[0].fields, ElementsAre("iin", "sex"));
}

TEST_P(CsvReaderTest, QuotedCommasDoubledQuotesAndEmbeddedNewlines) {
  const auto recs = Read(
      "id,name\n"
      "1,\"Акимат, аппарат\"\n"
      "2,\"ТОО \"\"Ромашка\"\"\"\n"
      "3,\"две\r\nстроки\nи три\"\n"
      "4,\"\"\n"
      "5,after\n");
  ASSERT_EQ(recs.size(), 6u);
  EXPECT_THAT(recs[1].fields, ElementsAre("1", "Акимат, аппарат"));
  EXPECT_THAT(recs[2].fields, ElementsAre("2", "ТОО \"Ромашка\""));
  EXPECT_EQ(recs[2].raw, "2,\"ТОО \"\"Ромашка\"\"\"");
  EXPECT_THAT(recs[3].fields, ElementsAre("3", "две\r\nстроки\nи три"));
  EXPECT_EQ(recs[3].line, 4);
  EXPECT_EQ(recs[3].raw, "3,\"две\r\nстроки\nи три\"");
  EXPECT_THAT(recs[4].fields, ElementsAre("4", ""));
  EXPECT_EQ(recs[4].line, 7);  // the record above took lines 4, 5 and 6
  EXPECT_EQ(recs[5].line, 8);
}

TEST_P(CsvReaderTest, BlankLinesSkippedButCounted) {
  const auto recs = Read("a\n\n\r\n1\n\n2\n\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].line, 4);
  EXPECT_THAT(recs[1].fields, ElementsAre("1"));
  EXPECT_EQ(recs[2].line, 6);
}

TEST_P(CsvReaderTest, EmptyFieldsAndTrailingComma) {
  const auto recs = Read(",,\nx,\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_THAT(recs[0].fields, ElementsAre("", "", ""));
  EXPECT_THAT(recs[1].fields, ElementsAre("x", ""));
}

TEST_P(CsvReaderTest, TextAfterClosingQuoteIsAnErrorAndReadingGoesOn) {
  const auto recs = Read("a,b\n\"x\"y,2\n3,4\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_THAT(recs[1].error, HasSubstr("after the closing quote"));
  EXPECT_EQ(recs[1].raw, "\"x\"y,2");
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[2].error, "");
  EXPECT_THAT(recs[2].fields, ElementsAre("3", "4"));
}

TEST_P(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  const auto recs = Read("a,b\nТОО \"Бета\",2\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_THAT(recs[1].error, HasSubstr("quote inside an unquoted field"));
}

TEST_P(CsvReaderTest, UnterminatedQuoteAtEofIsAnError) {
  const auto recs = Read("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[2].line, 3);
  EXPECT_THAT(recs[2].error, HasSubstr("unterminated quoted field"));
  EXPECT_THAT(recs[2].error, HasSubstr("line 3"));
  EXPECT_EQ(recs[2].raw, "3,\"open\n4,5\n");
}

TEST_P(CsvReaderTest, EmptyInputHasNoRecords) {
  EXPECT_TRUE(Read("").empty());
  EXPECT_TRUE(Read("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(Read("\n\n").empty());
}

TEST(CsvReaderFileTest, MissingFileIsNotFound) {
  auto r = CsvReader::OpenFile("/nonexistent/coigraph/persons.csv");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace coigraph::loaders
