// `linkage indicators --reporter KAZ --partner CHN --years 2000-2020 [--dimension ...]`: the dyad's
// indicators in the economic, security and political dimensions, and its event-data aggregates.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "indicators/dyad_indicators.hpp"
#include "indicators/products.hpp"
#include "registry/actor_registry.hpp"
#include "report/indicator_table.hpp"

namespace linkage::cli {

namespace {

struct IndicatorsOptions {
  CommonOptions common;
  std::string reporter;
  std::string partner;
  std::string years;
  ChoiceOptions choices;
  std::string only;
  std::string products;
  std::size_t top = 5;
  std::string format = "table";
  std::string dimension = "economic";
};

void RunIndicators(const IndicatorsOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first, last] = ParseYears(options.years);
  const FlowChoices choices = ParseChoices(options.choices);
  const Dimensions dimensions = ParseDimensions(options.dimension);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const Actor& reporter = actors.RequireArgument(options.reporter);
  const Actor& partner = actors.RequireArgument(options.partner);
  if (reporter.id == partner.id) throw UsageError("--reporter and --partner name the same actor");
  const std::vector<std::string> only = ParseIndicatorIds(options.only);
  const std::set<std::string> wanted(only.begin(), only.end());
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);
  RequireDataset(choices, data);
  std::vector<IndicatorRecord> records =
      ComputeDyadIndicators(*database, terms, reporter.id, partner.id, first, last, choices, dimensions);
  if (dimensions.economic && !options.products.empty()) {
    if (options.products != "hs2" && options.products != "hs4") {
      throw UsageError(
          fmt::format("--products '{}': use hs2 (chapters) or hs4 (headings)", options.products));
    }
    for (int year = first; year <= last; ++year) {
      const ProductRequest request{reporter.id,      partner.id, year, year > first ? first : 0,
                                   options.products, options.top};
      for (auto& record : ComputeProductIndicators(data, request)) records.push_back(std::move(record));
    }
  }

  WriteIndicatorRecords(*database, records, wanted, format);
}

}  // namespace

void RegisterIndicators(CLI::App& app) {
  auto options = std::make_shared<IndicatorsOptions>();
  CLI::App* command =
      app.add_subcommand("indicators", "Indicators of a dyad: economic, security, political and event data");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--reporter", options->reporter, "Reporter i (any code or name)")->required();
  command->add_option("--partner", options->partner, "Partner j")->required();
  command->add_option("--years", options->years, "A year or a range, e.g. 2000-2020")->required();
  AddChoiceOptions(*command, options->choices);
  command->add_option("--only", options->only, "Comma-separated indicator ids (default: all)");
  command->add_option(
      "--products", options->products,
      "Also product composition at hs2 (chapters) or hs4 (headings), where product data exist");
  command->add_option("--top", options->top, "Top products listed per direction (default 5)");
  command->add_option("--format", options->format, "table, csv or json");
  command->add_option("--dimension", options->dimension,
                      "economic (default: trade, development finance), security (alliances, institutions, "
                      "arms, contiguity, capabilities, exercises), political (UN votes, ideal points, IGOs, "
                      "partnership, summits), events (event-data aggregates by year) or all");
  command->callback([options] { RunIndicators(*options); });
}

}  // namespace linkage::cli
