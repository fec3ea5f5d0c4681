#include "cli/command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "ingest/default_data.hpp"
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

std::unique_ptr<Database> OpenOrCreate(const CommonOptions& options) {
  const std::string path = WorkspacePath(options);
  if (!std::filesystem::exists(path)) {
    fmt::print(stderr, "linkage: creating workspace {} from the embedded data\n", path);
    const bool terminal = isatty(fileno(stderr)) != 0;
    BuildWorkspace({path, DefaultDataDir(), DefaultIsoCodesDir(), true}, [terminal](const std::string& step) {
      if (terminal) fmt::print(stderr, "  loading {}\n", step);
    });
  }
  return OpenWorkspace(path);
}

}  // namespace linkage::cli
