// report/index_tables.hpp
// The linkage model's results as tables: every score with its sensitivity interval, every input with its
// source rows, and the trend and break tests of every score series.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/linkage_model.hpp"
#include "model/score_tests.hpp"
#include "report/output.hpp"
#include "store/database.hpp"

namespace linkage {

//! Which levels (dyad, region, system) and scores to keep; empty sets keep everything.
struct ScoreSelection {
  std::set<std::string> levels;
  std::set<std::string> scores;
  //! Whether a row of `level` and score index `score` is kept.
  bool Selects(const std::string& level, std::size_t score) const;
};

//! Every selected score row with its value, median, 5-95% interval, rank and rank interval, coverage.
ResultTable ScoreTable(const LinkageRun& run, const ScoreSelection& selection);
//! Coverage per power and year of the linkage scores that are compared (the comparable scores facing
//! `target`): one row per power, one column per year, each cell the share of the nominal weight with a value
//! ("0.82"), marked "carried" when it rests on an input carried forward, or "missing" when the power has no
//! comparable score that year.
ResultTable CoverageByPowerTable(const LinkageRun& run, const std::string& target);
//! Every input of every unit (of `only` when given): raw and normalised value, weight, transform, steps and
//! source rows (a JSON array in `format` kJson, file:line otherwise).
ResultTable InputTable(Database& database, const LinkageRun& run, OutputFormat format,
                       const std::optional<PanelUnit>& only = std::nullopt);
//! One row per selected series for its trend test and one per break date.
ResultTable TestTable(const std::vector<SeriesTests>& tests, const std::vector<BreakDate>& dates,
                      const ScoreSelection& selection);

}  // namespace linkage
