// model/trade_network.hpp
// Measures of an undirected trade network weighted by trade value (docs/methods.md, "Regional network"),
// computed with igraph: each node's degree, strength, betweenness and eigenvector centrality and its Louvain
// community; the graph's density, transitivity and modularity. It knows nothing of the workspace, so it can
// be checked against a graph worked out by hand.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace linkage {

//! Trade between two nodes: an undirected edge whose weight is a value above zero.
struct TradeEdge {
  std::string a;
  std::string b;
  double weight = 0;
};

//! What the network says of one node.
struct NodeMeasures {
  std::string id;
  std::size_t degree = 0;     //!< number of partners in the network
  double strength = 0;        //!< sum of the weights of its edges
  double betweenness = 0;     //!< shortest paths between other pairs through it, lengths 1/weight
  double eigenvector = 0;     //!< weighted eigenvector centrality, the largest scaled to 1
  std::size_t community = 0;  //!< its Louvain community, numbered from 0 in the order nodes are given
};

//! What the network says as a whole.
struct GraphMeasures {
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::optional<double> density;       //!< edges over node pairs; nullopt with fewer than two nodes
  std::optional<double> transitivity;  //!< 3 x triangles / connected triples; nullopt without a triple
  std::optional<double> modularity;    //!< weighted modularity of the communities; nullopt without edges
  std::size_t communities = 0;
};

//! The measures of every node (in the order given) and of the graph.
struct NetworkMeasures {
  std::vector<NodeMeasures> nodes;
  GraphMeasures graph;
};

//! Measures the network of `nodes` (distinct ids) joined by `edges` (each between two different nodes, at
//! most one per pair, weight finite and above zero; std::invalid_argument otherwise). NetworkError if
//! igraph fails. Communities are reproducible: the Louvain search always starts from the same random seed.
NetworkMeasures MeasureTradeNetwork(const std::vector<std::string>& nodes,
                                    const std::vector<TradeEdge>& edges);

}  // namespace linkage
