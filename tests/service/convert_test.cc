// The loader's report as LoadFeeds and Status give it (service/convert.h).
#include "service/convert.h"

#include <string>

#include "gtest/gtest.h"

namespace coigraph::service {
namespace {

loaders::LoadReport AReport() {
  loaders::LoadReport r;
  r.listing.found = {"persons.csv", "organizations.csv"};
  r.listing.missing = {"kinship.csv"};
  r.listing.unknown = {{.name = "Bids.CSV", .hint = "bids.csv"}, {.name = "old/", .hint = ""}};
  r.files.push_back({.file = "residence.csv",
                     .present = true,
                     .rejected = 1,
                     .file_error = "the file is empty (0 bytes)"});
  r.files.push_back({.file = "employment.csv",
                     .present = true,
                     .loaded = 7,
                     .merged = 1,
                     .rejected = 2,
                     .dropped = 1,
                     .warnings = {"unknown column \"note\" (ignored)"}});
  r.rejects.push_back({.file = "persons.csv",
                       .line = 118,
                       .column = "iin",
                       .reason = "bad IIN check digit \xff",  // not UTF-8
                       .raw = "raw text is never sent"});
  r.rejects.push_back({.file = "employment.csv",
                       .line = 4,
                       .column = "iin",
                       .reason = "refers to persons.csv line 118, which was rejected",
                       .caused_by_file = "persons.csv",
                       .caused_by_line = 118});
  r.dropped.push_back({.file = "employment.csv",
                       .line = 5,
                       .column = "appointed_by_iin",
                       .reason = "unknown person, reference dropped"});
  return r;
}

TEST(ConvertTest, AFileReportCarriesDroppedWarningsAndFileError) {
  const loaders::LoadReport r = AReport();
  v1::FileLoad whole;
  FileReportToProto(r.files[0], &whole);
  EXPECT_EQ(whole.file(), "residence.csv");
  EXPECT_TRUE(whole.present());
  EXPECT_EQ(whole.rejected(), 1);
  EXPECT_EQ(whole.file_error(), "the file is empty (0 bytes)");
  v1::FileLoad rows;
  FileReportToProto(r.files[1], &rows);
  EXPECT_EQ(rows.loaded(), 7);
  EXPECT_EQ(rows.merged(), 1);
  EXPECT_EQ(rows.rejected(), 2);
  EXPECT_EQ(rows.dropped(), 1);
  ASSERT_EQ(rows.warnings_size(), 1);
  EXPECT_EQ(rows.warnings(0), "unknown column \"note\" (ignored)");
  EXPECT_EQ(rows.file_error(), "");
}

TEST(ConvertTest, ALoadSummaryListsTheDirectoryAndCountsCausesApart) {
  const loaders::LoadReport r = AReport();
  v1::LoadSummary s;
  LoadSummaryToProto(r, /*records=*/true, &s);
  ASSERT_EQ(s.found_size(), 2);
  EXPECT_EQ(s.found(1), "organizations.csv");
  ASSERT_EQ(s.missing_size(), 1);
  EXPECT_EQ(s.missing(0), "kinship.csv");
  ASSERT_EQ(s.unknown_size(), 2);
  EXPECT_EQ(s.unknown(0).name(), "Bids.CSV");
  EXPECT_EQ(s.unknown(0).hint(), "bids.csv");
  EXPECT_EQ(s.unknown(1).hint(), "");
  EXPECT_EQ(s.root_causes(), 1);
  EXPECT_EQ(s.consequences(), 1);
  EXPECT_EQ(s.dropped(), 1);
  ASSERT_EQ(s.rejects_size(), 2);
  EXPECT_EQ(s.rejects(0).line(), 118);
  EXPECT_EQ(s.rejects(0).column(), "iin");
  EXPECT_EQ(s.rejects(0).reason(), "bad IIN check digit \xEF\xBF\xBD");  // U+FFFD
  EXPECT_EQ(s.rejects(1).caused_by_file(), "persons.csv");
  EXPECT_EQ(s.rejects(1).caused_by_line(), 118);
  ASSERT_EQ(s.warnings_size(), 1);
  EXPECT_EQ(s.warnings(0).column(), "appointed_by_iin");
  // The message serializes (proto3 strings must be UTF-8) and never holds a row's text.
  std::string bytes;
  ASSERT_TRUE(s.SerializeToString(&bytes));
  EXPECT_EQ(bytes.find("raw text"), std::string::npos);

  v1::LoadSummary counts_only;
  LoadSummaryToProto(r, /*records=*/false, &counts_only);
  EXPECT_EQ(counts_only.root_causes(), 1);
  EXPECT_EQ(counts_only.rejects_size(), 0);
  EXPECT_EQ(counts_only.warnings_size(), 0);
}

TEST(ConvertTest, RecordsAreCappedAtKMaxLoadRecords) {
  loaders::LoadReport r;
  for (size_t i = 0; i < kMaxLoadRecords + 5; ++i) {
    r.rejects.push_back({.file = "kinship.csv", .line = static_cast<int64_t>(i + 2)});
  }
  v1::LoadSummary s;
  LoadSummaryToProto(r, /*records=*/true, &s);
  EXPECT_EQ(s.rejects_size(), static_cast<int>(kMaxLoadRecords));
  EXPECT_EQ(s.root_causes(), static_cast<int64_t>(kMaxLoadRecords + 5));
}

}  // namespace
}  // namespace coigraph::service
