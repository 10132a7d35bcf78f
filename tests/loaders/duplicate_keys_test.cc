// The key of every feed file (docs/feeds.md, "Keys and duplicates"; FeedSchema::key): per file, a
// row, its exact copy (merged), a row with the same key and other content (rejected, with the
// key's columns named in the reason), and one row per key column that differs from the first only
// in that column (loaded: the column is part of the key).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "graph/builder.h"
#include "gtest/gtest.h"
#include "loaders/feed_loader.h"
#include "test_feeds.h"

namespace coigraph::loaders {
namespace {

using testing::BaseFeed;
using testing::FileOf;
using testing::TempFeedDir;

struct KeyCase {
  std::string file;
  std::string header;  // for a file the base feed lacks; a base file keeps its header and rows
  std::string row;
  std::vector<std::string> same_row;    // other spellings of `row` that merge into it
  std::string other_content;            // same key, other content
  std::vector<std::string> other_keys;  // each differs from `row` in one key column
  std::string key;                      // as the reject reason names it
};

void PrintTo(const KeyCase& c, std::ostream* os) { *os << c.file; }

class DuplicateKeyTest : public ::testing::TestWithParam<KeyCase> {};

TEST_P(DuplicateKeyTest, KeyColumnsDecideWhatIsADuplicate) {
  const KeyCase& c = GetParam();
  TempFeedDir dir;
  std::string content = c.header;
  int64_t base_rows = 0;
  for (const auto& [file, text] : BaseFeed()) {
    if (file == c.file) {
      content = text;
      base_rows = std::count(text.begin(), text.end(), '\n') - 1;
    } else {
      dir.Write(file, text);
    }
  }
  const int64_t row_line = base_rows + 2;
  absl::StrAppend(&content, c.row, "\n", c.row, "\n");
  for (const std::string& r : c.same_row) absl::StrAppend(&content, r, "\n");
  absl::StrAppend(&content, c.other_content, "\n");
  const int64_t conflict_line = row_line + 2 + static_cast<int64_t>(c.same_row.size());
  for (const std::string& r : c.other_keys) absl::StrAppend(&content, r, "\n");
  dir.Write(c.file, content);

  graph::Builder b;
  absl::StatusOr<LoadReport> r = LoadFeedDirectory(dir.path(), b);
  ASSERT_TRUE(r.ok()) << r.status();
  std::string all;
  for (const RejectRecord& rej : r->rejects) absl::StrAppend(&all, RejectToJson(rej), "\n");
  ASSERT_EQ(r->rejects.size(), 1u) << all;
  EXPECT_EQ(r->rejects[0].file, c.file);
  EXPECT_EQ(r->rejects[0].line, conflict_line);
  EXPECT_EQ(r->rejects[0].column, "");
  EXPECT_EQ(r->rejects[0].reason,
            absl::StrCat("duplicate key ", c.key, " with different content than line ", row_line));
  const FileReport& f = FileOf(*r, c.file);
  EXPECT_EQ(f.merged, 1 + static_cast<int64_t>(c.same_row.size()));
  EXPECT_EQ(f.loaded, base_rows + 1 + static_cast<int64_t>(c.other_keys.size()));
}

std::string Name(const ::testing::TestParamInfo<KeyCase>& info) {
  std::string name = info.param.file.substr(0, info.param.file.size() - 4);
  name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
  return name;
}

INSTANTIATE_TEST_SUITE_P(
    EveryFile, DuplicateKeyTest,
    ::testing::Values(
        KeyCase{.file = "persons.csv",
                .row = "900101300017,Нуров,Ерлан,1990-01-01,M",
                .other_content = "900101300017,Нуров,Болат,1990-01-01,M",
                .other_keys = {"900101300027,Нуров,Ерлан,1990-01-01,M"},
                .key = "(iin)"},
        KeyCase{.file = "kinship.csv",
                .header = "person_iin,relative_iin,relation,valid_from,valid_to\n",
                .row = "800515300017,820310400012,spouse,2005-06-01,",
                .same_row = {"820310400012,800515300017,spouse,2005-06-01,"},
                .other_content = "800515300017,820310400012,spouse,2005-06-01,2010-01-01",
                .other_keys = {"550120300016,820310400012,spouse,2005-06-01,",
                               "800515300017,550120300016,spouse,2005-06-01,",
                               "800515300017,820310400012,sibling,2005-06-01,",
                               "800515300017,820310400012,spouse,2011-01-01,",
                               "550120300016,800515300017,parent,,",
                               "800515300017,550120300016,parent,,"},
                .key = "(person_iin, relative_iin, relation, valid_from)"},
        KeyCase{.file = "organizations.csv",
                .row = "130840000014,ТОО Береке,company,",
                .other_content = "130840000014,ТОО Другое,company,",
                .other_keys = {"130840000024,ТОО Береке,company,"},
                .key = "(bin)"},
        KeyCase{.file = "positions.csv",
                .row = "P9,940140000385,Специалист,P1,false",
                .other_content = "P9,940140000385,Главный специалист,P1,false",
                .other_keys = {"P10,940140000385,Специалист,P1,false"},
                .key = "(position_id)"},
        KeyCase{.file = "employment.csv",
                .header = "person_iin,position_id,valid_from,valid_to,appointed_by_iin\n",
                .row = "800515300017,P2,2020-01-01,,550120300016",
                .other_content = "800515300017,P2,2020-01-01,2021-01-01,550120300016",
                .other_keys = {"820310400012,P2,2020-01-01,,550120300016",
                               "800515300017,P1,2020-01-01,,550120300016",
                               "800515300017,P2,2020-02-01,,550120300016"},
                .key = "(person_iin, position_id, valid_from)"},
        KeyCase{.file = "commissions.csv",
                .row = "C9,940140000385,hiring,Конкурсная комиссия,,",
                .other_content = "C9,940140000385,hiring,Другая комиссия,,",
                .other_keys = {"C10,940140000385,hiring,Конкурсная комиссия,,"},
                .key = "(commission_id)"},
        KeyCase{.file = "commission_members.csv",
                .header = "commission_id,person_iin,role,valid_from,valid_to\n",
                .row = "C1,800515300017,member,2020-01-01,",
                .other_content = "C1,800515300017,chair,2020-01-01,",
                .other_keys = {"L1,800515300017,member,2020-01-01,",
                               "C1,820310400012,member,2020-01-01,",
                               "C1,800515300017,member,2021-01-01,"},
                .key = "(commission_id, person_iin, valid_from)"},
        KeyCase{.file = "company_roles.csv",
                .header = "company_bin,role,holder_iin,holder_bin,share_pct,valid_from,valid_to\n",
                .row = "100540000018,founder,800515300017,,50,2010-01-01,",
                .other_content = "100540000018,founder,800515300017,,60,2010-01-01,",
                .other_keys = {"110640000013,founder,800515300017,,50,2010-01-01,",
                               "100540000018,owner,800515300017,,50,2010-01-01,",
                               "100540000018,founder,820310400012,,50,2010-01-01,",
                               // The entrepreneur, known by the same digits: another holder.
                               "100540000018,founder,,800515300017,50,2010-01-01,",
                               "100540000018,founder,800515300017,,50,2011-01-01,"},
                .key = "(company_bin, role, holder_iin / holder_bin, valid_from)"},
        KeyCase{.file = "tenders.csv",
                .row = "T9,940140000385,auction,2023-03-01,C1,Ремонт,100",
                .other_content = "T9,940140000385,auction,2023-03-01,C1,Ремонт,200",
                .other_keys = {"T10,940140000385,auction,2023-03-01,C1,Ремонт,100"},
                .key = "(tender_id)"},
        KeyCase{.file = "bids.csv",
                .header = "tender_id,supplier_bin,outcome,submitted_date,amount_kzt\n",
                .row = "T1,100540000018,won,,",
                .other_content = "T1,100540000018,lost,,",
                .other_keys = {"T2,100540000018,won,,", "T1,110640000013,won,,"},
                .key = "(tender_id, supplier_bin)"},
        KeyCase{.file = "contracts.csv",
                .header = "contract_id,customer_bin,supplier_bin,signed_date\n",
                .row = "K1,940140000385,100540000018,2023-04-01",
                .other_content = "K1,940140000385,100540000018,2023-04-02",
                .other_keys = {"K2,940140000385,100540000018,2023-04-01"},
                .key = "(contract_id)"},
        KeyCase{.file = "allocations.csv",
                .header = "decision_id,kind,commission_id,recipient_iin,decision_date\n",
                .row = "D1,land,L1,800515300017,2023-05-01",
                .other_content = "D1,land,L1,800515300017,2023-05-02",
                .other_keys = {"D2,land,L1,800515300017,2023-05-01"},
                .key = "(decision_id)"},
        KeyCase{.file = "disciplinary.csv",
                .header = "case_id,subject_iin,opened_date\n",
                .row = "K1,800515300017,2023-01-01",
                .other_content = "K1,800515300017,2023-01-02",
                .other_keys = {"K2,800515300017,2023-01-01"},
                .key = "(case_id)"},
        KeyCase{.file = "bonuses.csv",
                .header = "bonus_id,recipient_iin,approved_by_iin,org_bin,date\n",
                .row = "B1,800515300017,550120300016,940140000385,2023-01-01",
                .other_content = "B1,800515300017,550120300016,940140000385,2023-01-02",
                .other_keys = {"B2,800515300017,550120300016,940140000385,2023-01-01"},
                .key = "(bonus_id)"},
        KeyCase{.file = "waiting_list.csv",
                .header = "commission_id,person_iin,queue_number,registered_date\n",
                .row = "L1,800515300017,1,2020-01-01",
                .other_content = "L1,800515300017,2,2020-01-01",
                .other_keys = {"C1,800515300017,1,2020-01-01", "L1,820310400012,1,2020-01-01",
                               "L1,800515300017,1,2021-01-01"},
                .key = "(commission_id, person_iin, registered_date)"},
        KeyCase{.file = "blacklist.csv",
                .header = "supplier_bin,valid_from,valid_to,reason\n",
                .row = "100540000018,2022-01-01,,срыв поставки",
                .other_content = "100540000018,2022-01-01,,другое",
                .other_keys = {"110640000013,2022-01-01,,срыв поставки",
                               "100540000018,2022-02-01,,срыв поставки"},
                .key = "(supplier_bin, valid_from)"},
        KeyCase{.file = "residence.csv",
                .header = "person_iin,address_id,valid_from,valid_to\n",
                .row = "800515300017,A1,2020-01-01,",
                .other_content = "800515300017,A1,2020-01-01,2021-01-01",
                .other_keys = {"820310400012,A1,2020-01-01,", "800515300017,A2,2020-01-01,",
                               "800515300017,A1,2021-01-01,"},
                .key = "(person_iin, address_id, valid_from)"}),
    Name);

}  // namespace
}  // namespace coigraph::loaders
