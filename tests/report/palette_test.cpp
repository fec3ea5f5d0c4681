#include "report/palette.hpp"

#include <gtest/gtest.h>

#include <set>

namespace linkage {
namespace {

TEST(PaletteTest, LargePowersKeepTheirColourInEverySelection) {
  const ActorPalette first({"CHN", "RUS", "USA"});
  const ActorPalette second({"TUR", "USA", "IRN", "CHN"});
  EXPECT_EQ(first.Colour("CHN"), "#D55E00");
  EXPECT_EQ(second.Colour("CHN"), "#D55E00");
  EXPECT_EQ(first.Colour("USA"), second.Colour("USA"));
  // The others take the free colours in order: blue and vermillion are taken, so Türkiye gets green and
  // Iran purple.
  EXPECT_EQ(second.Colour("TUR"), "#009E73");
  EXPECT_EQ(second.Colour("IRN"), "#CC79A7");
  EXPECT_EQ(second.Colour("XXX"), std::string(kRestColour));
}

TEST(PaletteTest, NineActorsGetNineDistinctColoursAndRepeatsKeepTheirFirst) {
  const ActorPalette palette({"A", "B", "C", "D", "E", "F", "G", "H", "I", "A"});
  std::set<std::string> colours;
  for (const auto& [id, colour] : palette.Entries()) colours.insert(colour);
  EXPECT_EQ(palette.Entries().size(), 9u);
  EXPECT_EQ(colours.size(), 9u);
  EXPECT_EQ(palette.Colour("A"), "#0072B2");
}

TEST(PaletteTest, ScoresAndSeriesHaveFixedColours) {
  EXPECT_EQ(ScoreColour("bandwidth"), ScoreColour("economic_bandwidth"));
  EXPECT_EQ(ScoreColour("dependence"), "#CC6677");
  EXPECT_EQ(ScoreColour("linkage"), "#1A1A1A");
  EXPECT_EQ(SeriesColours(10).size(), 10u);
  EXPECT_EQ(SeriesColours(10)[9], SeriesColours(1)[0]);
}

}  // namespace
}  // namespace linkage
