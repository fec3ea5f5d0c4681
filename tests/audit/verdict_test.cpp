#include "audit/verdict.hpp"

#include <gtest/gtest.h>

namespace linkage {
namespace {

TEST(Verdict, ToleranceRules) {
  const PrintedValue seventeen = *ParsePrinted("17");
  EXPECT_EQ(Judge(17.1, seventeen, Relation::kApprox, Unit::kPercent), Verdict::kHolds);    // within 1%
  EXPECT_EQ(Judge(16.6, seventeen, Relation::kApprox, Unit::kPercent), Verdict::kHolds);    // rounds to 17
  EXPECT_EQ(Judge(16.4, seventeen, Relation::kApprox, Unit::kPercent), Verdict::kClose);    // 3.5% off
  EXPECT_EQ(Judge(15.2, seventeen, Relation::kApprox, Unit::kPercent), Verdict::kDiffers);  // 10.6% off
  const PrintedValue share = *ParsePrinted("13.6");
  EXPECT_EQ(share.decimals, 1);
  EXPECT_EQ(Judge(13.56, share, Relation::kApprox, Unit::kPercent), Verdict::kHolds);
  EXPECT_EQ(Judge(13.2, share, Relation::kApprox, Unit::kPercent), Verdict::kClose);
}

TEST(Verdict, BoundsAndRanks) {
  const PrintedValue third = *ParsePrinted("33.3");
  EXPECT_EQ(Judge(36.6, third, Relation::kAtLeast, Unit::kPercent), Verdict::kHolds);
  EXPECT_EQ(Judge(31.0, third, Relation::kAtLeast, Unit::kPercent), Verdict::kClose);
  EXPECT_EQ(Judge(25.0, third, Relation::kAtLeast, Unit::kPercent), Verdict::kDiffers);
  EXPECT_EQ(Judge(30.0, third, Relation::kAtMost, Unit::kPercent), Verdict::kHolds);
  EXPECT_EQ(Judge(2, *ParsePrinted("2"), Relation::kApprox, Unit::kRank), Verdict::kHolds);
  EXPECT_EQ(Judge(3, *ParsePrinted("2"), Relation::kApprox, Unit::kRank), Verdict::kDiffers);
  EXPECT_FALSE(ParseRelation("roughly").has_value());
}

TEST(Verdict, PrintedUnits) {
  const PrintedUnit million = ParsePrintedUnit("million USD");
  EXPECT_EQ(million.base, Unit::kUsd);
  EXPECT_DOUBLE_EQ(*ExpressIn({6537e6, Unit::kUsd}, million), 6537);
  EXPECT_DOUBLE_EQ(*ExpressIn({0.17, Unit::kFraction}, ParsePrintedUnit("percent")), 17);
  EXPECT_FALSE(ExpressIn({1.5, Unit::kPercent}, ParsePrintedUnit("billion USD")).has_value());
}

}  // namespace
}  // namespace linkage
