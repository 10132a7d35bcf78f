// Calendar dates and half-open validity intervals.
//
// A `Date` is a day number (days since 1970-01-01, proleptic Gregorian). Every fact of the feeds
// holds on a half-open interval [from, to); an open end is kMinDate / kMaxDate.
//
// Example:
//   absl::StatusOr<Date> d = ParseIsoDate("2023-05-01");
//   Interval seat{*ParseIsoDate("2022-01-01"), kMaxDate};
//   seat.Contains(*d);  // true
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace coigraph::graph {

using Date = int32_t;

inline constexpr Date kMinDate = std::numeric_limits<int32_t>::min();
inline constexpr Date kMaxDate = std::numeric_limits<int32_t>::max();

// Days since 1970-01-01 of a proleptic Gregorian date. REQUIRES: a valid calendar date.
Date DaysFromCivil(int year, unsigned month, unsigned day);

// Parses a strict ISO `YYYY-MM-DD` calendar date; nullopt when malformed or not a real date.
std::optional<Date> ParseIsoDate(std::string_view text);

// `YYYY-MM-DD`; kMinDate / kMaxDate print as "" (an open end).
std::string FormatIsoDate(Date date);

// True when year/month/day form a real calendar date (year 1..9999).
bool IsValidCivilDate(int year, int month, int day);

// The half-open interval [from, to) on which a fact holds.
struct Interval {
  Date from = kMinDate;
  Date to = kMaxDate;

  bool Contains(Date d) const { return from <= d && d < to; }
  bool Empty() const { return from >= to; }
  Interval Intersect(const Interval& o) const {
    return {from > o.from ? from : o.from, to < o.to ? to : o.to};
  }
  friend bool operator==(const Interval&, const Interval&) = default;
};

inline constexpr Interval kAlways{kMinDate, kMaxDate};

}  // namespace coigraph::graph
