// `linkage init`: creates a workspace from the embedded data; `--force` rebuilds an existing one.
#include <fmt/format.h>

#include <filesystem>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "ingest/default_data.hpp"
#include "store/workspace.hpp"

namespace linkage::cli {

namespace {

struct InitOptions {
  CommonOptions common;
  bool empty = false;
  bool force = false;
  std::string data_dir;
};

void RunInit(const InitOptions& options) {
  const std::string path = WorkspacePath(options.common);
  if (std::filesystem::exists(path) && !options.force) {
    throw UsageError(
        fmt::format("{} already exists; use --force to rebuild it from the embedded data", path));
  }
  const std::string data_dir = options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  const auto summaries =
      BuildWorkspaceShowingProgress({path, data_dir, DefaultIsoCodesDir(), !options.empty});
  std::int64_t values = 0;
  for (const auto& summary : summaries) values += summary.values_stored;
  fmt::print("created {} from {} ({} files, {} values)\n", path, data_dir, summaries.size(), values);
}

}  // namespace

void RegisterInit(CLI::App& app) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* command =
      app.add_subcommand("init", "Create a workspace from the embedded data (data/manifest.json)");
  AddWorkspaceOption(*command, options->common);
  command->add_flag("--empty", options->empty,
                    "Only actors, institutions and regions; no trade or series data");
  command->add_flag("--force", options->force,
                    "Rebuild an existing workspace (replaced only if the build succeeds)");
  command->add_option("--data-dir", options->data_dir, "Embedded data folder (default: $LINKAGE_DATA_DIR)");
  command->callback([options] { RunInit(*options); });

  auto rebuild = std::make_shared<InitOptions>();
  CLI::App* rebuild_command =
      app.add_subcommand("rebuild", "Rebuild the workspace from the embedded data (same as init --force)");
  AddWorkspaceOption(*rebuild_command, rebuild->common);
  rebuild_command->callback([rebuild] {
    rebuild->force = true;
    RunInit(*rebuild);
  });
}

}  // namespace linkage::cli
