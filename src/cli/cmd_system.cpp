// `linkage system --region central-asia --powers CHN,RUS,USA,EUU,TUR,IRN`: the outside powers facing a
// region.
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

struct SystemOptions {
  CommonOptions common;
  std::string region;
  std::string powers;
  std::string years = "1995-2020";
  std::string format = "table";
  ChoiceOptions choices;
};

void RunSystem(const SystemOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first, last] = ParseYears(options.years);
  const FlowChoices choices = ParseChoices(options.choices);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  std::vector<std::string> powers;
  for (const auto& name : text::Split(options.powers, ',')) {
    if (text::Trim(name).empty()) continue;
    powers.push_back(actors.RequireArgument(name).id);
  }
  if (powers.size() < 2) throw UsageError("--powers needs at least two actors, e.g. CHN,RUS,USA");
  const std::string region = RequireRegion(*database, options.region);
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);
  RequireDataset(choices, data);
  const auto records = ComputeSystemIndicators(*database, terms, region, powers, first, last, choices);
  if (records.empty()) {
    throw NotFoundError(fmt::format("region '{}' has no members in {}-{}", options.region, first, last));
  }
  WriteIndicatorRecords(*database, records, {}, format);
}

}  // namespace

void RegisterSystem(CLI::App& app) {
  auto options = std::make_shared<SystemOptions>();
  CLI::App* command = app.add_subcommand(
      "system", "Outside powers facing a region: shares, concentration, multi-vector index");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--region", options->region, "A named region")->required();
  command->add_option("--powers", options->powers, "Comma-separated outside powers, e.g. CHN,RUS,USA,EUU")
      ->required();
  command->add_option("--years", options->years, "A year or a range (default 1995-2020)");
  command->add_option("--format", options->format, "table, csv or json");
  AddChoiceOptions(*command, options->choices);
  command->callback([options] { RunSystem(*options); });
}

}  // namespace linkage::cli
