#include "model/breaks.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "model/segmented_design.hpp"

namespace linkage {

namespace {

constexpr std::size_t kMinimumPerSide = 3;
constexpr Eigen::Index kBroken = 4;  // parameters of the segmented line
constexpr Eigen::Index kPlain = 2;   // parameters of the single line

struct Fit {
  Eigen::VectorXd coefficients;
  double residual_squares = 0;
  Eigen::MatrixXd inverse_gram;  // (X'X)^-1, for standard errors
};

Fit LeastSquares(const Eigen::MatrixXd& design, const Eigen::VectorXd& y) {
  Fit fit;
  fit.coefficients = design.colPivHouseholderQr().solve(y);
  fit.residual_squares = (y - design * fit.coefficients).squaredNorm();
  fit.inverse_gram = (design.transpose() * design).inverse();
  return fit;
}

// Two-sided p-value of a t statistic; an exact fit (zero residual variance) makes any nonzero effect certain.
double TwoSidedT(double estimate, double variance, double degrees) {
  if (variance <= 0) return estimate == 0 ? 1.0 : 0.0;
  const double t = std::abs(estimate) / std::sqrt(variance);
  return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(degrees), t));
}

}  // namespace

SegmentedDesign MakeSegmentedDesign(const std::vector<SeriesPoint>& points, double break_time) {
  const auto n = static_cast<Eigen::Index>(points.size());
  SegmentedDesign design{Eigen::MatrixXd(n, kBroken), Eigen::MatrixXd(n, kPlain), Eigen::VectorXd(n)};
  for (Eigen::Index k = 0; k < n; ++k) {
    const SeriesPoint& point = points[static_cast<std::size_t>(k)];
    const double centred = point.time - break_time;
    const double regime = point.time >= break_time ? 1.0 : 0.0;
    design.broken.row(k) << 1.0, centred, regime, regime * centred;
    design.plain.row(k) << 1.0, centred;
    design.y(k) = point.value;
  }
  return design;
}

std::optional<BreakTest> SegmentedBreak(const std::vector<SeriesPoint>& points, double break_time) {
  const auto before = static_cast<std::size_t>(std::count_if(
      points.begin(), points.end(), [&](const SeriesPoint& point) { return point.time < break_time; }));
  const std::size_t after = points.size() - before;
  if (before < kMinimumPerSide || after < kMinimumPerSide) return std::nullopt;

  const auto n = static_cast<Eigen::Index>(points.size());
  const SegmentedDesign design = MakeSegmentedDesign(points, break_time);
  const Fit unrestricted = LeastSquares(design.broken, design.y);
  const Fit restricted = LeastSquares(design.plain, design.y);

  BreakTest test;
  test.break_time = break_time;
  test.n = points.size();
  test.n_before = before;
  test.level_shift = unrestricted.coefficients(2);
  test.slope_change = unrestricted.coefficients(3);
  const double degrees = static_cast<double>(n - kBroken);
  const double residual_variance = unrestricted.residual_squares / degrees;
  test.p_level = TwoSidedT(test.level_shift, residual_variance * unrestricted.inverse_gram(2, 2), degrees);
  test.p_slope = TwoSidedT(test.slope_change, residual_variance * unrestricted.inverse_gram(3, 3), degrees);
  // Numerical noise can make the restricted fit look a hair better than the unrestricted one.
  const double gain = std::max(0.0, restricted.residual_squares - unrestricted.residual_squares);
  if (residual_variance <= 0) {
    test.f_statistic = gain > 0 ? INFINITY : 0;
    test.p_joint = gain > 0 ? 0 : 1;
  } else {
    test.f_statistic = (gain / static_cast<double>(kBroken - kPlain)) / residual_variance;
    test.p_joint = boost::math::cdf(boost::math::complement(
        boost::math::fisher_f(static_cast<double>(kBroken - kPlain), degrees), test.f_statistic));
  }
  return test;
}

}  // namespace linkage
