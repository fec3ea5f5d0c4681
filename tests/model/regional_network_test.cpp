#include "model/regional_network.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/error.hpp"
#include "ingest/importers.hpp"
#include "model/coherence.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Region "tieland" (ARG, BRA, CHL, none of them in an embedded organisation) with CHN and RUS outside; the
// fixtures' values are worked out by hand below.
class NetworkWorkspaceTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", Fixture("network/flows.csv"));
    RunImport(*database, "regions", Fixture("network/regions.csv"));
    RunImport(*database, "memberships", Fixture("network/memberships.csv"));
  }

  static std::map<std::string, const NetworkTie*> Ties(const RegionalNetwork& network) {
    std::map<std::string, const NetworkTie*> ties;
    for (const auto& tie : network.ties) ties[tie.a + "-" + tie.b] = &tie;
    return ties;
  }
};

TEST_F(NetworkWorkspaceTest, EdgeWeightsFollowOneReportingRule) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto network = BuildRegionalNetwork(*database, terms, "tieland", 2019, {"CHN", "RUS", "BRA"});
  EXPECT_EQ(network.members, (std::vector<std::string>{"ARG", "BRA", "CHL"}));
  EXPECT_EQ(network.powers, (std::vector<std::string>{"CHN", "RUS"}));  // BRA is a member, not a power
  EXPECT_EQ(network.pairs, 10u);
  // No edge for BRA-CHL (reported as zero), ARG-RUS and CHL-RUS (nothing recorded).
  EXPECT_EQ(network.pairs_without_trade, 3u);
  const auto ties = Ties(network);
  ASSERT_EQ(ties.size(), 7u);
  // ARG comes first: its report (10 + 20), not BRA's (25 + 12).
  EXPECT_DOUBLE_EQ(*ties.at("ARG-BRA")->trade.value, 30);
  EXPECT_EQ(ties.at("ARG-BRA")->trade.sources.size(), 2u);
  // ARG reports exports of 5 and no imports from CHL: CHL's exports to ARG (7) fill them.
  EXPECT_DOUBLE_EQ(*ties.at("ARG-CHL")->trade.value, 12);
  EXPECT_EQ(ties.at("ARG-CHL")->trade.mirror_filled, 1);
  EXPECT_DOUBLE_EQ(*ties.at("ARG-CHN")->trade.value, 1716);
  EXPECT_DOUBLE_EQ(*ties.at("BRA-CHN")->trade.value, 3432);
  EXPECT_DOUBLE_EQ(*ties.at("BRA-RUS")->trade.value, 20);
  EXPECT_DOUBLE_EQ(*ties.at("CHL-CHN")->trade.value, 858);
  EXPECT_DOUBLE_EQ(*ties.at("CHN-RUS")->trade.value, 200);
  EXPECT_EQ(PairTrade(terms, "BRA", "ARG", 2019).value, PairTrade(terms, "ARG", "BRA", 2019).value);

  const auto& nodes = network.measures.nodes;
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_EQ(nodes[3].id, "CHN");
  EXPECT_DOUBLE_EQ(nodes[0].strength, 30 + 12 + 1716);
  EXPECT_DOUBLE_EQ(nodes[1].strength, 30 + 3432 + 20);
  EXPECT_DOUBLE_EQ(nodes[2].strength, 12 + 858);
  EXPECT_EQ(nodes[3].degree, 4u);
  // CHN's heavy ties make it the shortest way between every other pair (ARG-BRA direct is 1/30, through CHN
  // 1/1716 + 1/3432): it lies on all 6 of them, everyone else on none.
  EXPECT_NEAR(nodes[3].betweenness, 6, 1e-9);
  for (const std::size_t i : {0, 1, 2, 4}) EXPECT_NEAR(nodes[i].betweenness, 0, 1e-9);
  EXPECT_DOUBLE_EQ(*network.measures.graph.density, 0.7);
}

TEST_F(NetworkWorkspaceTest, PivotRole) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto network = BuildRegionalNetwork(*database, terms, "tieland", 2019, {"CHN", "RUS"});
  const auto arg = PivotOf(network, terms, "ARG", "CHN");
  EXPECT_EQ(arg.members, 3u);
  EXPECT_EQ(arg.strength_rank, 2u);     // BRA 3482, ARG 1758, CHL 870
  EXPECT_EQ(arg.betweenness_rank, 1u);  // all three members tie at 0
  ASSERT_TRUE(arg.share_of_actor_trade.value.has_value());
  EXPECT_NEAR(*arg.share_of_actor_trade.value, 1716.0 / (1716 + 3432 + 858), 1e-12);
  EXPECT_EQ(PivotOf(network, terms, "BRA", "").strength_rank, 1u);
  EXPECT_THROW(PivotOf(network, terms, "CHN", ""), UsageError);
  // With RUS as the actor, the members and RUS alone have the edges ARG-BRA (30), ARG-CHL (12) and BRA-RUS
  // (20): BRA carries ARG-RUS and CHL-RUS, ARG carries CHL-RUS and BRA-CHL, CHL carries nothing.
  const auto bra = PivotOf(network, terms, "BRA", "RUS");
  EXPECT_NEAR(bra.actor_region_betweenness, 2, 1e-9);
  EXPECT_EQ(bra.actor_region_betweenness_rank, 1u);
  const auto chl = PivotOf(network, terms, "CHL", "RUS");
  EXPECT_NEAR(chl.actor_region_betweenness, 0, 1e-9);
  EXPECT_EQ(chl.actor_region_betweenness_rank, 3u);
}

// Co-membership (organisations of each member; Test Club's spell ends in "2017", undecided that year):
//   2016 ARG {Pact}, BRA {Pact}, CHL {Pact, Club}: 1, 1/2, 1/2 -> 2/3
//   2017 all {Pact} (Club undated, left out): 1
//   2018 ARG {Pact, Forum}: 1/2, 1/2, 1 -> 2/3
//   2019 ARG {Pact, Forum}, BRA {Pact, Forum, Council}, CHL {Pact, Council} (ARG only an observer of the
//        Council): 2/3, 1/3, 2/3 -> 5/9
// Density: no member trade in 2016-2017, ARG-BRA in 2018, ARG-BRA and ARG-CHL in 2019 (BRA-CHL is zero).
// Intra-regional share 2019: exports ARG->BRA 10, ARG->CHL 5, BRA->ARG 25, BRA->CHL 0, CHL->ARG 7 and
// CHL->BRA 0 (BRA's imports from CHL), over world exports 2000 + 4000 + 1000.
TEST_F(NetworkWorkspaceTest, CoherencePerYear) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto coherence = ComputeCoherence(*database, terms, "tieland", 2016, 2019, "");
  ASSERT_EQ(coherence.years.size(), 4u);
  EXPECT_FALSE(coherence.correlation.has_value());
  const std::vector<double> density = {0, 0, 1.0 / 3, 2.0 / 3};
  const std::vector<double> overlap = {2.0 / 3, 1, 2.0 / 3, 5.0 / 9};
  for (std::size_t k = 0; k < 4; ++k) {
    const auto& row = coherence.years[k];
    SCOPED_TRACE(row.year);
    EXPECT_EQ(row.members, 3u);
    EXPECT_EQ(row.pairs, 3u);
    EXPECT_NEAR(*row.density, density[k], 1e-12);
    EXPECT_NEAR(*row.overlap, overlap[k], 1e-12);
    EXPECT_EQ(row.overlap_pairs, 3u);
    EXPECT_EQ(row.undated_spells, row.year == 2017 ? 1u : 0u);
  }
  EXPECT_NEAR(*coherence.years[3].intra_trade_share.value, 47.0 / 7000, 1e-12);
  EXPECT_FALSE(coherence.years[0].intra_trade_share.value.has_value());
  EXPECT_FALSE(coherence.years[0].intra_trade_share.missing.empty());
}

// Growth of trade with CHN 2017-2019: ARG 0.1, 0.2, 0.3; BRA 0.3, 0.2, 0.1; CHL 0.1, 0.3, 0.2. Pearson r:
// ARG-BRA -1, ARG-CHL 1/2, BRA-CHL -1/2; the mean is -1/3.
TEST_F(NetworkWorkspaceTest, CorrelationOfGrowthWithAnActor) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto coherence = ComputeCoherence(*database, terms, "tieland", 2016, 2019, "CHN");
  ASSERT_TRUE(coherence.correlation.has_value());
  EXPECT_EQ(coherence.correlation->pairs, 3u);
  ASSERT_TRUE(coherence.correlation->mean.has_value());
  EXPECT_NEAR(*coherence.correlation->mean, -1.0 / 3, 1e-9);
  // Two years of growth are not enough.
  const auto short_span = ComputeCoherence(*database, terms, "tieland", 2017, 2019, "CHN");
  EXPECT_FALSE(short_span.correlation->mean.has_value());
  EXPECT_FALSE(short_span.correlation->missing.empty());
}

TEST_F(NetworkWorkspaceTest, JaccardAndPearsonByHand) {
  EXPECT_DOUBLE_EQ(*JaccardIndex({"a", "b"}, {"b", "c"}), 1.0 / 3);
  EXPECT_DOUBLE_EQ(*JaccardIndex({"a"}, {}), 0);
  EXPECT_FALSE(JaccardIndex({}, {}).has_value());
  // Deviations (-1, 0, 1) and (-7/3, -1/3, 8/3): r = 5 / sqrt(2 x 114/9) = 15 / sqrt(228).
  EXPECT_NEAR(*PearsonCorrelation({1, 2, 3}, {2, 4, 7}), 15 / std::sqrt(228.0), 1e-12);
  EXPECT_FALSE(PearsonCorrelation({1, 2}, {2, 4}).has_value());
  EXPECT_FALSE(PearsonCorrelation({1, 2, 3}, {5, 5, 5}).has_value());
}

}  // namespace
}  // namespace linkage
