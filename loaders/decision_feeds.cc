// allocations.csv, disciplinary.csv, bonuses.csv, waiting_list.csv.
#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "loaders/feed_handlers.h"
#include "loaders/feed_rows.h"

namespace coigraph::loaders {

using base::AbslView;

absl::Status LoadAllocations(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col decision_id = m.Get("decision_id"), kind = m.Get("kind"),
            commission_id = m.Get("commission_id"), recipient_iin = m.Get("recipient_iin"),
            decision_date = m.Get("decision_date"), object_id = m.Get("object_id"),
            queue_number = m.Get("queue_number"), approved_by_iin = m.Get("approved_by_iin");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(decision_id, Need::kRequired);
    const graph::AllocationKind kind_value = row.Enum(
        kind, graph::ParseAllocationKind, "land, housing, other", graph::AllocationKind::kOther);
    const graph::CommissionIndex commission = row.Commission(commission_id, Need::kRequired);
    const PersonRef recipient = row.Person(recipient_iin, Need::kRequired);
    const graph::Date decided = row.DateField(decision_date, Need::kRequired, 0);
    const int64_t queue = row.QueueNumber(queue_number, Need::kOptional);
    const PersonRef approver = row.Person(approved_by_iin, Need::kOptional);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddAllocation(graph::Allocation{.id = b.Intern(id),
                                      .kind = kind_value,
                                      .commission = commission,
                                      .recipient = ctx.Resolve(recipient),
                                      .decision_date = decided,
                                      .object_id = b.Intern(row.Text(object_id)),
                                      .queue_number = queue,
                                      .approved_by = ctx.Resolve(approver)});
  });
}

absl::Status LoadDisciplinary(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col case_id = m.Get("case_id"), subject_iin = m.Get("subject_iin"),
            opened_date = m.Get("opened_date"), investigator_iin = m.Get("investigator_iin"),
            commission_id = m.Get("commission_id"), outcome = m.Get("outcome");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(case_id, Need::kRequired);
    const PersonRef subject = row.Person(subject_iin, Need::kRequired);
    const graph::Date opened = row.DateField(opened_date, Need::kRequired, 0);
    const PersonRef investigator = row.Person(investigator_iin, Need::kOptional);
    const graph::CommissionIndex commission = row.Commission(commission_id, Need::kOptional);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddDisciplinaryCase(graph::DisciplinaryCase{.id = b.Intern(id),
                                                  .subject = ctx.Resolve(subject),
                                                  .opened = opened,
                                                  .investigator = ctx.Resolve(investigator),
                                                  .commission = commission,
                                                  .outcome = b.Intern(row.Text(outcome))});
  });
}

absl::Status LoadBonuses(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col bonus_id = m.Get("bonus_id"), recipient_iin = m.Get("recipient_iin"),
            approved_by_iin = m.Get("approved_by_iin"), org_bin = m.Get("org_bin"),
            date = m.Get("date"), amount_kzt = m.Get("amount_kzt");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(bonus_id, Need::kRequired);
    const PersonRef recipient = row.Person(recipient_iin, Need::kRequired);
    const PersonRef approver = row.Person(approved_by_iin, Need::kRequired);
    const OrgRef org = row.Org(org_bin, Need::kRequired);
    const graph::Date on = row.DateField(date, Need::kRequired, 0);
    const double amount = row.Amount(amount_kzt);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddBonus(graph::Bonus{.id = b.Intern(id),
                            .recipient = ctx.Resolve(recipient),
                            .approved_by = ctx.Resolve(approver),
                            .org = ctx.Resolve(org),
                            .date = on,
                            .amount_kzt = amount});
  });
}

absl::Status LoadWaitingList(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col commission_id = m.Get("commission_id"), person_iin = m.Get("person_iin"),
            queue_number = m.Get("queue_number"), registered_date = m.Get("registered_date"),
            removed_date = m.Get("removed_date");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const graph::CommissionIndex commission = row.Commission(commission_id, Need::kRequired);
    const PersonRef person = row.Person(person_iin, Need::kRequired);
    const int64_t queue = row.QueueNumber(queue_number, Need::kRequired);
    const graph::Date registered = row.DateField(registered_date, Need::kRequired, 0);
    const graph::Date removed = row.DateField(removed_date, Need::kOptional, graph::kMaxDate);
    if (row.ok() && removed < registered) {
      row.Reject(removed_date.name,
                 absl::StrCat("removed_date ", AbslView(row.Text(removed_date)),
                              " is before registered_date ", AbslView(row.Text(registered_date))));
    }
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddWaitingListEntry(graph::WaitingListEntry{.commission = commission,
                                                  .person = ctx.Resolve(person),
                                                  .queue_number = queue,
                                                  .registered = registered,
                                                  .removed = removed});
  });
}

}  // namespace coigraph::loaders
