// model/segmented_design.hpp
// The regressors of the segmented regression at a break time T: the segmented line [1, t - T, D, D (t - T)]
// and the single line [1, t - T], D = 1 from T on. The known-date test (breaks.cpp) and the unknown-date
// search (unknown_break.cpp) fit the same design.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "model/trend.hpp"

namespace linkage {

//! The two designs and the values, in the order of the points.
struct SegmentedDesign {
  Eigen::MatrixXd broken;  //!< n x 4
  Eigen::MatrixXd plain;   //!< n x 2
  Eigen::VectorXd y;
};

//! The designs of `points` broken at `break_time`.
SegmentedDesign MakeSegmentedDesign(const std::vector<SeriesPoint>& points, double break_time);

}  // namespace linkage
