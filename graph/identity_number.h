// Kazakhstan's 12-digit identification numbers: IIN (persons) and BIN (legal entities).
//
// Check digit (docs/feeds.md, "Identity numbers"): digits d1..d11 weighted 1..11,
// c = sum mod 11; if c == 10, weighted again with 3,4,...,11,1,2; a second 10 makes the number
// invalid; c must equal d12.
// IIN: d1-d6 birth date YYMMDD, d7 century and sex (1/2 1800s, 3/4 1900s, 5/6 2000s; odd = M).
// BIN: d1-d4 registration YYMM, d5 entity type (4, 5, 6), d6 unit (0..3). An IIN's d5 is the
// tens digit of a month (0 or 1), which is how the two are told apart.
//
// Example:
//   IinInfo iin = CheckIin("061211600012");     // iin.ok(), birth 2006-12-11, female
//   IdentityCheck bin = CheckBin("940140000385");
//   if (!bin.ok()) reject(bin.error);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/date.h"

namespace coigraph::graph {

enum class Sex : uint8_t { kUnknown, kMale, kFemale };

// True when `text` is 12 ASCII digits whose check digit is right.
bool HasValidCheckDigit(std::string_view text);

// What a check of an identity number found: both checks answer in this shape, so that every
// caller reads `ok()` and `error` the same way.
struct IdentityCheck {
  std::string error;  // why the number is not valid, a phrase for a reject record; "" when valid
  bool ok() const { return error.empty(); }
};

// An IIN's check and, when ok(), what its digits say.
struct IinInfo : IdentityCheck {
  Date birth_date = 0;
  Sex sex = Sex::kUnknown;
};

// Validates an IIN: 12 digits, check digit, century/sex digit 1..6, a real birth date.
IinInfo CheckIin(std::string_view text);

// Validates a BIN: 12 digits, check digit, month 01..12, d5 in {4,5,6}, d6 in {0..3}.
IdentityCheck CheckBin(std::string_view text);

// 12-digit number <-> its integer value (leading zeros kept by FormatIdentityNumber).
uint64_t IdentityNumberValue(std::string_view digits);
std::string FormatIdentityNumber(uint64_t value);

}  // namespace coigraph::graph
