#include "cli/command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"
#include "indicators/dyad_indicators.hpp"
#include "ingest/default_data.hpp"
#include "ingest/milestone_file.hpp"
#include "model/milestone_dates.hpp"
#include "registry/institutions.hpp"
#include "store/workspace.hpp"

namespace linkage::cli {

void AddWorkspaceOption(CLI::App& command, CommonOptions& options) {
  command.add_option(
      "--workspace", options.workspace,
      "Workspace file (default: $LINKAGE_WORKSPACE or ./linkage.db; created from the embedded data "
      "if missing)");
}

std::string WorkspacePath(const CommonOptions& options) {
  return options.workspace.empty() ? DefaultWorkspacePath() : options.workspace;
}

std::vector<ImportSummary> BuildWorkspaceShowingProgress(const BuildRequest& request) {
  std::optional<ProgressBar> bar;
  std::uint64_t shown = 0;
  auto summaries = BuildWorkspace(request, [&](const BuildProgress& progress) {
    if (!bar) bar.emplace("building workspace", progress.bytes_total, "MB", ProgressUnit::kBytes);
    bar->Advance(progress.bytes_done - shown, progress.step);
    shown = progress.bytes_done;
  });
  if (bar) bar->Finish();
  return summaries;
}

std::unique_ptr<Database> OpenOrCreate(const CommonOptions& options) {
  const std::string path = WorkspacePath(options);
  if (!std::filesystem::exists(path)) {
    fmt::print(stderr, "linkage: creating workspace {} from the embedded data\n", path);
    BuildWorkspaceShowingProgress({path, DefaultDataDir(), DefaultIsoCodesDir(), true});
  }
  return OpenWorkspace(path);
}

void AddChoiceOptions(CLI::App& command, ChoiceOptions& options) {
  command.add_option("--perspective", options.perspective,
                     "Whose figures: reporter (its own reports), partner (the partners' reports, mirrored) "
                     "or both");
  command.add_flag("--fill-from-mirror", options.fill_from_mirror,
                   "Fill a missing report with the other side's report of the same flow (noted per record)");
  command.add_option(
      "--blocs", options.blocs,
      "aggregate (a bloc's own figures, e.g. the EU as one partner) or members (the sum of its "
      "members in each year)");
  command.add_flag("--unreported-as-zero", options.unreported_as_zero,
                   "In sums over a region's members (the intra-regional trade share), count a flow neither "
                   "side reports as zero, naming it, instead of leaving the sum missing");
  command.add_option(
      "--dataset", options.dataset,
      "Read flows from this dataset only (e.g. baci; default: IMF DOTS first, then others in import "
      "order)");
}

void RequireDataset(const FlowChoices& choices, TradeData& data) {
  if (choices.dataset.empty()) return;
  const auto& held = data.DatasetPreference();
  if (std::find(held.begin(), held.end(), choices.dataset) != held.end()) return;
  throw NotFoundError(fmt::format("the workspace holds no flows of dataset '{}'; it holds: {}",
                                  choices.dataset, text::Join(held, ", ")));
}

FlowChoices ParseChoices(const ChoiceOptions& options) {
  FlowChoices choices;
  choices.dataset = options.dataset;
  choices.perspective = ParsePerspective(options.perspective);
  choices.fill_from_mirror = options.fill_from_mirror;
  choices.unreported_as_zero = options.unreported_as_zero;
  if (options.blocs == "members") {
    choices.bloc_members = true;
  } else if (options.blocs != "aggregate") {
    throw UsageError(fmt::format("--blocs '{}': use aggregate or members", options.blocs));
  }
  return choices;
}

std::vector<std::string> ParseIndicatorIds(const std::string& only) {
  const std::vector<std::string> known = KnownIndicatorIds();
  std::vector<std::string> ids;
  for (const auto& id : text::Split(only, ',')) {
    if (id.empty()) continue;
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      throw UsageError(fmt::format("unknown indicator '{}'; known: {}", id, text::Join(known, ", ")));
    }
    ids.push_back(id);
  }
  return ids;
}

std::vector<BreakDate> DyadBreakDates(Database& database, const ActorRegistry& actors, const std::string& a,
                                      const std::string& b, int first, int last,
                                      const std::string& milestones_file) {
  if (milestones_file.empty()) return MilestoneBreakDates(database, a, b, first, last);
  std::vector<BreakDate> dates;
  for (auto& event : ReadMilestoneFile(milestones_file, actors, a, b, first, last))
    dates.push_back({event.year, std::move(event.label)});
  return dates;
}

}  // namespace linkage::cli
