#include "model/trade_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace linkage {
namespace {

// A triangle A-B-C with a star from A to D and E:
//   A-B 2, A-C 1, B-C 2, A-D 1, A-E 4.
const std::vector<std::string> kNodes = {"A", "B", "C", "D", "E"};
const std::vector<TradeEdge> kEdges = {
    {"A", "B", 2}, {"A", "C", 1}, {"B", "C", 2}, {"A", "D", 1}, {"E", "A", 4}};

// The leading eigenvector of the weighted adjacency matrix by power iteration on W + I (the shift keeps the
// same eigenvectors and makes the iteration converge), scaled so its largest element is 1.
std::vector<double> PowerIteration(const std::vector<std::string>& nodes,
                                   const std::vector<TradeEdge>& edges) {
  const auto index = [&](const std::string& id) {
    return static_cast<std::size_t>(std::find(nodes.begin(), nodes.end(), id) - nodes.begin());
  };
  std::vector<std::vector<double>> w(nodes.size(), std::vector<double>(nodes.size(), 0));
  for (std::size_t i = 0; i < nodes.size(); ++i) w[i][i] = 1;
  for (const auto& edge : edges)
    w[index(edge.a)][index(edge.b)] = w[index(edge.b)][index(edge.a)] = edge.weight;
  std::vector<double> x(nodes.size(), 1);
  for (int step = 0; step < 5000; ++step) {
    std::vector<double> next(nodes.size(), 0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      for (std::size_t j = 0; j < nodes.size(); ++j) next[i] += w[i][j] * x[j];
    }
    const double top = *std::max_element(next.begin(), next.end());
    for (auto& value : next) value /= top;
    x = next;
  }
  return x;
}

TEST(TradeNetworkTest, DegreeAndStrength) {
  const auto result = MeasureTradeNetwork(kNodes, kEdges);
  ASSERT_EQ(result.nodes.size(), 5u);
  const std::vector<std::size_t> degree = {4, 2, 2, 1, 1};
  const std::vector<double> strength = {2 + 1 + 1 + 4, 2 + 2, 1 + 2, 1, 4};
  for (std::size_t i = 0; i < kNodes.size(); ++i) {
    SCOPED_TRACE(kNodes[i]);
    EXPECT_EQ(result.nodes[i].id, kNodes[i]);
    EXPECT_EQ(result.nodes[i].degree, degree[i]);
    EXPECT_DOUBLE_EQ(result.nodes[i].strength, strength[i]);
  }
}

// Lengths are 1/weight: A-B 0.5, A-C 1, B-C 0.5, A-D 1, A-E 0.25. A lies on every shortest path from D or E
// to B or C and between D and E: 5. B lies on one of the two equally short paths A-C (1 direct, 0.5 + 0.5
// through B), D-C (through A-C or A-B-C, 2 each) and E-C (1.25 each): 3 x 1/2. Read as plain hops, A-C is
// direct and B would have 0; read with the weights as lengths, A-B-C (4) is longer than A-C (1) and B would
// have 0 too. Only the 1/weight convention gives B 1.5.
TEST(TradeNetworkTest, WeightedBetweennessUsesInverseWeights) {
  const auto result = MeasureTradeNetwork(kNodes, kEdges);
  EXPECT_NEAR(result.nodes[0].betweenness, 5, 1e-9);
  EXPECT_NEAR(result.nodes[1].betweenness, 1.5, 1e-9);
  EXPECT_NEAR(result.nodes[2].betweenness, 0, 1e-9);
  EXPECT_NEAR(result.nodes[3].betweenness, 0, 1e-9);
  EXPECT_NEAR(result.nodes[4].betweenness, 0, 1e-9);
}

// Trade values run to 1e11 USD: the paths, and so the betweenness, are the same at any scale.
TEST(TradeNetworkTest, BetweennessDoesNotDependOnTheScaleOfTrade) {
  std::vector<TradeEdge> scaled = kEdges;
  for (auto& edge : scaled) edge.weight *= 2.5e10;
  const auto plain = MeasureTradeNetwork(kNodes, kEdges);
  const auto large = MeasureTradeNetwork(kNodes, scaled);
  for (std::size_t i = 0; i < kNodes.size(); ++i) {
    SCOPED_TRACE(kNodes[i]);
    EXPECT_NEAR(large.nodes[i].betweenness, plain.nodes[i].betweenness, 1e-9);
    EXPECT_NEAR(large.nodes[i].eigenvector, plain.nodes[i].eigenvector, 1e-6);
  }
}

// 5 edges of 10 pairs; one triangle and C(4,2) + 1 + 1 = 8 connected triples: 3 x 1 / 8.
TEST(TradeNetworkTest, DensityAndTransitivity) {
  const auto graph = MeasureTradeNetwork(kNodes, kEdges).graph;
  EXPECT_EQ(graph.nodes, 5u);
  EXPECT_EQ(graph.edges, 5u);
  ASSERT_TRUE(graph.density.has_value());
  EXPECT_DOUBLE_EQ(*graph.density, 0.5);
  ASSERT_TRUE(graph.transitivity.has_value());
  EXPECT_DOUBLE_EQ(*graph.transitivity, 3.0 / 8);
}

TEST(TradeNetworkTest, EigenvectorCentralityMatchesPowerIteration) {
  const auto result = MeasureTradeNetwork(kNodes, kEdges);
  const auto expected = PowerIteration(kNodes, kEdges);
  for (std::size_t i = 0; i < kNodes.size(); ++i) {
    SCOPED_TRACE(kNodes[i]);
    EXPECT_NEAR(result.nodes[i].eigenvector, expected[i], 1e-6);
  }
  EXPECT_DOUBLE_EQ(result.nodes[0].eigenvector, 1);  // A, the hub, scaled to 1
  // And it is an eigenvector: every node's score is proportional to the weighted sum of its neighbours'.
  const auto& x = result.nodes;
  const double lambda = (2 * x[1].eigenvector + x[2].eigenvector + x[3].eigenvector + 4 * x[4].eigenvector);
  EXPECT_NEAR(lambda * x[3].eigenvector, 1 * x[0].eigenvector, 1e-6);
  EXPECT_NEAR(lambda * x[4].eigenvector, 4 * x[0].eigenvector, 1e-6);
  EXPECT_NEAR(lambda * x[1].eigenvector, 2 * x[0].eigenvector + 2 * x[2].eigenvector, 1e-6);
}

// Two heavy triangles (weight 10) joined by one weak edge (1): two communities. Total weight m = 61; each
// community holds 30 of it and a strength sum of 61, so Q = 2 (30/61 - (61/122)^2) = 60/61 - 1/2.
TEST(TradeNetworkTest, TwoClustersJoinedByAWeakEdge) {
  const std::vector<std::string> nodes = {"P", "Q", "R", "X", "Y", "Z"};
  const std::vector<TradeEdge> edges = {{"P", "Q", 10}, {"Q", "R", 10}, {"P", "R", 10}, {"X", "Y", 10},
                                        {"Y", "Z", 10}, {"X", "Z", 10}, {"R", "X", 1}};
  const auto result = MeasureTradeNetwork(nodes, edges);
  EXPECT_EQ(result.graph.communities, 2u);
  for (std::size_t i = 0; i < nodes.size(); ++i) EXPECT_EQ(result.nodes[i].community, i < 3 ? 0u : 1u);
  ASSERT_TRUE(result.graph.modularity.has_value());
  EXPECT_NEAR(*result.graph.modularity, 60.0 / 61 - 0.5, 1e-12);
  // The bridge's ends carry the paths between the clusters that do not end on them (R: from P or Q to X, Y
  // or Z, 2 x 3), and none inside their triangle, where every pair has a direct heavy edge.
  EXPECT_NEAR(result.nodes[2].betweenness, 6, 1e-9);
  EXPECT_NEAR(result.nodes[3].betweenness, 6, 1e-9);
  EXPECT_NEAR(result.nodes[0].betweenness, 0, 1e-9);
  // Same data, same answer: the Louvain search starts from a fixed seed.
  const auto again = MeasureTradeNetwork(nodes, edges);
  for (std::size_t i = 0; i < nodes.size(); ++i)
    EXPECT_EQ(again.nodes[i].community, result.nodes[i].community);
}

TEST(TradeNetworkTest, AGraphWithoutEdges) {
  const auto result = MeasureTradeNetwork({"A", "B", "C"}, {});
  EXPECT_DOUBLE_EQ(*result.graph.density, 0);
  EXPECT_FALSE(result.graph.transitivity.has_value());
  EXPECT_FALSE(result.graph.modularity.has_value());
  EXPECT_EQ(result.graph.communities, 3u);  // each node alone
  for (const auto& node : result.nodes) {
    EXPECT_EQ(node.degree, 0u);
    EXPECT_DOUBLE_EQ(node.betweenness, 0);
  }
  const auto single = MeasureTradeNetwork({"A"}, {});
  EXPECT_FALSE(single.graph.density.has_value());
  EXPECT_TRUE(MeasureTradeNetwork({}, {}).nodes.empty());
}

// `serve` measures independent selections on several threads. igraph keeps its error-cleanup stack and its
// random generator per process, so without Linkage's lock two threads at once abort the process ("Corrupt
// finally stack") or give Louvain communities drawn from another thread's sequence.
TEST(TradeNetworkTest, ThreadsMeasuringAtOnceGetTheSerialAnswer) {
  std::vector<std::string> nodes;
  std::vector<TradeEdge> edges;
  for (int i = 0; i < 40; ++i) nodes.push_back("N" + std::to_string(i));
  for (int i = 0; i < 40; ++i) {
    for (int j = i + 1; j < 40; ++j) {
      if ((i * 7 + j * 13) % 5 == 0) edges.push_back({nodes[i], nodes[j], 1.0 + (i * j) % 11});
    }
  }
  const auto serial = MeasureTradeNetwork(nodes, edges);
  constexpr int kThreads = 4;
  constexpr int kRounds = 40;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const auto result = MeasureTradeNetwork(nodes, edges);
        for (std::size_t i = 0; i < nodes.size(); ++i) {
          if (result.nodes[i].community != serial.nodes[i].community ||
              result.nodes[i].betweenness != serial.nodes[i].betweenness)
            ++mismatches[t];
        }
        if (result.graph.modularity != serial.graph.modularity) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST(TradeNetworkTest, RefusesEdgesItCannotMeasure) {
  EXPECT_THROW(MeasureTradeNetwork({"A", "B"}, {{"A", "C", 1}}), std::invalid_argument);
  EXPECT_THROW(MeasureTradeNetwork({"A", "B"}, {{"A", "A", 1}}), std::invalid_argument);
  EXPECT_THROW(MeasureTradeNetwork({"A", "B"}, {{"A", "B", 0}}), std::invalid_argument);
  EXPECT_THROW(MeasureTradeNetwork({"A", "B"}, {{"A", "B", std::nan("")}}), std::invalid_argument);
  EXPECT_THROW(MeasureTradeNetwork({"A", "B"}, {{"A", "B", 1}, {"B", "A", 2}}), std::invalid_argument);
  EXPECT_THROW(MeasureTradeNetwork({"A", "A"}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace linkage
