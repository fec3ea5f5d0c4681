// report/charts.hpp
// Vega-Lite specifications of the report's and the dashboard's charts, each with its data inline, built from
// the model's results in one house style: a title, a subtitle with the unit, a source line, one colour per
// actor from the house palette, and observed values drawn apart from estimated and carried-forward ones.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "model/coherence.hpp"
#include "model/linkage_model.hpp"
#include "model/score_tests.hpp"
#include "report/palette.hpp"

namespace linkage {

//! What every chart of one report or selection shares: the names readers see and the actors' colours.
struct ChartStyle {
  ActorPalette palette;
  std::map<std::string, std::string> names;  //!< actor id -> short name

  //! The short name of `id`; the id itself when it has none.
  std::string Name(const std::string& id) const;
};

//! A chart's words: its title, what it measures and in which unit, and where the numbers come from.
struct ChartText {
  std::string title;
  std::string subtitle;
  std::string source;
};

//! One value of an input of the panel, with how it was made.
struct ComponentValue {
  const PanelUnit* unit;
  std::optional<double> value;
  std::string
      status;  //!< observed, estimated (by its publisher, or filled from the partner) or carried forward
};

//! The raw values of one input for every unit facing `target`, in panel order (none for an unknown input).
std::vector<ComponentValue> ComponentValues(const LinkageRun& run, const std::string& component,
                                            const std::string& target);

//! Charts holding more series than this are drawn as small multiples, one panel per series.
inline constexpr std::size_t kMostLinesInOneChart = 6;

//! Scores of the dyad source -> target over the years: a line per score, its 5-95% band over the sensitivity
//! draws (when there are draws), hollow points where a score rests on a carried-forward input and a dashed
//! rule at each break date. Scores of more than one dimension are drawn as one panel per dimension.
nlohmann::json ScoreBandChart(const LinkageRun& run, const std::string& source, const std::string& target,
                              const std::vector<std::string>& scores, const std::vector<BreakDate>& dates,
                              const ChartText& text);

//! Each power's share of the powers' summed `score` facing `target` (the pivot or the region), stacked; more
//! than six powers get a panel each.
nlohmann::json PowerShareChart(const LinkageRun& run, const std::string& target, const std::string& score,
                               const ChartStyle& style, const ChartText& text);

//! One input's raw value for every power facing `target` over the years (who overtakes whom); estimated and
//! carried-forward values get their own point shapes; more than six powers get a panel each.
nlohmann::json ComponentChart(const LinkageRun& run, const std::string& component, const std::string& target,
                              const std::string& axis_title, const ChartStyle& style, const ChartText& text);

//! Each power's share of `target`'s total trade stacked, with the rest of the world on top in the years every
//! power's share is known (who overtakes whom, and how much of the trade the powers hold together).
nlohmann::json PartnerShareChart(const LinkageRun& run, const std::string& target, const ChartStyle& style,
                                 const ChartText& text);

//! The mirror ratios of a dyad over the years (the partner's imports, CIF, over the reporter's exports, FOB,
//! each way) against the band freight and insurance explain, from `mirror_gap_*_ratio` records.
nlohmann::json MirrorGapChart(const std::vector<IndicatorRecord>& records, const ChartStyle& style,
                              const ChartText& text);

//! A Vega treemap of a dyad's trade by product in one year, exports and imports side by side, from the
//! `top_export_products_value` and `top_import_products_value` records of that year.
nlohmann::json ProductTreemap(const std::vector<IndicatorRecord>& records, const std::string& reporter,
                              const std::string& partner, const ChartStyle& style, const ChartText& text);

//! The region's density, intra-regional trade share and co-membership overlap over the years.
nlohmann::json CoherenceChart(const Coherence& coherence, const ChartText& text);

}  // namespace linkage
