#include "model/breaks.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace linkage {
namespace {

// Ordinary least squares of a line on its own, in closed form: intercept, slope and residual sum of squares.
struct Line {
  double intercept = 0;
  double slope = 0;
  double residual_squares = 0;
};

Line FitLine(const std::vector<SeriesPoint>& points) {
  double mean_t = 0;
  double mean_y = 0;
  for (const auto& point : points) {
    mean_t += point.time;
    mean_y += point.value;
  }
  const auto n = static_cast<double>(points.size());
  mean_t /= n;
  mean_y /= n;
  double sxy = 0;
  double sxx = 0;
  for (const auto& point : points) {
    sxy += (point.time - mean_t) * (point.value - mean_y);
    sxx += (point.time - mean_t) * (point.time - mean_t);
  }
  Line line;
  line.slope = sxy / sxx;
  line.intercept = mean_y - line.slope * mean_t;
  for (const auto& point : points) {
    const double residual = point.value - line.intercept - line.slope * point.time;
    line.residual_squares += residual * residual;
  }
  return line;
}

// A fixed wiggle standing in for noise, so the test is deterministic.
double Wiggle(int k) {
  static const double values[] = {0.3, -0.2, 0.1, -0.4, 0.25, -0.1, 0.05, 0.35, -0.3, 0.15, -0.05, 0.2};
  return values[k % 12];
}

// A series with a known break: 2 + 0.5 (t - 2000) before 2008, then 3 higher and 1.5 steeper.
std::vector<SeriesPoint> BrokenSeries(bool noisy) {
  std::vector<SeriesPoint> points;
  for (int year = 2000; year <= 2015; ++year) {
    double value = 2 + 0.5 * (year - 2000);
    if (year >= 2008) value += 3 + 1.5 * (year - 2008);
    if (noisy) value += Wiggle(year - 2000);
    points.push_back({static_cast<double>(year), value});
  }
  return points;
}

TEST(SegmentedBreakTest, RecoversAKnownBreakExactly) {
  const auto test = SegmentedBreak(BrokenSeries(false), 2008);
  ASSERT_TRUE(test.has_value());
  EXPECT_EQ(test->n, 16u);
  EXPECT_EQ(test->n_before, 8u);
  EXPECT_NEAR(test->level_shift, 3, 1e-9);
  EXPECT_NEAR(test->slope_change, 1.5, 1e-9);
  EXPECT_LT(test->p_joint, 1e-12);  // an exact fit leaves no doubt
}

// The joint test is the Chow test: the same F as fitting the two segments apart, with the F(2, d) tail
// (1 + 2F/d)^(-d/2) in closed form; the jump and slope change are the two lines' difference at the break.
TEST(SegmentedBreakTest, MatchesTheChowTestOfTwoSeparateLines) {
  const auto points = BrokenSeries(true);
  const auto test = SegmentedBreak(points, 2008);
  ASSERT_TRUE(test.has_value());
  const std::vector<SeriesPoint> before(points.begin(), points.begin() + 8);
  const std::vector<SeriesPoint> after(points.begin() + 8, points.end());
  const Line pooled = FitLine(points);
  const Line first = FitLine(before);
  const Line second = FitLine(after);
  const double separate = first.residual_squares + second.residual_squares;
  const double degrees = 16 - 4;
  const double f = ((pooled.residual_squares - separate) / 2) / (separate / degrees);
  EXPECT_NEAR(test->f_statistic, f, 1e-6 * f);
  EXPECT_NEAR(test->p_joint, std::pow(1 + 2 * f / degrees, -degrees / 2), 1e-12);
  EXPECT_LT(test->p_joint, 0.001);
  EXPECT_NEAR(test->level_shift,
              (second.intercept + second.slope * 2008) - (first.intercept + first.slope * 2008), 1e-9);
  EXPECT_NEAR(test->slope_change, second.slope - first.slope, 1e-9);
  EXPECT_LT(test->p_level, 0.001);
  EXPECT_LT(test->p_slope, 0.001);
}

// With 6 points there are 2 residual degrees of freedom, where the t tail has a closed form:
// p = 1 - |t| / sqrt(t^2 + 2). A straight line with noise shows no break.
TEST(SegmentedBreakTest, NoBreakInAStraightLine) {
  std::vector<SeriesPoint> points;
  for (int k = 0; k < 6; ++k) points.push_back({2000.0 + k, 1 + 0.2 * k + Wiggle(k)});
  const auto test = SegmentedBreak(points, 2003);
  ASSERT_TRUE(test.has_value());
  const Line first = FitLine({points.begin(), points.begin() + 3});
  const Line second = FitLine({points.begin() + 3, points.end()});
  const double variance = (first.residual_squares + second.residual_squares) / 2;
  // Var(slope change) = s^2 (1/Sxx1 + 1/Sxx2); each segment of times 0, 1, 2 has Sxx = 2.
  const double t = (second.slope - first.slope) / std::sqrt(variance * (0.5 + 0.5));
  EXPECT_NEAR(test->slope_change, second.slope - first.slope, 1e-9);
  EXPECT_NEAR(test->p_slope, 1 - std::abs(t) / std::sqrt(t * t + 2), 1e-9);
  EXPECT_GT(test->p_joint, 0.05);
}

TEST(SegmentedBreakTest, NeedsThreePointsOnEachSide) {
  const auto points = BrokenSeries(true);
  EXPECT_FALSE(SegmentedBreak(points, 2002).has_value());  // two points before
  EXPECT_FALSE(SegmentedBreak(points, 2014).has_value());  // two points after
  EXPECT_TRUE(SegmentedBreak(points, 2003).has_value());
}

}  // namespace
}  // namespace linkage
