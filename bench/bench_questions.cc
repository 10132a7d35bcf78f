#include "bench/bench_questions.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "base/text.h"
#include "graph/date.h"
#include "graph/identity_number.h"

namespace coigraph::bench {

namespace {

using base::Cat;
using graph::kNone;

// Deterministic across runs on one machine (mt19937_64 is fully specified; the modulo keeps us
// independent of the library's distribution algorithms).
class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed) {}
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  // An id of a table of `n` rows (n < 2^32), the same draw as Below(n).
  template <typename Id>
  Id IdBelow(size_t n) {
    return Id(static_cast<uint32_t>(Below(n)));
  }

 private:
  std::mt19937_64 rng_;
};

std::string PersonNumber(const graph::Snapshot& s, graph::PersonIndex p) {
  return p == kNone ? "" : s.VertexNumber(s.PersonVertex(p));
}

}  // namespace

graph::RuleSet ComparedScanRules() {
  graph::RuleSet r;
  for (graph::Rule rule :
       {graph::Rule::kHireSubordination, graph::Rule::kHireChain, graph::Rule::kHireAppointer,
        graph::Rule::kHireCommission, graph::Rule::kTenderCommission}) {
    r.set(static_cast<size_t>(rule));
  }
  return r;
}

Questions DrawQuestions(const graph::Snapshot& s, const QuestionCounts& counts) {
  const auto& d = s.data();
  Draw draw(counts.seed);
  Questions q;

  std::vector<uint32_t> dated;  // employments with a start date
  for (uint32_t i = 0; i < d.employments.size(); ++i) {
    if (d.employments[i].valid.from != graph::kMinDate) dated.push_back(i);
  }
  if (!dated.empty() && !d.positions.empty() && !d.persons.empty()) {
    for (int i = 0; i < counts.hire; ++i) {
      const graph::Employment& e = d.employments[dated[draw.Below(dated.size())]];
      graph::HireQuery h{.candidate = e.person,
                         .position = e.position,
                         .date = e.valid.from,
                         .appointed_by = e.appointed_by,
                         .selection_commission = e.selection_commission};
      if (i % 2 == 1) {
        h.candidate = draw.IdBelow<graph::PersonIndex>(d.persons.size());
        h.position = draw.IdBelow<graph::PositionIndex>(d.positions.size());
      }
      q.hire.push_back(h);
    }
  }

  const auto tender_ids = d.tenders.ids();
  std::vector<graph::TenderIndex> tenders(tender_ids.begin(), tender_ids.end());
  for (size_t i = 0; i < tenders.size() && static_cast<int>(i) < counts.tender; ++i) {
    std::swap(tenders[i], tenders[i + draw.Below(tenders.size() - i)]);
    q.tender.push_back(tenders[i]);
  }

  const graph::Date fallback = graph::DaysFromCivil(2024, 1, 1);
  for (int i = 0, attempts = 0;
       i < counts.paths && attempts < counts.paths * 50 && !d.persons.empty(); ++attempts) {
    const graph::Date day =
        d.tenders.empty() ? fallback
                          : d.tenders[draw.IdBelow<graph::TenderIndex>(d.tenders.size())].announced;
    const graph::VertexId from = s.PersonVertex(draw.IdBelow<graph::PersonIndex>(d.persons.size()));
    const int steps = 2 + static_cast<int>(draw.Below(3));
    graph::VertexId at = from;
    for (int k = 0; k < steps; ++k) {
      std::vector<graph::VertexId> next;
      for (const graph::Tie& t : s.Ties(at)) {
        if (t.valid.Contains(day)) next.push_back(t.target);
      }
      if (next.empty()) break;
      at = next[draw.Below(next.size())];
    }
    if (at == from) continue;
    q.paths.push_back(graph::PathQuery{.from = from, .to = at, .date = day, .max_hops = 4, .k = 5});
    ++i;
  }
  return q;
}

absl::Status WriteLines(const std::string& path, const std::string& header,
                        std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::InternalError(Cat("cannot write ", path));
  out << header << '\n';
  for (const std::string& l : lines) out << l << '\n';
  out.close();
  if (!out) return absl::InternalError(Cat("cannot write ", path));
  return absl::OkStatus();
}

absl::Status WriteQuestions(const graph::Snapshot& s, const Questions& q, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InternalError(Cat("cannot create ", dir, ": ", ec.message()));
  const auto& d = s.data();
  std::vector<std::string> lines;
  for (size_t i = 0; i < q.hire.size(); ++i) {
    const graph::HireQuery& h = q.hire[i];
    lines.push_back(Cat(static_cast<int64_t>(i), "\t", PersonNumber(s, h.candidate), "\t",
                        s.Str(d.positions[h.position].id), "\t", graph::FormatIsoDate(h.date), "\t",
                        PersonNumber(s, h.appointed_by), "\t",
                        h.selection_commission == kNone
                            ? std::string_view()
                            : s.Str(d.commissions[h.selection_commission].id)));
  }
  // Questions keep their qid order: no sorting, so write them directly.
  auto write_ordered = [&](const std::string& name, const std::string& header) -> absl::Status {
    std::ofstream out(Cat(dir, "/", name), std::ios::binary | std::ios::trunc);
    out << header << '\n';
    for (const std::string& l : lines) out << l << '\n';
    out.close();
    if (!out) return absl::InternalError(Cat("cannot write ", dir, "/", name));
    return absl::OkStatus();
  };
  absl::Status st = write_ordered(
      "hire.tsv",
      "qid\tcandidate_iin\tposition_id\tdate\tappointed_by_iin\tselection_commission_id");
  if (!st.ok()) return st;
  lines.clear();
  for (size_t i = 0; i < q.tender.size(); ++i) {
    lines.push_back(Cat(static_cast<int64_t>(i), "\t", s.Str(d.tenders[q.tender[i]].id)));
  }
  st = write_ordered("tender.tsv", "qid\ttender_id");
  if (!st.ok()) return st;
  lines.clear();
  for (size_t i = 0; i < q.paths.size(); ++i) {
    const graph::PathQuery& p = q.paths[i];
    // An individual entrepreneur's BIN is its owner's IIN: the kind tells the two apart.
    auto kind = [&](graph::VertexId v) { return s.IsPerson(v) ? "person" : "organization"; };
    lines.push_back(Cat(static_cast<int64_t>(i), "\t", s.VertexNumber(p.from), "\t", kind(p.from),
                        "\t", s.VertexNumber(p.to), "\t", kind(p.to), "\t",
                        graph::FormatIsoDate(p.date), "\t", p.max_hops, "\t", p.k));
  }
  return write_ordered("paths.tsv", "qid\tfrom\tfrom_kind\tto\tto_kind\tdate\tmax_hops\tk");
}

std::string AnswerLine(const graph::Finding& f) {
  return Cat(graph::Name(f.rule), "\t", f.object_id, "\t", graph::FormatIsoDate(f.date), "\t",
             f.official, "\t", f.counterparty, "\t", f.relation);
}

}  // namespace coigraph::bench
