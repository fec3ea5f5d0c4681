// The linkage command: parses the command line, runs one subcommand, and maps errors to exit codes.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <system_error>

#include "cli/command.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
  // A reader that closed the pipe early (`linkage ... | head`) is not an error: a write then fails with
  // EPIPE, which ends the command quietly below, instead of SIGPIPE killing the process (exit 141).
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"Linkage: how ties between states widen and deepen, measured from data with provenance"};
  app.set_version_flag("--version", LINKAGE_VERSION);
  app.require_subcommand(1);
  linkage::cli::RegisterInit(app);
  linkage::cli::RegisterImport(app);
  linkage::cli::RegisterActors(app);
  linkage::cli::RegisterMembers(app);
  linkage::cli::RegisterAgreements(app);
  linkage::cli::RegisterRegions(app);
  linkage::cli::RegisterReproduce(app);
  linkage::cli::RegisterSources(app);
  linkage::cli::RegisterIndicators(app);
  linkage::cli::RegisterRegion(app);
  linkage::cli::RegisterSystem(app);
  linkage::cli::RegisterSweep(app);
  linkage::cli::RegisterEvents(app);
  linkage::cli::RegisterTrend(app);
  linkage::cli::RegisterIndex(app);
  linkage::cli::RegisterNetwork(app);
  linkage::cli::RegisterReport(app);
  linkage::cli::RegisterGravity(app);
  linkage::cli::RegisterPremium(app);
  linkage::cli::RegisterServe(app);
  linkage::cli::RegisterScenario(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : static_cast<int>(linkage::ExitCode::kUsage);
  } catch (const linkage::Error& error) {
    std::fflush(stdout);
    fmt::print(stderr, "linkage: error: {}\n", error.what());
    return static_cast<int>(error.Code());
  } catch (const std::system_error& error) {
    if (error.code().value() == EPIPE) return 0;
    if (error.code().value() == ENOSPC || error.code().value() == EDQUOT) {
      std::fflush(stdout);
      fmt::print(stderr, "linkage: error: the disk is full: {}\n", error.what());
      return static_cast<int>(linkage::ExitCode::kStore);
    }
    std::fflush(stdout);
    fmt::print(stderr, "linkage: internal error: {}\n", error.what());
    return static_cast<int>(linkage::ExitCode::kInternal);
  } catch (const std::exception& error) {
    std::fflush(stdout);
    fmt::print(stderr, "linkage: internal error: {}\n", error.what());
    return static_cast<int>(linkage::ExitCode::kInternal);
  }
  if (std::fflush(stdout) != 0 && errno != EPIPE) return static_cast<int>(linkage::ExitCode::kInternal);
  return 0;
}
