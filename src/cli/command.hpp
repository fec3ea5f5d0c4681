// cli/command.hpp
// What every subcommand shares: the --workspace option and opening (or first creating) the workspace.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/years.hpp"
#include "indicators/trade_terms.hpp"
#include "ingest/default_data.hpp"
#include "model/design_request.hpp"
#include "model/linkage_levels.hpp"
#include "model/score_tests.hpp"
#include "registry/actor_registry.hpp"
#include "store/database.hpp"

namespace linkage::cli {

//! Options every subcommand accepts.
struct CommonOptions {
  std::string workspace;  //!< --workspace PATH; empty means DefaultWorkspacePath()
};

//! Adds --workspace to a subcommand.
void AddWorkspaceOption(CLI::App& command, CommonOptions& options);
//! The workspace path the user chose or the default.
std::string WorkspacePath(const CommonOptions& options);
//! Builds a workspace (BuildWorkspace) with a progress bar on a terminal.
std::vector<ImportSummary> BuildWorkspaceShowingProgress(const BuildRequest& request);
//! Opens the workspace, building it from the embedded data first if the file does not exist yet.
std::unique_ptr<Database> OpenOrCreate(const CommonOptions& options);

//! How an indicator command reads flows: --perspective, --fill-from-mirror, --blocs, --dataset.
struct ChoiceOptions {
  std::string perspective = "reporter";
  bool fill_from_mirror = false;
  std::string blocs = "aggregate";
  std::string dataset;
  bool unreported_as_zero = false;
};

//! Adds --perspective, --fill-from-mirror, --blocs and --dataset to a subcommand.
void AddChoiceOptions(CLI::App& command, ChoiceOptions& options);
//! The flow choices the options name (UsageError for an unknown perspective or bloc reading).
FlowChoices ParseChoices(const ChoiceOptions& options);
//! NotFoundError, listing the datasets, when the choices name a dataset the workspace does not hold.
void RequireDataset(const FlowChoices& choices, TradeData& data);

//! Parses --only "id,id,...": the ids, each checked against the dyad indicators (UsageError listing them).
std::vector<std::string> ParseIndicatorIds(const std::string& only);

//! The years the break tests look at for the dyad a-b: the events of a user's `--milestones FILE` when one is
//! given, else the workspace's milestones of the pair.
std::vector<BreakDate> DyadBreakDates(Database& database, const ActorRegistry& actors, const std::string& a,
                                      const std::string& b, int first, int last,
                                      const std::string& milestones_file);

// One registration function per subcommand file.
void RegisterInit(CLI::App& app);
void RegisterImport(CLI::App& app);
void RegisterActors(CLI::App& app);
void RegisterMembers(CLI::App& app);
void RegisterAgreements(CLI::App& app);
void RegisterRegions(CLI::App& app);
void RegisterReproduce(CLI::App& app);
void RegisterSources(CLI::App& app);
void RegisterIndicators(CLI::App& app);
void RegisterRegion(CLI::App& app);
void RegisterSystem(CLI::App& app);
void RegisterSweep(CLI::App& app);
//! `linkage events`: event-data aggregates of a dyad by year or month.
void RegisterEvents(CLI::App& app);
//! `linkage trend`: Mann-Kendall tests and Sen slopes of a dyad's indicator series.
void RegisterTrend(CLI::App& app);
//! `linkage index`: the linkage index at three levels, its sensitivity, inputs and tests.
void RegisterIndex(CLI::App& app);
//! `linkage network`: a region's trade network with outside powers, or its coherence over the years.
void RegisterNetwork(CLI::App& app);
//! `linkage report`: a self-contained HTML report with its data and figures.
void RegisterReport(CLI::App& app);
//! `linkage gravity`: PPML or OLS gravity regressions with high-dimensional fixed effects.
void RegisterGravity(CLI::App& app);
//! `linkage premium`: a pair's trade beyond what structural gravity explains, by year.
void RegisterPremium(CLI::App& app);
//! `linkage serve`: a local dashboard of the model's charts over a read-only JSON API.
void RegisterServe(CLI::App& app);
void RegisterScenario(CLI::App& app);
//! The scenario command's own subcommands (cmd_scenario_shock.cpp, cmd_scenario_agreement.cpp).
void RegisterScenarioShock(CLI::App& scenario);
void RegisterScenarioAgreement(CLI::App& scenario);

}  // namespace linkage::cli
