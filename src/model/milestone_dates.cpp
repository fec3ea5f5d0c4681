#include "model/milestone_dates.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

constexpr int kEarliestYear = 1800;
constexpr int kLatestYear = 2200;
constexpr std::size_t kLabelLength = 60;

}  // namespace

std::vector<BreakDate> MilestoneBreakDates(Database& database, const std::string& a, const std::string& b,
                                           int first, int last) {
  Statement query(
      database,
      "SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, kind, description FROM events "
      "WHERE ((source_actor = ?1 AND target_actor = ?2) OR (source_actor = ?2 AND target_actor = "
      "?1)) AND kind IN ('summit', 'partnership_upgrade', 'initiative') AND year BETWEEN ?3 AND ?4 "
      "ORDER BY date");
  query.Bind(1, a).Bind(2, b).Bind(3, first).Bind(4, last);
  std::vector<BreakDate> dates;
  while (query.Step()) {
    const int year = static_cast<int>(query.Int(0));
    if (!dates.empty() && dates.back().year == year) continue;
    std::string label = query.Text(2).empty() ? query.Text(1) : query.Text(2);
    if (label.size() > kLabelLength) {
      // Cut at a character boundary, never inside a UTF-8 sequence.
      std::size_t cut = kLabelLength - 3;
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0U) == 0x80U) --cut;
      label = label.substr(0, cut) + "...";
    }
    dates.push_back({year, label});
  }
  return dates;
}

std::vector<BreakDate> ParseBreakDates(const std::string& text) {
  std::vector<BreakDate> dates;
  for (const auto& piece : text::Split(text, ',')) {
    const auto year = text::ParseInteger(text::Trim(piece));
    if (!year || *year < kEarliestYear || *year > kLatestYear)
      throw UsageError(fmt::format("--breaks: '{}' is not a year; give years such as 2013,2015", piece));
    dates.push_back({static_cast<int>(*year), "given"});
  }
  return dates;
}

}  // namespace linkage
