#include "report/headlines.hpp"

#include <gtest/gtest.h>

namespace linkage {
namespace {

constexpr std::size_t kLinkage = 8;

// Powers P and Q facing B in 2000-2007. P's share of B's trade: 5%, 10%, 20%, ..., Q's missing in 2000 (the
// year B's reports leave Q out, which inflates P's share to 60%). P's linkage with B rises by 2 a year from
// 30; the powers' shares of linkage: P 40%, Q 60% in the last year.
LinkageRun HandRun() {
  LinkageRun run;
  run.design.actor = "P";
  run.design.pivot = "B";
  run.design.powers = {"P", "Q"};
  run.spec.components = {{"trade_share", ScoreDimension::kEconomic, ScoreRole::kDependence, 1}};
  for (int year = 2000; year <= 2007; ++year) {
    const double share = year == 2000 ? 0.6 : 0.05 * (year - 2000);
    run.traced.panel.units.push_back({"P", "B", year});
    run.traced.panel.values.push_back({share});
    run.traced.panel.units.push_back({"Q", "B", year});
    run.traced.panel.values.push_back({year == 2000 ? std::nullopt : std::optional<double>(0.3)});
    run.rows.push_back({"dyad", "score", "P", "B", year, kLinkage, 30.0 + 2 * (year - 2000), 1, {}, ""});
  }
  run.rows.push_back({"system", "power_share", "P", "B", 2007, kLinkage, 0.4, 1, {}, ""});
  run.rows.push_back({"system", "power_share", "Q", "B", 2007, kLinkage, 0.6, 1, {}, ""});
  return run;
}

const ChartStyle kStyle{ActorPalette({"P", "Q"}), {{"P", "Pland"}, {"Q", "Qland"}, {"B", "Bland"}}};

TEST(HeadlinesTest, EachFindingIsASentenceWithFormattedNumbers) {
  const LinkageRun run = HandRun();
  const auto tests = TestScoreSeries(run.rows, nullptr, {});
  const auto headlines = Headlines(run, tests, {}, {"P", "B", 2000, 2007}, kStyle);
  ASSERT_EQ(headlines.size(), 3u);
  // 2000 is left out: Q's share is missing, so P's 60% is not comparable with the later years.
  EXPECT_EQ(headlines[0].text, "Pland's share of Bland's trade rose from 5.0% in 2001 to 35% in 2007.");
  EXPECT_NE(headlines[0].detail.find("Qland 30%"), std::string::npos) << headlines[0].detail;
  EXPECT_NE(headlines[0].detail.find("Not compared: 2000"), std::string::npos) << headlines[0].detail;
  // A perfectly monotone series of 8 years: S = 28, Var(S) = 8 x 7 x 21 / 18 = 65.33, z = 27 / 8.083 = 3.340,
  // two-sided p = 0.00084; Sen's slope 2.
  EXPECT_EQ(headlines[1].text,
            "Pland's linkage with Bland rose by 2.0 points a year over 2000-2007 (p < 0.001), to 44 of 100 "
            "in 2007.");
  EXPECT_NE(headlines[1].detail.find("Mann-Kendall"), std::string::npos);
  EXPECT_EQ(
      headlines[2].text,
      "In 2007 Qland held the largest share of the two powers' linkage with Bland, 60%; Pland held 40%.");
}

TEST(HeadlinesTest, NoFindingWithoutTheDataForIt) {
  LinkageRun run = HandRun();
  run.rows.clear();  // no scores, no shares
  const auto headlines = Headlines(run, {}, {}, {"P", "B", 2000, 2007}, kStyle);
  ASSERT_EQ(headlines.size(), 1u);  // the trade shares alone
  EXPECT_NE(headlines[0].text.find("share of Bland's trade"), std::string::npos);
}

TEST(HeadlinesTest, TheRegionFindingNamesTheShareAndTheRank) {
  PivotRole role;
  role.members = 5;
  role.strength_rank = 2;
  role.actor_region_betweenness_rank = 1;
  role.share_of_actor_trade.value = 0.562;
  const auto headline = RegionHeadline(role, "central-asia", 2020, {"P", "B", 2000, 2020}, kStyle);
  ASSERT_TRUE(headline);
  EXPECT_EQ(headline->text,
            "In 2020 Bland carried 56% of the trade of the members of Central Asia with Pland, and ranked "
            "second of "
            "5 by trade strength.");
  role.share_of_actor_trade = Term::Missing("no trade");
  EXPECT_FALSE(RegionHeadline(role, "central-asia", 2020, {"P", "B", 2000, 2020}, kStyle));
}

}  // namespace
}  // namespace linkage
