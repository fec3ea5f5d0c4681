// `linkage events --reporter KAZ --partner CHN --years 2019-2020 --by month`: event-data aggregates of a dyad
// (counts by quad class, Goldstein mean and sum, share of cooperative events) by year or month.
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "indicators/event_indicators.hpp"
#include "registry/actor_registry.hpp"
#include "report/indicator_table.hpp"

namespace linkage::cli {

namespace {

struct EventsOptions {
  CommonOptions common;
  std::string reporter;
  std::string partner;
  std::string years;
  std::string by = "year";
  std::string dataset;
  std::string format = "table";
};

void RunEvents(const EventsOptions& options) {
  const OutputFormat format = ParseOutputFormat(options.format);
  const auto [first, last] = ParseYears(options.years);
  if (options.by != "year" && options.by != "month") {
    throw UsageError(fmt::format("--by '{}': use year or month", options.by));
  }
  auto database = OpenOrCreate(options.common);
  const ActorRegistry actors(*database);
  const Actor& reporter = actors.RequireArgument(options.reporter);
  const Actor& partner = actors.RequireArgument(options.partner);
  if (reporter.id == partner.id) throw UsageError("--reporter and --partner name the same actor");
  if (!options.dataset.empty()) {
    Statement known(*database, "SELECT 1 FROM events WHERE dataset = ? LIMIT 1");
    known.Bind(1, options.dataset);
    if (!known.Step()) {
      throw NotFoundError(
          fmt::format("no events of dataset '{}' in the workspace (see `linkage sources`)", options.dataset));
    }
  }
  const EventAggregation aggregation{options.by == "month", options.dataset};
  WriteIndicatorRecords(*database,
                        ComputeEventIndicators(*database, reporter.id, partner.id, first, last, aggregation),
                        {}, format);
}

}  // namespace

void RegisterEvents(CLI::App& app) {
  auto options = std::make_shared<EventsOptions>();
  CLI::App* command = app.add_subcommand(
      "events",
      "Event-data aggregates of a dyad by year or month (import GDELT, ICEWS, POLECAT or PLOVER first)");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--reporter", options->reporter, "One state (any code or name)")->required();
  command->add_option("--partner", options->partner, "The other state")->required();
  command->add_option("--years", options->years, "A year or a range, e.g. 2015-2020")->required();
  command->add_option("--by", options->by, "year (default) or month");
  command->add_option("--dataset", options->dataset,
                      "Only events of this dataset (gdelt, icews, polecat, ...)");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunEvents(*options); });
}

}  // namespace linkage::cli
