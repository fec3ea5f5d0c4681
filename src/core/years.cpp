#include "core/years.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

std::optional<int> ParseYear(std::string_view text) {
  constexpr std::size_t kDigits = 4;
  const std::string_view value = text::Trim(text);
  if (value.size() != kDigits) return std::nullopt;
  int year = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  return year;
}

std::pair<int, int> ParseYears(const std::string& text, std::string_view option) {
  const std::string shown = text::Truncate(text, 40);
  const std::string expected =
      fmt::format("expected 2019 or 2000-2020 (years {} to {})", kFirstYear, kLastYear);
  const auto dash = text.find('-');
  const auto first = ParseYear(std::string_view(text).substr(0, dash));
  const auto last = dash == std::string::npos ? first : ParseYear(std::string_view(text).substr(dash + 1));
  if (!first || !last)
    throw UsageError(fmt::format("{} '{}' is not a year or a range; {}", option, shown, expected));
  if (*last < *first) throw UsageError(fmt::format("{} {} runs backwards", option, shown));
  return {*first, *last};
}

}  // namespace linkage
