// organizations.csv, positions.csv, commissions.csv, employment.csv, commission_members.csv,
// company_roles.csv.
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "base/text.h"
#include "graph/identity_number.h"
#include "loaders/feed_handlers.h"
#include "loaders/feed_rows.h"
#include "loaders/forward_links.h"

namespace coigraph::loaders {

using base::AbslView;

namespace {

// A row kept aside until its file is read, because it may point at a later row.
struct DeferredRow {
  int64_t line = 0;
  std::string raw;
  std::string link_text;  // the parent_bin / reports_to as written ("" for none)
};

// Drops the link of row `row` with a warning record (docs/loaders.md, "Causes and
// consequences"): the row loads without it. `cause_line` > 0: the rejected row of this file
// the link named.
void DropLink(FeedFile& file, std::string_view link_column, const DeferredRow& row,
              std::string reason, int64_t cause_line) {
  absl::StrAppend(&reason, "; the row loads without ", AbslView(link_column));
  RejectRecord& w = file.AddDropped(row.line, link_column, std::move(reason), row.raw);
  if (cause_line > 0) {
    w.caused_by_file = std::string(file.schema->file);
    w.caused_by_line = cause_line;
  }
}

// The link of row i names no row of the file: dropped, saying so (with the rejected row of that
// key when there was one). Sets targets[i] to kNoLink.
void DropUnknownLink(FeedFile& file, const LoadContext& ctx, std::string_view link_column,
                     const DeferredRow& row, std::string_view unknown_reason) {
  if (const LoadContext::RejectedRow* r = ctx.FindRejected(file.schema->id, row.link_text)) {
    DropLink(file, link_column, row,
             absl::StrCat(AbslView(link_column), " ", row.link_text, " refers to ",
                          AbslView(file.schema->file), " line ", r->line,
                          ", which was rejected: ", r->reason),
             r->line);
  } else {
    DropLink(file, link_column, row, std::string(unknown_reason), 0);
  }
}

// Settles the deferred rows of a file (see forward_links.h): a row whose own link is wrong
// (`own_reasons`) or that lies on a cycle is rejected; a row whose target is so rejected loads
// without its link, with a warning record, and keeps its place for the rows that point at it.
// Returns which rows stand; clears the dropped links in `targets`. `ids[i]` names row i in cycle
// messages.
std::vector<bool> SettleDeferred(FeedFile& file, LoadContext& ctx, std::string_view link_column,
                                 const std::vector<DeferredRow>& rows,
                                 std::vector<uint32_t>& targets,
                                 const std::vector<std::string>& own_reasons,
                                 const std::vector<std::string>& ids) {
  std::vector<bool> own_bad(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) own_bad[i] = !own_reasons[i].empty();
  const std::vector<LinkFault> faults = ResolveLinks(targets, own_bad);
  auto falls = [&](uint32_t i) {
    return faults[i] == LinkFault::kOwn || faults[i] == LinkFault::kCycle;
  };
  std::vector<bool> stands(rows.size(), false);
  for (uint32_t i = 0; i < rows.size(); ++i) {
    std::string reason;
    switch (faults[i]) {
      case LinkFault::kNone:
        stands[i] = true;
        ++file.report->loaded;
        continue;
      case LinkFault::kTargetRejected:
        // The target stands when it only lost its own link: then the link stays.
        if (falls(targets[i])) {
          DropLink(file, link_column, rows[i],
                   absl::StrCat(AbslView(link_column), " ", rows[i].link_text,
                                " names a row that is rejected (line ", rows[targets[i]].line, ")"),
                   rows[targets[i]].line);
          targets[i] = kNoLink;
        }
        stands[i] = true;
        ++file.report->loaded;
        continue;
      case LinkFault::kOwn:
        reason = own_reasons[i];
        break;
      case LinkFault::kCycle: {
        reason = absl::StrCat(AbslView(link_column), " links form a cycle: ");
        for (uint32_t x : CycleFrom(targets, i)) absl::StrAppend(&reason, ids[x], " -> ");
        absl::StrAppend(&reason, ids[i]);
        break;
      }
    }
    ctx.NoteRejected(file.schema->id, ids[i], rows[i].line, reason);
    file.AddReject(rows[i].line, link_column, std::move(reason), rows[i].raw);
  }
  return stands;
}

}  // namespace

absl::Status LoadOrganizations(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col bin = m.Get("bin"), name = m.Get("name"), kind = m.Get("kind"),
            parent_bin = m.Get("parent_bin"), region = m.Get("region");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  std::vector<graph::Organization> orgs;
  std::vector<DeferredRow> rows;
  absl::flat_hash_map<uint64_t, uint32_t> row_of_bin;
  absl::Status s = ForEachRow(file, ctx, [&](RowReader& row) {
    // The kind decides how the bin is checked: an individual entrepreneur's bin is an IIN.
    const std::optional<graph::OrgKind> kind_hint = graph::ParseOrgKind(row.Text(kind));
    const std::string_view bin_text = row.Field(bin, Need::kRequired);
    if (row.ok()) {
      if (kind_hint == graph::OrgKind::kIndividualEntrepreneur) {
        const graph::IinInfo info = graph::CheckIin(bin_text);
        if (!info.ok()) {
          row.Reject(bin.name, absl::StrCat("an individual entrepreneur's bin must be its "
                                            "owner's IIN: invalid IIN '",
                                            AbslView(bin_text), "': ", info.error));
        }
      } else if (kind_hint) {
        const graph::IdentityCheck checked = graph::CheckBin(bin_text);
        if (!checked.ok()) {
          row.Reject(bin.name,
                     absl::StrCat("invalid BIN '", AbslView(bin_text), "': ", checked.error));
        }
      } else if (!graph::HasValidCheckDigit(bin_text)) {
        row.Reject(bin.name, absl::StrCat("invalid BIN '", AbslView(bin_text),
                                          "': not 12 digits or the check digit is wrong"));
      }
    }
    const std::string_view name_text = row.Field(name, Need::kRequired);
    const graph::OrgKind kind_value = row.Enum(
        kind, graph::ParseOrgKind, "state_body, quasi_state, company, individual_entrepreneur, ngo",
        graph::OrgKind::kCompany);
    const std::string_view parent_text = row.Field(parent_bin, Need::kOptional);
    if (row.ok() && !parent_text.empty() && !graph::HasValidCheckDigit(parent_text)) {
      row.Reject(parent_bin.name, absl::StrCat("invalid BIN '", AbslView(parent_text),
                                               "': not 12 digits or the check digit is wrong"));
    }
    if (!row.ok()) return;
    const uint64_t bin_value = graph::IdentityNumberValue(bin_text);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    row_of_bin[bin_value] = static_cast<uint32_t>(orgs.size());
    orgs.push_back(graph::Organization{.bin = bin_value,
                                       .name = b.Intern(name_text),
                                       .kind = kind_value,
                                       .parent = graph::kNone,
                                       .region = b.Intern(row.Text(region))});
    rows.push_back(DeferredRow{row.line(), std::string(row.raw()), std::string(parent_text)});
    row.Defer();
  });
  if (!s.ok()) return s;

  std::vector<uint32_t> targets(rows.size(), kNoLink);
  std::vector<std::string> own_reasons(rows.size());
  std::vector<std::string> ids(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ids[i] = graph::FormatIdentityNumber(orgs[i].bin);
    if (rows[i].link_text.empty()) continue;
    const auto it = row_of_bin.find(graph::IdentityNumberValue(rows[i].link_text));
    if (it == row_of_bin.end()) {
      DropUnknownLink(
          file, ctx, "parent_bin", rows[i],
          absl::StrCat("unknown parent_bin ", rows[i].link_text, " (not in organizations.csv)"));
    } else {
      targets[i] = it->second;
    }
  }
  const std::vector<bool> stands =
      SettleDeferred(file, ctx, "parent_bin", rows, targets, own_reasons, ids);
  std::vector<graph::OrgIndex> index(rows.size(), graph::kNone);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (stands[i]) index[i] = b.AddOrganization(orgs[i]);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (stands[i] && targets[i] != kNoLink) b.SetOrganizationParent(index[i], index[targets[i]]);
  }
  return absl::OkStatus();
}

absl::Status LoadPositions(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col position_id = m.Get("position_id"), org_bin = m.Get("org_bin"), title = m.Get("title"),
            reports_to = m.Get("reports_to"), is_head = m.Get("is_head");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  std::vector<graph::Position> positions;
  std::vector<OrgRef> org_refs;
  std::vector<DeferredRow> rows;
  absl::flat_hash_map<graph::StrId, uint32_t> row_of_id;
  absl::Status s = ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(position_id, Need::kRequired);
    const OrgRef org = row.Org(org_bin, Need::kRequired);
    const std::string_view title_text = row.Field(title, Need::kRequired);
    const std::string_view reports_text = row.Field(reports_to, Need::kOptional);
    const bool head = row.Bool(is_head);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    const graph::StrId id_str = b.Intern(id);
    row_of_id[id_str] = static_cast<uint32_t>(positions.size());
    positions.push_back(graph::Position{.id = id_str,
                                        .org = graph::kNone,
                                        .title = b.Intern(title_text),
                                        .reports_to = graph::kNone,
                                        .is_head = head});
    org_refs.push_back(org);
    rows.push_back(DeferredRow{row.line(), std::string(row.raw()), std::string(reports_text)});
    row.Defer();
  });
  if (!s.ok()) return s;

  std::vector<uint32_t> targets(rows.size(), kNoLink);
  std::vector<std::string> own_reasons(rows.size());
  std::vector<std::string> ids(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ids[i] = std::string(b.Str(positions[i].id));
    const std::string& ref = rows[i].link_text;
    if (ref.empty()) continue;
    const auto it = row_of_id.find(b.Intern(ref));
    if (it == row_of_id.end()) {
      DropUnknownLink(file, ctx, "reports_to", rows[i],
                      absl::StrCat("unknown reports_to ", ref, " (not in positions.csv)"));
    } else if (org_refs[it->second].bin != org_refs[i].bin) {
      own_reasons[i] = absl::StrCat("reports_to ", ref, " is a position of another organization (",
                                    graph::FormatIdentityNumber(org_refs[it->second].bin), ", not ",
                                    graph::FormatIdentityNumber(org_refs[i].bin), ")");
    } else {
      targets[i] = it->second;
    }
  }
  const std::vector<bool> stands =
      SettleDeferred(file, ctx, "reports_to", rows, targets, own_reasons, ids);
  std::vector<graph::PositionIndex> index(rows.size(), graph::kNone);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!stands[i]) continue;
    positions[i].org = ctx.Resolve(org_refs[i]);
    index[i] = b.AddPosition(positions[i]);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (stands[i] && targets[i] != kNoLink) b.SetReportsTo(index[i], index[targets[i]]);
  }
  return absl::OkStatus();
}

absl::Status LoadCommissions(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col commission_id = m.Get("commission_id"), org_bin = m.Get("org_bin"),
            kind = m.Get("kind"), title = m.Get("title"), valid_from = m.Get("valid_from"),
            valid_to = m.Get("valid_to");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const std::string_view id = row.Field(commission_id, Need::kRequired);
    const OrgRef org = row.Org(org_bin, Need::kRequired);
    const graph::CommissionKind kind_value = row.Enum(
        kind, graph::ParseCommissionKind,
        "tender, land, housing, hiring, disciplinary, bonus, other", graph::CommissionKind::kOther);
    const std::string_view title_text = row.Field(title, Need::kRequired);
    const graph::Interval valid = row.Validity(valid_from, valid_to);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddCommission(graph::Commission{.id = b.Intern(id),
                                      .org = ctx.Resolve(org),
                                      .kind = kind_value,
                                      .title = b.Intern(title_text),
                                      .valid = valid});
  });
}

absl::Status LoadEmployment(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col person_iin = m.Get("person_iin"), position_id = m.Get("position_id"),
            valid_from = m.Get("valid_from"), valid_to = m.Get("valid_to"),
            appointed_by_iin = m.Get("appointed_by_iin"),
            selection_commission_id = m.Get("selection_commission_id");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const PersonRef person = row.Person(person_iin, Need::kRequired);
    const graph::PositionIndex position = row.Position(position_id, Need::kRequired);
    const graph::Interval valid = row.Validity(valid_from, valid_to, Need::kRequired);
    const PersonRef appointer = row.Person(appointed_by_iin, Need::kOptional);
    const graph::CommissionIndex commission =
        row.Commission(selection_commission_id, Need::kOptional);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddEmployment(graph::Employment{.person = ctx.Resolve(person),
                                      .position = position,
                                      .valid = valid,
                                      .appointed_by = ctx.Resolve(appointer),
                                      .selection_commission = commission});
  });
}

absl::Status LoadCommissionMembers(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col commission_id = m.Get("commission_id"), person_iin = m.Get("person_iin"),
            role = m.Get("role"), valid_from = m.Get("valid_from"), valid_to = m.Get("valid_to"),
            public_representative = m.Get("public_representative"),
            matched_name = m.Get("matched_name"), match_score = m.Get("match_score");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  b.ReserveCommissionSeats(b.data().seats.size() + file.estimated_rows);
  auto handle = [&](RowReader& row) {
    const graph::CommissionIndex commission = row.Commission(commission_id, Need::kRequired);
    const PersonRef person = row.Person(person_iin, Need::kRequired);
    const graph::SeatRole role_value =
        row.Enum(role, graph::ParseSeatRole, "chair, deputy_chair, member, secretary, expert",
                 graph::SeatRole::kMember);
    const graph::Interval valid = row.Validity(valid_from, valid_to);
    const bool is_public = row.Bool(public_representative);
    const float score = row.MatchScore(match_score, matched_name);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddCommissionSeat(graph::CommissionSeat{
        .commission = commission,
        .person = ctx.Resolve(person),
        .role = role_value,
        .valid = valid,
        .public_representative = is_public,
        .match_score = score,
        .matched_name = score > 0 ? b.Intern(row.Text(matched_name)) : graph::kEmptyStr});
  };
  auto prefetch = [&](const CsvRecord& r) {
    const uint64_t iin = NumberForPrefetch(r, person_iin);
    b.PrefetchPerson(iin);
    seen.Prefetch(m.KeyFingerprint(r.fields));
  };
  return ForEachRow(file, ctx, handle, prefetch);
}

absl::Status LoadCompanyRoles(FeedFile& file, LoadContext& ctx) {
  const ColumnMap& m = file.columns;
  const Col company_bin = m.Get("company_bin"), role = m.Get("role"),
            holder_iin = m.Get("holder_iin"), holder_bin = m.Get("holder_bin"),
            share_pct = m.Get("share_pct"), valid_from = m.Get("valid_from"),
            valid_to = m.Get("valid_to");
  graph::Builder& b = ctx.builder();
  DuplicateIndex seen;
  seen.Reserve(file.estimated_rows);
  return ForEachRow(file, ctx, [&](RowReader& row) {
    const OrgRef company = row.Org(company_bin, Need::kRequired);
    const graph::CompanyRoleKind role_value =
        row.Enum(role, graph::ParseCompanyRoleKind,
                 "founder, owner, beneficial_owner, director, board_member",
                 graph::CompanyRoleKind::kFounder);
    const bool has_iin = !row.Text(holder_iin).empty();
    const bool has_bin = !row.Text(holder_bin).empty();
    PersonRef person;
    OrgRef holder_org;
    if (!has_iin && !has_bin) {
      row.Reject(holder_iin.field >= 0 ? holder_iin.name : holder_bin.name,
                 "exactly one of holder_iin / holder_bin must be given; both are empty");
    } else if (has_iin && has_bin) {
      row.Reject(holder_bin.name,
                 "exactly one of holder_iin / holder_bin must be given; both are given");
    } else if (has_iin) {
      person = row.Person(holder_iin, Need::kRequired);
    } else {
      holder_org = row.Org(holder_bin, Need::kRequired);
      if (row.ok() && holder_org.bin == company.bin) {
        row.Reject(holder_bin.name, "holder_bin is the company itself");
      }
    }
    const double share = row.SharePct(share_pct);
    const graph::Interval valid = row.Validity(valid_from, valid_to);
    if (!row.Unique(seen, row.ContentFingerprint())) {
      return;
    }
    b.AddCompanyRole(graph::CompanyRole{.company = ctx.Resolve(company),
                                        .role = role_value,
                                        .holder_person = ctx.Resolve(person),
                                        .holder_org = ctx.Resolve(holder_org),
                                        .share_pct = share,
                                        .valid = valid});
  });
}

}  // namespace coigraph::loaders
