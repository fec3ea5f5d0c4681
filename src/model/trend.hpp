// model/trend.hpp
// Whether a score series rose or fell: the Mann-Kendall trend test with Sen's slope (docs/methods.md,
// "Trend").
#pragma once

#include <optional>
#include <vector>

namespace linkage {

//! One observation of a series.
struct SeriesPoint {
  double time = 0;  //!< usually the year
  double value = 0;
};

//! The Mann-Kendall test and Sen's slope of a series.
struct TrendTest {
  std::size_t n = 0;
  double s = 0;              //!< Kendall's S: concordant minus discordant pairs
  double variance = 0;       //!< Var(S) with the correction for tied values
  double z = 0;              //!< the continuity-corrected normal score
  double p_value = 1;        //!< two-sided
  double sen_slope = 0;      //!< median of the pairwise slopes, per unit of time
  double sen_intercept = 0;  //!< median of value - slope x time
  double tau = 0;            //!< Kendall's tau-a = S / (n (n - 1) / 2)
};

//! The test over the points (in any order; times must differ); nullopt with fewer than 3 points.
std::optional<TrendTest> MannKendall(std::vector<SeriesPoint> points);
//! The test without Sen's slope and intercept (left 0): S, its variance, z, p and tau, which are all a
//! verdict needs (the robustness of a trend over many draws of the weights).
std::optional<TrendTest> MannKendallSignificance(std::vector<SeriesPoint> points);

//! Two-sided p-value of a standard normal score.
double TwoSidedNormalP(double z);

}  // namespace linkage
