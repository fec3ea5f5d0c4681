#include "model/trade_network.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "model/igraph_support.hpp"

namespace linkage {

namespace {

// Louvain visits nodes in a random order; a fixed seed makes the same data give the same communities.
constexpr igraph_uint_t kLouvainSeed = 2008;

// Edges as vertex index pairs, checked: the measures below assume a simple graph with positive weights.
std::vector<std::pair<std::size_t, std::size_t>> IndexEdges(const std::vector<std::string>& nodes,
                                                            const std::vector<TradeEdge>& edges) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!index.emplace(nodes[i], i).second) {
      throw std::invalid_argument(fmt::format("node {} is given twice", nodes[i]));
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  for (const auto& edge : edges) {
    const auto a = index.find(edge.a);
    const auto b = index.find(edge.b);
    if (a == index.end() || b == index.end()) {
      throw std::invalid_argument(fmt::format("edge {}-{} names a node not in the network", edge.a, edge.b));
    }
    if (a->second == b->second)
      throw std::invalid_argument(fmt::format("edge {}-{} is a loop", edge.a, edge.b));
    if (!std::isfinite(edge.weight) || edge.weight <= 0) {
      throw std::invalid_argument(fmt::format("edge {}-{} has weight {}", edge.a, edge.b, edge.weight));
    }
    const auto pair = std::minmax(a->second, b->second);
    if (!seen.insert(pair).second) {
      throw std::invalid_argument(fmt::format("edge {}-{} is given twice", edge.a, edge.b));
    }
    pairs.emplace_back(a->second, b->second);
  }
  return pairs;
}

std::optional<double> Defined(double value) {
  if (std::isnan(value)) return std::nullopt;
  return value;
}

void Centralities(const IgraphGraph& graph, const std::vector<TradeEdge>& edges, const IgraphVector& weight,
                  std::vector<NodeMeasures>& nodes) {
  // More trade is a closer tie: a path's length is the sum of 1/weight (Opsahl et al. 2010, alpha = 1), here
  // times the largest weight. The scale leaves every shortest path as it is, but igraph tells tied path
  // lengths apart with an absolute tolerance, which lengths of 1e-12 (1/USD of trade) would fall below.
  double largest = 0;
  for (const auto& edge : edges) largest = std::max(largest, edge.weight);
  std::vector<double> lengths;
  lengths.reserve(edges.size());
  for (const auto& edge : edges) lengths.push_back(largest / edge.weight);
  const IgraphVector length(lengths);
  IgraphIntVector degree;
  CheckIgraph(igraph_degree(graph.Get(), degree.Get(), igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS), "degree");
  IgraphVector strength;
  CheckIgraph(
      igraph_strength(graph.Get(), strength.Get(), igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, weight.Get()),
      "strength");
  IgraphVector betweenness;
  CheckIgraph(igraph_betweenness(graph.Get(), betweenness.Get(), igraph_vss_all(), false, length.Get()),
              "betweenness");
  IgraphVector eigenvector;
  igraph_real_t eigenvalue = 0;
  igraph_arpack_options_t arpack;
  igraph_arpack_options_init(&arpack);
  CheckIgraph(igraph_eigenvector_centrality(graph.Get(), eigenvector.Get(), &eigenvalue, false, true,
                                            edges.empty() ? nullptr : weight.Get(), &arpack),
              "eigenvector centrality");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    nodes[i].degree = static_cast<std::size_t>(degree[i]);
    nodes[i].strength = strength[i];
    nodes[i].betweenness = betweenness[i];
    // ARPACK leaves round-off below zero (and -0) on nodes outside the leading component.
    nodes[i].eigenvector = std::max(0.0, eigenvector[i]);
  }
}

void Communities(const IgraphGraph& graph, const IgraphVector& weight, std::vector<NodeMeasures>& nodes,
                 GraphMeasures& measures) {
  IgraphIntVector membership;
  CheckIgraph(igraph_rng_seed(igraph_rng_default(), kLouvainSeed), "the random seed");
  CheckIgraph(igraph_community_multilevel(graph.Get(), weight.Get(), 1, membership.Get(), nullptr, nullptr),
              "Louvain communities");
  igraph_real_t modularity = 0;
  CheckIgraph(igraph_modularity(graph.Get(), membership.Get(), weight.Get(), 1, false, &modularity),
              "modularity");
  // Renumbered in the order the nodes come, so the numbers do not depend on igraph's internals.
  std::map<igraph_integer_t, std::size_t> renumbered;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto found = renumbered.emplace(membership[i], renumbered.size()).first;
    nodes[i].community = found->second;
  }
  measures.communities = renumbered.size();
  if (measures.edges > 0) measures.modularity = Defined(modularity);
}

}  // namespace

NetworkMeasures MeasureTradeNetwork(const std::vector<std::string>& nodes,
                                    const std::vector<TradeEdge>& edges) {
  const auto igraph_lock = LockIgraph();
  const IgraphGraph graph(nodes.size(), IndexEdges(nodes, edges));
  NetworkMeasures result;
  for (const auto& id : nodes) result.nodes.push_back({id, 0, 0, 0, 0, 0});
  GraphMeasures& measures = result.graph;
  measures.nodes = nodes.size();
  measures.edges = edges.size();
  if (nodes.empty()) return result;
  if (nodes.size() > 1) {
    const double pairs = static_cast<double>(nodes.size()) * static_cast<double>(nodes.size() - 1) / 2;
    measures.density = static_cast<double>(edges.size()) / pairs;
  }
  igraph_real_t transitivity = 0;
  CheckIgraph(igraph_transitivity_undirected(graph.Get(), &transitivity, IGRAPH_TRANSITIVITY_NAN),
              "transitivity");
  measures.transitivity = Defined(transitivity);
  std::vector<double> weights;
  weights.reserve(edges.size());
  for (const auto& edge : edges) weights.push_back(edge.weight);
  const IgraphVector weight(weights);
  Centralities(graph, edges, weight, result.nodes);
  Communities(graph, weight, result.nodes, measures);
  return result;
}

}  // namespace linkage
