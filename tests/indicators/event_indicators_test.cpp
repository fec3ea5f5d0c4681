#include "indicators/event_indicators.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::Fixture;

class EventIndicatorsTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "gdelt1", Fixture("events/gdelt1_small.tsv"));
  }
  static std::map<std::string, IndicatorRecord> Keyed(const std::vector<IndicatorRecord>& records) {
    std::map<std::string, IndicatorRecord> keyed;
    for (const auto& record : records) {
      keyed.emplace(fmt::format("{}@{}", record.indicator,
                                record.period.empty() ? std::to_string(record.year) : record.period),
                    record);
    }
    return keyed;
  }
};

// KAZ-CHN in 2019 (tests/data/events/gdelt1_small.tsv): 042 (quad 1, 1.9) and 0231 (quad 1, 3.4) in March,
// 172 (quad 4, -5.0) in April, in either direction. The RUS, one-sided, domestic and West Bank rows are not
// KAZ-CHN events.
TEST_F(EventIndicatorsTest, DyadYearByHand) {
  const auto r = Keyed(ComputeEventIndicators(*database, "KAZ", "CHN", 2019, 2019));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_total@2019"), 3);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_verbal_cooperation@2019"), 2);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_material_cooperation@2019"), 0);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_material_conflict@2019"), 1);
  EXPECT_NEAR(testing::ValueOf(r, "goldstein_sum@2019"), 0.3, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "goldstein_mean@2019"), 0.1, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "cooperation_share@2019"), 2.0 / 3.0, 1e-12);
  EXPECT_EQ(r.at("events_total@2019").sources.size(), 3u);
}

// By month: March has two events (mean 2.65), April one; May has no event of any dyad, so the data do not
// cover it and the values are missing rather than zero. November has RUS-KAZ data but no KAZ-CHN event: 0.
TEST_F(EventIndicatorsTest, DyadMonth) {
  const auto r = Keyed(ComputeEventIndicators(*database, "CHN", "KAZ", 2019, 2019, {true, ""}));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_total@2019-03"), 2);
  EXPECT_NEAR(testing::ValueOf(r, "goldstein_mean@2019-03"), 2.65, 1e-12);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_total@2019-04"), 1);
  EXPECT_FALSE(r.at("events_total@2019-05").value.has_value());
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_total@2019-11"), 0);
  EXPECT_FALSE(r.at("goldstein_mean@2019-11").value.has_value());
  EXPECT_EQ(r.size(), 12u * 8u);
}

// Material cooperation of RUS and KAZ (062, quad 2, 7.4) in 2019; a dataset filter that matches nothing.
TEST_F(EventIndicatorsTest, OtherDyadAndDatasetFilter) {
  const auto r = Keyed(ComputeEventIndicators(*database, "RUS", "KAZ", 2019, 2019));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "events_material_cooperation@2019"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "cooperation_share@2019"), 1);
  const auto icews = Keyed(ComputeEventIndicators(*database, "RUS", "KAZ", 2019, 2019, {false, "icews"}));
  EXPECT_FALSE(icews.at("events_total@2019").value.has_value());
}

}  // namespace
}  // namespace linkage
