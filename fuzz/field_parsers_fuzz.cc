// The field parsers of the feeds on any text: loaders/field_parsers.h (sex, booleans, amounts,
// positive integers, fingerprints), the identity numbers and dates of graph/, the enumerations,
// and the text checks of loaders/text_check.h. Checks each against what its header promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "graph/date.h"
#include "graph/finding.h"
#include "graph/identity_number.h"
#include "graph/model.h"
#include "graph/paths.h"
#include "loaders/field_parsers.h"
#include "loaders/text_check.h"

namespace {

namespace graph = coigraph::graph;
namespace loaders = coigraph::loaders;

void Check(bool ok) {
  if (!ok) std::abort();
}

bool AllDigits(std::string_view t) {
  if (t.empty()) return false;
  for (const char c : t) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

template <typename E>
void RoundTrip(std::string_view text, std::optional<E> (*parse)(std::string_view)) {
  if (const std::optional<E> v = parse(text)) Check(graph::Name(*v) == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const std::optional<int64_t> n = loaders::ParsePositiveInteger(text)) {
    Check(*n >= 1 && *n <= 1'000'000'000'000'000'000LL && AllDigits(text));
    Check(std::to_string(*n) == text.substr(text.find_first_not_of('0')));
  }
  if (const std::optional<double> d = loaders::ParseDecimal(text)) {
    Check(*d >= 0 && text.find_first_not_of("0123456789.") == std::string_view::npos);
  }
  if (const std::optional<bool> b = loaders::ParseBool(text)) {
    Check(text == (*b ? "true" : "false"));
  }
  if (const std::optional<graph::Sex> s = loaders::ParseSex(text)) {
    Check(text == (*s == graph::Sex::kMale ? "M" : "F"));
  }

  if (const std::optional<graph::Date> d = graph::ParseIsoDate(text)) {
    Check(graph::FormatIsoDate(*d) == text);
  }
  const graph::IinInfo iin = graph::CheckIin(text);
  const graph::IdentityCheck bin = graph::CheckBin(text);
  const bool check_digit = graph::HasValidCheckDigit(text);
  Check(!(iin.ok() || bin.ok()) || check_digit);
  if (check_digit) {
    Check(text.size() == 12 && AllDigits(text));
    Check(graph::FormatIdentityNumber(graph::IdentityNumberValue(text)) == text);
  }
  if (iin.ok()) {
    Check(iin.sex != graph::Sex::kUnknown && !graph::FormatIsoDate(iin.birth_date).empty());
  }
  (void)graph::IdentityNumberValue(text);  // any text gives some number (prefetches use it)

  RoundTrip(text, graph::ParseKinRelation);
  RoundTrip(text, graph::ParseOrgKind);
  RoundTrip(text, graph::ParseCommissionKind);
  RoundTrip(text, graph::ParseSeatRole);
  RoundTrip(text, graph::ParseCompanyRoleKind);
  RoundTrip(text, graph::ParseTenderMethod);
  RoundTrip(text, graph::ParseBidOutcome);
  RoundTrip(text, graph::ParseAllocationKind);
  (void)graph::ParseRule(text);
  (void)graph::ParseSphere(text);
  (void)graph::ParseSeverity(text);
  (void)graph::ParseRelationFilter(text);

  const loaders::TextFault fault = loaders::FindTextFault(text);
  Check(loaders::TextIsClean(text) == !fault.found);
  if (fault.found) Check(fault.offset < text.size() && !fault.reason.empty());
  // ToValidUtf8 leaves no byte that is not UTF-8 (controls stay: they are UTF-8).
  const std::string valid = loaders::ToValidUtf8(text);
  const loaders::TextFault after = loaders::FindTextFault(valid);
  Check(!after.found || after.reason.starts_with("raw control character"));
  Check(loaders::JudgeSample(valid) == loaders::SampleEncoding::kUtf8);
  (void)loaders::JudgeSample(text);

  loaders::Fingerprint a;
  loaders::Fingerprint b;
  a.Add(text).Add(uint64_t{size});
  b.Add(text).Add(uint64_t{size});
  Check(a.value() == b.value());
  return 0;
}
