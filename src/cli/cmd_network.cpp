// `linkage network --region central-asia --year 2015 [--powers CHN,RUS,USA] [--pivot KAZ] [--actor CHN]`: the
// trade network of a region and outside powers in a year, each node's centrality and the graph's shape;
// `linkage network --region central-asia --years 1992-2020 --coherence [--actor CHN]`: how the region holds
// together over the years.
#include <fmt/format.h>

#include <optional>
#include <regex>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "model/coherence.hpp"
#include "model/regional_network.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/output.hpp"
#include "report/source_rows.hpp"

namespace linkage::cli {

namespace {

struct NetworkOptions {
  CommonOptions common;
  std::string region;
  std::string year;
  std::string years;
  bool coherence = false;
  std::string powers;
  std::string pivot;
  std::string actor;
  bool edges = false;
  std::string format = "table";
};

nlohmann::json Cell(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json Cell(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

// The single year the network is read for.
int ParseYear(const std::string& text) {
  if (!std::regex_match(text, std::regex(R"(^\d{4}$)"))) {
    throw UsageError(fmt::format("--year '{}' is not a year; expected e.g. 2015", text));
  }
  return std::stoi(text);
}

// Each option that only one of the two modes reads, refused in the other so it is never silently ignored.
void CheckMode(const NetworkOptions& options) {
  if (options.coherence) {
    if (options.years.empty()) throw UsageError("--coherence needs --years, e.g. 1992-2020");
    for (const auto& [given, name] :
         {std::pair{!options.year.empty(), "--year"}, std::pair{!options.powers.empty(), "--powers"},
          std::pair{!options.pivot.empty(), "--pivot"}, std::pair{options.edges, "--edges"}}) {
      if (given) {
        throw UsageError(fmt::format("{} reads one year's network; --coherence takes --years", name));
      }
    }
    return;
  }
  if (!options.years.empty()) throw UsageError("--years is for --coherence; the network takes one --year");
  if (options.year.empty()) throw UsageError("give --year for the network, or --years with --coherence");
  if (!options.actor.empty() && options.pivot.empty()) {
    throw UsageError(
        "--actor gives the --pivot member's share of trade with it; name the member with --pivot");
  }
}

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

void RunNetworkYear(const NetworkOptions& options, Database& database, const ActorRegistry& actors,
                    TradeTerms& terms, const std::string& region, OutputFormat format) {
  const int year = ParseYear(options.year);
  std::vector<std::string> powers;
  for (const auto& name : text::Split(options.powers, ',')) {
    if (!text::Trim(name).empty()) powers.push_back(actors.RequireArgument(name).id);
  }
  const RegionalNetwork network = BuildRegionalNetwork(database, terms, region, year, powers);
  if (network.members.empty()) {
    throw NotFoundError(fmt::format("region '{}' has no members in {}", options.region, year));
  }
  std::optional<PivotRole> pivot;
  if (!options.pivot.empty()) {
    const std::string actor = options.actor.empty() ? "" : actors.RequireArgument(options.actor).id;
    pivot = PivotOf(network, terms, actors.RequireArgument(options.pivot).id, actor);
  }
  std::vector<ResultSection> sections = {NodeSection(network), GraphSection(network, pivot)};
  if (options.edges) sections.push_back(EdgeSection(database, network, format));
  WriteSections(sections, format, stdout);
}

void RunCoherence(const NetworkOptions& options, Database& database, const ActorRegistry& actors,
                  TradeTerms& terms, const std::string& region, OutputFormat format) {
  const auto [first, last] = ParseYears(options.years);
  const std::string actor = options.actor.empty() ? "" : actors.RequireArgument(options.actor).id;
  const Coherence coherence = ComputeCoherence(database, terms, region, first, last, actor);
  if (coherence.years.empty()) {
    throw NotFoundError(fmt::format("region '{}' has no members in {}-{}", options.region, first, last));
  }
  ResultTable years{{"year", "members", "pairs", "pairs_with_trade", "density", "intra_trade_share",
                     "comembership_overlap", "overlap_pairs", "undated_spells", "intra_share_missing"},
                    {}};
  for (const auto& row : coherence.years) {
    years.rows.push_back({row.year, row.members, row.pairs, row.pairs_with_trade, Cell(row.density),
                          Cell(row.intra_trade_share.value), Cell(row.overlap), row.overlap_pairs,
                          row.undated_spells, Cell(row.intra_trade_share.missing)});
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
  WriteSections(sections, format, stdout);
}

void RunNetwork(const NetworkOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  CheckMode(options);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const std::string region = RequireRegion(*database, options.region);
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);
  if (options.coherence) {
    RunCoherence(options, *database, actors, terms, region, format);
  } else {
    RunNetworkYear(options, *database, actors, terms, region, format);
  }
}

}  // namespace

void RegisterNetwork(CLI::App& app) {
  auto options = std::make_shared<NetworkOptions>();
  CLI::App* command = app.add_subcommand(
      "network",
      "A region's trade network with outside powers (centrality, density, communities, a member's "
      "pivot role), or its coherence over the years");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--region", options->region, "A named region")->required();
  command->add_option("--year", options->year, "The year of the network");
  command->add_option("--powers", options->powers, "Comma-separated outside powers, e.g. CHN,RUS,USA");
  command->add_option("--pivot", options->pivot, "A member whose rank among the members is shown");
  command->add_option("--actor", options->actor,
                      "An outside actor: the pivot's share of the members' trade with it; with --coherence, "
                      "the correlation of the members' growth of trade with it");
  command->add_flag("--edges", options->edges, "Also list the edges with the stored rows behind each weight");
  command->add_flag("--coherence", options->coherence,
                    "Coherence per year instead: density, intra-regional trade share, co-membership overlap");
  command->add_option("--years", options->years, "With --coherence: a range of years, e.g. 1992-2020");
  command->add_option("--format", options->format,
                      "table, csv (the tables one after another, a blank line between) or json (one object)");
  command->callback([options] { RunNetwork(*options); });
}

}  // namespace linkage::cli
