// `linkage premium --dyad CHN,KAZ --years 1995-2020 [--every 5] [--top 40 | --countries ...]`: the linkage
// premium of a pair from a structural gravity model on the workspace's IMF DOTS flows: how far above its own
// first year the pair trades in each later year, beyond every country's multilateral resistance, and how far
// its pair effect sits above what distance, contiguity, language and colonial ties explain.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "model/gravity_panel.hpp"
#include "model/premium.hpp"
#include "report/output.hpp"
#include "report/regression_table.hpp"

namespace linkage::cli {

namespace {

struct PremiumOptions {
  CommonOptions common;
  std::string dyad;
  std::string years;
  int every = 5;
  std::size_t top = 40;
  std::string countries;
  std::string format = "table";
};

double Percent(double log_points) {
  return 100 * (std::exp(log_points) - 1);
}

void RunPremium(const PremiumOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first_name, second_name] = SplitDyad(options.dyad);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const std::string a = actors.RequireArgument(first_name).id;
  const std::string b = actors.RequireArgument(second_name).id;
  WorkspacePanelRequest request;
  std::tie(request.first, request.last) = ParseYears(options.years);
  request.step = options.every;
  if (options.countries.empty()) {
    request.countries = LargestExporters(*database, request.last, options.top);
  } else {
    for (const auto& name : text::Split(options.countries, ','))
      request.countries.push_back(actors.RequireArgument(name).id);
  }
  for (const auto& id : {a, b})
    if (std::find(request.countries.begin(), request.countries.end(), id) == request.countries.end())
      request.countries.push_back(id);
  const GravityFrame frame = BuildWorkspacePanel(*database, request);
  const PremiumResult premium = EstimatePremium(frame, a, b);

  ResultTable path{{"exporter", "importer", "year", "premium_log", "premium_percent", "std_error",
                    "ci_low_percent", "ci_high_percent", "p_value"},
                   {}};
  for (const auto& point : premium.path) {
    path.rows.push_back({point.exporter, point.importer, point.year, point.estimate, Percent(point.estimate),
                         point.std_error, Percent(point.estimate - kNormalQuantile975 * point.std_error),
                         Percent(point.estimate + kNormalQuantile975 * point.std_error),
                         NormalPValue(point.estimate / point.std_error)});
  }
  ResultTable levels{
      {"exporter", "importer", "base_year", "residual_log", "residual_percent", "percentile", "pairs"}, {}};
  for (const auto& level : premium.levels) {
    levels.rows.push_back({level.exporter, level.importer, premium.base_year, level.residual,
                           Percent(level.residual), level.percentile, level.pairs});
  }
  const std::vector<RegressionColumn> columns = {
      {"structural PPML", &premium.structural, {"exporter#year", "importer#year", "exporter#importer"}},
      {"fundamentals OLS", &premium.fundamentals, {"exporter", "importer"}}};
  WriteSections({{"path", path}, {"level", levels}, {"fit", FitTable(columns)}}, format, stdout);
}

}  // namespace

void RegisterPremium(CLI::App& app) {
  auto options = std::make_shared<PremiumOptions>();
  CLI::App* command = app.add_subcommand(
      "premium",
      "The linkage premium of a pair: its trade beyond what gravity explains, by year, with intervals");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--dyad", options->dyad, "The pair, e.g. CHN,KAZ (both directions are estimated)")
      ->required();
  command->add_option("--years", options->years, "The years, e.g. 1995-2020")->required();
  command->add_option("--every", options->every, "Every N-th year from the first (default 5)");
  command->add_option("--top", options->top,
                      "The panel: the N largest exporters in the last year, and the pair (40)");
  command->add_option("--countries", options->countries, "The panel's countries instead of --top");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunPremium(*options); });
}

}  // namespace linkage::cli
