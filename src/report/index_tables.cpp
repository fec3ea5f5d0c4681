#include "report/index_tables.hpp"

#include <fmt/format.h>

#include <map>

#include "core/text.hpp"
#include "report/source_rows.hpp"

namespace linkage {

namespace {

nlohmann::json Cell(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

// observed, carried (forward from an earlier year), out_of_scope (the source does not cover the source actor)
// or missing.
std::string InputStatus(const ComponentPanel& panel, std::size_t unit, std::size_t column, const Term& term) {
  if (!panel.out_of_scope.empty() && panel.out_of_scope[unit][column]) return "out_of_scope";
  if (!term.value) return "missing";
  if (!panel.carried.empty() && panel.carried[unit][column]) return "carried";
  return "observed";
}

}  // namespace

bool ScoreSelection::Selects(const std::string& level, std::size_t score) const {
  return (levels.empty() || levels.contains(level)) &&
         (scores.empty() || scores.contains(ScoreNames()[score]));
}

ResultTable ScoreTable(const LinkageRun& run, const ScoreSelection& filter) {
  ResultTable table{{"level", "measure", "source", "target", "year", "score", "value", "median", "p05", "p95",
                     "rank", "rank_median", "rank_p05", "rank_p95", "coverage", "carried", "missing", "note"},
                    {}};
  for (std::size_t k = 0; k < run.rows.size(); ++k) {
    const ScoreRow& row = run.rows[k];
    if (!filter.Selects(row.level, row.score)) continue;
    Spread values;
    Spread ranks;
    if (run.sensitivity) {
      values = run.sensitivity->ValueSpread(k);
      ranks = run.sensitivity->RankSpread(k);
    }
    table.rows.push_back({row.level, row.measure, row.source, row.target, row.year, ScoreNames()[row.score],
                          Cell(row.value), Cell(values.median), Cell(values.low), Cell(values.high),
                          Cell(row.rank), Cell(ranks.median), Cell(ranks.low), Cell(ranks.high), row.coverage,
                          row.carried, row.missing.empty() ? nlohmann::json() : nlohmann::json(row.missing),
                          row.note.empty() ? nlohmann::json() : nlohmann::json(row.note)});
  }
  return table;
}

ResultTable CoverageByPowerTable(const LinkageRun& run, const std::string& target) {
  const auto linkage = ScoreIndex("linkage");
  std::set<int> years;
  std::map<std::string, std::map<int, std::string>> cells;
  std::vector<std::string> powers;
  for (const auto& row : run.rows) {
    if (row.measure != "comparable_score" || row.target != target || !linkage || row.score != *linkage)
      continue;
    if (!cells.contains(row.source)) powers.push_back(row.source);
    years.insert(row.year);
    cells[row.source][row.year] = !row.value
                                      ? std::string("missing")
                                      : fmt::format("{:.2f}{}", row.coverage, row.carried ? " carried" : "");
  }
  ResultTable table{{"power"}, {}};
  for (const int year : years) table.columns.push_back(std::to_string(year));
  for (const auto& power : powers) {
    std::vector<nlohmann::json> row{power};
    for (const int year : years) {
      const auto found = cells[power].find(year);
      row.emplace_back(found == cells[power].end() ? nlohmann::json() : nlohmann::json(found->second));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

ResultTable InputTable(Database& database, const LinkageRun& run, OutputFormat format,
                       const std::optional<PanelUnit>& only) {
  const auto files = SourceFileNames(database);
  ResultTable table{{"source", "target", "year", "component", "dimension", "role", "weight", "transform",
                     "raw", "normalised", "status", "missing", "steps", "provenance"},
                    {}};
  for (std::size_t unit = 0; unit < run.traced.panel.units.size(); ++unit) {
    const PanelUnit& key = run.traced.panel.units[unit];
    if (only && (key.source != only->source || key.target != only->target || key.year != only->year))
      continue;
    for (std::size_t column = 0; column < run.spec.components.size(); ++column) {
      const IndexComponent& component = run.spec.components[column];
      const Term& term = run.traced.terms[unit][column];
      table.rows.push_back({key.source, key.target, key.year, component.id,
                            DimensionName(component.dimension), RoleName(component.role), component.weight,
                            std::string(component.transform == Transform::kLog ? "ln(1+x)" : "none") +
                                (component.higher_means_more ? "" : ", reversed"),
                            Cell(term.value), Cell(run.normalised[unit][column]),
                            InputStatus(run.traced.panel, unit, column, term),
                            term.missing.empty() ? nlohmann::json() : nlohmann::json(term.missing),
                            text::Join(term.steps, "; "), SourceRowsCell(term.sources, files, format)});
    }
  }
  return table;
}

ResultTable TestTable(const std::vector<SeriesTests>& tests, const std::vector<BreakDate>& dates,
                      const ScoreSelection& filter) {
  ResultTable table{
      {"level", "measure", "source", "target", "score", "years", "n", "test", "statistic", "p_value",
       "sen_slope", "level_shift", "p_level", "slope_change", "p_slope", "robust_share", "reading"},
      {}};
  for (const auto& series : tests) {
    if (!filter.Selects(series.level, series.score)) continue;
    const std::string years = fmt::format("{}-{}", series.first_year, series.last_year);
    const std::string& score = ScoreNames()[series.score];
    const auto base = [&](const std::string& test) {
      return std::vector<nlohmann::json>{series.level,
                                         series.measure,
                                         series.source,
                                         series.target,
                                         score,
                                         years,
                                         series.trend ? series.trend->n : 0,
                                         test};
    };
    auto trend = base("trend (Mann-Kendall, Sen)");
    if (series.trend) {
      trend.insert(trend.end(), {series.trend->s, series.trend->p_value, series.trend->sen_slope, nullptr,
                                 nullptr, nullptr, nullptr, Cell(series.robust_share), TrendReading(series)});
    } else {
      trend.insert(trend.end(), {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                 TrendReading(series)});
    }
    table.rows.push_back(trend);
    for (std::size_t k = 0; k < dates.size(); ++k) {
      auto row = base(fmt::format("break from {} (Chow, segmented): {}", dates[k].year, dates[k].label));
      const auto& test = series.breaks[k];
      if (!test) {
        row.insert(row.end(), {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                               "fewer than 3 years with a value on a side"});
      } else {
        row.insert(row.end(), {test->f_statistic, test->p_joint, nullptr, test->level_shift, test->p_level,
                               test->slope_change, test->p_slope, nullptr,
                               test->p_joint < 0.05 ? "break (5% level)" : "no break at the 5% level"});
      }
      table.rows.push_back(row);
    }
    if (series.unknown_break) {
      const UnknownBreakTest& search = *series.unknown_break;
      auto row =
          base(fmt::format("unknown break (sup-F, Andrews 1993; {:.0f}% trimming, bootstrap p): strongest "
                           "from {}",
                           100 * search.trim, static_cast<int>(search.strongest.break_time)));
      row.insert(row.end(),
                 {search.sup_f, search.p_value, nullptr, search.strongest.level_shift,
                  search.strongest.p_level, search.strongest.slope_change, search.strongest.p_slope, nullptr,
                  search.p_value < 0.05 ? "break (5% level)" : "no break at the 5% level"});
      table.rows.push_back(row);
    } else if (!series.no_break_test.empty()) {
      auto row = base("break");
      row.insert(row.end(), {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                             series.no_break_test});
      table.rows.push_back(row);
    }
  }
  return table;
}

}  // namespace linkage
