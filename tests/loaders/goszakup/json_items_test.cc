// The goszakup registry reader (loaders/goszakup/json_items.h): pages, arrays and JSON lines,
// records held flat, and a syntax error that ends a file without losing the records before it.
#include "loaders/goszakup/json_items.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace coigraph::loaders::goszakup {
namespace {

// Each record as "key=value;..." with its arrays as "[...]".
std::string Flat(const JsonItem& item, const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) {
    out += k + "=" + std::string(item.Get(k)) + (item.Has(k) ? "" : "(absent)") + ";";
  }
  return out;
}

std::vector<std::string> Read(const std::string& text, const std::vector<std::string>& keys,
                              absl::Status* status = nullptr) {
  JsonItemReader reader;
  std::vector<std::string> out;
  absl::Status s = reader.ReadText(text, "t.json",
                                   [&](const JsonItem& item) { out.push_back(Flat(item, keys)); });
  if (status != nullptr) {
    *status = s;
  } else {
    EXPECT_TRUE(s.ok()) << s;
  }
  return out;
}

TEST(JsonItemsTest, PagesArraysAndLinesGiveTheSameRecords) {
  const std::vector<std::string> want = {"id=1;fio=АРЫН АХМЕТЖАН ӘЛИҰЛЫ;", "id=2;fio=Б;"};
  EXPECT_EQ(Read(R"({"total": 2, "next_page": "", "limit": 50,
                    "items": [{"id": 1, "fio": "АРЫН АХМЕТЖАН ӘЛИҰЛЫ"}, {"id": 2, "fio": "Б"}]})",
                 {"id", "fio"}),
            want);
  EXPECT_EQ(
      Read(R"([{"id": 1, "fio": "АРЫН АХМЕТЖАН ӘЛИҰЛЫ"}, {"id": 2, "fio": "Б"}])", {"id", "fio"}),
      want);
  EXPECT_EQ(Read("{\"id\": 1, \"fio\": \"АРЫН АХМЕТЖАН ӘЛИҰЛЫ\"}\n{\"id\": 2, \"fio\": \"Б\"}\n",
                 {"id", "fio"}),
            want);
  // Pages one after another, as a dump keeps them.
  EXPECT_EQ(Read(R"({"items": [{"id": 1, "fio": "АРЫН АХМЕТЖАН ӘЛИҰЛЫ"}], "next_page": "x"}
                    {"total": 2, "items": [{"id": 2, "fio": "Б"}]})",
                 {"id", "fio"}),
            want);
}

TEST(JsonItemsTest, ValuesAreTextNullIsAbsentObjectsAreFlattened) {
  EXPECT_EQ(
      Read(R"([{"sum": 45000000.50, "big": 123456789012345678901234567890, "flag": true,
                     "none": null, "esc": "a\"b\\c\u00e9", "ref": {"id": 7, "code": "X"}}])",
           {"sum", "big", "flag", "none", "esc", "ref.id", "ref.code"}),
      (std::vector<std::string>{"sum=45000000.50;big=123456789012345678901234567890;"
                                "flag=true;none=(absent);esc=a\"b\\cé;ref.id=7;ref.code=X;"}));
}

TEST(JsonItemsTest, ArraysOfObjectsAreRecordsOfTheirOwn) {
  JsonItemReader reader;
  std::vector<std::string> lots;
  absl::Status s = reader.ReadText(
      R"([{"id": 801, "app_lots": [{"lot_id": 5001, "status_id": 1}, {"lot_id": 5002}],
           "tags": ["a", "b"], "grid": [[1, 2], [3]]},
          {"id": 802}])",
      "t.json", [&](const JsonItem& item) {
        std::string l = std::string(item.Get("id")) + ":";
        for (const JsonItem& lot : item.Array("app_lots"))
          l += std::string(lot.Get("lot_id")) + ",";
        EXPECT_TRUE(item.Array("tags").empty());
        lots.push_back(l);
      });
  ASSERT_TRUE(s.ok()) << s;
  // The second record does not see the first one's lots (the storage is reused).
  EXPECT_EQ(lots, (std::vector<std::string>{"801:5001,5002,", "802:"}));
  EXPECT_EQ(reader.records(), 2);
}

TEST(JsonItemsTest, ASyntaxErrorEndsTheFileAfterTheRecordsBeforeIt) {
  absl::Status s;
  EXPECT_EQ(Read("{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3,,}\n{\"id\": 4}\n", {"id"}, &s),
            (std::vector<std::string>{"id=1;", "id=2;"}));
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_NE(s.message().find("t.json: byte 29:"), std::string::npos) << s;
  // Bytes that are not UTF-8, and a page cut short.
  Read("[{\"fio\": \"\xC0\xAF\"}]", {"fio"}, &s);
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_EQ(Read(R"({"items": [{"id": 1}, {"id": 2)", {"id"}, &s),
            (std::vector<std::string>{"id=1;"}));
  EXPECT_TRUE(absl::IsInvalidArgument(s));
}

TEST(JsonItemsTest, TextThatIsNotUtf8EndsTheFileWhereItStarts) {
  absl::Status s;
  // In a string, between records, and a sequence the input cuts off: the records before stand.
  EXPECT_EQ(Read("{\"id\": 1}\n{\"id\": 2, \"fio\": \"\xC0\xAF\"}\n", {"id"}, &s),
            (std::vector<std::string>{"id=1;"}));
  EXPECT_EQ(s.message(), "t.json: byte 28: not UTF-8");
  EXPECT_EQ(Read("{\"id\": 1}\n\xFF{\"id\": 2}\n", {"id"}, &s),
            (std::vector<std::string>{"id=1;"}));
  EXPECT_EQ(s.message(), "t.json: byte 10: not UTF-8");
  EXPECT_EQ(Read("{\"id\": 1}\n\xD0", {"id"}, &s), (std::vector<std::string>{"id=1;"}));
  EXPECT_EQ(s.message(), "t.json: byte 10: not UTF-8");
  // Surrogates and overlong forms are not UTF-8 either.
  Read("[{\"fio\": \"\xED\xA0\x80\"}]", {"fio"}, &s);
  EXPECT_EQ(s.message(), "t.json: byte 10: not UTF-8");
  Read("[{\"fio\": \"\xE0\x80\xAF\"}]", {"fio"}, &s);
  EXPECT_EQ(s.message(), "t.json: byte 10: not UTF-8");
}

TEST(JsonItemsTest, SequencesAcrossTheReadersBlocksAreWhole) {
  // 64 KiB blocks: records of two-, three- and four-byte characters cross many block ends at
  // every offset within a sequence.
  std::string text;
  std::vector<std::string> want;
  const std::string words[] = {"ӘЛИҰЛЫ", "€", "😀", "a"};
  for (int i = 0; i < 20000; ++i) {
    const std::string fio = words[i % 4] + words[(i / 4) % 4] + words[(i / 16) % 4];
    text += "{\"id\": " + std::to_string(i) + ", \"fio\": \"" + fio + "\"}\n";
    want.push_back("id=" + std::to_string(i) + ";fio=" + fio + ";");
  }
  ASSERT_GT(text.size(), size_t{4} << 16);
  EXPECT_EQ(Read(text, {"id", "fio"}), want);
  // The byte offset of a bad byte far from the start.
  absl::Status s;
  const std::vector<std::string> read = Read(text + "\x80", {"id", "fio"}, &s);
  EXPECT_EQ(read.size(), want.size());
  EXPECT_EQ(s.message(), "t.json: byte " + std::to_string(text.size()) + ": not UTF-8");
}

TEST(JsonItemsTest, DeepNestingIsReadWithoutRecursion) {
  std::string deep = "[{\"id\": 1, \"x\": ";
  for (int i = 0; i < 100000; ++i) deep += "[";
  for (int i = 0; i < 100000; ++i) deep += "]";
  deep += "}]";
  EXPECT_EQ(Read(deep, {"id"}), (std::vector<std::string>{"id=1;"}));
}

TEST(JsonItemsTest, AMissingFileIsNotFound) {
  JsonItemReader reader;
  EXPECT_TRUE(absl::IsNotFound(reader.ReadFile("/nonexistent/x.json", [](const JsonItem&) {})));
}

}  // namespace
}  // namespace coigraph::loaders::goszakup
