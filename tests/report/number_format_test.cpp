#include "report/number_format.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace linkage {
namespace {

TEST(NumberFormatTest, DollarsTakeTheirScaleWithThreeDigits) {
  EXPECT_EQ(FormatUsd(16'400'000'000), "$16.4 bn");
  EXPECT_EQ(FormatUsd(5'142'656'000), "$5.14 bn");
  EXPECT_EQ(FormatUsd(512'000'000), "$512 m");
  EXPECT_EQ(FormatUsd(999'960'000), "$1 bn");  // rounds up to the next scale, not "$1,000 m"
  EXPECT_EQ(FormatUsd(2'300'000'000'000), "$2.3 tn");
  EXPECT_EQ(FormatUsd(3'400), "$3,400");
  EXPECT_EQ(FormatUsd(-1'200'000'000), "-$1.2 bn");
  EXPECT_EQ(FormatUsd(0), "$0");
  EXPECT_EQ(FormatUsd(NAN), "");
}

TEST(NumberFormatTest, SharesArePercentagesWithDecimalsOnlyUnderTen) {
  EXPECT_EQ(FormatShare(0.171), "17%");
  EXPECT_EQ(FormatShare(0.034), "3.4%");
  EXPECT_EQ(FormatShare(0.0996), "10%");  // 9.96% rounds to 10.0: no decimal from there
  EXPECT_EQ(FormatShare(0.0003), "< 0.1%");
  EXPECT_EQ(FormatShare(0), "0.0%");
  EXPECT_EQ(FormatShare(1), "100%");
}

TEST(NumberFormatTest, PValuesAndScores) {
  EXPECT_EQ(FormatPValue(0.00014), "< 0.001");
  EXPECT_EQ(FormatPValue(0.0230618), "0.023");
  EXPECT_EQ(FormatScore(45.24), "45.2");
  EXPECT_EQ(FormatScore(100), "100");
  EXPECT_EQ(FormatScore(-0.01), "0");
}

TEST(NumberFormatTest, QuantitiesKeepWholeNumbersAndThreeSignificantDigits) {
  EXPECT_EQ(FormatQuantity(1234567), "1,234,567");
  EXPECT_EQ(FormatQuantity(0.363479), "0.363");
  EXPECT_EQ(FormatQuantity(12.5), "12.5");
  EXPECT_EQ(FormatQuantity(150.4), "150");
  EXPECT_EQ(FormatQuantity(0.000123456), "0.000123");
  EXPECT_EQ(FormatQuantity(-5.251379463202946e-16), "-5.25e-16");
  EXPECT_EQ(FormatQuantity(6.57816245539679e+29), "6.58e+29");
  EXPECT_EQ(FormatQuantity(-2.5), "-2.5");
  EXPECT_EQ(FormatQuantity(0), "0");
}

}  // namespace
}  // namespace linkage
