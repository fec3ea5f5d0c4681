#include "audit/expression.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace linkage {
namespace {

TEST(Expression, ParsesCallsOptionsRangesAndArithmetic) {
  EXPECT_EQ(ParseExpression("share(exports, KAZ, CHN, 2019, product=2844)", "f", 1)->ToString(),
            "share(exports, KAZ, CHN, 2019, product=2844)");
  EXPECT_EQ(ParseExpression("mean(NY.GDP.MKTP.KD.ZG, KAZ, 2000..2013)", "f", 1)->ToString(),
            "mean(NY.GDP.MKTP.KD.ZG, KAZ, 2000..2013)");
  EXPECT_EQ(ParseExpression("flow(imports,KAZ,RUS,2019)/series(NY.GDP.MKTP.CD,KAZ,2019)", "f", 1)->ToString(),
            "(flow(imports, KAZ, RUS, 2019) / series(NY.GDP.MKTP.CD, KAZ, 2019))");
  EXPECT_EQ(ParseExpression("1 + 2 * 3 - -4", "f", 1)->ToString(), "((1 + (2 * 3)) - -4)");
  EXPECT_EQ(ParseExpression("flow(exports, KAZ, CHN, ?)", "f", 1)->ToString(), "flow(exports, KAZ, CHN, ?)");
  EXPECT_EQ(ParseExpression("flow(exports, KAZ, CHN, $year, product=$hs2)", "f", 1)->ToString(),
            "flow(exports, KAZ, CHN, $year, product=$hs2)");
  EXPECT_EQ(
      ParseExpression("flow(exports, KAZ, CHN, 2019, product=0101)", "f", 1)->options.at("product")->word,
      "0101");
}

TEST(Expression, ErrorsPointAtTheCharacter) {
  try {
    ParseExpression("share(exports, KAZ, CHN, 2019", "claims.csv", 4);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 4u);
    EXPECT_NE(std::string(error.what()).find("expected ')'"), std::string::npos);
  }
  EXPECT_THROW(ParseExpression("flow(exports, KAZ) )", "f", 1), InputError);
  EXPECT_THROW(ParseExpression("mean(X, KAZ, 2013..2000)", "f", 1), InputError);
  EXPECT_THROW(ParseExpression("", "f", 1), InputError);
}

}  // namespace
}  // namespace linkage
