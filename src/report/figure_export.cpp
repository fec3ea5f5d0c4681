#include "report/figure_export.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "report/web_assets.hpp"

extern char** environ;  // NOLINT: POSIX declares it for the child's environment

namespace linkage {

FigureExport::FigureExport(const std::string& folder, bool figures, bool pdf) {
  const std::filesystem::path script = WebDir() / "export-figures.mjs";
  if (!std::filesystem::exists(script))
    throw ToolError(fmt::format("the figure exporter {} is missing", script.string()));
  std::string node = "node";
  std::string script_arg = script.string();
  std::string folder_arg = folder;
  std::string wait = "--wait";
  std::string no_figures = "--no-figures";
  std::string print = "--pdf";
  std::vector<char*> argv = {node.data(), script_arg.data(), folder_arg.data(), wait.data()};
  if (!figures) argv.push_back(no_figures.data());
  if (pdf) argv.push_back(print.data());
  argv.push_back(nullptr);
  std::array<int, 2> pipe_ends{};
  if (pipe2(pipe_ends.data(), O_CLOEXEC) != 0)
    throw ToolError(fmt::format("could not make a pipe for the figure exporter: {}", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[0], STDIN_FILENO);
  // The exporter writes to the same terminal; what this process printed so far must come first.
  std::fflush(stdout);
  spawn_error_ = posix_spawnp(&child_, "node", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_ends[0]);
  if (spawn_error_ != 0) {
    close(pipe_ends[1]);
    child_ = 0;
    return;
  }
  to_child_ = pipe_ends[1];
}

FigureExport::~FigureExport() {
  if (child_ != 0) Finish(false);
}

int FigureExport::Finish(bool go) {
  if (go) {
    // An exporter that died already shows as EPIPE here, and by its exit status below, not as SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    constexpr std::string_view kGo = "draw\n";
    [[maybe_unused]] const ssize_t written = write(to_child_, kGo.data(), kGo.size());
  }
  close(to_child_);
  to_child_ = -1;
  int status = 0;
  pid_t waited = 0;
  while ((waited = waitpid(child_, &status, 0)) < 0 && errno == EINTR) {
  }
  child_ = 0;
  return waited < 0 ? -1 : status;
}

void FigureExport::Draw() {
  if (spawn_error_ == ENOENT)
    throw ToolError(
        "Node.js is not installed, so the charts were not exported as SVG and PNG nor the PDF printed "
        "(install nodejs and chromium, as scripts/install-deps.sh does, or pass --no-static-figures without "
        "--pdf)");
  if (spawn_error_ != 0)
    throw ToolError(fmt::format("could not start Node.js: {}", std::strerror(spawn_error_)));
  std::fflush(stdout);
  const int status = Finish(true);
  if (status < 0) throw ToolError(fmt::format("lost the figure exporter: {}", std::strerror(errno)));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw ToolError(fmt::format(
        "the figure exporter failed ({}); its message is above (pass --no-static-figures to skip the SVG and "
        "PNG files)",
        WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                          : fmt::format("signal {}", WTERMSIG(status))));
}

}  // namespace linkage
