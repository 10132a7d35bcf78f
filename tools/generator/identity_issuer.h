// Issues valid, unique IINs and BINs (docs/feeds.md, "Identity numbers").
//
// IIN: birth date YYMMDD, the century/sex digit (3/4 for the 1900s, 5/6 for the 2000s, odd =
// male), a 4-digit serial counted per (birth date, sex), and the check digit; a serial whose
// check digit computes to 10 twice is skipped. BIN: registration YYMM, `4` (resident legal
// entity), `0` (head unit), a 5-digit serial counted per month, and the check digit.
//
// Example:
//   IdentityIssuer ids;
//   IdentityIssuer::Iin a = ids.NewIin(graph::DaysFromCivil(1980, 5, 17), /*male=*/true);
//   std::string bin = ids.NewBin(2012, 3);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/date.h"

namespace coigraph::generator {

class IdentityIssuer {
 public:
  IdentityIssuer();

  struct Iin {
    std::string number;
    graph::Date birth = 0;  // the requested day, or a later one when that day was exhausted
  };
  // REQUIRES: birth in [1900-01-01, 2099-12-31].
  Iin NewIin(graph::Date birth, bool male);

  // REQUIRES: 1900 <= year <= 2099, 1 <= month <= 12.
  std::string NewBin(int year, int month);

  // The check digit of the first 11 digits, or -1 when it computes to 10 twice.
  static int CheckDigit(const char* digits11);

 private:
  std::vector<uint16_t> iin_next_;  // [(day - 1900-01-01) * 2 + female]
  std::vector<uint32_t> bin_next_;  // [(year - 1900) * 12 + month - 1]
};

}  // namespace coigraph::generator
