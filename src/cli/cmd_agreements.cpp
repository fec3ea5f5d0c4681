// `linkage agreements --actor MEX [--partner USA] [--in 2019] [--agreement NAFTA]`: the trade agreements that
// bind a state to its partners, by pair, with their dates and the source rows (DESTA, HUGGO).
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "registry/agreements.hpp"
#include "report/output.hpp"

namespace linkage::cli {

namespace {

struct AgreementsOptions {
  CommonOptions common;
  std::string actor;
  std::string partner;
  std::string agreement;
  int in = 0;
  std::string format = "table";
};

void RunAgreements(const AgreementsOptions& options) {
  if (options.actor.empty() && options.agreement.empty())
    throw UsageError("give --actor (and --partner), --agreement, or both");
  auto database = OpenOrCreate(options.common);
  const ActorRegistry registry(*database);
  const std::string actor = options.actor.empty() ? "" : registry.RequireArgument(options.actor).id;
  const std::string partner = options.partner.empty() ? "" : registry.RequireArgument(options.partner).id;
  std::vector<std::string> agreements;
  if (!options.agreement.empty()) {
    agreements = FindAgreements(*database, options.agreement);
    if (agreements.empty())
      throw NotFoundError(
          fmt::format("no trade agreement in the workspace is called '{}'; give an id "
                      "(DESTA 636), a name as the source spells it, or pta for all",
                      options.agreement));
  }
  ResultTable table{
      {"agreement", "name", "actor_a", "actor_b", "from", "to", "dates", "source", "dataset", "line"}, {}};
  for (const auto& pair : AgreementPairs(*database, agreements, actor, partner)) {
    if (options.in != 0 && !InForceDuring(pair, options.in)) continue;
    table.rows.push_back({pair.agreement, pair.name, pair.actor_a, pair.actor_b, pair.start,
                          pair.end ? nlohmann::json(*pair.end) : nlohmann::json(), pair.dates, pair.citation,
                          pair.dataset, pair.source_line});
  }
  WriteResult(table, ParseOutputFormat(options.format), stdout);
}

}  // namespace

void RegisterAgreements(CLI::App& app) {
  auto options = std::make_shared<AgreementsOptions>();
  CLI::App* command =
      app.add_subcommand("agreements", "Trade agreements in force by pair, with their dates and sources");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--actor", options->actor, "A state: the agreements that bind it to others");
  command->add_option("--partner", options->partner, "With --actor: only those binding the two");
  command->add_option("--agreement", options->agreement,
                      "An agreement's id (DESTA 636) or name, or pta for every agreement");
  command->add_option("--in", options->in, "A year: only agreements in force at some time during it");
  command->add_option("--format", options->format, "table, csv or json");
  command->callback([options] { RunAgreements(*options); });
}

}  // namespace linkage::cli
