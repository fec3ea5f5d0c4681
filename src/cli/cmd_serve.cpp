// `linkage serve [--port N] [--host 127.0.0.1]`: a local dashboard where a researcher picks a dyad, region,
// powers, years and dimension and the charts follow, over a read-only JSON API (docs/api.md).
#include <fmt/format.h>
#include <pthread.h>
#include <sys/resource.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "serve/dashboard_api.hpp"
#include "serve/dashboard_server.hpp"

namespace linkage::cli {

namespace {

struct ServeOptions {
  CommonOptions common;
  std::string host = "127.0.0.1";
  int port = 8765;
  std::string dyad;  // the selection the printed link opens on; the page asks for one otherwise
  std::string region;
  std::string powers;
  std::string years;
};

// The link to the dashboard, with the selection given on the command line as its query (the page reads it).
std::string DashboardLink(const ServeOptions& options) {
  std::string query;
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"dyad", options.dyad},
                                    {"region", options.region},
                                    {"powers", options.powers},
                                    {"years", options.years}}) {
    if (!value.empty()) query += fmt::format("{}{}={}", query.empty() ? "?" : "&", name, value);
  }
  return query;
}

// Blocks SIGINT and SIGTERM in this thread and every thread it starts later (the server's workers), so that
// they reach only the one thread that waits for them and stops the server outside any signal handler.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A browser closing a connection mid-answer must not end the process.
  std::signal(SIGPIPE, SIG_IGN);
  return signals;
}

// Each open connection is a file descriptor: 1,000 concurrent clients need more than the usual soft limit of
// 1,024, so the soft limit is raised to the hard one.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

void RunServe(const ServeOptions& options) {
  RaiseOpenFileLimit();
  DashboardApi api(OpenOrCreate(options.common));
  DashboardServer server(api, {LoadDashboardPage(), LoadChartLibraries()});
  // Only now: Ctrl-C must still end the first build of a workspace the usual way.
  const sigset_t signals = BlockStopSignals();
  const int port = server.Bind(options.host, options.port);
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1") {
    fmt::print(stderr, "linkage: serving on {}: other machines may reach the dashboard\n", options.host);
  }
  const bool ipv6 = options.host.find(':') != std::string::npos;
  // Tests and scripts read the port from this line, so it must not wait in a buffer.
  fmt::print("serving http://{}:{}/{}\n", ipv6 ? "[" + options.host + "]" : options.host, port,
             DashboardLink(options));
  std::fflush(stdout);

  std::atomic<bool> done = false;
  std::thread watcher([&] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) < 0) continue;
      // A signal that arrives before Listen() has started waits for it, or the stop would be lost.
      while (!done && !server.IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      server.Stop();
      return;
    }
  });
  const bool served = server.Listen();
  done = true;
  watcher.join();
  if (!served) throw UsageError(fmt::format("could not serve on {}:{}", options.host, port));
  fmt::print(stderr, "linkage: stopped serving\n");
}

}  // namespace

void RegisterServe(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve", "Serve a local dashboard of a dyad, its region and the powers, with its JSON API");
  AddWorkspaceOption(*command, options->common);
  command->add_option("--port", options->port, "Port to listen on; 0 picks a free one (default 8765)")
      ->check(CLI::Range(0, 65535));
  command->add_option("--host", options->host, "Address to listen on (default 127.0.0.1: this machine only)");
  command->add_option("--dyad", options->dyad, "The selection the dashboard opens on, e.g. CHN,KAZ");
  command->add_option("--region", options->region, "... its region, e.g. central-asia");
  command->add_option("--powers", options->powers, "... the other powers, e.g. RUS,USA");
  command->add_option("--years", options->years, "... the years, e.g. 1992-2020");
  command->callback([options] {
    if (!options->dyad.empty()) SplitDyad(options->dyad);  // a malformed --dyad fails before serving
    RunServe(*options);
  });
}

}  // namespace linkage::cli
