// The questions every tool of the benchmark answers, and the answers in one comparable form.
//
// coigraph_bench draws the questions from a snapshot with a seed and writes them as TSV files
// (questions/hire.tsv, tender.tsv, paths.tsv); the peers read those files, so every tool answers
// exactly the same questions. Answers are TSV lines (answers/*.tsv), sorted, compared by
// bench/compare_answers.py before any time is reported.
//
//   questions/hire.tsv    qid candidate_iin position_id date appointed_by_iin
//   selection_commission_id questions/tender.tsv  qid tender_id questions/paths.tsv   qid from
//   from_kind to to_kind date max_hops k
//                         (IIN or BIN; kind "person" or "organization", since an individual
//                         entrepreneur's BIN is its owner's IIN)
//
//   answers/hire.tsv      qid rule object_id date official counterparty relation
//   answers/tender.tsv    qid rule object_id date official counterparty relation
//   answers/scan.tsv      rule object_id date official counterparty relation
//                         (HIRE_SUBORDINATION, HIRE_CHAIN, HIRE_APPOINTER, HIRE_COMMISSION,
//                         TENDER_COMMISSION over the whole feed)
//   answers/paths.tsv     qid lengths  (edge counts of the k shortest simple paths, ascending,
//                         comma-separated; empty when there is no path)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/checks.h"
#include "graph/finding.h"
#include "graph/paths.h"
#include "graph/rules.h"
#include "graph/snapshot.h"

namespace coigraph::bench {

struct QuestionCounts {
  int hire = 1000;
  int tender = 200;
  int paths = 100;
  uint64_t seed = 1;
};

struct Questions {
  std::vector<graph::HireQuery> hire;
  std::vector<graph::TenderIndex> tender;
  std::vector<graph::PathQuery> paths;
};

// Draws the questions deterministically from `s` and `counts.seed`:
//  - hire: half replay real employments (candidate, post, valid_from, appointer, commission),
//    half a random person for a random post on the start date of a random employment;
//  - tender: distinct random tenders;
//  - paths: from a random person to the end of a random walk of 2..4 ties valid on the
//    announcement date of a random tender; max_hops 4, k 5.
Questions DrawQuestions(const graph::Snapshot& s, const QuestionCounts& counts);

// Writes questions/*.tsv under `dir` (created if missing).
absl::Status WriteQuestions(const graph::Snapshot& s, const Questions& q, const std::string& dir);

// The rules the peers implement for the full scan.
graph::RuleSet ComparedScanRules();

// One answer line (without the qid) of a finding: rule object_id date official counterparty
// relation.
std::string AnswerLine(const graph::Finding& f);
// Sorted lines, written to `path` with a header.
absl::Status WriteLines(const std::string& path, const std::string& header,
                        std::vector<std::string> lines);

}  // namespace coigraph::bench
