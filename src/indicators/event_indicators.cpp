#include "indicators/event_indicators.hpp"

#include <fmt/format.h>

#include <array>

#include "indicators/trade_data.hpp"

namespace linkage {

namespace {

constexpr std::size_t kMaxSourcesKept = 4;

// Events of the chosen dataset (?4), or by default of every source read from an event-data format.
constexpr const char* kScope =
    "(CASE WHEN ?4 = '' THEN source_id IN (SELECT id FROM sources WHERE format IN ('gdelt1', 'gdelt2', "
    "'icews', "
    "'polecat', 'plover')) ELSE dataset = ?4 END)";
constexpr std::array<const char*, 4> kQuadIndicators = {"events_verbal_cooperation",
                                                        "events_material_cooperation",
                                                        "events_verbal_conflict", "events_material_conflict"};

// What the events of one period add up to.
struct PeriodTotals {
  std::int64_t events = 0;
  std::array<std::int64_t, 4> by_quad{};
  std::int64_t with_quad = 0;
  std::int64_t scored = 0;
  double score_sum = 0;
  std::vector<ValueSource> sources;
};

}  // namespace

const std::vector<std::string>& EventIndicatorIds() {
  static const std::vector<std::string> ids = {
      "events_total",           "events_verbal_cooperation", "events_material_cooperation",
      "events_verbal_conflict", "events_material_conflict",  "goldstein_mean",
      "goldstein_sum",          "cooperation_share"};
  return ids;
}

std::vector<IndicatorRecord> ComputeEventIndicators(Database& database, const std::string& i,
                                                    const std::string& j, int first, int last,
                                                    const EventAggregation& aggregation) {
  CachedStatement events(
      database,
      "SELECT quad_class, intensity, dataset, source_id, source_line, code, date FROM events WHERE "
      "((source_actor = ?1 AND target_actor = ?2) OR (source_actor = ?2 AND target_actor = ?1)) AND "
      "date LIKE ?3 AND " +
          std::string(kScope) + " ORDER BY date, id");
  // Whether the data cover the period at all: any event of any dyad in it.
  CachedStatement covered(database,
                          "SELECT 1 FROM events WHERE date LIKE ?3 AND " + std::string(kScope) + " LIMIT 1");
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    const int months = aggregation.monthly ? 12 : 1;
    for (int month = 1; month <= months; ++month) {
      const std::string period = aggregation.monthly ? fmt::format("{}-{:02}", year, month) : "";
      const std::string pattern = aggregation.monthly ? period + "%" : fmt::format("{}%", year);
      PeriodTotals totals;
      events->Bind(1, i).Bind(2, j).Bind(3, pattern).Bind(4, aggregation.dataset);
      while (events->Step()) {
        ++totals.events;
        if (const auto quad = events->OptionalReal(0)) {
          ++totals.by_quad[static_cast<std::size_t>(*quad) - 1];
          ++totals.with_quad;
        }
        if (const auto score = events->OptionalReal(1)) {
          ++totals.scored;
          totals.score_sum += *score;
        }
        if (totals.sources.size() < kMaxSourcesKept) {
          totals.sources.push_back(
              {events->Text(2), events->Int(3), events->Int(4), events->Text(5) + " on " + events->Text(6)});
        }
      }
      events->Reset();
      covered->Bind(3, pattern).Bind(4, aggregation.dataset);
      const bool has_data = covered->Step();
      covered->Reset();
      const std::string span = aggregation.monthly ? period : std::to_string(year);
      const std::string scope = aggregation.dataset.empty() ? "event data (GDELT, ICEWS, POLECAT, PLOVER)"
                                                            : aggregation.dataset + " events";
      const auto make = [&](const char* indicator, const std::string& unit) {
        IndicatorRecord record{indicator, i,      j,  year,           "", std::nullopt, unit,
                               false,     "both", "", totals.sources, ""};
        record.period = period;
        if (!has_data) record.missing = fmt::format("no {} dated {} in the workspace", scope, span);
        return record;
      };
      IndicatorRecord total = make("events_total", "events");
      if (has_data) {
        total.value = static_cast<double>(totals.events);
        total.note = fmt::format("{} between {} and {} in either direction", scope, i, j);
      }
      records.push_back(std::move(total));
      for (std::size_t quad = 0; quad < kQuadIndicators.size(); ++quad) {
        IndicatorRecord count = make(kQuadIndicators[quad], "events");
        if (has_data) {
          count.value = static_cast<double>(totals.by_quad[quad]);
          if (totals.with_quad < totals.events) {
            count.note = fmt::format("{} events have no quad class", totals.events - totals.with_quad);
          }
        }
        records.push_back(std::move(count));
      }
      IndicatorRecord mean = make("goldstein_mean", "Goldstein score (-10 to 10)");
      IndicatorRecord sum = make("goldstein_sum", "Goldstein score");
      if (has_data && totals.scored > 0) {
        mean.value = totals.score_sum / static_cast<double>(totals.scored);
        sum.value = totals.score_sum;
        mean.note = sum.note = fmt::format("over {} scored events", totals.scored);
      } else if (has_data) {
        mean.missing = fmt::format("no scored event between {} and {} dated {}", i, j, span);
        sum.value = 0;
      }
      records.push_back(std::move(mean));
      records.push_back(std::move(sum));
      IndicatorRecord share = make("cooperation_share", "share of events with a quad class");
      if (has_data && totals.with_quad > 0) {
        share.value = static_cast<double>(totals.by_quad[0] + totals.by_quad[1]) /
                      static_cast<double>(totals.with_quad);
      } else if (has_data) {
        share.missing = fmt::format("no event with a quad class between {} and {} dated {}", i, j, span);
      }
      records.push_back(std::move(share));
    }
  }
  return records;
}

}  // namespace linkage
