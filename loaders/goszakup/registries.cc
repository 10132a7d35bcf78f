// One goszakup record to feed rows: a handler per registry (docs/loaders.md, "goszakup").

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/field_parsers.h"
#include "loaders/goszakup/importer.h"

namespace coigraph::loaders::goszakup::internal {

namespace {

using graph::CheckBin;
using graph::CheckIin;
using graph::FormatIdentityNumber;
using graph::IdentityNumberValue;

// An organization number: a BIN, or an individual entrepreneur's IIN (its BIN in the feeds).
uint64_t OrgNumber(std::string_view text) {
  if (CheckBin(text).ok() || CheckIin(text).ok()) return IdentityNumberValue(text);
  return 0;
}

std::string DateText(std::optional<graph::Date> d) {
  return d ? graph::FormatIsoDate(*d) : std::string();
}

// A name's words: last name, first name, and the rest (a patronymic, "Шәріп қызы").
struct NameParts {
  std::string last, first, patronymic;
};
NameParts SplitFio(std::string_view fio) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < fio.size();) {
    const size_t end = std::min(fio.find(' ', i), fio.size());
    if (end > i) words.push_back(fio.substr(i, end - i));
    i = end + 1;
  }
  NameParts p;
  if (!words.empty()) p.last = std::string(words[0]);
  if (words.size() > 1) p.first = std::string(words[1]);
  for (size_t i = 2; i < words.size(); ++i) {
    if (i > 2) p.patronymic += ' ';
    p.patronymic += words[i];
  }
  return p;
}

}  // namespace

std::optional<graph::Date> ParseRegistryDate(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  if (text.size() > 10 && text[10] != ' ' && text[10] != 'T') return std::nullopt;
  return graph::ParseIsoDate(text.substr(0, 10));
}

bool IsTrue(std::string_view text) { return text == "1" || text == "true"; }

uint64_t Importer::KnownOrg(const JsonItem& item, std::string_view field) {
  const std::string_view text = item.Get(field);
  if (text.empty()) {
    Problem(field, "empty; not imported");
    return 0;
  }
  const uint64_t n = OrgNumber(text);
  if (n == 0) {
    Problem(field, base::Cat("'", text, "' is not a valid BIN or IIN; not imported"));
    return 0;
  }
  if (!orgs_.contains(n)) {
    Problem(field, base::Cat(text,
                             " is in neither the subject registry nor the merged feed's "
                             "organizations; not imported"));
    return 0;
  }
  return n;
}

void Importer::PendingPerson(uint64_t iin, const graph::IinInfo& info, std::string_view fio) {
  if (!pending_.insert(iin).second) return;
  const NameParts name = SplitFio(fio);
  if (name.first.empty()) {
    pending_.erase(iin);
    Problem("fio", base::Cat("'", fio, "' has no first name; person ", FormatIdentityNumber(iin),
                             " not imported"));
    return;
  }
  const std::string iin_text = FormatIdentityNumber(iin),
                    birth = graph::FormatIsoDate(info.birth_date);
  // Without a merged registry there is nothing to wait for: straight to persons.csv.
  FeedOut& out = options_.merge_dir.empty() ? persons_ : pending_persons_;
  out.Set("iin", iin_text)
      .Set("last_name", name.last)
      .Set("first_name", name.first)
      .Set("patronymic", name.patronymic)
      .Set("birth_date", birth)
      .Set("sex", info.sex == graph::Sex::kFemale ? "F" : "M")
      .Write();
}

void Importer::Subject(const JsonItem& item) {
  SetRecord("pid=", item.Get("pid"), " bin=", item.Get("bin"));
  const std::string_view type = item.Get("type_supplier");
  if (type == "2") {
    Problem("type_supplier", "a natural person (2), not an organization; not imported");
    return;
  }
  const bool entrepreneur = type == "3";
  std::string_view number = item.Get("bin");
  if (number.empty() || entrepreneur) number = item.Get("iin").empty() ? number : item.Get("iin");
  const std::string check_error = entrepreneur ? CheckIin(number).error : CheckBin(number).error;
  if (!check_error.empty()) {
    Problem(entrepreneur ? "iin" : "bin",
            base::Cat("'", number, "': ", check_error, "; not imported"));
    return;
  }
  std::string_view kind = "individual_entrepreneur";
  if (!entrepreneur) {
    if (IsTrue(item.Get("qvazi"))) {
      kind = "quasi_state";
    } else if (std::optional<std::string_view> k = codes_.kopf.Find(item.Get("ref_kopf_code"))) {
      kind = *k;
    } else {
      Problem("ref_kopf_code",
              base::Cat(codes_.kopf.Missing(item.Get("ref_kopf_code")), "; not imported"));
      return;
    }
  }
  std::string_view name = item.Get("name_ru");
  if (name.empty()) name = item.Get("name_kz");
  if (name.empty()) {
    Problem("name_ru", "no name_ru or name_kz; not imported");
    return;
  }
  const uint64_t bin = IdentityNumberValue(number);
  if (!orgs_.insert(bin).second) {
    Problem("bin", "already given (by the merged feed or an earlier record), which holds");
    return;
  }
  std::string_view parent = item.Get("parent_subject");
  if (!parent.empty() && (!CheckBin(parent).ok() || parent == number)) {
    Problem("parent_subject", base::Cat("'", parent, "' is not another BIN; imported without it"));
    parent = {};
  }
  organizations_.Set("bin", number).Set("name", name).Set("kind", kind).Set("parent_bin", parent);
  organizations_.Write();
}

void Importer::Employee(const JsonItem& item) {
  SetRecord("pid=", item.Get("pid"), " iin=", item.Get("iin"));
  uint64_t bin = file_bin_;
  if (item.Has("bin")) bin = OrgNumber(item.Get("bin"));
  if (bin == 0) {
    Problem("bin",
            "no organization: name the file employees/<BIN>.json or give `bin`; not imported");
    return;
  }
  if (!orgs_.contains(bin)) {
    Problem("bin",
            base::Cat(FormatIdentityNumber(bin), " is not in the organizations; not imported"));
    return;
  }
  const graph::IinInfo info = CheckIin(item.Get("iin"));
  if (!info.ok()) {
    Problem("iin", base::Cat("'", item.Get("iin"), "': ", info.error, "; not imported"));
    return;
  }
  const std::optional<graph::Date> from = ParseRegistryDate(item.Get("start_date"));
  if (!from) {
    Problem("start_date", base::Cat("'", item.Get("start_date"),
                                    "' is not a date (the stint needs its start); not imported"));
    return;
  }
  std::optional<graph::Date> to;
  if (!item.Get("end_date").empty()) {
    to = ParseRegistryDate(item.Get("end_date"));
    if (!to || *to < *from) {
      Problem("end_date", base::Cat("'", item.Get("end_date"),
                                    "' is not a date on or after start_date; not imported"));
      return;
    }
  }
  const uint64_t iin = IdentityNumberValue(item.Get("iin"));
  const std::string_view fio = item.Get("fio");
  PendingPerson(iin, info, fio);
  if (!pending_.contains(iin)) return;  // no usable name: reported
  const std::string bin_text = FormatIdentityNumber(bin), from_text = graph::FormatIsoDate(*from),
                    to_text = DateText(to);
  const std::string position = base::Cat("gz-", bin_text, "-", item.Get("iin"), "-", from_text);
  const bool head = IsTrue(item.Get("role"));
  if (position_ids_.insert(position).second) {
    positions_.Set("position_id", position)
        .Set("org_bin", bin_text)
        .Set("title", head ? "Руководитель" : "Сотрудник")
        .Set("is_head", head ? "true" : "false")
        .Write();
    employment_.Set("person_iin", item.Get("iin"))
        .Set("position_id", position)
        .Set("valid_from", from_text)
        .Set("valid_to", to_text)
        .Write();
  }
  matcher_.AddStint(bin, iin, {*from, to ? *to : graph::kMaxDate});
  if (matcher_.NeedsName(iin)) {
    absl::StatusOr<names::PersonName> n = names::PersonName::FromFullName(fio);
    if (n.ok()) matcher_.AddName(iin, *std::move(n));
  }
}

void Importer::Rnu(const JsonItem& item) {
  SetRecord("supplier_biin=", item.Get("supplier_biin"), " start_date=", item.Get("start_date"));
  const uint64_t supplier = KnownOrg(item, "supplier_biin");
  if (supplier == 0) return;
  const std::string supplier_text = FormatIdentityNumber(supplier);
  const std::optional<graph::Date> from = ParseRegistryDate(item.Get("start_date"));
  if (!from) {
    Problem("start_date", "not a date; not imported");
    return;
  }
  std::optional<graph::Date> to;
  if (!item.Get("end_date").empty() && !(to = ParseRegistryDate(item.Get("end_date")))) {
    Problem("end_date", "not a date; imported as still in force");
  }
  const std::string from_text = graph::FormatIsoDate(*from), to_text = DateText(to);
  const std::string reason = item.Get("ref_reason_id").empty()
                                 ? ""
                                 : base::Cat("ref_reason_id ", item.Get("ref_reason_id"));
  if (blacklist_keys_.insert(base::Cat(supplier_text, "|", from_text)).second) {
    blacklist_.Set("supplier_bin", supplier_text)
        .Set("valid_from", from_text)
        .Set("valid_to", to_text)
        .Set("reason", reason)
        .Write();
  }
  // The founders and heads at the time of inclusion; the registry gives no dates for them.
  auto role = [&](std::string_view role_name, std::string_view holder, std::string_view fio,
                  bool person) {
    const std::string key = base::Cat(supplier_text, "|", role_name, "|", holder);
    if (person) {
      const graph::IinInfo info = CheckIin(holder);
      if (!info.ok()) {
        Problem("founders.head_biin", base::Cat("'", holder, "': ", info.error, "; not imported"));
        return;
      }
      PendingPerson(IdentityNumberValue(holder), info, fio);
      if (!pending_.contains(IdentityNumberValue(holder))) return;
    } else if (!orgs_.contains(OrgNumber(holder))) {
      Problem("founders.head_biin", base::Cat("'", holder,
                                              "' is not a known organization; "
                                              "founder not imported"));
      return;
    }
    if (!role_keys_.insert(key).second) return;
    roles_.Set("company_bin", supplier_text)
        .Set("role", role_name)
        .Set(person ? "holder_iin" : "holder_bin", holder)
        .Write();
  };
  bool head_listed = false;
  for (const JsonItem& f : item.Array("founders")) {
    const std::string_view type = f.Get("head_type");
    if (type == "1") {
      role("founder", f.Get("head_biin"), f.Get("head_fio"), false);
    } else if (type == "2") {
      role("founder", f.Get("head_biin"), f.Get("head_fio"), true);
    } else if (type == "3") {
      role("director", f.Get("head_biin"), f.Get("head_fio"), true);
      head_listed = head_listed || f.Get("head_biin") == item.Get("supplier_head_biin");
    } else {
      Problem("founders.head_type", base::Cat("'", type, "' is not 1, 2 or 3; not imported"));
    }
  }
  if (!head_listed && !item.Get("supplier_head_biin").empty()) {
    Problem("supplier_head_biin", "the head is not among `founders` (no name); not imported");
  }
}

void Importer::TrdBuy(const JsonItem& item) {
  SetRecord("id=", item.Get("id"));
  const std::string_view id = item.Get("id");
  if (id.empty()) {
    Problem("id", "empty; not imported");
    return;
  }
  Announcement a;
  a.number = std::string(item.Get("number_anno"));
  a.customer_bin = OrgNumber(item.Get("customer_bin"));
  a.organizer_bin = OrgNumber(item.Get("org_bin"));
  a.method_code = std::string(item.Get("ref_trade_methods_id"));
  std::optional<graph::Date> d = ParseRegistryDate(item.Get("publish_date"));
  if (!d) d = ParseRegistryDate(item.Get("start_date"));
  a.date = d.value_or(0);
  if (!announcements_.try_emplace(std::string(id), std::move(a)).second) {
    Problem("id", "given twice; the first record holds");
  }
}

void Importer::CommissionWanted(const JsonItem& item) {
  if (!item.Get("active").empty() && !IsTrue(item.Get("active"))) return;
  if (item.Has("iin")) return;  // given by IIN: nothing to match
  if (const uint64_t bin = OrgNumber(item.Get("bin")); bin != 0) matcher_.Want(bin);
}

void Importer::CommissionMember(const JsonItem& item) {
  const std::string_view buy_id = item.Get("trd_buy_id"), fio = item.Get("fio");
  SetRecord("trd_buy_id=", buy_id, " fio=", fio);
  if (!item.Get("active").empty() && !IsTrue(item.Get("active"))) return;  // left the commission
  auto a = announcements_.find(base::AbslView(buy_id));
  if (a == announcements_.end()) {
    Problem("trd_buy_id", "no such announcement in trd-buy; not imported");
    return;
  }
  Announcement& ann = a->second;
  if (ann.date == 0) {
    Problem("trd_buy_id", "the announcement has no publish_date or start_date; not imported");
    return;
  }
  const std::optional<std::string_view> role =
      codes_.comm_roles.Find(item.Get("ref_comm_roles_id"));
  if (!role) {
    Problem("ref_comm_roles_id",
            base::Cat(codes_.comm_roles.Missing(item.Get("ref_comm_roles_id")), "; not imported"));
    return;
  }
  const uint64_t org = ann.organizer_bin != 0 ? ann.organizer_bin : ann.customer_bin;
  if (!orgs_.contains(org)) {
    Problem("trd_buy_id",
            "the announcement's org_bin and customer_bin are not known "
            "organizations; not imported");
    return;
  }
  uint64_t iin = 0;
  double score = 0;
  if (item.Has("iin")) {
    if (!CheckIin(item.Get("iin")).ok()) {
      Problem("iin", base::Cat("'", item.Get("iin"), "' is not a valid IIN; not imported"));
      return;
    }
    iin = IdentityNumberValue(item.Get("iin"));
    ++report_.members_by_iin;
  } else {
    const uint64_t bin = OrgNumber(item.Get("bin"));
    if (bin == 0) {
      Problem("bin",
              "not a valid BIN: the member's organization is needed to match the name; "
              "not imported");
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<MemberMatch> m = matcher_.Match(fio, bin, ann.date);
    report_.match_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!m.ok()) {
      Problem("fio", std::string(m.status().message()));
      return;
    }
    if (!m->iin) {
      UnresolvedMember u{.trd_buy_id = std::string(buy_id),
                         .fio = std::string(fio),
                         .bin = FormatIdentityNumber(bin),
                         .date = graph::FormatIsoDate(ann.date),
                         .employed = m->employed};
      for (const auto& [c, s] : m->considered)
        u.considered.emplace_back(FormatIdentityNumber(c), s);
      report_.unresolved.push_back(std::move(u));
      return;
    }
    iin = *m->iin;
    score = m->score;
    ++report_.members_matched;
  }
  const std::string commission = base::Cat("gz-", buy_id), iin_text = FormatIdentityNumber(iin);
  if (!seat_keys_.insert(base::Cat(commission, "|", iin_text)).second) {
    Problem("fio", base::Cat("names the same person (", iin_text,
                             ") as an earlier member of this commission; not imported"));
    return;
  }
  if (!ann.has_commission) {
    ann.has_commission = true;
    const std::string org_text = FormatIdentityNumber(org);
    const std::string title =
        base::Cat("Тендерная комиссия ", ann.number.empty() ? std::string(buy_id) : ann.number);
    commissions_.Set("commission_id", commission)
        .Set("org_bin", org_text)
        .Set("kind", "tender")
        .Set("title", title)
        .Write();
  }
  char score_text[16] = "";
  if (score > 0) std::snprintf(score_text, sizeof score_text, "%.3f", score);
  members_.Set("commission_id", commission)
      .Set("person_iin", iin_text)
      .Set("role", *role)
      .Set("matched_name", score > 0 ? fio : std::string_view())
      .Set("match_score", score_text)
      .Write();
}

void Importer::Lot(const JsonItem& item) {
  const std::string_view id = item.Get("id");
  SetRecord("id=", id);
  auto a = announcements_.find(base::AbslView(item.Get("trd_buy_id")));
  if (a == announcements_.end()) {
    Problem("trd_buy_id", "no such announcement in trd-buy; not imported");
    return;
  }
  Announcement& ann = a->second;
  if (id.empty() || lots_.contains(base::AbslView(id))) {
    Problem("id", "empty or given twice; not imported");
    return;
  }
  if (ann.date == 0) {
    Problem("trd_buy_id", "the announcement has no publish_date or start_date; not imported");
    return;
  }
  const std::optional<std::string_view> method = codes_.trade_methods.Find(ann.method_code);
  if (!method) {
    Problem("trd_buy_id", base::Cat(codes_.trade_methods.Missing(ann.method_code),
                                    " (the announcement's method); not imported"));
    return;
  }
  uint64_t customer = OrgNumber(item.Get("customer_bin"));
  if (customer == 0) customer = ann.customer_bin;
  if (!orgs_.contains(customer)) {
    Problem("customer_bin", "not a known organization; not imported");
    return;
  }
  std::string_view amount = item.Get("amount");
  if (!amount.empty() && !ParseDecimal(amount)) {
    Problem("amount", base::Cat("'", amount, "' is not a decimal; imported without it"));
    amount = {};
  }
  lots_.insert(std::string(id));
  if (++ann.lots == 1) ann.only_lot = std::string(id);
  const std::string customer_text = FormatIdentityNumber(customer),
                    date = graph::FormatIsoDate(ann.date),
                    commission = ann.has_commission ? base::Cat("gz-", item.Get("trd_buy_id"))
                                                    : std::string();
  tenders_.Set("tender_id", id)
      .Set("customer_bin", customer_text)
      .Set("method", *method)
      .Set("announced_date", date)
      .Set("commission_id", commission)
      .Set("title", item.Get("name_ru"))
      .Set("amount_kzt", amount)
      .Write();
}

void Importer::Application(const JsonItem& item) {
  SetRecord("id=", item.Get("id"));
  const uint64_t supplier = KnownOrg(item, "supplier_bin_iin");
  if (supplier == 0) return;
  const std::string supplier_text = FormatIdentityNumber(supplier);
  const std::optional<graph::Date> applied = ParseRegistryDate(item.Get("date_apply"));
  const std::string applied_text = DateText(applied);
  for (const JsonItem& lot : item.Array("app_lots")) {
    const std::string_view lot_id = lot.Get("lot_id");
    if (!lots_.contains(base::AbslView(lot_id))) {
      Problem("app_lots.lot_id",
              base::Cat("'", lot_id, "' is not an imported lot; bid not imported"));
      continue;
    }
    const std::optional<std::string_view> outcome =
        codes_.app_lot_status.Find(lot.Get("status_id"));
    if (!outcome) {
      Problem("app_lots.status_id", base::Cat(codes_.app_lot_status.Missing(lot.Get("status_id")),
                                              "; bid on lot ", lot_id, " not imported"));
      continue;
    }
    if (!bid_keys_.insert(base::Cat(lot_id, "|", supplier_text)).second) {
      Problem("app_lots.lot_id",
              base::Cat("a second bid of this supplier on lot ", lot_id, "; the first holds"));
      continue;
    }
    std::string_view price = lot.Get("price");
    if (!price.empty() && !ParseDecimal(price)) price = {};
    bids_.Set("tender_id", lot_id)
        .Set("supplier_bin", supplier_text)
        .Set("outcome", *outcome)
        .Set("submitted_date", applied_text)
        .Set("amount_kzt", price)
        .Set("filed_by_name", item.Get("cr_fio"))
        .Write();
  }
}

void Importer::Contract(const JsonItem& item) {
  const std::string_view id = item.Get("id");
  SetRecord("id=", id, " contract_number=", item.Get("contract_number"));
  if (id.empty() || !contract_ids_.insert(std::string(id)).second) {
    Problem("id", "empty or given twice; not imported");
    return;
  }
  const uint64_t customer = KnownOrg(item, "customer_bin");
  if (customer == 0) return;
  const uint64_t supplier = KnownOrg(item, "supplier_biin");
  if (supplier == 0) return;
  const std::optional<graph::Date> signed_date = ParseRegistryDate(item.Get("sign_date"));
  if (!signed_date) {
    Problem("sign_date", "not a date; not imported");
    return;
  }
  std::string tender;
  if (auto a = announcements_.find(base::AbslView(item.Get("trd_buy_id")));
      a != announcements_.end()) {
    if (a->second.lots == 1) tender = a->second.only_lot;  // several lots: which one is not said
  }
  std::string_view amount = item.Get("contract_sum_wnds");
  if (!amount.empty() && !ParseDecimal(amount)) amount = {};
  const std::string customer_text = FormatIdentityNumber(customer),
                    supplier_text = FormatIdentityNumber(supplier),
                    date = graph::FormatIsoDate(*signed_date);
  contracts_.Set("contract_id", id)
      .Set("customer_bin", customer_text)
      .Set("supplier_bin", supplier_text)
      .Set("signed_date", date)
      .Set("tender_id", tender)
      .Set("amount_kzt", amount)
      .Write();
}

}  // namespace coigraph::loaders::goszakup::internal
