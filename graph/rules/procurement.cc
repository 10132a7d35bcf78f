// TENDER_COMMISSION, TENDER_SIGNATORY, TENDER_AFFILIATED_BIDDERS, TENDER_BLACKLIST_SUCCESSOR.
#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "graph/rules/context.h"

namespace coigraph::graph::internal {

void OfferTenderCommission(const Snapshot& s, FindingSink& sink, const Tender& tender,
                           const std::vector<OrgIndex>& bidders) {
  if (tender.commission == kNone) return;
  const std::vector<PersonIndex> members = MembersOn(s, tender.commission, tender.announced);
  if (members.empty()) return;
  KinCache kin(s, tender.announced);
  for (OrgIndex bidder : bidders) {
    const std::vector<CompanyTie> holders = HoldersOf(s, bidder, tender.announced);
    if (holders.empty()) continue;
    for (PersonIndex m : members) {
      std::optional<Evidence> e = PersonToCompany(s, m, kin, holders);
      if (!e) continue;
      Candidate c;
      c.rule = Rule::kTenderCommission;
      c.object_id = std::string(s.Str(tender.id));
      c.date = tender.announced;
      c.official = s.PersonVertex(m);
      c.counterparty = s.OrgVertex(bidder);
      c.evidence = std::move(*e);
      c.closeness = Measure(s, c.evidence);
      c.decision = &tender;
      c.severity_bump = MoneyBump(tender.amount_kzt);
      sink.Offer(std::move(c));
    }
  }
}

void OfferSignatory(const Snapshot& s, FindingSink& sink, const Contract& contract) {
  if (contract.signed_by == kNone) return;
  const std::vector<CompanyTie> holders = HoldersOf(s, contract.supplier, contract.signed_date);
  if (holders.empty()) return;
  KinCache kin(s, contract.signed_date);
  std::optional<Evidence> e = PersonToCompany(s, contract.signed_by, kin, holders);
  if (!e) return;
  Candidate c;
  c.rule = Rule::kTenderSignatory;
  c.object_id = std::string(s.Str(contract.id));
  c.date = contract.signed_date;
  c.official = s.PersonVertex(contract.signed_by);
  c.counterparty = s.OrgVertex(contract.supplier);
  c.evidence = std::move(*e);
  c.closeness = Measure(s, c.evidence);
  c.decision = &contract;
  c.severity_bump = MoneyBump(contract.amount_kzt);
  sink.Offer(std::move(c));
}

namespace {

// The closest tie between company x (official side) and company y through a person tied to
// each: the same person, or legal kin.
//
//   x ◀─role─ p ──kin── q ─role─▶ y
std::optional<Evidence> CompanyToCompany(const Snapshot& s, KinCache& kin,
                                         const std::vector<CompanyTie>& x_holders,
                                         const std::vector<CompanyTie>& y_holders) {
  std::optional<Evidence> best;
  std::optional<TieCloseness> best_closeness;
  for (const CompanyTie& p : x_holders) {
    for (const CompanyTie& q : y_holders) {
      std::optional<KinTie> tie = kin.Between(p.person, q.person);
      if (!tie) continue;
      Evidence e{std::move(*tie), p, q};
      const TieCloseness c = Measure(s, e);
      if (!best_closeness || c < *best_closeness) {
        best_closeness = c;
        best = std::move(e);
      }
    }
  }
  return best;
}

}  // namespace

void OfferAffiliatedBidders(const Snapshot& s, FindingSink& sink, const Tender& tender,
                            const std::vector<OrgIndex>& bidders, OrgIndex only) {
  if (bidders.size() < 2) return;
  KinCache kin(s, tender.announced);
  std::vector<std::vector<CompanyTie>> holders;
  holders.reserve(bidders.size());
  for (OrgIndex b : bidders) holders.push_back(HoldersOf(s, b, tender.announced));
  for (size_t i = 0; i < bidders.size(); ++i) {
    for (size_t j = i + 1; j < bidders.size(); ++j) {
      if (only != kNone && bidders[i] != only && bidders[j] != only) continue;
      std::optional<Evidence> e = CompanyToCompany(s, kin, holders[i], holders[j]);
      if (!e) continue;
      Candidate c;
      c.rule = Rule::kTenderAffiliatedBidders;
      c.object_id = std::string(s.Str(tender.id));
      c.date = tender.announced;
      c.official = s.OrgVertex(bidders[i]);  // bidders are sorted by BIN
      c.counterparty = s.OrgVertex(bidders[j]);
      c.evidence = std::move(*e);
      c.closeness = Measure(s, c.evidence);
      c.decision = &tender;
      c.severity_bump = MoneyBump(tender.amount_kzt);
      sink.Offer(std::move(c));
    }
  }
}

// A winner W and a blacklisted supplier B are linked when a person tied to B is, or is kin of,
// a person tied to W. From W: its holders, their kin, the companies those persons are tied to.
void OfferBlacklistSuccessor(const Snapshot& s, FindingSink& sink, const Tender& tender,
                             OrgIndex winner, KinCache& kin) {
  const Date day = tender.announced;
  const std::vector<CompanyTie> holders = HoldersOf(s, winner, day);
  absl::flat_hash_map<OrgIndex, std::vector<CompanyTie>> blacklisted;  // B -> its holders
  for (const CompanyTie& p : holders) {
    std::vector<PersonIndex> persons{p.person};
    for (const KinTie& k : kin.Of(p.person)) persons.push_back(k.person);
    for (PersonIndex q : persons) {
      for (const CompanyTie& qt : CompaniesOf(s, q, day)) {
        if (qt.company == winner || !s.IsBlacklisted(qt.company, day)) continue;
        blacklisted.try_emplace(qt.company);
      }
    }
  }
  for (auto& [b, unused] : blacklisted) {
    std::optional<Evidence> e = CompanyToCompany(s, kin, holders, HoldersOf(s, b, day));
    if (!e) continue;
    Candidate c;
    c.rule = Rule::kTenderBlacklistSuccessor;
    c.object_id = std::string(s.Str(tender.id));
    c.date = day;
    c.official = s.OrgVertex(winner);
    c.counterparty = s.OrgVertex(b);
    c.evidence = std::move(*e);
    c.closeness = Measure(s, c.evidence);
    c.decision = &tender;
    c.severity_bump = MoneyBump(tender.amount_kzt);
    sink.Offer(std::move(c));
  }
}

const std::vector<KinTie>& KinCache::Of(PersonIndex p) {
  auto it = cache_.find(p);
  if (it == cache_.end()) it = cache_.emplace(p, LegalKin(s_, p, d_)).first;
  return it->second;
}

std::optional<KinTie> KinCache::Between(PersonIndex a, PersonIndex b) {
  if (a == b) return KinTie{a, KinPath::kSelf, {a}, {}, kAlways};
  const std::vector<KinTie>& kin = Of(a);
  auto it = std::lower_bound(kin.begin(), kin.end(), b,
                             [](const KinTie& t, PersonIndex p) { return t.person < p; });
  if (it == kin.end() || it->person != b) return std::nullopt;
  return *it;
}

std::vector<OrgIndex> Bidders(const Snapshot& s, TenderIndex t, bool winners_only) {
  std::vector<OrgIndex> out;
  for (uint32_t b : s.BidsOfTender(t)) {
    const Bid& bid = s.data().bids[b];
    if (!winners_only || bid.outcome == BidOutcome::kWon) out.push_back(bid.supplier);
  }
  const auto& orgs = s.data().organizations;
  std::sort(out.begin(), out.end(),
            [&](OrgIndex a, OrgIndex b) { return orgs[a].bin < orgs[b].bin; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void RunProcurementRules(const Snapshot& s, FindingSink& sink) {
  const auto& d = s.data();
  for (TenderIndex t : d.tenders.ids()) {
    const Tender& tender = d.tenders[t];
    const std::vector<OrgIndex> bidders = Bidders(s, t, false);
    if (sink.Wants(Rule::kTenderCommission)) OfferTenderCommission(s, sink, tender, bidders);
    if (sink.Wants(Rule::kTenderAffiliatedBidders)) {
      OfferAffiliatedBidders(s, sink, tender, bidders);
    }
    if (sink.Wants(Rule::kTenderBlacklistSuccessor)) {
      KinCache kin(s, tender.announced);
      for (OrgIndex winner : Bidders(s, t, true)) {
        OfferBlacklistSuccessor(s, sink, tender, winner, kin);
      }
    }
  }
  if (sink.Wants(Rule::kTenderSignatory)) {
    for (const Contract& contract : d.contracts) OfferSignatory(s, sink, contract);
  }
}

}  // namespace coigraph::graph::internal
