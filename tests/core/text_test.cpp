#include "core/text.hpp"

#include <gtest/gtest.h>

namespace linkage {
namespace {

TEST(Text, ParsesWholeNumbersOnly) {
  EXPECT_DOUBLE_EQ(*text::ParseDouble(" 12.5 "), 12.5);
  EXPECT_DOUBLE_EQ(*text::ParseDouble("-3e2"), -300);
  EXPECT_FALSE(text::ParseDouble("12,5").has_value());
  EXPECT_FALSE(text::ParseDouble("twelve").has_value());
  EXPECT_FALSE(text::ParseDouble("").has_value());
  EXPECT_EQ(*text::ParseInteger("2019"), 2019);
  EXPECT_FALSE(text::ParseInteger("19x9").has_value());
}

TEST(Text, NormalizesNamesForMatching) {
  EXPECT_EQ(text::NormalizeName("Kazakhstan, Rep. of"), "kazakhstan rep of");
  EXPECT_EQ(text::NormalizeName("C\xC3\xB4te d'Ivoire"), "cote divoire");
  EXPECT_EQ(text::NormalizeName("  China,  P.R.: Mainland "), "china p r mainland");
}

TEST(Text, ConvertsLatin1) {
  EXPECT_EQ(text::Latin1ToUtf8("C\xF4te"), "C\xC3\xB4te");
}

TEST(Text, EditDistance) {
  EXPECT_EQ(text::EditDistance("kazakstan", "kazakhstan"), 1u);
  EXPECT_EQ(text::EditDistance("", "abc"), 3u);
  EXPECT_EQ(text::EditDistance("same", "same"), 0u);
}

TEST(Text, FormatsNumbers) {
  EXPECT_EQ(text::FormatNumber(7.742211), "7.74221");
  EXPECT_EQ(text::FormatNumber(6346.496276), "6346.5");
  EXPECT_EQ(text::FormatNumber(120000), "120000");
  EXPECT_EQ(text::FormatNumber(0.0), "0");
  EXPECT_EQ(text::FormatNumber(9.9431e-121), "9.9431e-121");
  EXPECT_EQ(text::FormatNumber(0.00000012345), "1.2345e-07");
  EXPECT_EQ(text::FormatNumber(0.000012345), "0.000012345");
}

}  // namespace
}  // namespace linkage
