#include "graph/tie_labels.h"

#include <array>
#include <cstddef>
#include <string>

#include "base/text.h"

namespace coigraph::graph {

namespace {

constexpr size_t kRoleCount = static_cast<size_t>(CompanyRoleKind::kBoardMember) + 1;

// "held_by_" + each company role's feed spelling (model.h), built once from Name(role).
const std::array<std::string, kRoleCount>& HeldByLabels() {
  static const auto* labels = [] {
    auto* out = new std::array<std::string, kRoleCount>;
    for (size_t r = 0; r < kRoleCount; ++r) {
      (*out)[r] = base::Cat("held_by_", Name(static_cast<CompanyRoleKind>(r)));
    }
    return out;
  }();
  return *labels;
}

constexpr TieLabelWords kWords[] = {
    {"self", "the same person", "то же лицо", "сол тұлғаның өзі"},
    {"parent", "parent", "родитель", "ата-анасы"},
    {"child", "child", "ребёнок", "баласы"},
    {"spouse", "spouse", "супруг(а)", "жұбайы"},
    {"sibling", "sibling", "брат/сестра", "бауыры"},
    {"founder", "founder", "учредитель", "құрылтайшысы"},
    {"owner", "owner", "владелец", "иесі"},
    {"beneficial_owner", "beneficial owner", "бенефициарный собственник",
     "бенефициарлық меншік иесі"},
    {"director", "director", "директор", "директоры"},
    {"board_member", "board member", "член совета директоров", "директорлар кеңесінің мүшесі"},
    {"held_by_founder", "founded by", "учредитель —", "құрылтайшысы"},
    {"held_by_owner", "owned by", "владелец —", "иесі"},
    {"held_by_beneficial_owner", "beneficially owned by", "бенефициарный собственник —",
     "бенефициарлық меншік иесі"},
    {"held_by_director", "directed by", "директор —", "директоры"},
    {"held_by_board_member", "board member is", "член совета директоров —",
     "директорлар кеңесінің мүшесі"},
};

}  // namespace

std::span<const TieLabelWords> AllTieLabelWords() { return kWords; }

const TieLabelWords* WordsOfTieLabel(std::string_view label) {
  for (const TieLabelWords& w : kWords) {
    if (w.label == label) return &w;
  }
  return nullptr;
}

std::string_view TieLabel(const Tie& t) {
  switch (t.kind) {
    case TieKind::kParent:
    case TieKind::kChild:
    case TieKind::kSpouse:
    case TieKind::kSibling:
      return Name(t.kind);
    case TieKind::kHolds:
      return Name(t.role);
    case TieKind::kHeldBy:
      return HeldByLabels()[static_cast<size_t>(t.role)];
  }
  return Name(t.kind);
}

std::string_view TieType(const Tie& t) { return Name(t.kind); }

std::string_view TieRole(const Tie& t) {
  if (t.kind == TieKind::kHolds) return Name(t.role);
  if (t.kind == TieKind::kParent && t.adoptive) return "adoptive";
  return "";
}

}  // namespace coigraph::graph
