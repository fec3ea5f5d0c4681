// `linkage scenario shock --from CHN --to KAZ --fall 30 --year 2019 [--both-ways] [--region central-asia]`:
// a first-order shock: the named flows (a partner's sales to an importer, or every flow of a route between
// two lists or regions) fall by a share, and the loss spreads to the exporters' suppliers through their
// import shares (model/trade_shock.hpp). Prints the countries hit and, with --region, the region's members
// and sum.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "model/gravity_panel.hpp"
#include "model/trade_shock.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct ShockOptions {
  CommonOptions common;
  std::string from;
  std::string to;
  double fall = 0;
  int year = 0;
  bool both_ways = false;
  std::string region;
  std::size_t top = 15;
  std::string format = "table";
};

std::size_t IndexOf(const TradeShockWorld& world, const std::string& id) {
  const auto found = std::find(world.countries.begin(), world.countries.end(), id);
  if (found == world.countries.end())
    throw UsageError(fmt::format("{} has no IMF DOTS flows in the chosen year", id));
  return static_cast<std::size_t>(found - world.countries.begin());
}

std::vector<nlohmann::json> Row(const ShockEffect& effect) {
  return {effect.name,
          effect.exports,
          NumberOrMissing(effect.gdp),
          effect.direct_export_loss,
          effect.direct_import_loss,
          effect.second_round_loss,
          NumberOrMissing(effect.total_export_loss),
          NumberOrMissing(100 * effect.share_of_exports),
          NumberOrMissing(100 * effect.share_of_gdp)};
}

ResultTable EffectTable() {
  return {{"country", "exports_usd", "gdp_usd", "direct_export_loss", "direct_import_loss",
           "second_round_loss", "total_export_loss", "loss_percent_of_exports", "loss_percent_of_gdp"},
          {}};
}

void RunShock(const ShockOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  if (!(options.fall > 0 && options.fall <= 100))
    throw UsageError(fmt::format("--fall takes a percentage above 0 and at most 100 (not {})", options.fall));
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const auto exporters = ResolveActorList(options.from, options.year, *database, actors);
  const auto importers = ResolveActorList(options.to, options.year, *database, actors);
  const TradeShockWorld world = BuildTradeWorld(*database, options.year);

  TradeShock shock;
  shock.fall = options.fall / 100;
  for (const auto& exporter : exporters) {
    for (const auto& importer : importers) {
      if (exporter == importer) continue;
      shock.flows.emplace_back(IndexOf(world, exporter), IndexOf(world, importer));
      if (options.both_ways) shock.flows.emplace_back(IndexOf(world, importer), IndexOf(world, exporter));
    }
  }
  if (shock.flows.empty()) throw UsageError("--from and --to name no pair of different countries");
  const ShockResult result = PropagateShock(world, shock);

  std::sort(shock.flows.begin(), shock.flows.end());
  shock.flows.erase(std::unique(shock.flows.begin(), shock.flows.end()), shock.flows.end());
  ResultTable summary{{"year", "flows", "fall_percent", "shocked_value_usd", "missing_shocked_flows",
                       "direct_loss_usd", "rounds", "countries", "missing_flows", "without_gdp"},
                      {}};
  double direct = 0;
  for (const auto& effect : result.countries) direct += effect.direct_export_loss;
  summary.rows.push_back({options.year, shock.flows.size(), options.fall, result.shocked_value,
                          result.missing_shocked_flows, direct,
                          result.converged ? nlohmann::json(result.rounds) : nlohmann::json("diverges"),
                          world.countries.size(), result.missing_flows, result.without_gdp.size()});

  // The countries hit directly first, then the largest losses from the spread.
  std::vector<std::size_t> order(result.countries.size());
  std::iota(order.begin(), order.end(), 0);
  const auto loss = [&](std::size_t k) {
    const auto& effect = result.countries[k];
    return std::isnan(effect.total_export_loss) ? effect.direct_export_loss + effect.second_round_loss
                                                : effect.total_export_loss;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool hit_a =
        result.countries[a].direct_export_loss > 0 || result.countries[a].direct_import_loss > 0;
    const bool hit_b =
        result.countries[b].direct_export_loss > 0 || result.countries[b].direct_import_loss > 0;
    if (hit_a != hit_b) return hit_a;
    return loss(a) > loss(b);
  });
  ResultTable countries = EffectTable();
  for (const auto k : order) {
    const auto& effect = result.countries[k];
    const bool hit = effect.direct_export_loss > 0 || effect.direct_import_loss > 0;
    if (!hit && countries.rows.size() >= options.top) break;
    countries.rows.push_back(Row(effect));
  }
  std::vector<ResultSection> sections = {{"shock", summary}, {"countries", countries}};
  if (!options.region.empty()) {
    ResultTable region = EffectTable();
    std::vector<std::size_t> members;
    for (const auto& id : ResolveActorList(options.region, options.year, *database, actors)) {
      const auto found = std::find(world.countries.begin(), world.countries.end(), id);
      if (found == world.countries.end()) continue;  // a member without DOTS flows that year
      members.push_back(static_cast<std::size_t>(found - world.countries.begin()));
      region.rows.push_back(Row(result.countries[members.back()]));
    }
    region.rows.push_back(Row(SumEffects(result, members, options.region)));
    sections.push_back({"region", region});
  }
  WriteSections(sections, format, stdout);
}

}  // namespace

void RegisterScenarioShock(CLI::App& scenario) {
  auto options = std::make_shared<ShockOptions>();
  CLI::App* command = scenario.add_subcommand(
      "shock", "A fall of some flows by a share, spread through trade shares (first order, no substitution)");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--from", options->from, "The exporters: actors (CHN or CHN,RUS) or a region")
      ->required();
  command->add_option("--to", options->to, "The importers: actors or a region")->required();
  command->add_option("--fall", options->fall, "How much of each flow is lost, in percent (0-100]")
      ->required();
  command->add_option("--year", options->year, "The year whose trade is shocked")->required();
  command->add_flag("--both-ways", options->both_ways,
                    "Shock the flows back from --to to --from too (a route)");
  command->add_option("--region", options->region, "Also show this region's members and their sum");
  command->add_option("--top", options->top, "Countries hit only by the spread to list (15)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunShock(*options); });
}

}  // namespace linkage::cli
