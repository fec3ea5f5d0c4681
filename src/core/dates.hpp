// core/dates.hpp
// Checks ISO 8601 calendar dates as sources write them, so that 2019-02-30 or month 13 is refused where it is
// read instead of being stored and sorted as text.
#pragma once

#include <string_view>

namespace linkage {

//! How precise a date must be.
enum class DatePrecision {
  kDay,     //!< YYYY-MM-DD only
  kPartial  //!< YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source knows
};

//! True when `value` is written as the precision allows and names a real day (or month) of the Gregorian
//! calendar: months 01-12, days up to the month's length, 29 February only in leap years.
bool IsIsoDate(std::string_view value, DatePrecision precision);

}  // namespace linkage
