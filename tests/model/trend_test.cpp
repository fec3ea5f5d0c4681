#include "model/trend.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace linkage {
namespace {

// 1, 3, 2, 5, 4 at times 1-5: 8 concordant and 2 discordant pairs, S = 6; Var(S) = 5 x 4 x 15 / 18;
// Z = (6 - 1) / sqrt(Var); the ten pairwise slopes sorted are -1, -1, 1/3, 0.5, 0.75, 1, 1, 4/3, 2, 3, so
// Sen's slope is (0.75 + 1) / 2.
TEST(MannKendallTest, ByHand) {
  const auto test = MannKendall({{1, 1}, {2, 3}, {3, 2}, {4, 5}, {5, 4}});
  ASSERT_TRUE(test.has_value());
  EXPECT_EQ(test->n, 5u);
  EXPECT_DOUBLE_EQ(test->s, 6);
  EXPECT_NEAR(test->variance, 300.0 / 18.0, 1e-12);
  EXPECT_NEAR(test->z, 5 / std::sqrt(300.0 / 18.0), 1e-12);
  EXPECT_NEAR(test->p_value, std::erfc(test->z / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(test->p_value, 0.2207, 1e-4);  // the normal table at z = 1.2247
  EXPECT_NEAR(test->tau, 0.6, 1e-12);
  EXPECT_NEAR(test->sen_slope, 0.875, 1e-12);
}

// Ties: 1, 1, 2, 2, 3 has S = 8 and two groups of two tied values, removing 2 x (2 x 1 x 9) from
// n(n-1)(2n+5); the median of the slopes 0, 0, 1/3, 0.5, 0.5, 0.5, 0.5, 2/3, 1, 1 is 0.5.
TEST(MannKendallTest, TiesCorrectTheVariance) {
  const auto test = MannKendall({{2001, 1}, {2002, 1}, {2003, 2}, {2004, 2}, {2005, 3}});
  ASSERT_TRUE(test.has_value());
  EXPECT_DOUBLE_EQ(test->s, 8);
  EXPECT_NEAR(test->variance, (300.0 - 36.0) / 18.0, 1e-12);
  EXPECT_NEAR(test->z, 7 / std::sqrt(264.0 / 18.0), 1e-12);
  EXPECT_NEAR(test->sen_slope, 0.5, 1e-12);
}

// Order does not matter, a falling series has the opposite sign, and gaps in time scale the slope.
TEST(MannKendallTest, OrderSignAndUnevenTimes) {
  const auto falling = MannKendall({{2010, 5}, {2000, 9}, {2005, 7}, {2020, 1}});
  ASSERT_TRUE(falling.has_value());
  EXPECT_DOUBLE_EQ(falling->s, -6);
  EXPECT_LT(falling->z, 0);
  EXPECT_NEAR(falling->sen_slope, -0.4, 1e-12);  // every pair falls 0.4 a year
  EXPECT_NEAR(falling->sen_intercept, 9 + 0.4 * 2000, 1e-9);
  const auto flat = MannKendall({{1, 2}, {2, 2}, {3, 2}});
  ASSERT_TRUE(flat.has_value());
  EXPECT_DOUBLE_EQ(flat->z, 0);
  EXPECT_DOUBLE_EQ(flat->p_value, 1);
  EXPECT_FALSE(MannKendall({{1, 1}, {2, 2}}).has_value());
}

// The test alone, as the draws use it, gives the same S, variance, z, p and tau as the whole test, on points
// in any order (the ties of the second example included), and leaves Sen's slope out.
TEST(MannKendallTest, SignificanceAloneMatchesTheWholeTest) {
  const std::vector<std::vector<SeriesPoint>> series = {
      {{5, 4}, {1, 1}, {4, 5}, {2, 3}, {3, 2}},
      {{2004, 2}, {2001, 1}, {2005, 3}, {2002, 1}, {2003, 2}},
      {{2010, 5}, {2000, 9}, {2005, 7}, {2020, 1}}};
  for (const auto& points : series) {
    const auto whole = MannKendall(points);
    const auto alone = MannKendallSignificance(points);
    ASSERT_TRUE(whole.has_value() && alone.has_value());
    EXPECT_EQ(alone->n, whole->n);
    EXPECT_EQ(alone->s, whole->s);
    EXPECT_EQ(alone->variance, whole->variance);
    EXPECT_EQ(alone->z, whole->z);
    EXPECT_EQ(alone->p_value, whole->p_value);
    EXPECT_EQ(alone->tau, whole->tau);
    EXPECT_EQ(alone->sen_slope, 0);
  }
  EXPECT_FALSE(MannKendallSignificance({{1, 1}, {2, 2}}).has_value());
}

TEST(MannKendallTest, NormalTail) {
  EXPECT_NEAR(TwoSidedNormalP(1.959963985), 0.05, 1e-9);
  EXPECT_NEAR(TwoSidedNormalP(-2.575829304), 0.01, 1e-9);
}

// The worked example "A Mann-Kendall Example (By Hand)" (J. Little, College of the Holy Cross, after
// Gilbert 1987): 14 values with one tied pair give S = 54, Var(S) = (14 x 13 x 33 - 2 x 1 x 9) / 18 and
// Z = 2.9058, whose one-sided normal tail is 0.0018 (two-sided 0.0037).
TEST(MannKendallTest, TextbookExample) {
  const std::vector<double> values = {12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9,
                                      11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7};
  std::vector<SeriesPoint> points;
  for (std::size_t k = 0; k < values.size(); ++k) points.push_back({static_cast<double>(k + 1), values[k]});
  const auto test = MannKendall(points);
  ASSERT_TRUE(test.has_value());
  EXPECT_DOUBLE_EQ(test->s, 54);
  EXPECT_NEAR(test->variance, (14.0 * 13 * 33 - 18) / 18, 1e-9);
  EXPECT_NEAR(test->z, 2.9058, 5e-5);
  EXPECT_NEAR(test->p_value / 2, 0.0018, 5e-5);
}

}  // namespace
}  // namespace linkage
