// Internal to graph/: the words explanations are made of, in English, Russian and Kazakh.
//
// Russian and Kazakh phrases are ordered as each language reads: "брат жены" (the brother of
// the wife) and "әйелінің ағасы/інісі" (the wife's brother), "Председатель тендерной комиссии"
// and "Тендерлік комиссияның төрағасы".
#pragma once

#include <string>
#include <string_view>

#include "graph/business.h"
#include "graph/finding.h"
#include "graph/kinship.h"
#include "graph/model.h"

namespace coigraph::graph::internal {

// One phrase in the three languages.
struct Words {
  std::string en, ru, kk;
};

// The official's and the counterparty's part in a rule ("Direct superior", "subordinate").
struct RuleWords {
  Words official, counterparty;
};
RuleWords WordsOf(Rule rule);

// Who the last person of `kin` is to the first: "wife's brother" / "брат жены" /
// "әйелінің ағасы/інісі"; "the same person" for self.
Words KinPhrase(const Snapshot& s, const KinTie& kin);

// A company role: "founder" / "учредитель" / "құрылтайшысы".
Words RoleWord(const CompanyTie& t);

// "Chair of the tender commission" / "Председатель тендерной комиссии" /
// "Тендерлік комиссияның төрағасы".
Words SeatPhrase(SeatRole role, CommissionKind kind);

// A candidate of LAND_/HOUSING_QUEUE_JUMP: "; served at queue number 7 ahead of ..." (the
// recipient's number and the waiting person with the smallest number); empty for other rules
// (queue_jump_text.cc).
struct Candidate;
Words QueueJumpText(const Snapshot& s, const Candidate& c);

}  // namespace coigraph::graph::internal
