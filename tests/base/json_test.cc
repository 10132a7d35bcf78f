#include "base/json.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace coigraph::base {
namespace {

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

TEST(JsonTest, QuotesPlainText) {
  EXPECT_EQ(Json(""), R"("")");
  EXPECT_EQ(Json("HIRE_CHAIN"), R"("HIRE_CHAIN")");
}

TEST(JsonTest, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(Json(R"(ТОО "Береке")"), R"("ТОО \"Береке\"")");
  EXPECT_EQ(Json(R"(C:\feeds\)"), R"("C:\\feeds\\")");
  EXPECT_EQ(Json(R"(\")"), R"("\\\"")");
}

TEST(JsonTest, EscapesControlCharacters) {
  EXPECT_EQ(Json("a\nb\rc\td"), R"("a\nb\rc\td")");
  EXPECT_EQ(Json(std::string_view("\0", 1)), R"("\u0000")");
  EXPECT_EQ(Json("\x01\x1f"), R"("\u0001\u001f")");
  EXPECT_EQ(Json("\b\f"), R"("\u0008\u000c")");
  EXPECT_EQ(Json("\x7f"), R"("\u007f")");
  EXPECT_EQ(Json(" ~"), R"(" ~")");  // 0x20 and 0x7e are printable
}

TEST(JsonTest, PassesUtf8Through) {
  EXPECT_EQ(Json("Ахметов Б.С."), "\"Ахметов Б.С.\"");
  EXPECT_EQ(Json("Әділет, ұлы, қызы"), "\"Әділет, ұлы, қызы\"");
  EXPECT_EQ(Json("\xF0\x9F\x99\x82"), "\"\xF0\x9F\x99\x82\"");  // U+1F642, four bytes
  EXPECT_EQ(Json("\u2028"), "\"\u2028\"");                      // not escaped either
}

// Nothing written is invalid UTF-8 or a raw control character (issue 9).
TEST(JsonTest, ReplacesBytesThatAreNotUtf8AndEscapesC1Controls) {
  EXPECT_EQ(Json("a\xff"
                 "b"),
            R"("a\ufffdb")");
  EXPECT_EQ(Json("\xC0\xAF"), R"("\ufffd\ufffd")");            // an overlong '/'
  EXPECT_EQ(Json("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")");  // a surrogate
  EXPECT_EQ(Json("Ах\xD0"), "\"Ах\\ufffd\"");                  // cut at the end
  EXPECT_EQ(Json("\xC2\x85"), R"("\u0085")");                  // NEL, a C1 control
  EXPECT_EQ(Json("\xC2\xA0"), "\"\xC2\xA0\"");                 // NBSP is not
}

TEST(JsonTest, AppendsToWhatIsThere) {
  std::string out = "{\"name\":";
  AppendJsonString(out, "x");
  out += '}';
  EXPECT_EQ(out, R"({"name":"x"})");
}

}  // namespace
}  // namespace coigraph::base
