#include "graph/rules/legal_basis.h"

namespace coigraph::graph {

namespace {

// The citations paraphrase the articles; they do not quote them. The acts: Law No. 410-V of
// 18 November 2015 "On Combating Corruption" (Art. 14: no joint service of close relatives,
// spouses and in-laws in direct subordination, three months to cure; Art. 15: conflict of
// interests, notify and recuse) and Law No. 106-VIII of 1 July 2024 "On Public Procurement"
// (Art. 7 p. 1: a supplier tied by kin to those who choose the supplier may not take part).
constexpr LegalBasis kJointService{
    "Закон РК «О противодействии коррупции» № 410-V, ст. 14 п. 1 (совместная служба близких "
    "родственников, супругов и свойственников при непосредственной подчинённости); п. 2: три "
    "месяца на устранение",
    "ҚР «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» № 410-V Заңы, 14-бап 1-тармақ (жақын "
    "туыстардың, жұбайлардың және жекжаттардың тікелей бағыныстағы бірлескен қызметі); "
    "2-тармақ: жоюға үш ай",
    "Law of the RK No. 410-V \"On Combating Corruption\", Art. 14 p. 1 (joint service of close "
    "relatives, spouses and in-laws in direct subordination); p. 2: three months to cure"};

constexpr LegalBasis kAppointment{
    "Закон РК «О противодействии коррупции» № 410-V, ст. 15 (конфликт интересов: уведомить "
    "руководителя и взять самоотвод); ст. 14 п. 1-1 (письменное сообщение кандидата о "
    "родственниках)",
    "ҚР «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» № 410-V Заңы, 15-бап (мүдделер "
    "қақтығысы: басшыға хабарлау және өздігінен бас тарту); 14-бап 1-1-тармақ (кандидаттың "
    "туыстары туралы жазбаша хабарламасы)",
    "Law of the RK No. 410-V \"On Combating Corruption\", Art. 15 (conflict of interests: notify "
    "the superior and recuse); Art. 14 p. 1-1 (the candidate's written declaration of "
    "relatives)"};

constexpr LegalBasis kProcurement{
    "Закон РК «О государственных закупках» № 106-VIII, ст. 7 п. 1 (поставщик не участвует, если "
    "его близкие родственники, супруги или свойственники выбирают поставщика или представляют "
    "заказчика); Закон № 410-V, ст. 15",
    "ҚР «Мемлекеттік сатып алу туралы» № 106-VIII Заңы, 7-бап 1-тармақ (өнім берушінің жақын "
    "туыстары, жұбайы немесе жекжаттары өнім берушіні таңдаса не тапсырыс берушінің атынан "
    "әрекет етсе, ол қатыспайды); № 410-V Заң, 15-бап",
    "Law of the RK No. 106-VIII \"On Public Procurement\", Art. 7 p. 1 (a supplier may not take "
    "part when its close relatives, spouse or in-laws choose the supplier or represent the "
    "customer); Law No. 410-V, Art. 15"};

constexpr LegalBasis kUnscrupulous{
    "Закон РК «О государственных закупках» № 106-VIII, реестр недобросовестных участников "
    "(статья не указана, пока не сверена)",
    "ҚР «Мемлекеттік сатып алу туралы» № 106-VIII Заңы, жосықсыз қатысушылар тізілімі (бап "
    "тексерілгенге дейін көрсетілмейді)",
    "Law of the RK No. 106-VIII \"On Public Procurement\", register of unscrupulous suppliers "
    "(no article cited until verified)"};

constexpr LegalBasis kConflictOfInterests{
    "Закон РК «О противодействии коррупции» № 410-V, ст. 15 (конфликт интересов: уведомить "
    "руководителя и взять самоотвод)",
    "ҚР «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» № 410-V Заңы, 15-бап (мүдделер "
    "қақтығысы: басшыға хабарлау және өздігінен бас тарту)",
    "Law of the RK No. 410-V \"On Combating Corruption\", Art. 15 (conflict of interests: notify "
    "the superior and recuse)"};

}  // namespace

const LegalBasis& LegalBasisOf(Rule rule) {
  switch (rule) {
    case Rule::kHireSubordination:
    case Rule::kHireChain:
      return kJointService;
    case Rule::kHireAppointer:
    case Rule::kHireCommission:
      return kAppointment;
    case Rule::kTenderCommission:
    case Rule::kTenderSignatory:
    case Rule::kTenderAffiliatedBidders:
      return kProcurement;
    case Rule::kTenderBlacklistSuccessor:
      return kUnscrupulous;
    default:
      return kConflictOfInterests;
  }
}

}  // namespace coigraph::graph
