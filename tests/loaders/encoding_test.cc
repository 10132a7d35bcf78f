// Text is UTF-8 or it is rejected (docs/loaders.md, "Text"): a bad field rejects its row with its
// column, a file in another encoding is rejected as a file (with a hint for cp1251), and
// LoadOptions::encoding converts such a file while it is read.
#include <iconv.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "graph/builder.h"
#include "gtest/gtest.h"
#include "loaders/csv_reader.h"
#include "loaders/feed_loader.h"
#include "loaders/text_check.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

using testing::FileOf;
using ::testing::HasSubstr;
using testing::TempFeedDir;

constexpr uint64_t kAhmetov = 800515300017;
constexpr char kPersonsHeader[] = "iin,last_name,first_name,birth_date,sex,patronymic,note\n";

// `utf8` as Windows-1251 writes it, the way Russian Excel saves a CSV.
std::string ToCp1251(const std::string& utf8) {
  iconv_t cd = iconv_open("CP1251", "UTF-8");
  std::string in = utf8;
  std::string out(utf8.size(), '\0');
  char* inp = in.data();
  size_t in_left = in.size();
  char* outp = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &inp, &in_left, &outp, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

std::string Persons() {
  return absl::StrCat(kPersonsHeader, "800515300017,Ахметов,Бауыржан,1980-05-15,M,Серикович,\n",
                      "820310400012,Ахметова,Алия,1982-03-10,F,,\n",
                      "550120300016,Ахметов,Серик,1955-01-20,M,,\n");
}

TEST(EncodingTest, BadBytesOrControlCharactersRejectTheRowOnTheirColumn) {
  TempFeedDir dir;
  dir.Write("persons.csv",
            absl::StrCat(kPersonsHeader,
                         "800515300017,Ахметов,Бау\xC0ыржан,1980-05-15,M,,\n",        // line 2
                         "820310400012,Ахметова,Алия,1982-03-10,F,Ж\x07,\n",          // line 3
                         "550120300016,Ахметов,Серик,1955-01-20,M,\t,\xFF\xFE\n",     // line 4
                         "\"880808300014\",\"Нуров\r\nЕрлан\",Е,1988-08-08,M,,\n"));  // line 5
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rejects.size(), 2u);
  EXPECT_EQ(r->rejects[0].line, 2);
  EXPECT_EQ(r->rejects[0].column, "first_name");
  EXPECT_EQ(r->rejects[0].reason, "not UTF-8: byte 0xC0 at byte 6");
  EXPECT_EQ(r->rejects[1].line, 3);
  EXPECT_EQ(r->rejects[1].column, "patronymic");
  EXPECT_EQ(r->rejects[1].reason, "raw control character U+0007 at byte 2");
  // A tab is text; bad bytes in a column the loader does not know are never loaded; a quoted
  // line break is text.
  EXPECT_EQ(FileOf(*r, "persons.csv").loaded, 2);
  EXPECT_FALSE(b.FindPerson(kAhmetov).has_value());
  // The reject's raw text keeps its bytes; as JSON it is UTF-8 (U+FFFD for the bad byte).
  EXPECT_THAT(r->rejects[0].raw, HasSubstr("Бау\xC0ыржан"));
  const std::string json = RejectToJson(r->rejects[0]);
  EXPECT_TRUE(TextIsClean(json)) << json;
  EXPECT_THAT(json, HasSubstr("Бау\xEF\xBF\xBDыржан"));
}

// A cp1251 file used to load with 0 rejects and garbled names.
TEST(EncodingTest, Cp1251FileIsRejectedAsAFileWithAHint) {
  TempFeedDir dir;
  dir.Write("persons.csv", Persons());
  dir.Write("residence.csv", ToCp1251("person_iin,address_id\n800515300017,г. Алматы, ул. Абая 1\n"
                                      "820310400012,г. Алматы, ул. Абая 1\n"));
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->rejects.size(), 1u);
  EXPECT_EQ(r->rejects[0].file, "residence.csv");
  EXPECT_EQ(r->rejects[0].line, 1);
  EXPECT_EQ(r->rejects[0].reason,
            "the file is not UTF-8 (most of its non-ASCII bytes are not UTF-8); it looks like "
            "Windows-1251 (cp1251, as Russian Excel saves CSV): convert it to UTF-8, or load it as "
            "it is with --encoding cp1251; the file is not loaded");
  EXPECT_EQ(FileOf(*r, "persons.csv").loaded, 3);
  EXPECT_TRUE(b.data().residences.empty());
}

TEST(EncodingTest, Cp1251RegistryFailsTheLoad) {
  TempFeedDir dir;
  dir.Write("persons.csv", ToCp1251(Persons()));
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("persons.csv: the file is not UTF-8"));
  EXPECT_THAT(r.status().message(), HasSubstr("--encoding cp1251"));
}

TEST(EncodingTest, Cp1251FeedLoadsWithTheEncodingOption) {
  TempFeedDir dir;
  dir.Write("persons.csv", ToCp1251(Persons()));
  dir.Write("organizations.csv",
            ToCp1251("bin,name,kind\n940140000385,Акимат Алматы,state_body\n"));
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b, {.encoding = "cp1251"});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->rejects.empty());
  const graph::Person& p = b.person(*b.FindPerson(kAhmetov));
  EXPECT_EQ(b.Str(p.last_name), "Ахметов");
  EXPECT_EQ(b.Str(p.first_name), "Бауыржан");
  EXPECT_EQ(b.Str(p.patronymic), "Серикович");
  EXPECT_EQ(b.Str(b.data().organizations[graph::OrgIndex(0)].name), "Акимат Алматы");
}

TEST(EncodingTest, UnknownEncodingIsAnError) {
  TempFeedDir dir;
  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b, {.encoding = "no-such-code"});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("unknown encoding 'no-such-code'"));
}

// The conversion at every chunk size gives the records of the UTF-8 text; a byte that has no
// character in cp1251 (0x98) becomes U+FFFD.
TEST(EncodingTest, ConversionAtEveryChunkSize) {
  TempFeedDir dir;
  std::string cp =
      ToCp1251("a,Ахметов Бауыржан\r\n\"") + "?" + ToCp1251(",b\",\"Жума\nбаев\"\n") + "z,\x98";
  dir.Write("x.csv", cp);
  for (size_t chunk : {1, 2, 3, 7, 64, 1 << 20}) {
    absl::StatusOr<std::unique_ptr<CsvReader>> reader =
        CsvReader::OpenFile(dir.path() + "/x.csv", chunk, "cp1251");
    ASSERT_TRUE(reader.ok()) << reader.status();
    std::vector<std::vector<std::string>> records;
    while ((*reader)->Next()) {
      records.emplace_back((*reader)->record().fields.begin(), (*reader)->record().fields.end());
    }
    EXPECT_THAT(records, ::testing::ElementsAre(::testing::ElementsAre("a", "Ахметов Бауыржан"),
                                                ::testing::ElementsAre("?,b", "Жума\nбаев"),
                                                ::testing::ElementsAre("z", "\xEF\xBF\xBD")))
        << chunk;
  }
}

}  // namespace
}  // namespace coigraph::loaders
