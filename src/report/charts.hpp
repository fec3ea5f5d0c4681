// report/charts.hpp
// Vega-Lite specifications of the report's charts, each with its data inline, built from the model's results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
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

//! Each power's share of `target`'s total trade stacked, with the rest of the world on top in the years every
//! power's share is known (who overtakes whom, and how much of the trade the powers hold together).
nlohmann::json PartnerShareChart(const LinkageRun& run, const std::string& target);

//! The mirror ratios of a dyad over the years (the partner's imports, CIF, over the reporter's exports, FOB,
//! each way) against the band freight and insurance explain, from `mirror_gap_*_ratio` records.
nlohmann::json MirrorGapChart(const std::vector<IndicatorRecord>& records);

//! A Vega treemap of a dyad's trade by product in one year, exports and imports side by side, from the
//! `top_export_products_value` and `top_import_products_value` records of that year.
nlohmann::json ProductTreemap(const std::vector<IndicatorRecord>& records, const std::string& reporter,
                              const std::string& partner);

//! The region's density, intra-regional trade share and co-membership overlap over the years.
nlohmann::json CoherenceChart(const Coherence& coherence);

}  // namespace linkage
