// `linkage network --region central-asia --year 2015 [--powers CHN,RUS,USA] [--pivot KAZ] [--actor CHN]`: the
// trade network of a region and outside powers in a year, each node's centrality and the graph's shape;
// `linkage network --region central-asia --years 1992-2020 --coherence [--actor CHN]`: how the region holds
// together over the years.
#include <fmt/format.h>

#include <optional>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "model/coherence.hpp"
#include "model/regional_network.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/network_tables.hpp"
#include "report/output.hpp"

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
  bool unreported_as_zero = false;
  std::string format = "table";
};

// The single year the network is read for.
int ParseNetworkYear(const std::string& text) {
  const auto year = ParseYear(text);
  if (!year) {
    throw UsageError(fmt::format("--year '{}' is not a year; expected e.g. 2015 (years {} to {})",
                                 text::Truncate(text, 40), kFirstYear, kLastYear));
  }
  return *year;
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

void RunNetworkYear(const NetworkOptions& options, Database& database, const ActorRegistry& actors,
                    TradeTerms& terms, const std::string& region, OutputFormat format) {
  const int year = ParseNetworkYear(options.year);
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
  const Coherence coherence =
      ComputeCoherence(database, terms, region, first, last, actor, options.unreported_as_zero);
  if (coherence.years.empty()) {
    throw NotFoundError(fmt::format("region '{}' has no members in {}-{}", options.region, first, last));
  }
  WriteSections(CoherenceSections(coherence, first, last), format, stdout);
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
  command->add_flag("--unreported-as-zero", options->unreported_as_zero,
                    "With --coherence: count a member-to-member flow neither side reports as zero in the "
                    "intra-regional trade share, naming it, instead of leaving the year's share missing");
  command->add_option("--format", options->format,
                      "table, csv (the tables one after another, a blank line between) or json (one object)");
  command->callback([options] { RunNetwork(*options); });
}

}  // namespace linkage::cli
