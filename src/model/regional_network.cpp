#include "model/regional_network.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/institutions.hpp"

namespace linkage {

FlowChoices NetworkChoices() {
  FlowChoices choices;
  choices.fill_from_mirror = true;
  return choices;
}

Term PairTrade(TradeTerms& terms, const std::string& i, const std::string& j, int year) {
  const auto [first, second] = std::minmax(i, j);
  return terms.Directed(Direction::kTotal, first, second, year, NetworkChoices());
}

RegionalNetwork BuildRegionalNetwork(Database& database, TradeTerms& terms, const std::string& region,
                                     int year, const std::vector<std::string>& powers) {
  RegionalNetwork network;
  network.region = region;
  network.year = year;
  network.members = RegionMembers(database, region, year);
  if (network.members.empty()) return network;
  // A power inside the region is already a node, as a member.
  for (const auto& power : powers) {
    const bool listed =
        std::find(network.powers.begin(), network.powers.end(), power) != network.powers.end();
    const bool member =
        std::find(network.members.begin(), network.members.end(), power) != network.members.end();
    if (!listed && !member) network.powers.push_back(power);
  }
  std::vector<std::string> nodes = network.members;
  nodes.insert(nodes.end(), network.powers.begin(), network.powers.end());
  std::vector<TradeEdge> edges;
  for (std::size_t x = 0; x < nodes.size(); ++x) {
    for (std::size_t y = x + 1; y < nodes.size(); ++y) {
      ++network.pairs;
      const auto [a, b] = std::minmax(nodes[x], nodes[y]);
      Term trade = PairTrade(terms, a, b, year);
      // No recorded trade (missing, or reported as zero) is no tie; the count says how many pairs that is.
      if (!trade.value || *trade.value <= 0) {
        ++network.pairs_without_trade;
        continue;
      }
      edges.push_back({a, b, *trade.value});
      network.ties.push_back({a, b, std::move(trade)});
    }
  }
  network.measures = MeasureTradeNetwork(nodes, edges);
  return network;
}

namespace {

// 1 + the number of members ahead of `member` on a measure.
std::size_t RankAmongMembers(const RegionalNetwork& network, const std::string& member,
                             double NodeMeasures::*measure) {
  const auto& nodes = network.measures.nodes;
  const auto own = std::find_if(nodes.begin(), nodes.end(), [&](const auto& n) { return n.id == member; });
  const double value = (*own).*measure;
  std::size_t rank = 1;
  for (std::size_t i = 0; i < network.members.size(); ++i) {
    if (nodes[i].*measure > value) ++rank;
  }
  return rank;
}

}  // namespace

PivotRole PivotOf(const RegionalNetwork& network, TradeTerms& terms, const std::string& member,
                  const std::string& actor) {
  if (std::find(network.members.begin(), network.members.end(), member) == network.members.end()) {
    throw UsageError(fmt::format("{} is not a member of {} in {}; its members then: {}", member,
                                 network.region, network.year, text::Join(network.members, ", ")));
  }
  PivotRole role;
  role.member = member;
  role.members = network.members.size();
  role.strength_rank = RankAmongMembers(network, member, &NodeMeasures::strength);
  role.betweenness_rank = RankAmongMembers(network, member, &NodeMeasures::betweenness);
  role.actor = actor;
  if (actor.empty()) return role;
  if (actor == member) throw UsageError(fmt::format("--actor and --pivot both name {}", actor));
  std::vector<Term> with_actor;
  for (const auto& m : network.members) {
    if (m != actor) with_actor.push_back(PairTrade(terms, m, actor, network.year));
  }
  role.share_of_actor_trade = Divide(PairTrade(terms, member, actor, network.year), Sum(with_actor));

  std::vector<std::string> nodes = network.members;
  if (std::find(nodes.begin(), nodes.end(), actor) == nodes.end()) nodes.push_back(actor);
  std::vector<TradeEdge> edges;
  for (const auto& tie : network.ties) {
    const bool inside = std::find(nodes.begin(), nodes.end(), tie.a) != nodes.end() &&
                        std::find(nodes.begin(), nodes.end(), tie.b) != nodes.end();
    if (inside) edges.push_back({tie.a, tie.b, *tie.trade.value});
  }
  const NetworkMeasures actor_region = MeasureTradeNetwork(nodes, edges);
  double own = 0;
  for (const auto& node : actor_region.nodes)
    if (node.id == member) own = node.betweenness;
  role.actor_region_betweenness = own;
  role.actor_region_betweenness_rank = 1;
  for (const auto& node : actor_region.nodes) {
    const bool is_member =
        std::find(network.members.begin(), network.members.end(), node.id) != network.members.end();
    if (is_member && node.betweenness > own) ++role.actor_region_betweenness_rank;
  }
  return role;
}

}  // namespace linkage
