#include "indicators/term.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace linkage {
namespace {

Term Read(double value, std::int64_t line, bool estimated = false) {
  Observation observation;
  observation.value = value;
  observation.estimated = estimated;
  observation.dataset = "test";
  observation.sources.push_back({"test", 1, line, ""});
  return Term::Of(observation, "read line " + std::to_string(line));
}

TEST(TermTest, ArithmeticCarriesProvenanceAndEstimates) {
  const Term sum = Add(Read(2, 10), Read(3, 11, true));
  ASSERT_TRUE(sum.value.has_value());
  EXPECT_DOUBLE_EQ(*sum.value, 5);
  EXPECT_TRUE(sum.estimated);
  ASSERT_EQ(sum.sources.size(), 2u);
  EXPECT_EQ(sum.steps.size(), 2u);
  // The same stored row used twice is listed once.
  const Term ratio = Divide(Read(2, 10), sum);
  EXPECT_DOUBLE_EQ(*ratio.value, 0.4);
  EXPECT_EQ(ratio.sources.size(), 2u);
  const Term product = Multiply(Read(1.5, 12), Read(4, 13, true));
  EXPECT_DOUBLE_EQ(*product.value, 6);
  EXPECT_TRUE(product.estimated);
  EXPECT_EQ(product.sources.size(), 2u);
}

TEST(TermTest, AMissingInputMakesTheResultMissingWithItsReason) {
  const Term missing = Term::Missing("KAZ's reported exports to CHN in 1990 is not in the workspace");
  for (const Term& result :
       {Add(Read(1, 1), missing), Subtract(missing, Read(1, 1)), Multiply(Read(1, 1), missing),
        Divide(Read(1, 1), missing), Sum({Read(1, 1), missing, Read(2, 2)})}) {
    EXPECT_FALSE(result.value.has_value());
    EXPECT_EQ(result.missing, missing.missing);
  }
  const Term by_zero = Divide(Read(1, 1), Read(0, 2));
  EXPECT_FALSE(by_zero.value.has_value());
  EXPECT_EQ(by_zero.missing, "the denominator is zero");
}

TEST(TermTest, GrowthRatesByHand) {
  EXPECT_DOUBLE_EQ(*Growth(Read(100, 1), Read(150, 2)).value, 0.5);
  // 100 -> 121 over two years is 10% a year.
  EXPECT_NEAR(*CompoundGrowth(Read(100, 1), Read(121, 2), 2).value, 0.1, 1e-12);
  const Term negative = CompoundGrowth(Read(-10, 1), Read(20, 2), 3);
  EXPECT_FALSE(negative.value.has_value());
  EXPECT_EQ(negative.missing, "a compound rate needs a positive start and end");
}

TEST(TermTest, ConcentrationAndEvennessByHand) {
  EXPECT_DOUBLE_EQ(HerfindahlIndex({1, 1, 1, 1}), 0.25);
  EXPECT_DOUBLE_EQ(HerfindahlIndex({5}), 1.0);
  EXPECT_NEAR(HerfindahlIndex({30, 10}), 0.75 * 0.75 + 0.25 * 0.25, 1e-15);
  EXPECT_NEAR(NormalisedEntropy({2, 2, 2}), 1.0, 1e-15);
  EXPECT_NEAR(NormalisedEntropy({1, 0}), 0.0, 1e-15);
  EXPECT_NEAR(NormalisedEntropy({30, 10}), -(0.75 * std::log(0.75) + 0.25 * std::log(0.25)) / std::log(2.0),
              1e-15);
}

}  // namespace
}  // namespace linkage
