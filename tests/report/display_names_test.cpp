#include "report/display_names.hpp"

#include <gtest/gtest.h>

namespace linkage {
namespace {

Actor Named(const std::string& id, const std::string& name, ActorKind kind = ActorKind::kState) {
  Actor actor;
  actor.id = id;
  actor.name = name;
  actor.kind = kind;
  return actor;
}

TEST(DisplayNamesTest, ShortNamesDropTheFormalPart) {
  EXPECT_EQ(ShortName(Named("IRN", "Iran, Islamic Republic of")), "Iran");
  EXPECT_EQ(ShortName(Named("BOL", "Bolivia, Plurinational State of")), "Bolivia");
  EXPECT_EQ(ShortName(Named("KOR", "Korea, Republic of")), "South Korea");
  EXPECT_EQ(ShortName(Named("PRK", "Korea, Democratic People's Republic of")), "North Korea");
  EXPECT_EQ(ShortName(Named("RUS", "Russian Federation")), "Russia");
  EXPECT_EQ(ShortName(Named("KAZ", "Kazakhstan")), "Kazakhstan");
  // An aggregate's and a historic state's commas are part of what they are.
  EXPECT_EQ(
      ShortName(Named("MEA", "Middle East, North Africa, Afghanistan & Pakistan", ActorKind::kAggregate)),
      "Middle East, North Africa, Afghanistan & Pakistan");
  EXPECT_EQ(
      ShortName(Named("YPR", "Yemen, Democratic, People's Democratic Republic of", ActorKind::kHistoric)),
      "Yemen, Democratic, People's Democratic Republic of");
}

TEST(DisplayNamesTest, RegionsAndPossessives) {
  EXPECT_EQ(RegionTitle("central-asia"), "Central Asia");
  EXPECT_EQ(RegionTitle("m49-latin-america-and-the-caribbean"), "Latin America and the Caribbean (UN M49)");
  EXPECT_EQ(RegionTitle("wb-sub-saharan-africa"), "Sub-Saharan Africa (World Bank)");
  EXPECT_EQ(RegionTitle("wb-income-upper-middle"), "Upper Middle income (World Bank)");
  EXPECT_EQ(CaseTitle("China", "Kazakhstan", "central-asia"), "China and Kazakhstan in Central Asia");
  EXPECT_EQ(CaseTitle("China", "Kazakhstan", ""), "China and Kazakhstan");
  EXPECT_EQ(Possessive("Kazakhstan"), "Kazakhstan's");
  EXPECT_EQ(Possessive("United States"), "United States'");
}

TEST(DisplayNamesTest, PickerGroupsCountriesBlocsAndAggregates) {
  EXPECT_EQ(PickerGroup(Named("KAZ", "Kazakhstan")), "country");
  EXPECT_EQ(PickerGroup(Named("PRI", "Puerto Rico", ActorKind::kTerritory)), "country");
  EXPECT_EQ(PickerGroup(Named("SUN", "USSR", ActorKind::kHistoric)), "historic");
  EXPECT_EQ(PickerGroup(Named("EUU", "European Union", ActorKind::kAggregate)), "bloc");
  EXPECT_EQ(PickerGroup(Named("HIC", "High income", ActorKind::kAggregate)), "aggregate");
}

}  // namespace
}  // namespace linkage
