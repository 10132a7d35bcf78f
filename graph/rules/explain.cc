// One-line explanations of a finding in English, Russian and Kazakh: who, which relative, how
// (the kin path, the company role and ownership chain), on what decision, and for a queue jump
// whom the recipient was served ahead of. Written only for the findings that survive the sink.
#include <algorithm>
#include <cstdio>
#include <string>

#include "base/text.h"
#include "graph/rules/context.h"
#include "graph/rules/explain_words.h"

namespace coigraph::graph::internal {

using base::Append;
using base::Cat;

namespace {

// "post «Head of division» (P-1) at Akimat" and the like; an empty id (a check's hypothetical
// allocation) is left out.
Words DecisionText(const Snapshot& s, const Decision& decision) {
  auto with_id = [](std::string_view what, std::string_view id) {
    return id.empty() ? std::string(what) : Cat(what, " ", id);
  };
  if (const Employment* e = As<Employment>(decision)) {
    const Position& pos = s.data().positions[e->position];
    const std::string_view title = s.Str(pos.title), id = s.Str(pos.id);
    const std::string org = s.VertexName(s.OrgVertex(pos.org));
    return {Cat("post «", title, "» (", id, ") at ", org),
            Cat("должность «", title, "» (", id, "), ", org),
            Cat("«", title, "» лауазымы (", id, "), ", org)};
  }
  if (const Tender* t = As<Tender>(decision)) {
    const std::string_view id = s.Str(t->id), title = s.Str(t->title);
    const std::string quoted = title.empty() ? "" : Cat(" «", title, "»");
    return {Cat(with_id("tender", id), quoted), Cat(with_id("лот", id), quoted),
            Cat(with_id("лот", id), quoted)};
  }
  if (const Contract* c = As<Contract>(decision)) {
    const std::string_view id = s.Str(c->id);
    return {with_id("contract", id), with_id("договор", id), with_id("шарт", id)};
  }
  if (const Allocation* a = As<Allocation>(decision)) {
    const std::string_view id = s.Str(a->id);
    switch (a->kind) {
      case AllocationKind::kLand:
        return {with_id("land allocation", id), with_id("решение о выделении земли", id),
                with_id("жер бөлу туралы шешім", id)};
      case AllocationKind::kHousing:
        return {with_id("housing allocation", id), with_id("решение о выделении жилья", id),
                with_id("тұрғын үй бөлу туралы шешім", id)};
      case AllocationKind::kOther:
        return {with_id("decision", id), with_id("решение", id), with_id("шешім", id)};
    }
  }
  if (const DisciplinaryCase* d = As<DisciplinaryCase>(decision)) {
    const std::string_view id = s.Str(d->id);
    return {with_id("disciplinary case", id), with_id("служебное расследование", id),
            with_id("қызметтік тергеу", id)};
  }
  const Bonus* b = As<Bonus>(decision);
  const std::string_view id = b ? s.Str(b->id) : "";
  return {with_id("bonus", id), with_id("премия", id), with_id("сыйақы", id)};
}

// The official's part in the decision, naming the seat they held on the date (the highest
// role when they held several) and whether they approved or investigated it; the rule's
// generic words when it judges no commission.
Words OfficialWords(const Snapshot& s, const Candidate& c, const Words& generic) {
  const DecisionMakers m = MakersOf(c);
  if (m.commission == kNone && m.approver == kNone) return generic;
  const PersonIndex official = s.PersonOf(c.official);  // a person: commission rules judge persons
  std::optional<SeatRole> seat;
  if (m.commission != kNone && s.data().commissions[m.commission].valid.Contains(c.date)) {
    for (uint32_t i : s.SeatsOfCommission(m.commission)) {
      const CommissionSeat& st = s.data().seats[i];
      if (st.person == official && st.valid.Contains(c.date) && (!seat || st.role < *seat)) {
        seat = st.role;
      }
    }
  }
  const bool approver = m.approver != kNone && m.approver == official;
  if (!seat && !approver) return generic;
  Words approved = m.investigator
                       ? Words{"Investigator", "Проверяющий", "Тексеруші"}
                       : Words{"Approving official", "Утвердившее лицо", "Бекіткен тұлға"};
  if (!seat) return approved;
  Words out = SeatPhrase(*seat, s.data().commissions[m.commission].kind);
  if (approver) {
    const Words also = m.investigator
                           ? Words{"investigator", "проверяющий", "тексеруші"}
                           : Words{"approving official", "утвердившее лицо", "бекіткен тұлға"};
    Append(out.en, " and ", also.en);
    Append(out.ru, " и ", also.ru);
    Append(out.kk, " және ", also.kk);
  }
  return out;
}

// " (60%)" for a direct holding (a chain's top share is not the share in the company at its
// end).
std::string Share(const CompanyTie& t) {
  if (t.share_pct < 0 || t.links() > 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " (%g%%)", static_cast<double>(t.share_pct));
  return buf;
}

// " through the ownership chain «A» → «B» → «C»" from the company the person holds the role
// in down to the company at the chain's end; empty for a direct tie.
Words Chain(const Snapshot& s, const CompanyTie& t) {
  if (t.links() == 0) return {};
  std::string names;
  for (size_t i = 0; i < t.chain.size(); ++i) {
    Append(names, i ? " → " : "", s.VertexName(s.OrgVertex(t.chain[i])));
  }
  return {Cat(" through the ownership chain ", names), Cat(" через цепочку владения ", names),
          Cat(" (иелік ету тізбегі: ", names, ")")};
}

}  // namespace

void Explain(const Snapshot& s, const Candidate& c, Finding& f) {
  const RuleWords rule = WordsOf(c.rule);
  const Words o = OfficialWords(s, c, rule.official), cw = rule.counterparty;
  const Evidence& e = c.evidence;
  const std::string off = s.VertexName(c.official), cp = s.VertexName(c.counterparty);
  const Words kin = KinPhrase(s, e.kin);
  const bool self = e.kin.path == KinPath::kSelf;
  const Words what = DecisionText(s, c.decision), queue = QueueJumpText(s, c);
  if (e.from_company && e.to_company) {
    const CompanyTie &from = *e.from_company, &to = *e.to_company;
    const std::string p = s.PersonShortName(from.person), q = s.PersonShortName(to.person);
    const Words rp = RoleWord(from), rq = RoleWord(to), cp_chain = Chain(s, from),
                cq_chain = Chain(s, to);
    f.explanation_en =
        Cat(o.en, " ", off, " and ", cw.en, " ", cp, ": ", p, " is ", rp.en, Share(from), " of ",
            off, cp_chain.en, "; ",
            self ? "the same person is also " : Cat(p, "'s ", kin.en, " ", q, " is "), rq.en,
            Share(to), " of ", cp, cq_chain.en, "; ", what.en, queue.en, ".");
    f.explanation_ru =
        Cat(o.ru, " ", off, " и ", cw.ru, " ", cp, ": ", p, " — ", rp.ru, Share(from), " ", off,
            cp_chain.ru, ", ", self ? "он(а) же — " : Cat(q, " (", kin.ru, ") — "), rq.ru,
            Share(to), " ", cp, cq_chain.ru, "; ", what.ru, queue.ru, ".");
    f.explanation_kk =
        Cat(o.kk, " ", off, " және ", cw.kk, " ", cp, ": ", p, " — ", off, " ", rp.kk, Share(from),
            cp_chain.kk, "; ", self ? "сол тұлға — " : Cat(q, " (", kin.kk, ") — "), cp, " ", rq.kk,
            Share(to), cq_chain.kk, "; ", what.kk, queue.kk, ".");
  } else if (e.to_company) {
    const CompanyTie& to = *e.to_company;
    const std::string h = s.PersonShortName(to.person);
    const Words r = RoleWord(to), chain = Chain(s, to);
    f.explanation_en =
        Cat(o.en, " ", off, " — ", self ? "is personally" : Cat("their ", kin.en, " ", h, " is"),
            " ", r.en, Share(to), " of ", cw.en, " ", cp, chain.en, "; ", what.en, queue.en, ".");
    f.explanation_ru =
        Cat(o.ru, " ", off, " — ", self ? "лично" : Cat(kin.ru, " ", h, ","), " ", r.ru, Share(to),
            " (", cw.ru, " ", cp, ")", chain.ru, "; ", what.ru, queue.ru, ".");
    f.explanation_kk =
        Cat(o.kk, " ", off, " — ", self ? "өзі" : Cat("оның ", kin.kk, " ", h), " ", cw.kk, " ", cp,
            " ", r.kk, Share(to), chain.kk, "; ", what.kk, queue.kk, ".");
  } else {
    f.explanation_en = Cat(o.en, " ", off, " — ", cw.en, " ", cp, " is ", self ? "" : "their ",
                           kin.en, "; ", what.en, queue.en, ".");
    f.explanation_ru =
        Cat(o.ru, " ", off, " — ", cw.ru, " ", cp, ": ", kin.ru, "; ", what.ru, queue.ru, ".");
    f.explanation_kk = Cat(o.kk, " ", off, " — ", cw.kk, " ", cp, ": ", self ? "" : "оның ", kin.kk,
                           "; ", what.kk, queue.kk, ".");
  }
}

}  // namespace coigraph::graph::internal
