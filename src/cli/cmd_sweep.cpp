// `linkage sweep --baci FILE --out DIR`: the indicator sweep over every dyad of a BACI file.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "engine/baci_reader.hpp"
#include "engine/column_cache.hpp"
#include "engine/sweep.hpp"

namespace linkage::cli {

namespace {

struct SweepOptions {
  std::string baci;
  std::string out;
  unsigned threads = 0;
  std::string cache;
  bool no_cache = false;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void RunSweep(const SweepOptions& options) {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  if (options.threads > 4 * cores) {
    throw UsageError(fmt::format("--threads {}: this machine has {} cores; use 1 to {} (0: one per core)",
                                 options.threads, cores, 4 * cores));
  }
  const auto start = std::chrono::steady_clock::now();
  // Three stages of very different lengths; the bar says which one is running and how long it has taken.
  ProgressBar bar("sweep", 3, "stages");
  bar.Advance(0, "reading " + options.baci);
  const auto parse = [&] { return engine::ReadBaci(options.baci, options.threads); };
  engine::CacheOutcome cache;
  const engine::FlowColumns flows =
      options.no_cache ? parse()
                       : engine::LoadOrParse(
                             options.baci, options.cache.empty() ? engine::DefaultCacheDir() : options.cache,
                             parse, cache);
  // Said once the bar's line is finished, so the two do not share a line.
  const std::string cache_note = options.no_cache ? ""
                                 : cache.hit      ? fmt::format("columns from the cache {}", cache.path)
                                                  : fmt::format("parsed {} ({}); cache written to {}",
                                                                options.baci, cache.reason, cache.path);
  if (flows.Size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw UsageError(
        fmt::format("{} has {} rows; the sweep takes at most 4294967294", options.baci, flows.Size()));
  }
  const double read = SecondsSince(start);
  bar.Advance(1, "sweeping");
  const engine::SweepResult result = engine::Sweep(flows, options.threads);
  const double swept = SecondsSince(start);
  bar.Advance(1, "writing " + options.out);
  engine::WriteSweep(result, options.out);
  bar.Advance(1, "done");
  bar.Finish();
  if (!cache_note.empty()) fmt::print(stderr, "linkage: {}\n", cache_note);
  fmt::print(
      stderr,
      "linkage: {} rows read in {:.2f} s, swept in {:.2f} s, written in {:.2f} s: {} dyads, {} countries, {} "
      "exporters -> {}\n",
      flows.Size(), read, swept - read, SecondsSince(start) - swept, result.dyads.size(),
      result.countries.size(), result.concentration.size(), options.out);
}

}  // namespace

void RegisterSweep(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* command = app.add_subcommand(
      "sweep",
      "The indicator sweep over every dyad of a BACI file: dyads, countries, intensity, concentration");
  command->add_option("--baci", options->baci, "A file in the BACI layout (t,i,j,k,v,q)")->required();
  command
      ->add_option("--out", options->out,
                   "Folder for dyads.csv, countries.csv, intensity.csv, concentration.csv")
      ->required();
  command->add_option("--threads", options->threads, "Worker threads (default: one per core)");
  command->add_option("--cache", options->cache,
                      "Folder for parsed-column caches (default: $LINKAGE_CACHE_DIR, else ~/.cache/linkage)");
  command->add_flag("--no-cache", options->no_cache, "Parse the file without reading or writing a cache");
  command->callback([options] { RunSweep(*options); });
}

}  // namespace linkage::cli
