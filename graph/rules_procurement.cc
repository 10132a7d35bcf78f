// TENDER_COMMISSION, TENDER_SIGNATORY, TENDER_AFFILIATED_BIDDERS, TENDER_BLACKLIST_SUCCESSOR.
#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "graph/text.h"
#include "graph/rule_context.h"

namespace coigraph::graph::internal {

namespace {

constexpr double kLargeAmountKzt = 100'000'000.0;

int MoneyBump(double amount) { return amount >= kLargeAmountKzt ? 1 : 0; }

ObjectText TenderText(const Snapshot& s, const Tender& t) {
  const std::string id(s.Str(t.id));
  const std::string title(s.Str(t.title));
  if (title.empty()) return {Cat("tender ", id), Cat("лот ", id)};
  return {Cat("tender ", id, " «", title, "»"),
          Cat("лот ", id, " «", title, "»")};
}

// Distinct suppliers of a tender's bids, sorted by BIN; `winners_only` keeps outcome = won.
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

// Legal kin on one date, computed once per person.
class KinCache {
 public:
  KinCache(const Snapshot& s, Date d) : s_(s), d_(d) {}
  const std::vector<KinTie>& Of(PersonIndex p) {
    auto it = cache_.find(p);
    if (it == cache_.end()) it = cache_.emplace(p, LegalKin(s_, p, d_)).first;
    return it->second;
  }
  // The closest tie from a to b (self when equal), from the cache.
  std::optional<KinTie> Between(PersonIndex a, PersonIndex b) {
    if (a == b) return KinTie{a, KinPath::kSelf, {a}, {}, kAlways};
    const std::vector<KinTie>& kin = Of(a);
    auto it = std::lower_bound(kin.begin(), kin.end(), b,
                               [](const KinTie& t, PersonIndex p) { return t.person < p; });
    if (it == kin.end() || it->person != b) return std::nullopt;
    return *it;
  }

 private:
  const Snapshot& s_;
  Date d_;
  absl::flat_hash_map<PersonIndex, std::vector<KinTie>> cache_;
};

void RunTenderCommission(const Snapshot& s, FindingSink& sink) {
  const auto& d = s.data();
  for (TenderIndex t = 0; t < d.tenders.size(); ++t) {
    const Tender& tender = d.tenders[t];
    if (tender.commission == kNone) continue;
    const std::vector<PersonIndex> members = MembersOn(s, tender.commission, tender.announced);
    if (members.empty()) continue;
    KinCache kin(s, tender.announced);
    for (OrgIndex bidder : Bidders(s, t, false)) {
      const std::vector<CompanyTie> holders = HoldersOf(s, bidder, tender.announced);
      if (holders.empty()) continue;
      for (PersonIndex m : members) {
        std::optional<Evidence> e = PersonToCompany(s, m, kin.Of(m), holders);
        if (!e) continue;
        Candidate c;
        c.rule = Rule::kTenderCommission;
        c.object_id = std::string(s.Str(tender.id));
        c.date = tender.announced;
        c.official = s.PersonVertex(m);
        c.counterparty = s.OrgVertex(bidder);
        c.evidence = std::move(*e);
        c.closeness = Measure(s, c.evidence);
        c.object = TenderText(s, tender);
        c.severity_bump = MoneyBump(tender.amount_kzt);
        sink.Offer(std::move(c));
      }
    }
  }
}

void RunTenderSignatory(const Snapshot& s, FindingSink& sink) {
  for (const Contract& contract : s.data().contracts) {
    if (contract.signed_by == kNone) continue;
    const std::vector<CompanyTie> holders = HoldersOf(s, contract.supplier, contract.signed_date);
    if (holders.empty()) continue;
    std::optional<Evidence> e =
        PersonToCompany(s, contract.signed_by,
                        LegalKin(s, contract.signed_by, contract.signed_date), holders);
    if (!e) continue;
    Candidate c;
    c.rule = Rule::kTenderSignatory;
    c.object_id = std::string(s.Str(contract.id));
    c.date = contract.signed_date;
    c.official = s.PersonVertex(contract.signed_by);
    c.counterparty = s.OrgVertex(contract.supplier);
    c.evidence = std::move(*e);
    c.closeness = Measure(s, c.evidence);
    c.object = {Cat("contract ", c.object_id), Cat("договор ", c.object_id)};
    c.severity_bump = MoneyBump(contract.amount_kzt);
    sink.Offer(std::move(c));
  }
}

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

void RunAffiliatedBidders(const Snapshot& s, FindingSink& sink) {
  const auto& d = s.data();
  for (TenderIndex t = 0; t < d.tenders.size(); ++t) {
    const Tender& tender = d.tenders[t];
    const std::vector<OrgIndex> bidders = Bidders(s, t, false);
    if (bidders.size() < 2) continue;
    KinCache kin(s, tender.announced);
    std::vector<std::vector<CompanyTie>> holders;
    for (OrgIndex b : bidders) holders.push_back(HoldersOf(s, b, tender.announced));
    for (size_t i = 0; i < bidders.size(); ++i) {
      for (size_t j = i + 1; j < bidders.size(); ++j) {
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
        c.object = TenderText(s, tender);
        c.severity_bump = MoneyBump(tender.amount_kzt);
        sink.Offer(std::move(c));
      }
    }
  }
}

// A winner W and a blacklisted supplier B are linked when a person tied to B is, or is kin of,
// a person tied to W. From W: its holders, their kin, the companies those persons are tied to.
void RunBlacklistSuccessor(const Snapshot& s, FindingSink& sink) {
  const auto& d = s.data();
  for (TenderIndex t = 0; t < d.tenders.size(); ++t) {
    const Tender& tender = d.tenders[t];
    const Date day = tender.announced;
    KinCache kin(s, day);
    for (OrgIndex winner : Bidders(s, t, true)) {
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
        c.object = TenderText(s, tender);
        c.severity_bump = MoneyBump(tender.amount_kzt);
        sink.Offer(std::move(c));
      }
    }
  }
}

}  // namespace

void RunProcurementRules(const Snapshot& s, FindingSink& sink) {
  if (sink.Wants(Rule::kTenderCommission)) RunTenderCommission(s, sink);
  if (sink.Wants(Rule::kTenderSignatory)) RunTenderSignatory(s, sink);
  if (sink.Wants(Rule::kTenderAffiliatedBidders)) RunAffiliatedBidders(s, sink);
  if (sink.Wants(Rule::kTenderBlacklistSuccessor)) RunBlacklistSuccessor(s, sink);
}

}  // namespace coigraph::graph::internal
