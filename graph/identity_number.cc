#include "graph/identity_number.h"

#include <cstdio>

namespace coigraph::graph {

namespace {

bool AllDigits(std::string_view t) {
  if (t.size() != 12) return false;
  for (char ch : t) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

int Digit(std::string_view t, size_t i) { return t[i] - '0'; }

}  // namespace

bool HasValidCheckDigit(std::string_view t) {
  if (!AllDigits(t)) return false;
  int sum = 0;
  for (size_t i = 0; i < 11; ++i) sum += Digit(t, i) * static_cast<int>(i + 1);
  int c = sum % 11;
  if (c == 10) {
    static constexpr int kSecond[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    sum = 0;
    for (size_t i = 0; i < 11; ++i) sum += Digit(t, i) * kSecond[i];
    c = sum % 11;
    if (c == 10) return false;
  }
  return c == Digit(t, 11);
}

IinInfo CheckIin(std::string_view t) {
  IinInfo info;
  if (!AllDigits(t)) {
    info.error = "IIN must be exactly 12 digits";
    return info;
  }
  if (!HasValidCheckDigit(t)) {
    info.error = "IIN check digit is wrong";
    return info;
  }
  const int century_sex = Digit(t, 6);
  if (century_sex < 1 || century_sex > 6) {
    info.error = "IIN century/sex digit (7th) must be 1..6";
    return info;
  }
  const int year = 1800 + 100 * ((century_sex - 1) / 2) + Digit(t, 0) * 10 + Digit(t, 1);
  const int month = Digit(t, 2) * 10 + Digit(t, 3);
  const int day = Digit(t, 4) * 10 + Digit(t, 5);
  if (!IsValidCivilDate(year, month, day)) {
    info.error = "IIN date part is not a real date";
    return info;
  }
  info.birth_date = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  info.sex = century_sex % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return info;
}

IdentityCheck CheckBin(std::string_view t) {
  if (!AllDigits(t)) return {"BIN must be exactly 12 digits"};
  if (!HasValidCheckDigit(t)) return {"BIN check digit is wrong"};
  const int month = Digit(t, 2) * 10 + Digit(t, 3);
  if (month < 1 || month > 12) return {"BIN registration month (digits 3-4) must be 01..12"};
  const int type = Digit(t, 4);
  if (type < 4 || type > 6) return {"BIN entity type (5th digit) must be 4, 5 or 6"};
  if (Digit(t, 5) > 3) return {"BIN unit digit (6th) must be 0..3"};
  return {};
}

uint64_t IdentityNumberValue(std::string_view digits) {
  uint64_t v = 0;
  for (char ch : digits) v = v * 10 + static_cast<uint64_t>(ch - '0');
  return v;
}

std::string FormatIdentityNumber(uint64_t value) {
  if (value < 1'000'000'000'000) {  // twelve digits, written without snprintf (hot in exports)
    std::string out(12, '0');
    for (size_t i = 12; i-- > 0 && value != 0; value /= 10)
      out[i] = static_cast<char>('0' + value % 10);
    return out;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%012llu", static_cast<unsigned long long>(value));
  return buf;
}

}  // namespace coigraph::graph
