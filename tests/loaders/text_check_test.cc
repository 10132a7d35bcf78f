// TextIsClean / FindTextFault (UTF-8 without raw control characters), JudgeSample (a file's
// encoding from its first bytes) and ToValidUtf8.
#include "loaders/text_check.h"

#include <string>

#include "gtest/gtest.h"

namespace coigraph::loaders {
namespace {

TEST(TextCheckTest, AsciiCyrillicKazakhAndTabsAreClean) {
  EXPECT_TRUE(TextIsClean(""));
  EXPECT_TRUE(TextIsClean("800515300017,Ahmetov,1980-05-15,M"));
  EXPECT_TRUE(TextIsClean("Ахметов,Бауыржан,Серикович"));
  EXPECT_TRUE(TextIsClean("Жұмабаев Мұхтар Қайратұлы, Өскемен, Үржар"));
  EXPECT_TRUE(TextIsClean("a\tb\r\nc\"d\"\n€ 😀"));
}

TEST(TextCheckTest, InvalidUtf8IsFoundAtItsByte) {
  // Every bad byte at every position of a long text, so that the 8-byte fast path and the tail
  // both meet it.
  for (const std::string bad : {"\xC0\x80", "\xD0", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\xFF",
                                "\x80", "\xE2\x82", "\xF0\x9F\x98"}) {
    for (size_t at = 0; at < 20; ++at) {
      const std::string text = std::string(at, 'a') + bad + (at % 2 ? "" : "bcdefghijklmnop");
      EXPECT_FALSE(TextIsClean(text)) << at;
      const TextFault f = FindTextFault(text);
      EXPECT_TRUE(f.found);
      EXPECT_EQ(f.offset, at);
      EXPECT_EQ(f.reason.rfind("not UTF-8: byte 0x", 0), 0u) << f.reason;
    }
  }
  EXPECT_EQ(FindTextFault("Ах\xC0z").reason, "not UTF-8: byte 0xC0 at byte 4");
}

TEST(TextCheckTest, RawControlCharactersAreFound) {
  EXPECT_EQ(FindTextFault("abc\x07").reason, "raw control character U+0007 at byte 3");
  EXPECT_EQ(FindTextFault(std::string("ab\0c", 4)).reason,
            "raw control character U+0000 at byte 2");
  EXPECT_EQ(FindTextFault("abcdefghij\x7F").reason, "raw control character U+007F at byte 10");
  EXPECT_EQ(FindTextFault("x\xC2\x85").reason, "raw control character U+0085 at byte 1");
  EXPECT_FALSE(TextIsClean("abcdefgh\x1B[0m"));
  EXPECT_TRUE(TextIsClean("x\xC2\xA0y"));  // U+00A0, a no-break space, is text
}

TEST(TextCheckTest, JudgeSampleTellsCp1251FromUtf8) {
  EXPECT_EQ(JudgeSample("iin,name\n1,abc\n"), SampleEncoding::kUtf8);
  EXPECT_EQ(JudgeSample("iin,name\n1,Ахметов Бауыржан\n"), SampleEncoding::kUtf8);
  // One stray byte among much Cyrillic UTF-8: the file is UTF-8, the row will be rejected.
  EXPECT_EQ(JudgeSample("1,Ахметов Бауыржан\n2,\xC0x\n3,Серик Ахметов\n"), SampleEncoding::kUtf8);
  // "Ахметов,Бауыржан" as Windows-1251 writes it.
  EXPECT_EQ(JudgeSample("1,\xC0\xF5\xEC\xE5\xF2\xEE\xE2,\xC1\xE0\xF3\xFB\xF0\xE6\xE0\xED\n"),
            SampleEncoding::kLooksCp1251);
  EXPECT_EQ(JudgeSample("1,\x81\x82\x83\x84\x85\x86\x87\x88\x89\n"), SampleEncoding::kNotUtf8);
  // A sequence cut by the end of the sample is not counted against the file.
  EXPECT_EQ(JudgeSample("1,Ахметов\xD0"), SampleEncoding::kUtf8);
}

TEST(TextCheckTest, ToValidUtf8ReplacesEachBadByte) {
  EXPECT_EQ(ToValidUtf8("Ахметов"), "Ахметов");
  EXPECT_EQ(ToValidUtf8("a\xC0z\xFF"), "a\xEF\xBF\xBDz\xEF\xBF\xBD");
}

}  // namespace
}  // namespace coigraph::loaders
