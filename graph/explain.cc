// One-line explanations of a finding, in Russian and English.
#include <cstdio>
#include <string>

#include "graph/rule_context.h"
#include "graph/text.h"

namespace coigraph::graph::internal {

namespace {

struct Words {
  std::string_view en, ru;
};

struct RuleWords {
  Words official, counterparty;
};

RuleWords WordsOf(Rule r) {
  switch (r) {
    case Rule::kHireSubordination:
      return {{"Direct superior", "Непосредственный руководитель"},
              {"subordinate", "подчинённый(ая)"}};
    case Rule::kHireChain:
      return {{"Superior up the reporting chain", "Вышестоящий руководитель"},
              {"employee", "сотрудник"}};
    case Rule::kHireAppointer:
      return {{"Appointing official", "Назначившее лицо"}, {"appointee", "назначенный(ая)"}};
    case Rule::kHireCommission:
      return {{"Selection commission member", "Член конкурсной комиссии"},
              {"appointee", "назначенный(ая)"}};
    case Rule::kTenderCommission:
      return {{"Tender commission member", "Член тендерной комиссии"}, {"bidder", "участник"}};
    case Rule::kTenderSignatory:
      return {{"Contract signatory", "Подписант договора"}, {"supplier", "поставщик"}};
    case Rule::kTenderAffiliatedBidders:
      return {{"Bidder", "Участник"}, {"bidder", "участник"}};
    case Rule::kTenderBlacklistSuccessor:
      return {{"Winner", "Победитель"}, {"blacklisted supplier", "недобросовестный поставщик"}};
    case Rule::kDisciplinaryInterested:
      return {{"Investigator or commission member", "Проверяющий или член комиссии"},
              {"subject", "проверяемый(ая)"}};
    case Rule::kBonusRelative:
      return {{"Approver", "Утвердивший"}, {"recipient", "получатель"}};
    default:
      return {{"Commission member or approver", "Член комиссии или утвердивший"},
              {"recipient", "получатель"}};
  }
}

// A kin step as a noun, gendered by the person it reaches.
Words StepWord(std::string_view step, Sex sex) {
  const bool m = sex == Sex::kMale, f = sex == Sex::kFemale;
  if (step == "parent")
    return m ? Words{"father", "отец"} : f ? Words{"mother", "мать"} : Words{"parent", "родитель"};
  if (step == "child")
    return m ? Words{"son", "сын"} : f ? Words{"daughter", "дочь"} : Words{"child", "ребёнок"};
  if (step == "spouse")
    return m ? Words{"husband", "муж"} : f ? Words{"wife", "жена"} : Words{"spouse", "супруг(а)"};
  return m   ? Words{"brother", "брат"}
         : f ? Words{"sister", "сестра"}
             : Words{"sibling", "брат/сестра"};
}

// Genitive of a kin step, for "брат жены".
std::string_view StepGenitiveRu(std::string_view step, Sex sex) {
  const bool m = sex == Sex::kMale, f = sex == Sex::kFemale;
  if (step == "parent") return m ? "отца" : f ? "матери" : "родителя";
  if (step == "child") return m ? "сына" : f ? "дочери" : "ребёнка";
  if (step == "spouse") return m ? "мужа" : f ? "жены" : "супруга(и)";
  return m ? "брата" : f ? "сестры" : "брата/сестры";
}

Words RoleWord(const CompanyTie& t) {
  if (t.entrepreneur) return {"owner (individual entrepreneur)", "владелец (ИП)"};
  switch (t.role) {
    case CompanyRoleKind::kFounder:
      return {"founder", "учредитель"};
    case CompanyRoleKind::kOwner:
      return {"owner", "владелец"};
    case CompanyRoleKind::kBeneficialOwner:
      return {"beneficial owner", "бенефициарный собственник"};
    case CompanyRoleKind::kDirector:
      return {"director", "директор"};
    case CompanyRoleKind::kBoardMember:
      return {"board member", "член совета директоров"};
  }
  return {"?", "?"};
}

// The person's own share, shown only for a direct holding (a chain's top share is not the
// share in the company at its end).
std::string Share(const CompanyTie& t) {
  if (t.share_pct < 0 || t.links() > 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " (%g%%)", static_cast<double>(t.share_pct));
  return buf;
}

// "wife's brother" / "брат жены" (who the last person is to the first); "the same person" /
// "то же лицо".
void KinPhrase(const Snapshot& s, const KinTie& kin, std::string& en, std::string& ru) {
  const auto& persons = s.data().persons;
  if (kin.path == KinPath::kSelf) {
    en = "the same person";
    ru = "то же лицо";
    return;
  }
  const std::string_view name = Name(kin.path);
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos) {
    const Words w = StepWord(name, persons[kin.person].sex);
    en = std::string(w.en);
    ru = std::string(w.ru);
  } else {
    const std::string_view first = name.substr(0, dot), second = name.substr(dot + 1);
    const Sex mid = persons[kin.via[1]].sex, last = persons[kin.person].sex;
    en = Cat(StepWord(first, mid).en, "'s ", StepWord(second, last).en);
    ru = Cat(StepWord(second, last).ru, " ", StepGenitiveRu(first, mid));
  }
}

}  // namespace

void Explain(const Snapshot& s, const Candidate& c, Finding& f) {
  const RuleWords words = WordsOf(c.rule);
  const Evidence& e = c.evidence;
  const std::string off = s.VertexName(c.official), cp = s.VertexName(c.counterparty);
  std::string kin_en, kin_ru;
  KinPhrase(s, e.kin, kin_en, kin_ru);
  if (e.from_company && e.to_company) {
    const std::string p = s.PersonShortName(e.from_company->person);
    const std::string q = s.PersonShortName(e.to_company->person);
    const Words rp = RoleWord(*e.from_company), rq = RoleWord(*e.to_company);
    const bool same = e.kin.path == KinPath::kSelf;
    f.explanation_en =
        Cat(words.official.en, " ", off, " and ", words.counterparty.en, " ", cp, ": ", p, " is ",
            rp.en, Share(*e.from_company), " of ", off, "; ",
            same ? "the same person is also " : Cat(p, "'s ", kin_en, " ", q, " is "), rq.en,
            Share(*e.to_company), " of ", cp, "; ", c.object.en, ".");
    f.explanation_ru = Cat(words.official.ru, " ", off, " и ", words.counterparty.ru, " ", cp, ": ",
                           p, " — ", rp.ru, Share(*e.from_company), " ", off, ", ",
                           same ? "он(а) же — " : Cat(q, " (", kin_ru, ") — "), rq.ru,
                           Share(*e.to_company), " ", cp, "; ", c.object.ru, ".");
  } else if (e.to_company) {
    const std::string h = s.PersonShortName(e.to_company->person);
    const Words r = RoleWord(*e.to_company);
    const bool self = e.kin.path == KinPath::kSelf;
    f.explanation_en = Cat(words.official.en, " ", off, " — ",
                           self ? "is personally" : Cat("their ", kin_en, " ", h, " is"), " ", r.en,
                           Share(*e.to_company), " of ", words.counterparty.en, " ", cp,
                           e.to_company->links() > 0 ? " (through an ownership chain)" : "", "; ",
                           c.object.en, ".");
    f.explanation_ru =
        Cat(words.official.ru, " ", off, " — ", self ? "лично" : Cat(kin_ru, " ", h, ","), " ",
            r.ru, Share(*e.to_company), " (", words.counterparty.ru, " ", cp, ")",
            e.to_company->links() > 0 ? " через цепочку владения" : "", "; ", c.object.ru, ".");
  } else {
    f.explanation_en =
        Cat(words.official.en, " ", off, " — ", words.counterparty.en, " ", cp, " is ",
            e.kin.path == KinPath::kSelf ? "" : "their ", kin_en, "; ", c.object.en, ".");
    f.explanation_ru = Cat(words.official.ru, " ", off, " — ", words.counterparty.ru, " ", cp, ": ",
                           kin_ru, "; ", c.object.ru, ".");
  }
}

}  // namespace coigraph::graph::internal
