// `linkage region --actor CHN --region central-asia --years 1995-2020`: an outside actor and a region.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "indicators/regional.hpp"
#include "registry/actor_registry.hpp"
#include "registry/institutions.hpp"
#include "report/indicator_table.hpp"

namespace linkage::cli {

namespace {

struct RegionOptions {
  CommonOptions common;
  std::string actor;
  std::string region;
  std::string years = "1995-2020";
  std::string format = "table";
  ChoiceOptions choices;
};

void RunRegion(const RegionOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first, last] = ParseYears(options.years);
  const FlowChoices choices = ParseChoices(options.choices);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const Actor& actor = actors.RequireArgument(options.actor);
  const std::string region = RequireRegion(*database, options.region);
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);
  RequireDataset(choices, data);
  const auto records = ComputeRegionIndicators(*database, terms, actor.id, region, first, last, choices);
  if (records.empty()) {
    throw NotFoundError(fmt::format("region '{}' has no members in {}-{}", options.region, first, last));
  }
  WriteIndicatorRecords(*database, records, {}, format);
}

}  // namespace

void RegisterRegion(CLI::App& app) {
  auto options = std::make_shared<RegionOptions>();
  CLI::App* command =
      app.add_subcommand("region", "An outside actor and a region: shares, dependence, members");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--actor", options->actor, "The outside actor A (any code or name)")->required();
  command->add_option("--region", options->region, "A named region (see `linkage regions`)")->required();
  command->add_option("--years", options->years, "A year or a range (default 1995-2020)");
  command->add_option("--format", options->format, "table, csv or json");
  AddChoiceOptions(*command, options->choices);
  command->callback([options] { RunRegion(*options); });
}

}  // namespace linkage::cli
