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
