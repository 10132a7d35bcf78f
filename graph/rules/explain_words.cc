#include "graph/rules/explain_words.h"

#include "base/text.h"
#include "graph/tie_labels.h"

namespace coigraph::graph::internal {

using base::Cat;

namespace {

// The words of a label of graph/tie_labels.h's table.
Words LabelWords(std::string_view label) {
  const TieLabelWords* w = WordsOfTieLabel(label);
  if (!w) return {"?", "?", "?"};
  return {std::string(w->en), std::string(w->ru), std::string(w->kk)};
}

// A kin step as a noun, gendered by the person it reaches. Kazakh: the possessive form
// ("his/her father" = "әкесі"), since the step always belongs to someone.
Words StepWord(std::string_view step, Sex sex) {
  const bool m = sex == Sex::kMale, f = sex == Sex::kFemale;
  if (step == "parent") {
    return m   ? Words{"father", "отец", "әкесі"}
           : f ? Words{"mother", "мать", "анасы"}
               : LabelWords("parent");
  }
  if (step == "child") {
    return m   ? Words{"son", "сын", "ұлы"}
           : f ? Words{"daughter", "дочь", "қызы"}
               : LabelWords("child");
  }
  if (step == "spouse") {
    return m   ? Words{"husband", "муж", "күйеуі"}
           : f ? Words{"wife", "жена", "әйелі"}
               : LabelWords("spouse");
  }
  return m   ? Words{"brother", "брат", "ағасы/інісі"}
         : f ? Words{"sister", "сестра", "әпкесі/сіңлісі"}
             : LabelWords("sibling");
}

// The genitive of a kin step, for "брат жены" and "әйелінің ағасы".
Words StepGenitive(std::string_view step, Sex sex) {
  const bool m = sex == Sex::kMale, f = sex == Sex::kFemale;
  if (step == "parent") {
    return m   ? Words{"father's", "отца", "әкесінің"}
           : f ? Words{"mother's", "матери", "анасының"}
               : Words{"parent's", "родителя", "ата-анасының"};
  }
  if (step == "child") {
    return m   ? Words{"son's", "сына", "ұлының"}
           : f ? Words{"daughter's", "дочери", "қызының"}
               : Words{"child's", "ребёнка", "баласының"};
  }
  if (step == "spouse") {
    return m   ? Words{"husband's", "мужа", "күйеуінің"}
           : f ? Words{"wife's", "жены", "әйелінің"}
               : Words{"spouse's", "супруга(и)", "жұбайының"};
  }
  return m   ? Words{"brother's", "брата", "ағасының/інісінің"}
         : f ? Words{"sister's", "сестры", "әпкесінің/сіңлісінің"}
             : Words{"sibling's", "брата/сестры", "бауырының"};
}

}  // namespace

RuleWords WordsOf(Rule r) {
  switch (r) {
    case Rule::kHireSubordination:
      return {{"Direct superior", "Непосредственный руководитель", "Тікелей басшы"},
              {"subordinate", "подчинённый(ая)", "бағыныштысы"}};
    case Rule::kHireChain:
      return {
          {"Superior up the reporting chain", "Вышестоящий руководитель", "Жоғары тұрған басшы"},
          {"employee", "сотрудник", "қызметкер"}};
    case Rule::kHireAppointer:
      return {{"Appointing official", "Назначившее лицо", "Тағайындаған лауазымды тұлға"},
              {"appointee", "назначенный(ая)", "тағайындалған"}};
    case Rule::kHireCommission:
      return {{"Selection commission member", "Член конкурсной комиссии",
               "Конкурстық комиссияның мүшесі"},
              {"appointee", "назначенный(ая)", "тағайындалған"}};
    case Rule::kTenderCommission:
      return {
          {"Tender commission member", "Член тендерной комиссии", "Тендерлік комиссияның мүшесі"},
          {"bidder", "участник", "қатысушы"}};
    case Rule::kTenderSignatory:
      return {{"Contract signatory", "Подписант договора", "Шартқа қол қойған"},
              {"supplier", "поставщик", "өнім беруші"}};
    case Rule::kTenderAffiliatedBidders:
      return {{"Bidder", "Участник", "Қатысушы"}, {"bidder", "участник", "қатысушы"}};
    case Rule::kTenderBlacklistSuccessor:
      return {{"Winner", "Победитель", "Жеңімпаз"},
              {"blacklisted supplier", "недобросовестный поставщик", "жосықсыз өнім беруші"}};
    case Rule::kDisciplinaryInterested:
      return {{"Investigator or commission member", "Проверяющий или член комиссии",
               "Тексеруші немесе комиссия мүшесі"},
              {"subject", "проверяемый(ая)", "тексерілуші"}};
    case Rule::kBonusRelative:
      return {{"Approver", "Утвердивший", "Бекіткен"}, {"recipient", "получатель", "алушы"}};
    default:
      return {{"Commission member or approver", "Член комиссии или утвердивший",
               "Комиссия мүшесі немесе бекітуші"},
              {"recipient", "получатель", "алушы"}};
  }
}

Words KinPhrase(const Snapshot& s, const KinTie& kin) {
  const auto& persons = s.data().persons;
  if (kin.path == KinPath::kSelf) return LabelWords("self");
  const std::string_view name = Name(kin.path);
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos) return StepWord(name, persons[kin.person].sex);
  const std::string_view first = name.substr(0, dot), second = name.substr(dot + 1);
  const Words of = StepGenitive(first, persons[kin.via[1]].sex);
  const Words last = StepWord(second, persons[kin.person].sex);
  return {Cat(of.en, " ", last.en), Cat(last.ru, " ", of.ru), Cat(of.kk, " ", last.kk)};
}

Words RoleWord(const CompanyTie& t) {
  if (t.entrepreneur) {
    return {"owner (individual entrepreneur)", "владелец (ИП)", "иесі (жеке кәсіпкер)"};
  }
  return LabelWords(Name(t.role));
}

Words SeatPhrase(SeatRole role, CommissionKind kind) {
  Words seat;
  switch (role) {
    case SeatRole::kChair:
      seat = {"Chair", "Председатель", "төрағасы"};
      break;
    case SeatRole::kDeputyChair:
      seat = {"Deputy chair", "Заместитель председателя", "төрағасының орынбасары"};
      break;
    case SeatRole::kSecretary:
      seat = {"Secretary", "Секретарь", "хатшысы"};
      break;
    case SeatRole::kExpert:
      seat = {"Expert", "Эксперт", "сарапшысы"};
      break;
    case SeatRole::kMember:
      seat = {"Member", "Член", "мүшесі"};
      break;
  }
  Words of;
  switch (kind) {
    case CommissionKind::kTender:
      of = {"tender commission", "тендерной комиссии", "Тендерлік комиссияның"};
      break;
    case CommissionKind::kLand:
      of = {"land commission", "земельной комиссии", "Жер комиссиясының"};
      break;
    case CommissionKind::kHousing:
      of = {"housing commission", "жилищной комиссии", "Тұрғын үй комиссиясының"};
      break;
    case CommissionKind::kHiring:
      of = {"selection commission", "конкурсной комиссии", "Конкурстық комиссияның"};
      break;
    case CommissionKind::kDisciplinary:
      of = {"disciplinary commission", "дисциплинарной комиссии", "Тәртіптік комиссияның"};
      break;
    case CommissionKind::kBonus:
      of = {"bonus commission", "комиссии по премированию", "Сыйақы комиссиясының"};
      break;
    case CommissionKind::kOther:
      of = {"commission", "комиссии", "Комиссияның"};
      break;
  }
  return {Cat(seat.en, " of the ", of.en), Cat(seat.ru, " ", of.ru), Cat(of.kk, " ", seat.kk)};
}

}  // namespace coigraph::graph::internal
