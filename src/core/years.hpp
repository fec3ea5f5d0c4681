// core/years.hpp
// The one parser of years and year ranges that the command line, the dashboard, claims files and the
// gravity options share, so that every one of them refuses the same things (five digits, a year past int,
// a range running backwards) with the same bounds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace linkage {

//! The earliest year any input may name: the COW state system starts in 1816.
inline constexpr int kFirstYear = 1800;
//! The latest year any input may name.
inline constexpr int kLastYear = 2200;

//! A year written with four digits from kFirstYear to kLastYear (surrounding spaces allowed); nullopt
//! otherwise.
std::optional<int> ParseYear(std::string_view text);

//! "2019" or "2000-2020" as (first, last); a UsageError naming `option` ("--years") and the bounds
//! otherwise, or when the range runs backwards.
std::pair<int, int> ParseYears(const std::string& text, std::string_view option = "--years");

}  // namespace linkage
