#include "tools/generator/goszakup_dump.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/json.h"
#include "base/text.h"
#include "graph/date.h"
#include "loaders/csv_reader.h"
#include "loaders/csv_writer.h"

namespace coigraph::generator {

namespace fs = std::filesystem;

namespace {

// Upper and lower case of the Cyrillic letters the names use (Russian and Kazakh), and the
// Russian look-alikes of the Kazakh ones.
struct Letter {
  std::string_view lower, upper, russian;
};
constexpr Letter kKazakh[] = {
    {"ә", "Ә", "а"}, {"ғ", "Ғ", "г"}, {"қ", "Қ", "к"}, {"ң", "Ң", "н"}, {"ө", "Ө", "о"},
    {"ұ", "Ұ", "у"}, {"ү", "Ү", "у"}, {"һ", "Һ", "х"}, {"і", "І", "и"},
};

// Decodes one UTF-8 sequence at `i` (the names are valid UTF-8); returns its length.
size_t SequenceLength(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// Writes JSON lines to one file, buffered.
class JsonLines {
 public:
  absl::Status Open(const fs::path& path) {
    path_ = path.string();
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) return absl::InternalError("cannot create " + path_);
    return absl::OkStatus();
  }
  // Starts a record; then Field(...)..., then End().
  JsonLines& Begin() {
    line_ += '{';
    first_ = true;
    return *this;
  }
  JsonLines& Text(std::string_view key, std::string_view value) {
    Key(key);
    base::AppendJsonString(line_, value);
    return *this;
  }
  JsonLines& Raw(std::string_view key, std::string_view json) {  // a number, null, [...]
    Key(key);
    line_ += json;
    return *this;
  }
  void End() {
    line_ += "}\n";
    ++records_;
    if (line_.size() > (1 << 20)) Flush();
  }
  absl::Status Close() {
    Flush();
    if (file_ != nullptr && std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
    return failed_ ? absl::InternalError("write failed: " + path_) : absl::OkStatus();
  }
  int64_t records() const { return records_; }

 private:
  void Key(std::string_view key) {
    if (!first_) line_ += ',';
    first_ = false;
    base::AppendJsonString(line_, key);
    line_ += ':';
  }
  void Flush() {
    if (file_ != nullptr && std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
      failed_ = true;
    }
    line_.clear();
  }
  std::FILE* file_ = nullptr;
  std::string path_, line_;
  bool first_ = true, failed_ = false;
  int64_t records_ = 0;
};

// Calls `row` with each record of a region file, by column name.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  std::string_view Get(std::string_view column) const {
    for (size_t i = 0; i < header_.size(); ++i) {
      if (header_[i] == column) return i < fields_->size() ? (*fields_)[i] : std::string_view();
    }
    return {};
  }
  void set(const std::vector<std::string_view>* fields) { fields_ = fields; }

 private:
  std::vector<std::string> header_;
  const std::vector<std::string_view>* fields_ = nullptr;
};

absl::Status ReadRegion(const std::string& dir, std::string_view file,
                        const std::function<void(const Table&)>& row) {
  absl::StatusOr<std::unique_ptr<loaders::CsvReader>> r =
      loaders::CsvReader::OpenFile(base::Cat(dir, "/", file));
  if (!r.ok()) return r.status();
  if (!(*r)->Next()) return (*r)->status();
  std::vector<std::string> header((*r)->record().fields.begin(), (*r)->record().fields.end());
  Table t(std::move(header));
  while ((*r)->Next()) {
    t.set(&(*r)->record().fields);
    row(t);
  }
  return (*r)->status();
}

// A deterministic draw in [0, 1) for a key.
double Draw(uint64_t seed, std::string_view key) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);
}

struct PersonNames {
  std::string last, first, patronymic;
};

std::string RussianFull(const PersonNames& p) {
  std::string out = base::Cat(RussianForm(p.last, false), " ", RussianForm(p.first, false));
  if (!p.patronymic.empty()) base::Append(out, " ", RussianForm(p.patronymic, true));
  return out;
}

// The first letter of a word, upper case, and a dot: "Нұрлан" -> "Н.".
std::string Initial(std::string_view word) {
  if (word.empty()) return "";
  return UpperCyrillic(word.substr(0, SequenceLength(static_cast<unsigned char>(word[0])))) + ".";
}

// The code of a feed value in the dump's reference tables ("9", other, for a value not listed).
std::string_view Code(const std::map<std::string, std::string, std::less<>>& codes,
                      std::string_view value) {
  auto it = codes.find(value);
  return it == codes.end() ? std::string_view("9") : std::string_view(it->second);
}

constexpr std::string_view kRegistries[] = {"subject", "employees", "trd-buy",  "commission",
                                            "lots",    "trd-app",   "contract", "rnu"};

absl::Status WriteRefs(const fs::path& refs) {
  const std::pair<std::string_view, std::string_view> tables[] = {
      {"ref_trade_methods.csv",
       "id,value,name_ru\n2,open_tender,Открытый конкурс\n3,auction,Аукцион\n"
       "6,request_for_quotations,Запрос ценовых предложений\n7,single_source,Из одного "
       "источника\n9,other,Иной способ\n"},
      {"ref_comm_roles.csv",
       "id,value,name_ru\n1,chair,Председатель\n2,deputy_chair,Заместитель председателя\n"
       "3,member,Член комиссии\n4,secretary,Секретарь\n5,expert,Эксперт\n"},
      {"ref_kopf.csv",
       "id,value,name_ru\n30,state_body,Государственное учреждение\n73,company,Товарищество с "
       "ограниченной ответственностью\n40,ngo,Общественное объединение\n"},
      {"ref_app_lot_status.csv",
       "id,value,name_ru\n1,won,Победитель\n2,lost,Не победитель\n3,rejected,Отклонена\n"},
  };
  for (const auto& [name, text] : tables) {
    std::FILE* f = std::fopen((refs / std::string(name)).c_str(), "wb");
    if (f == nullptr)
      return absl::InternalError("cannot create " + (refs / std::string(name)).string());
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok)
      return absl::InternalError("write failed: " + std::string(name));
  }
  return absl::OkStatus();
}

}  // namespace

std::string UpperCyrillic(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t n = std::min(SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string_view ch = text.substr(i, n);
    i += n;
    if (n == 2 && static_cast<unsigned char>(ch[0]) == 0xD0 &&
        static_cast<unsigned char>(ch[1]) >= 0xB0 && static_cast<unsigned char>(ch[1]) <= 0xBF) {
      out += '\xD0';  // а..п -> А..П
      out += static_cast<char>(static_cast<unsigned char>(ch[1]) - 0x20);
    } else if (n == 2 && static_cast<unsigned char>(ch[0]) == 0xD1 &&
               static_cast<unsigned char>(ch[1]) >= 0x80 &&
               static_cast<unsigned char>(ch[1]) <= 0x8F) {
      out += '\xD0';  // р..я -> Р..Я
      out += static_cast<char>(static_cast<unsigned char>(ch[1]) + 0x20);
    } else if (ch == "ё") {
      out += "Ё";
    } else {
      bool kazakh = false;
      for (const Letter& l : kKazakh) {
        if (ch == l.lower) {
          out += l.upper;
          kazakh = true;
          break;
        }
      }
      if (!kazakh) out += ch;
    }
  }
  return out;
}

std::string RussianForm(std::string_view word, bool patronymic) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    const size_t n = std::min(SequenceLength(static_cast<unsigned char>(word[i])), word.size() - i);
    const std::string_view ch = word.substr(i, n);
    i += n;
    std::string put(ch);
    for (const Letter& l : kKazakh) {
      if (ch == l.lower) put = l.russian;
      if (ch == l.upper) put = UpperCyrillic(l.russian);
    }
    out += put;
  }
  if (patronymic) {
    if (out.ends_with("улы"))
      out = out.substr(0, out.size() - std::string_view("улы").size()) + "ович";
    if (out.ends_with("кызы")) {
      out = out.substr(0, out.size() - std::string_view("кызы").size()) + "овна";
    }
  }
  return out;
}

absl::StatusOr<GoszakupDumpSummary> WriteGoszakupDump(const GoszakupDumpOptions& options) {
  const fs::path out(options.out_dir), gz = out / "goszakup", civil = out / "registries";
  std::error_code ec;
  fs::create_directories(gz / "refs", ec);
  fs::create_directories(civil, ec);
  if (ec) return absl::InternalError("cannot create " + gz.string() + ": " + ec.message());
  absl::Status s = WriteRefs(gz / "refs");
  if (!s.ok()) return s;
  for (std::string_view f : {"persons.csv", "kinship.csv", "residence.csv", "company_roles.csv"}) {
    fs::copy_file(fs::path(options.region_dir) / std::string(f), civil / std::string(f),
                  fs::copy_options::overwrite_existing, ec);
    if (ec) return absl::NotFoundError(base::Cat("cannot copy ", f, ": ", ec.message()));
  }
  absl::flat_hash_map<std::string, JsonLines> files;
  for (std::string_view r : kRegistries) {
    s = files[std::string(r)].Open(gz / base::Cat(r, ".jsonl"));
    if (!s.ok()) return s;
  }
  const std::string& dir = options.region_dir;
  GoszakupDumpSummary summary;

  // Names by IIN, and where each person worked when (for a member's `bin`).
  absl::flat_hash_map<std::string, PersonNames> names;
  s = ReadRegion(dir, "persons.csv", [&](const Table& t) {
    names[std::string(t.Get("iin"))] = {std::string(t.Get("last_name")),
                                        std::string(t.Get("first_name")),
                                        std::string(t.Get("patronymic"))};
  });
  if (!s.ok()) return s;
  absl::flat_hash_map<std::string, std::string> position_org;
  JsonLines& subject = files["subject"];
  s = ReadRegion(dir, "organizations.csv", [&](const Table& t) {
    const std::string_view kind = t.Get("kind");
    subject.Begin().Text("bin", t.Get("bin")).Text("name_ru", t.Get("name"));
    if (kind == "individual_entrepreneur") {
      subject.Text("iin", t.Get("bin")).Raw("type_supplier", "3");
    } else {
      subject.Raw("type_supplier", "1")
          .Raw("qvazi", kind == "quasi_state" ? "1" : "0")
          .Text("ref_kopf_code", kind == "state_body" ? "30"
                                 : kind == "ngo"      ? "40"
                                                      : "73");
    }
    if (!t.Get("parent_bin").empty()) subject.Text("parent_subject", t.Get("parent_bin"));
    subject.End();
  });
  if (!s.ok()) return s;
  s = ReadRegion(dir, "positions.csv", [&](const Table& t) {
    position_org[std::string(t.Get("position_id"))] = std::string(t.Get("org_bin"));
  });
  if (!s.ok()) return s;
  struct Stint {
    std::string bin;
    graph::Interval valid;
  };
  absl::flat_hash_map<std::string, std::vector<Stint>> stints;  // by IIN
  JsonLines& employees = files["employees"];
  s = ReadRegion(dir, "employment.csv", [&](const Table& t) {
    const std::string& bin = position_org[std::string(t.Get("position_id"))];
    const auto n = names.find(base::AbslView(t.Get("person_iin")));
    if (bin.empty() || n == names.end()) return;
    const graph::Date from = graph::ParseIsoDate(t.Get("valid_from")).value_or(graph::kMinDate);
    const graph::Date to = t.Get("valid_to").empty()
                               ? graph::kMaxDate
                               : graph::ParseIsoDate(t.Get("valid_to")).value_or(graph::kMaxDate);
    stints[std::string(t.Get("person_iin"))].push_back({bin, {from, to}});
    employees.Begin()
        .Text("bin", bin)
        .Text("iin", t.Get("person_iin"))
        .Text("fio", RussianFull(n->second))
        .Raw("role", "0")
        .Text("start_date", base::Cat(t.Get("valid_from"), " 00:00:00"));
    if (!t.Get("valid_to").empty())
      employees.Text("end_date", base::Cat(t.Get("valid_to"), " 00:00:00"));
    employees.End();
  });
  if (!s.ok()) return s;

  // Commissions' seats, by commission.
  struct Seat {
    std::string iin, role;
    graph::Interval valid;
  };
  absl::flat_hash_map<std::string, std::vector<Seat>> seats;
  struct CommissionFacts {
    graph::Interval valid;
    std::string org;
    bool tender = false;
  };
  absl::flat_hash_map<std::string, CommissionFacts> commission_facts;
  auto interval = [](std::string_view from, std::string_view to) {
    return graph::Interval{from.empty() ? graph::kMinDate : *graph::ParseIsoDate(from),
                           to.empty() ? graph::kMaxDate : *graph::ParseIsoDate(to)};
  };
  s = ReadRegion(dir, "commissions.csv", [&](const Table& t) {
    commission_facts[std::string(t.Get("commission_id"))] = {
        interval(t.Get("valid_from"), t.Get("valid_to")), std::string(t.Get("org_bin")),
        t.Get("kind") == "tender"};
  });
  if (!s.ok()) return s;
  s = ReadRegion(dir, "commission_members.csv", [&](const Table& t) {
    seats[std::string(t.Get("commission_id"))].push_back(
        {std::string(t.Get("person_iin")), std::string(t.Get("role")),
         interval(t.Get("valid_from"), t.Get("valid_to"))});
  });
  if (!s.ok()) return s;
  // A tender commission's members work at the commission's organization while they sit on it
  // (the region's staffing tables leave most of them out): the employees registry lists them,
  // from their first seat to their last.
  {
    std::map<std::pair<std::string, std::string>, graph::Interval> sitting;  // (BIN, IIN)
    for (const auto& [id, list] : seats) {
      const auto c = commission_facts.find(id);
      if (c == commission_facts.end() || !c->second.tender) continue;
      for (const Seat& seat : list) {
        auto [it, added] = sitting.try_emplace({c->second.org, seat.iin}, seat.valid);
        if (!added) {
          it->second.from = std::min(it->second.from, seat.valid.from);
          it->second.to = std::max(it->second.to, seat.valid.to);
        }
      }
    }
    for (const auto& [key, valid] : sitting) {
      const auto n = names.find(base::AbslView(key.second));
      if (n == names.end()) continue;
      stints[key.second].push_back({key.first, valid});
      const std::string from =
          valid.from == graph::kMinDate ? "2000-01-01" : graph::FormatIsoDate(valid.from);
      employees.Begin()
          .Text("bin", key.first)
          .Text("iin", key.second)
          .Text("fio", RussianFull(n->second))
          .Raw("role", "0")
          .Text("start_date", base::Cat(from, " 00:00:00"));
      if (valid.to != graph::kMaxDate) {
        employees.Text("end_date", base::Cat(graph::FormatIsoDate(valid.to), " 00:00:00"));
      }
      employees.End();
    }
  }

  loaders::CsvWriter truth;
  s = truth.Open((out / "truth_members.csv").string(), {"trd_buy_id", "fio", "iin", "spelling"});
  if (!s.ok()) return s;
  const std::map<std::string, std::string, std::less<>> method_code = {
      {"open_tender", "2"},
      {"auction", "3"},
      {"request_for_quotations", "6"},
      {"single_source", "7"},
      {"other", "9"}};
  const std::map<std::string, std::string, std::less<>> role_code = {
      {"chair", "1"}, {"deputy_chair", "2"}, {"member", "3"}, {"secretary", "4"}, {"expert", "5"}};
  JsonLines &buys = files["trd-buy"], &lots = files["lots"], &commission = files["commission"];
  s = ReadRegion(dir, "tenders.csv", [&](const Table& t) {
    const std::string_view id = t.Get("tender_id");
    const std::string date = base::Cat(t.Get("announced_date"), " 10:00:00");
    buys.Begin()
        .Text("id", id)
        .Text("number_anno", id)
        .Text("name_ru", t.Get("title"))
        .Text("customer_bin", t.Get("customer_bin"))
        .Text("org_bin", t.Get("customer_bin"))
        .Raw("ref_trade_methods_id", Code(method_code, t.Get("method")))
        .Text("publish_date", date)
        .End();
    lots.Begin().Text("id", id).Text("trd_buy_id", id).Text("customer_bin", t.Get("customer_bin"));
    if (!t.Get("amount_kzt").empty()) lots.Raw("amount", t.Get("amount_kzt"));
    lots.Text("name_ru", t.Get("title")).End();
    const std::optional<graph::Date> day = graph::ParseIsoDate(t.Get("announced_date"));
    const auto members = seats.find(base::AbslView(t.Get("commission_id")));
    const auto cv = commission_facts.find(base::AbslView(t.Get("commission_id")));
    if (!day || members == seats.end() || cv == commission_facts.end() ||
        !cv->second.valid.Contains(*day)) {
      return;
    }
    for (const Seat& seat : members->second) {
      if (!seat.valid.Contains(*day)) continue;
      const auto n = names.find(seat.iin);
      if (n == names.end()) continue;
      std::string bin(t.Get("customer_bin"));  // where the member works that day, if known
      for (const Stint& st : stints[seat.iin]) {
        if (st.valid.Contains(*day)) {
          bin = st.bin;
          break;
        }
      }
      commission.Begin()
          .Text("trd_buy_id", id)
          .Raw("ref_comm_roles_id", Code(role_code, seat.role))
          .Raw("active", "1")
          .Text("bin", bin);
      const std::string key = base::Cat(id, "|", seat.iin);
      if (Draw(options.seed, key + "|iin") < options.iin_share) {
        commission.Text("fio", UpperCyrillic(base::Cat(n->second.last, " ", n->second.first)))
            .Text("iin", seat.iin)
            .End();
        ++summary.commission_by_iin;
        continue;
      }
      const double spelling = Draw(options.seed, key + "|spelling");
      std::string fio, how;
      if (spelling < 0.4) {
        fio = UpperCyrillic(
            base::Cat(n->second.last, " ", n->second.first, " ", n->second.patronymic));
        how = "kazakh_upper";
      } else if (spelling < 0.8) {
        fio = RussianFull(n->second);
        how = "russian";
      } else {
        fio =
            base::Cat(n->second.last, " ", Initial(n->second.first), Initial(n->second.patronymic));
        how = "initials";
      }
      while (!fio.empty() && fio.back() == ' ') fio.pop_back();
      commission.Text("fio", fio).End();
      truth.Text(id).Text(fio).Text(seat.iin).Text(how).EndRow();
      ++summary.commission_by_name;
    }
  });
  if (!s.ok()) return s;
  s = truth.Close();
  if (!s.ok()) return s;

  const std::map<std::string, std::string, std::less<>> outcome_code = {
      {"won", "1"}, {"lost", "2"}, {"rejected", "3"}};
  JsonLines& apps = files["trd-app"];
  int64_t app_id = 0;
  s = ReadRegion(dir, "bids.csv", [&](const Table& t) {
    std::string lot = "[{\"lot_id\":";
    base::AppendJsonString(lot, t.Get("tender_id"));
    base::Append(lot, ",\"status_id\":", Code(outcome_code, t.Get("outcome")));
    if (!t.Get("amount_kzt").empty()) base::Append(lot, ",\"price\":", t.Get("amount_kzt"));
    lot += ",\"amount\":1}]";
    apps.Begin()
        .Raw("id", std::to_string(++app_id))
        .Text("buy_id", t.Get("tender_id"))
        .Text("supplier_bin_iin", t.Get("supplier_bin"));
    if (!t.Get("submitted_date").empty()) {
      apps.Text("date_apply", base::Cat(t.Get("submitted_date"), " 12:00:00"));
    }
    apps.Raw("app_lots", lot).End();
  });
  if (!s.ok()) return s;
  JsonLines& contracts = files["contract"];
  s = ReadRegion(dir, "contracts.csv", [&](const Table& t) {
    contracts.Begin()
        .Text("id", t.Get("contract_id"))
        .Text("contract_number", t.Get("contract_id"))
        .Text("trd_buy_id", t.Get("tender_id"))
        .Text("customer_bin", t.Get("customer_bin"))
        .Text("supplier_biin", t.Get("supplier_bin"))
        .Text("sign_date", t.Get("signed_date"));
    if (!t.Get("amount_kzt").empty()) contracts.Raw("contract_sum_wnds", t.Get("amount_kzt"));
    contracts.End();
  });
  if (!s.ok()) return s;
  // RNU: each blacklist entry with the supplier's founders and heads.
  absl::flat_hash_map<std::string, std::string> founders;  // company BIN -> JSON array items
  s = ReadRegion(dir, "company_roles.csv", [&](const Table& t) {
    const std::string_view role = t.Get("role");
    std::string_view type;
    std::string holder, fio;
    if (!t.Get("holder_bin").empty()) {
      if (role != "founder" && role != "owner") return;
      type = "1";
      holder = std::string(t.Get("holder_bin"));
    } else {
      type = role == "director" ? "3" : role == "board_member" ? "" : "2";
      if (type.empty()) return;
      holder = std::string(t.Get("holder_iin"));
      const auto n = names.find(holder);
      if (n != names.end()) fio = UpperCyrillic(RussianFull(n->second));
    }
    std::string& items = founders[std::string(t.Get("company_bin"))];
    if (!items.empty()) items += ',';
    items += "{\"head_fio\":";
    base::AppendJsonString(items, fio);
    items += ",\"head_biin\":";
    base::AppendJsonString(items, holder);
    base::Append(items, ",\"head_type\":", type, "}");
  });
  if (!s.ok()) return s;
  JsonLines& rnu = files["rnu"];
  s = ReadRegion(dir, "blacklist.csv", [&](const Table& t) {
    rnu.Begin()
        .Text("supplier_biin", t.Get("supplier_bin"))
        .Text("start_date", t.Get("valid_from"));
    if (!t.Get("valid_to").empty()) rnu.Text("end_date", t.Get("valid_to"));
    rnu.Raw("founders", base::Cat("[", founders[std::string(t.Get("supplier_bin"))], "]")).End();
  });
  if (!s.ok()) return s;
  for (auto& [name, f] : files) {
    summary.records += f.records();
    s = f.Close();
    if (!s.ok()) return s;
  }
  return summary;
}

}  // namespace coigraph::generator
