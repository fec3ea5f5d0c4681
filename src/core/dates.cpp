#include "core/dates.hpp"

#include <chrono>

namespace linkage {

namespace {

// The number the digits [at, at + count) of `value` spell; -1 when one is not a digit.
int Digits(std::string_view value, std::size_t at, std::size_t count) {
  int number = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (value[i] < '0' || value[i] > '9') return -1;
    number = number * 10 + (value[i] - '0');
  }
  return number;
}

}  // namespace

bool IsIsoDate(std::string_view value, DatePrecision precision) {
  constexpr std::size_t kYear = 4;
  constexpr std::size_t kMonth = 7;
  constexpr std::size_t kDay = 10;
  const bool partial = precision == DatePrecision::kPartial;
  if (value.size() != kDay && !(partial && (value.size() == kYear || value.size() == kMonth))) return false;
  const int year = Digits(value, 0, 4);
  if (year < 0) return false;
  if (value.size() == kYear) return true;
  if (value[4] != '-') return false;
  const int month = Digits(value, 5, 2);
  if (month < 1 || month > 12) return false;
  if (value.size() == kMonth) return true;
  if (value[7] != '-') return false;
  const int day = Digits(value, 8, 2);
  if (day < 1) return false;
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  return date.ok();
}

}  // namespace linkage
