#include "report/network_tables.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "indicators/indicator_record.hpp"
#include "report/source_rows.hpp"

namespace linkage {

namespace {

nlohmann::json Cell(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json Cell(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

}  // namespace

ResultSection NodeSection(const RegionalNetwork& network) {
  ResultTable table{{"actor", "role", "degree", "strength", "betweenness", "eigenvector", "community"}, {}};
  for (std::size_t i = 0; i < network.measures.nodes.size(); ++i) {
    const NodeMeasures& node = network.measures.nodes[i];
    table.rows.push_back({node.id, i < network.members.size() ? "member" : "power", node.degree,
                          node.strength, node.betweenness, node.eigenvector, node.community});
  }
  return {"nodes", table};
}

ResultSection GraphSection(const RegionalNetwork& network, const std::optional<PivotRole>& pivot) {
  const GraphMeasures& graph = network.measures.graph;
  std::size_t filled = 0;
  std::size_t rows = 0;
  for (const auto& tie : network.ties) {
    filled += tie.trade.mirror_filled > 0 ? 1 : 0;
    rows += tie.trade.sources.size();
  }
  ResultTable table{{"measure", "value", "note"}, {}};
  const auto add = [&table](const std::string& measure, nlohmann::json value, const std::string& note) {
    table.rows.push_back({measure, std::move(value), Cell(note)});
  };
  add("region", network.region, "");
  add("year", network.year, "");
  add("members", network.members.size(), text::Join(network.members, " "));
  add("powers", network.powers.size(), text::Join(network.powers, " "));
  add("nodes", graph.nodes, "");
  add("edges", graph.edges, "pairs with recorded trade above zero");
  add("pairs_without_trade", network.pairs_without_trade,
      fmt::format("of {} pairs: trade missing or zero, so no edge", network.pairs));
  add("edges_filled_from_mirror", filled, "a flow read from the other side's report");
  add("source_rows", rows, "stored rows behind the edge weights (--edges lists them)");
  add("density", Cell(graph.density), "edges / node pairs");
  add("transitivity", Cell(graph.transitivity), graph.transitivity ? "" : "no connected triple");
  add("modularity", Cell(graph.modularity), graph.modularity ? "Louvain partition, weighted" : "no edges");
  add("communities", graph.communities, "");
  if (!pivot) return {"graph", table};
  const std::string of = fmt::format("of {} members", pivot->members);
  add("pivot", pivot->member, "");
  add("pivot_strength_rank", pivot->strength_rank, of);
  add("pivot_betweenness_rank", pivot->betweenness_rank, of);
  if (!pivot->actor.empty()) {
    const Term& share = pivot->share_of_actor_trade;
    add("pivot_share_of_actor_trade", Cell(share.value),
        share.value ? fmt::format("{}'s share of the members' trade with {}", pivot->member, pivot->actor)
                    : share.missing);
    add("pivot_actor_region_betweenness", pivot->actor_region_betweenness,
        fmt::format("in the network of the members and {} alone", pivot->actor));
    add("pivot_actor_region_betweenness_rank", pivot->actor_region_betweenness_rank, of);
  }
  return {"graph", table};
}

ResultSection EdgeSection(Database& database, const RegionalNetwork& network, OutputFormat format) {
  const auto files = SourceFileNames(database);
  ResultTable table{{"a", "b", "trade_usd", "filled_from_mirror", "estimated", "provenance"}, {}};
  for (const auto& tie : network.ties) {
    table.rows.push_back({tie.a, tie.b, *tie.trade.value, tie.trade.mirror_filled, tie.trade.estimated,
                          SourceRowsCell(tie.trade.sources, files, format)});
  }
  return {"edges", table};
}

std::vector<ResultSection> CoherenceSections(const Coherence& coherence, int first, int last) {
  ResultTable years{
      {"year", "members", "pairs", "pairs_with_trade", "density", "intra_trade_share", "comembership_overlap",
       "overlap_pairs", "undated_spells", "intra_share_missing", "intra_share_note"},
      {}};
  for (const auto& row : coherence.years) {
    years.rows.push_back({row.year, row.members, row.pairs, row.pairs_with_trade, Cell(row.density),
                          Cell(row.intra_trade_share.value), Cell(row.overlap), row.overlap_pairs,
                          row.undated_spells, Cell(row.intra_trade_share.missing),
                          Cell(TermNotes(row.intra_trade_share))});
  }
  std::vector<ResultSection> sections = {{"years", years}};
  if (coherence.correlation) {
    const GrowthCorrelation& correlation = *coherence.correlation;
    ResultTable span{{"measure", "value", "note"}, {}};
    span.rows.push_back({"actor", correlation.actor, nullptr});
    span.rows.push_back({"years", fmt::format("{}-{}", first, last), nullptr});
    span.rows.push_back({"growth_correlation", Cell(correlation.mean),
                         correlation.mean
                             ? Cell(fmt::format("mean Pearson r of members' annual growth of trade with {}",
                                                correlation.actor))
                             : Cell(correlation.missing)});
    span.rows.push_back({"correlated_pairs", correlation.pairs, "member pairs with 3 or more common years"});
    sections.push_back({"span", span});
  }
  return sections;
}

}  // namespace linkage
