#include "report/figure_export.hpp"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/error.hpp"
#include "report/web_assets.hpp"

extern char** environ;  // NOLINT: POSIX declares it for the child's environment

namespace linkage {

void ExportStaticFigures(const std::string& folder, bool figures, bool pdf) {
  const std::filesystem::path script = WebDir() / "export-figures.mjs";
  if (!std::filesystem::exists(script))
    throw ToolError(fmt::format("the figure exporter {} is missing", script.string()));
  std::string node = "node";
  std::string script_arg = script.string();
  std::string folder_arg = folder;
  std::string no_figures = "--no-figures";
  std::string print = "--pdf";
  std::vector<char*> argv = {node.data(), script_arg.data(), folder_arg.data()};
  if (!figures) argv.push_back(no_figures.data());
  if (pdf) argv.push_back(print.data());
  argv.push_back(nullptr);
  // The exporter writes to the same terminal; what this process printed must come first.
  std::fflush(stdout);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, "node", nullptr, nullptr, argv.data(), environ);
  if (spawned == ENOENT)
    throw ToolError(
        "Node.js is not installed, so the charts were not exported as SVG and PNG nor the PDF printed "
        "(install "
        "nodejs and chromium, as scripts/install-deps.sh does, or pass --no-static-figures without --pdf)");
  if (spawned != 0) throw ToolError(fmt::format("could not start Node.js: {}", std::strerror(spawned)));
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw ToolError(fmt::format("lost the figure exporter: {}", std::strerror(errno)));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw ToolError(fmt::format(
        "the figure exporter failed ({}); its message is above (pass --no-static-figures to skip the SVG and "
        "PNG files)",
        WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                          : fmt::format("signal {}", WTERMSIG(status))));
}

}  // namespace linkage
