// `linkage trend --reporter KAZ --partner CHN --years 1992-2020 [--dimension all] [--only ids]`: the
// Mann-Kendall test and Sen's slope of each of the dyad's indicator series.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "indicators/dyad_indicators.hpp"
#include "model/trend.hpp"
#include "registry/actor_registry.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

constexpr double kSignificance = 0.05;

struct TrendOptions {
  CommonOptions common;
  std::string reporter;
  std::string partner;
  std::string years;
  ChoiceOptions choices;
  std::string only;
  std::string dimension = "all";
  std::string format = "table";
};

// A plain-language reading of the test.
std::string Reading(const TrendTest& test) {
  if (test.p_value >= kSignificance) return "no monotonic trend at the 5% level";
  return test.s > 0 ? "rising (5% level)" : "falling (5% level)";
}

void RunTrend(const TrendOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first, last] = ParseYears(options.years);
  const FlowChoices choices = ParseChoices(options.choices);
  const Dimensions dimensions = ParseDimensions(options.dimension);
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const Actor& reporter = actors.RequireArgument(options.reporter);
  const Actor& partner = actors.RequireArgument(options.partner);
  if (reporter.id == partner.id) throw UsageError("--reporter and --partner name the same actor");
  const std::vector<std::string> wanted = ParseIndicatorIds(options.only);
  TradeData data(*database);
  TradeTerms terms(*database, data, actors);
  RequireDataset(choices, data);
  // Series per indicator (and perspective), in the order the indicators come.
  std::vector<std::string> order;
  std::map<std::string, std::vector<SeriesPoint>> series;
  std::map<std::string, int> missing;
  for (const auto& record :
       ComputeDyadIndicators(*database, terms, reporter.id, partner.id, first, last, choices, dimensions)) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), record.indicator) == wanted.end())
      continue;
    const std::string key = record.indicator + (record.perspective == "partner" ? " (partner)" : "");
    if (!series.contains(key)) order.push_back(key);
    auto& points = series[key];
    if (record.value) {
      points.push_back({static_cast<double>(record.year), *record.value});
    } else {
      ++missing[key];
    }
  }
  ResultTable table{{"indicator", "reporter", "partner", "years", "n", "missing", "mann_kendall_s", "tau",
                     "z", "p_value", "sen_slope", "reading"},
                    {}};
  for (const auto& key : order) {
    const auto test = MannKendall(series[key]);
    const std::string span = fmt::format("{}-{}", first, last);
    if (!test) {
      table.rows.push_back({key, reporter.id, partner.id, span, series[key].size(), missing[key], nullptr,
                            nullptr, nullptr, nullptr, nullptr, "fewer than 3 years with a value"});
      continue;
    }
    table.rows.push_back({key, reporter.id, partner.id, span, test->n, missing[key], test->s, test->tau,
                          test->z, test->p_value, test->sen_slope, Reading(*test)});
  }
  WriteResult(table, format, stdout);
}

}  // namespace

void RegisterTrend(CLI::App& app) {
  auto options = std::make_shared<TrendOptions>();
  CLI::App* command = app.add_subcommand(
      "trend", "Mann-Kendall trend test and Sen's slope of each indicator series of a dyad");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--reporter", options->reporter, "Reporter i (any code or name)")->required();
  command->add_option("--partner", options->partner, "Partner j")->required();
  command->add_option("--years", options->years, "A range of years, e.g. 1992-2020")->required();
  AddChoiceOptions(*command, options->choices);
  command->add_option("--only", options->only, "Comma-separated indicator ids (default: all)");
  command->add_option("--dimension", options->dimension,
                      "economic, security, political, events or all (default)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunTrend(*options); });
}

}  // namespace linkage::cli
