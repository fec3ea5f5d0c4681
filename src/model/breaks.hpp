// model/breaks.hpp
// Did a series change level or slope at a dated milestone? Segmented regression with a known break, whose
// joint test is the Chow test (docs/methods.md, "Breaks").
#pragma once

#include <optional>
#include <vector>

#include "model/trend.hpp"

namespace linkage {

//! The fit of y = b0 + b1 (t - T) + b2 D + b3 D (t - T), D = 1 from the break time T on, against the line
//! y = a + b t.
struct BreakTest {
  double break_time = 0;     //!< T: the first time of the new regime
  std::size_t n = 0;         //!< observations
  std::size_t n_before = 0;  //!< observations before T
  double level_shift = 0;    //!< b2: the jump at T
  double slope_change = 0;   //!< b3: the change of slope per unit of time
  double p_level = 1;        //!< two-sided t-test of b2 = 0
  double p_slope = 1;        //!< two-sided t-test of b3 = 0
  double f_statistic = 0;    //!< Chow F of b2 = b3 = 0, on 2 and n - 4 degrees of freedom
  double p_joint = 1;        //!< its p-value
};

//! The test at `break_time`; nullopt unless each side has at least 3 observations (the points may come in
//! any order; times must differ).
std::optional<BreakTest> SegmentedBreak(const std::vector<SeriesPoint>& points, double break_time);

}  // namespace linkage
