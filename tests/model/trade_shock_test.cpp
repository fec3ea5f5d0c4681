#include "model/trade_shock.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace linkage {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// Three countries: A sells 50 to B and 30 to C, B sells 20 to A and 10 to C, C sells 40 to A and 5 to B;
// GDP 1000, 200 and 400.
TradeShockWorld World() {
  TradeShockWorld world;
  world.countries = {"A", "B", "C"};
  world.flows.resize(3, 3);
  world.flows << kMissing, 50, 30, 20, kMissing, 10, 40, 5, kMissing;
  world.gdp.resize(3);
  world.gdp << 1000, 200, 400;
  return world;
}

// B's imports from A fall by 10%: A loses 5 directly, B buys 5 less. Income spent abroad per dollar,
// A_ik = X_ik / GDP_k: column A (0, 0.02, 0.04), column B (0.25, 0, 0.025), column C (0.075, 0.025, 0). The
// second round is A d = 5 x column A = (0, 0.1, 0.2). All rounds solve (I - A) L = (5, 0, 0):
//   L_A - 0.25 L_B - 0.075 L_C = 5,  -0.02 L_A + L_B - 0.025 L_C = 0,  -0.04 L_A - 0.025 L_B + L_C = 0,
// whose solution (by elimination) is L = (5.04181013, 0.10594423, 0.20432101).
TEST(TradeShock, SpreadsThroughImportShares) {
  const ShockResult result = PropagateShock(World(), {{{0, 1}}, 0.10});
  ASSERT_TRUE(result.converged);
  EXPECT_DOUBLE_EQ(result.shocked_value, 50);
  const auto& a = result.countries[0];
  const auto& b = result.countries[1];
  const auto& c = result.countries[2];
  EXPECT_DOUBLE_EQ(a.direct_export_loss, 5);
  EXPECT_DOUBLE_EQ(b.direct_import_loss, 5);
  EXPECT_DOUBLE_EQ(b.direct_export_loss, 0);
  EXPECT_NEAR(b.second_round_loss, 0.1, 1e-12);
  EXPECT_NEAR(c.second_round_loss, 0.2, 1e-12);
  EXPECT_NEAR(a.total_export_loss, 5.04181013, 1e-8);
  EXPECT_NEAR(b.total_export_loss, 0.10594423, 1e-8);
  EXPECT_NEAR(c.total_export_loss, 0.20432101, 1e-8);
  EXPECT_DOUBLE_EQ(a.exports, 80);
  EXPECT_NEAR(a.share_of_exports, 5.04181013 / 80, 1e-9);
  EXPECT_NEAR(c.share_of_gdp, 0.20432101 / 400, 1e-10);
}

TEST(TradeShock, GroupsSumTheirMembers) {
  const ShockResult result = PropagateShock(World(), {{{0, 1}}, 0.10});
  const ShockEffect group = SumEffects(result, {1, 2}, "B and C");
  EXPECT_NEAR(group.total_export_loss, 0.10594423 + 0.20432101, 1e-8);
  EXPECT_DOUBLE_EQ(group.exports, 30 + 45);
  EXPECT_DOUBLE_EQ(group.gdp, 600);
  EXPECT_DOUBLE_EQ(group.direct_import_loss, 5);
}

TEST(TradeShock, MissingDataStaysMissing) {
  TradeShockWorld world = World();
  world.gdp[1] = kMissing;
  world.flows(2, 0) = kMissing;
  const ShockResult result = PropagateShock(world, {{{0, 1}, {2, 0}}, 0.5});
  EXPECT_EQ(result.missing_shocked_flows, 1U);
  EXPECT_EQ(result.missing_flows, 1U);
  ASSERT_EQ(result.without_gdp.size(), 1U);
  EXPECT_EQ(result.without_gdp[0], "B");
  EXPECT_TRUE(std::isnan(result.countries[1].share_of_gdp));
  // Only A -> B falls (C -> A is missing): d = (25, 0, 0). A's lost income reaches B through B's sales to A
  // (20 / 1000 of each dollar): 0.5; B has no GDP, so its loss goes no further, and C sells nothing to A that
  // is known. All rounds: L = (25, 0.5, 0).
  EXPECT_DOUBLE_EQ(result.countries[0].direct_export_loss, 25);
  EXPECT_NEAR(result.countries[1].second_round_loss, 0.5, 1e-12);
  EXPECT_NEAR(result.countries[0].total_export_loss, 25, 1e-12);
  EXPECT_NEAR(result.countries[1].total_export_loss, 0.5, 1e-12);
  EXPECT_NEAR(result.countries[2].total_export_loss, 0, 1e-12);
  EXPECT_TRUE(std::isnan(SumEffects(result, {0, 1}, "A and B").gdp));
}

TEST(TradeShock, AFlowNamedTwiceFallsOnce) {
  const ShockResult result = PropagateShock(World(), {{{0, 1}, {0, 1}}, 0.10});
  EXPECT_DOUBLE_EQ(result.shocked_value, 50);
  EXPECT_DOUBLE_EQ(result.countries[0].direct_export_loss, 5);
}

TEST(TradeShock, RejectsImpossibleShocks) {
  EXPECT_THROW(PropagateShock(World(), {{{0, 1}}, 0}), UsageError);
  EXPECT_THROW(PropagateShock(World(), {{{0, 1}}, 1.5}), UsageError);
  EXPECT_THROW(PropagateShock(World(), {{{0, 7}}, 0.1}), UsageError);
  TradeShockWorld world = World();
  world.flows(0, 1) = kMissing;
  EXPECT_THROW(PropagateShock(world, {{{0, 1}}, 0.1}), UsageError);
}

}  // namespace
}  // namespace linkage
