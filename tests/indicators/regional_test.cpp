#include "indicators/regional.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// A two-member region "testland" (FRA, ITA) facing CHN and RUS; values worked out by hand.
class RegionalTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", Fixture("indicators/region_flows.csv"));
    RunImport(*database, "series", Fixture("indicators/region_series.csv"));
    RunImport(*database, "regions", Fixture("indicators/regions.csv"));
  }

  static std::map<std::string, IndicatorRecord> Index(const std::vector<IndicatorRecord>& records) {
    std::map<std::string, IndicatorRecord> index;
    for (const auto& record : records) {
      index.emplace(
          fmt::format("{}:{}:{}:{}", record.indicator, record.reporter, record.partner, record.year), record);
    }
    return index;
  }
};

TEST_F(RegionalTest, ActorAndRegion) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto r = Index(ComputeRegionIndicators(*database, terms, "CHN", "testland", 2019, 2019, {}));
  EXPECT_NEAR(testing::ValueOf(r, "actor_share_of_region_trade:CHN:testland:2019"), 80.0 / 500, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "region_dependence_on_actor:testland:CHN:2019"), 80.0 / 1500, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "member_share_of_actor_region_trade:FRA:CHN:2019"), 0.5, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "member_share_of_actor_region_trade:ITA:CHN:2019"), 0.5, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "intra_regional_trade_share:testland:testland:2019"), 50.0 / 300, 1e-12);
}

TEST_F(RegionalTest, PowersFacingTheRegion) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto r = Index(ComputeSystemIndicators(*database, terms, "testland", {"CHN", "RUS"}, 2018, 2019, {}));
  EXPECT_NEAR(testing::ValueOf(r, "power_share_of_trade:FRA:CHN:2019"), 40.0 / 200, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "power_share_of_trade:FRA:RUS:2019"), 10.0 / 200, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "partner_hhi:FRA:powers:2019"), 0.8 * 0.8 + 0.2 * 0.2, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "multivector_index:FRA:powers:2019"),
              -(0.8 * std::log(0.8) + 0.2 * std::log(0.2)) / std::log(2.0), 1e-12);
  const double p = 80.0 / 130;
  EXPECT_NEAR(testing::ValueOf(r, "partner_hhi:testland:powers:2019"), p * p + (1 - p) * (1 - p), 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "multivector_index:testland:powers:2019"),
              -(p * std::log(p) + (1 - p) * std::log(1 - p)) / std::log(2.0), 1e-12);
  // CHN (4 in 2018, 80 in 2019) passes RUS (40, then 50) in 2019.
  EXPECT_NEAR(testing::ValueOf(r, "overtakes:CHN:RUS:2019"), 30.0, 1e-12);
  EXPECT_EQ(r.count("overtakes:RUS:CHN:2019"), 0u);
}

TEST_F(RegionalTest, MultivectorIndexLiesBetweenZeroAndOne) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  // ITA in 2018 trades 2 with CHN and 20 with RUS: uneven, so strictly between 0 and 1.
  const auto r = Index(ComputeSystemIndicators(*database, terms, "testland", {"CHN", "RUS"}, 2018, 2018, {}));
  EXPECT_LT(testing::ValueOf(r, "multivector_index:ITA:powers:2018"), 1.0);
  EXPECT_GT(testing::ValueOf(r, "multivector_index:ITA:powers:2018"), 0.0);
}

TEST_F(RegionalTest, SpreadOverAllPartnerCountries) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto r = Index(ComputeSystemIndicators(*database, terms, "testland", {"CHN", "RUS"}, 2019, 2019, {}));
  // FRA's partners in 2019: CHN 40, RUS 10, ITA 50 (20 + 30); WLD is an aggregate, not a partner.
  EXPECT_NEAR(testing::ValueOf(r, "partner_hhi:FRA:all:2019"), 0.4 * 0.4 + 0.1 * 0.1 + 0.5 * 0.5, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "multivector_index:FRA:all:2019"),
              -(0.4 * std::log(0.4) + 0.1 * std::log(0.1) + 0.5 * std::log(0.5)) / std::log(3.0), 1e-12);
  EXPECT_EQ(r.at("partner_hhi:FRA:all:2019").note, "3 partner countries with trade in user");
  // ITA trades 40 with CHN and RUS and reports exports to FRA (30) but no imports: FRA counts with its
  // exports, and the note says so.
  EXPECT_NEAR(testing::ValueOf(r, "partner_hhi:ITA:all:2019"),
              (40.0 * 40 + 40 * 40 + 30 * 30) / (110.0 * 110), 1e-12);
  EXPECT_EQ(r.at("partner_hhi:ITA:all:2019").note,
            "3 partner countries with trade in user; 1 with a flow reported in one direction only");
}

TEST_F(RegionalTest, PartnerPerspectiveReadsTheOtherSidesReports) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  FlowChoices choices;
  choices.perspective = Perspective::kBoth;
  std::map<std::string, IndicatorRecord> r;
  for (const auto& record :
       ComputeRegionIndicators(*database, terms, "CHN", "testland", 2019, 2019, choices)) {
    r.emplace(fmt::format("{}:{}:{}", record.indicator, record.reporter, record.perspective), record);
  }
  EXPECT_NEAR(testing::ValueOf(r, "actor_share_of_region_trade:CHN:reporter"), 80.0 / 500, 1e-12);
  // CHN's reports of its trade with FRA (15 + 28) and ITA (20 + 20) over the world's reports of its trade
  // with FRA (110 + 90) and ITA (190 + 110).
  EXPECT_NEAR(testing::ValueOf(r, "actor_share_of_region_trade:CHN:partner"), 83.0 / 500, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "member_share_of_actor_region_trade:FRA:partner"), 43.0 / 83, 1e-12);
}

// Three members, of whom CHL reports no trade with the others and nobody reports trade with CHL: the
// intra-regional share is missing, unless the user counts unreported flows as zero, when it is
// (10 + 20) / (100 + 200 + 50) with the four flows named.
TEST_F(RegionalTest, IntraRegionalShareCountsUnreportedFlowsAsZeroOnlyWhenAsked) {
  RunImport(*database, "flows", Fixture("indicators/gap_flows.csv"));
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const std::vector<std::string> members = {"ARG", "BRA", "CHL"};
  const Term strict = IntraRegionalTradeShare(terms, members, 2005, {});
  EXPECT_FALSE(strict.value.has_value());
  EXPECT_NE(strict.missing.find("CHL"), std::string::npos) << strict.missing;
  FlowChoices zero;
  zero.unreported_as_zero = true;
  const Term counted = IntraRegionalTradeShare(terms, members, 2005, zero);
  ASSERT_TRUE(counted.value.has_value()) << counted.missing;
  EXPECT_NEAR(*counted.value, 30.0 / 350, 1e-12);
  EXPECT_EQ(
      TermNotes(counted),
      "no reported flow with ARG->CHL, BRA->CHL, CHL->ARG, CHL->BRA (left out of the sum: counted as zero)");
}

}  // namespace
}  // namespace linkage
