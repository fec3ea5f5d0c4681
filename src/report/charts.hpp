// report/charts.hpp
// Vega-Lite specifications of the report's charts, each with its data inline, built from the model's results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/coherence.hpp"
#include "model/linkage_model.hpp"
#include "model/score_tests.hpp"

namespace linkage {

//! Scores of the dyad source -> target over the years: a line per score, its 5-95% band over the sensitivity
//! draws (when there are draws) and a dashed rule at each break date.
nlohmann::json ScoreBandChart(const LinkageRun& run, const std::string& source, const std::string& target,
                              const std::vector<std::string>& scores, const std::vector<BreakDate>& dates);

//! Each power's share of the powers' summed `score` facing `target` (the pivot or the region), stacked.
nlohmann::json PowerShareChart(const LinkageRun& run, const std::string& target, const std::string& score);

//! One input's raw value for every power facing `target` over the years (who overtakes whom).
nlohmann::json ComponentChart(const LinkageRun& run, const std::string& component, const std::string& target,
                              const std::string& axis_title);

//! The region's density, intra-regional trade share and co-membership overlap over the years.
nlohmann::json CoherenceChart(const Coherence& coherence);

}  // namespace linkage
