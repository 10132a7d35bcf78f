// tenders.csv, bids.csv, contracts.csv, blacklist.csv.
#include "absl/strings/str_cat.h"
#include "loaders/feed_handlers.h"
#include "loaders/feed_rows.h"

namespace coigraph::loaders {

absl::Status LoadTenders(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col tender_id = m.Get("tender_id"), customer_bin = m.Get("customer_bin"),
            method = m.Get("method"), announced_date = m.Get("announced_date"),
            commission_id = m.Get("commission_id"), title = m.Get("title"),
            amount_kzt = m.Get("amount_kzt");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(tender_id, Need::kRequired);
    const OrgRef customer = row.Org(customer_bin, Need::kRequired);
    const graph::TenderMethod method_value =
        row.Enum(method, graph::ParseTenderMethod,
                 "open_tender, auction, request_for_quotations, single_source, other",
                 graph::TenderMethod::kOther);
    const graph::Date announced = row.DateField(announced_date, Need::kRequired, 0);
    const graph::CommissionIndex commission = row.Commission(commission_id, Need::kOptional);
    const double amount = row.Amount(amount_kzt);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddTender(graph::Tender{.id = b.Intern(id),
                              .customer = ctx.Resolve(customer),
                              .method = method_value,
                              .announced = announced,
                              .commission = commission,
                              .title = b.Intern(row.Text(title)),
                              .amount_kzt = amount});
  });
}

absl::Status LoadBids(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col tender_id = m.Get("tender_id"), supplier_bin = m.Get("supplier_bin"),
            outcome = m.Get("outcome"), submitted_date = m.Get("submitted_date"),
            amount_kzt = m.Get("amount_kzt"), filed_by_name = m.Get("filed_by_name");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const graph::TenderIndex tender = row.Tender(tender_id, Need::kRequired);
    const OrgRef supplier = row.Org(supplier_bin, Need::kRequired);
    const graph::BidOutcome outcome_value =
        row.Enum(outcome, graph::ParseBidOutcome, "won, lost, rejected", graph::BidOutcome::kLost);
    const graph::Date submitted = row.DateField(submitted_date, Need::kOptional, graph::kMinDate);
    const double amount = row.Amount(amount_kzt);
    if (!row.Unique(seen, row.ContentFingerprint())) return;
    b.AddBid(graph::Bid{.tender = tender,
                        .supplier = ctx.Resolve(supplier),
                        .outcome = outcome_value,
                        .submitted = submitted,
                        .amount_kzt = amount,
                        .filed_by_name = b.Intern(row.Text(filed_by_name))});
  });
}

absl::Status LoadContracts(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col contract_id = m.Get("contract_id"), customer_bin = m.Get("customer_bin"),
            supplier_bin = m.Get("supplier_bin"), signed_date = m.Get("signed_date"),
            tender_id = m.Get("tender_id"), signed_by_iin = m.Get("signed_by_iin"),
            amount_kzt = m.Get("amount_kzt");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(contract_id, Need::kRequired);
    const OrgRef customer = row.Org(customer_bin, Need::kRequired);
    const OrgRef supplier = row.Org(supplier_bin, Need::kRequired);
    const graph::Date signed_on = row.DateField(signed_date, Need::kRequired, 0);
    const graph::TenderIndex tender = row.Tender(tender_id, Need::kOptional);
    const PersonRef signer = row.Person(signed_by_iin, Need::kOptional);
    const double amount = row.Amount(amount_kzt);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddContract(graph::Contract{.id = b.Intern(id),
                                  .customer = ctx.Resolve(customer),
                                  .supplier = ctx.Resolve(supplier),
                                  .signed_date = signed_on,
                                  .tender = tender,
                                  .signed_by = ctx.Resolve(signer),
                                  .amount_kzt = amount});
  });
}

absl::Status LoadBlacklist(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col supplier_bin = m.Get("supplier_bin"), valid_from = m.Get("valid_from"),
            valid_to = m.Get("valid_to"), reason = m.Get("reason");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const OrgRef supplier = row.Org(supplier_bin, Need::kRequired);
    const graph::Interval valid = row.Validity(valid_from, valid_to, Need::kRequired);
    if (!row.Unique(seen, row.ContentFingerprint())) return;
    b.AddBlacklistEntry(graph::BlacklistEntry{
        .supplier = ctx.Resolve(supplier), .valid = valid, .reason = b.Intern(row.Text(reason))});
  });
}

}  // namespace coigraph::loaders
