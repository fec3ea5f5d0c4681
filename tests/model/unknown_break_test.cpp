#include "model/unknown_break.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace linkage {
namespace {

// 2000-2019: a gentle line with a fixed wiggle, and the same with a jump of 5 from 2012 on.
std::vector<SeriesPoint> Series(double jump) {
  std::vector<SeriesPoint> points;
  for (int year = 2000; year < 2020; ++year) {
    const double wiggle = 0.3 * std::sin(1.7 * year);
    points.push_back(
        {static_cast<double>(year), 1 + 0.1 * (year - 2000) + wiggle + (year >= 2012 ? jump : 0)});
  }
  return points;
}

// The statistic is the largest of the Chow F's that SegmentedBreak computes at each candidate on its own
// (another solver), over the 14 years that leave at least 3 on each side (15% of 20 is 3).
TEST(UnknownBreakTest, SupFIsTheLargestChowFOverTheTrimmedDates) {
  const auto points = Series(5);
  const auto test = SupFBreak(points);
  ASSERT_TRUE(test.has_value());
  EXPECT_EQ(test->candidates, 15u);  // 2003..2017
  double largest = 0;
  double at = 0;
  for (int year = 2003; year <= 2017; ++year) {
    const auto chow = SegmentedBreak(points, year);
    ASSERT_TRUE(chow.has_value());
    if (chow->f_statistic > largest) {
      largest = chow->f_statistic;
      at = year;
    }
  }
  EXPECT_NEAR(test->sup_f, largest, 1e-8 * largest);
  EXPECT_EQ(test->strongest.break_time, at);
  EXPECT_EQ(at, 2012);
  EXPECT_LT(test->p_value, 0.01);                        // no draw of the line's residuals comes near
  EXPECT_EQ(test->p_value, SupFBreak(points)->p_value);  // seeded
}

TEST(UnknownBreakTest, NoBreakIsNotSignificantAndShortSeriesAreRefused) {
  const auto test = SupFBreak(Series(0));
  ASSERT_TRUE(test.has_value());
  EXPECT_GT(test->p_value, 0.05);
  const std::vector<SeriesPoint> short_series = {{2000, 1}, {2001, 2}, {2002, 1}, {2003, 3}, {2004, 2}};
  EXPECT_FALSE(SupFBreak(short_series).has_value());
}

}  // namespace
}  // namespace linkage
