#include "tools/generator/identity_issuer.h"

#include <cstdio>

namespace coigraph::generator {

namespace {
const graph::Date kDay1900 = graph::DaysFromCivil(1900, 1, 1);
const graph::Date kDay2100 = graph::DaysFromCivil(2100, 1, 1);
}  // namespace

IdentityIssuer::IdentityIssuer()
    : iin_next_(static_cast<size_t>(kDay2100 - kDay1900) * 2, 0), bin_next_(size_t{200} * 12, 0) {}

int IdentityIssuer::CheckDigit(const char* d) {
  int sum = 0;
  for (int i = 0; i < 11; ++i) sum += (d[i] - '0') * (i + 1);
  int c = sum % 11;
  if (c != 10) return c;
  static constexpr int kSecond[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  sum = 0;
  for (int i = 0; i < 11; ++i) sum += (d[i] - '0') * kSecond[i];
  c = sum % 11;
  return c == 10 ? -1 : c;
}

IdentityIssuer::Iin IdentityIssuer::NewIin(graph::Date birth, bool male) {
  for (;;) {
    const size_t slot = static_cast<size_t>(birth - kDay1900) * 2 + (male ? 0 : 1);
    const std::string iso = graph::FormatIsoDate(birth);  // YYYY-MM-DD
    const int year =
        (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
    char d[13];
    d[0] = iso[2];
    d[1] = iso[3];
    d[2] = iso[5];
    d[3] = iso[6];
    d[4] = iso[8];
    d[5] = iso[9];
    d[6] = static_cast<char>('0' + (year < 2000 ? 3 : 5) + (male ? 0 : 1));
    d[12] = '\0';
    while (iin_next_[slot] < 10000) {
      const int serial = iin_next_[slot]++;
      d[7] = static_cast<char>('0' + serial / 1000);
      d[8] = static_cast<char>('0' + serial / 100 % 10);
      d[9] = static_cast<char>('0' + serial / 10 % 10);
      d[10] = static_cast<char>('0' + serial % 10);
      const int c = CheckDigit(d);
      if (c < 0) continue;
      d[11] = static_cast<char>('0' + c);
      return {std::string(d, 12), birth};
    }
    ++birth;  // this day's serials are used up
  }
}

std::string IdentityIssuer::NewBin(int year, int month) {
  for (;;) {
    uint32_t& next = bin_next_[static_cast<size_t>((year - 1900) * 12 + month - 1)];
    while (next < 100000) {
      const uint32_t serial = next++;
      char d[16];
      std::snprintf(d, sizeof d, "%02d%02d40%05u", year % 100, month, serial);
      const int c = CheckDigit(d);
      if (c < 0) continue;
      d[11] = static_cast<char>('0' + c);
      return std::string(d, 12);
    }
    if (++month > 12) {  // this month's serials are used up
      month = 1;
      ++year;
    }
  }
}

}  // namespace coigraph::generator
