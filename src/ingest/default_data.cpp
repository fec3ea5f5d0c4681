#include "ingest/default_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/error.hpp"
#include "ingest/flow_lane.hpp"
#include "ingest/importers.hpp"
#include "ingest/loading_file.hpp"
#include "registry/actor_catalog.hpp"
#include "store/workspace.hpp"

namespace linkage {

namespace {

struct ManifestEntry {
  std::string format;
  std::string path;
  bool core = false;  //!< part of even an empty workspace (actors' institutions, regions)
  ImportOptions options;
};

std::vector<ManifestEntry> ReadManifest(const std::string& data_dir) {
  const std::string path = data_dir + "/manifest.json";
  std::ifstream in(path);
  if (!in) throw InputError({path}, "cannot open the data manifest", "data/manifest.json in the data folder");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError({path}, std::string("not valid JSON: ") + error.what(), "the data manifest");
  }
  std::vector<ManifestEntry> entries;
  for (const auto& item : json.at("imports")) {
    ManifestEntry entry;
    entry.format = item.at("format").get<std::string>();
    entry.path = data_dir + "/" + item.at("path").get<std::string>();
    entry.core = item.value("core", false);
    entry.options.dataset = item.value("dataset", "");
    entry.options.citation = item.value("citation", "");
    entry.options.terms = item.value("terms", "");
    entries.push_back(entry);
  }
  return entries;
}

// Progress shared by the lanes of a build: each names the step it starts, and the bytes of both add up.
class SharedProgress {
 public:
  SharedProgress(const std::function<void(const BuildProgress&)>& report, std::uint64_t bytes_total)
      : report_(report), done_{"", 0, bytes_total} {}

  //! Tells the user that `step` starts.
  void Start(const std::string& step) {
    const std::lock_guard<std::mutex> lock(mutex_);
    done_.step = step;
    report_(done_);
  }
  //! Counts `bytes` of source files as imported.
  void Add(std::uint64_t bytes) {
    const std::lock_guard<std::mutex> lock(mutex_);
    done_.bytes_done += bytes;
  }

 private:
  std::mutex mutex_;
  const std::function<void(const BuildProgress&)>& report_;
  BuildProgress done_;
};

// The failure a build reports when its lanes fail: the one of the earliest file in the manifest, which a
// build in one lane would have met first. A lane skips the files after a failure, and still reads the ones
// before it, since one of them may fail first.
class FirstFailure {
 public:
  //! Notes that the step at `position` (a file's place in the manifest; past them, the final checks) failed.
  void Note(std::size_t position, std::exception_ptr error) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (error_ && position_ <= position) return;
    position_ = position;
    error_ = std::move(error);
  }
  //! Whether a failure earlier in the manifest makes the step at `position` pointless.
  bool Forestalls(std::size_t position) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return error_ && position_ < position;
  }
  //! Whether any step failed.
  bool Any() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return error_ != nullptr;
  }
  //! Rethrows the failure, if there was one.
  void Rethrow() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::size_t position_ = 0;
  std::exception_ptr error_;
};

// The files of a build and where each lane records what it read.
struct BuildPlan {
  std::vector<ManifestEntry> imports;    //!< the files the build reads, in the manifest's order
  std::vector<ImportSummary> summaries;  //!< filled by the lanes, each at its file's position
};

// The source id a file is to be recorded under (0: the next free), given its position in the manifest;
// nullopt when the file is not to be read after all.
using SourceIdFor = std::function<std::optional<std::int64_t>(std::size_t)>;

// Imports the files at `positions` of `plan` into `database` in order, until one fails or a failure earlier
// in the manifest makes the rest pointless.
void ImportInOrder(Database& database, BuildPlan& plan, const std::vector<std::size_t>& positions,
                   const SourceIdFor& source_id_for, SharedProgress& progress, FirstFailure& failure) {
  for (const auto position : positions) {
    if (failure.Forestalls(position)) return;
    const auto& entry = plan.imports[position];
    try {
      const auto source_id = source_id_for(position);
      if (!source_id) return;
      progress.Start(std::filesystem::path(entry.path).filename().string());
      plan.summaries[position] = RunImport(database, entry.format, entry.path, entry.options, *source_id);
    } catch (...) {
      failure.Note(position, std::current_exception());
      return;
    }
    std::error_code unknown;
    const auto size = std::filesystem::file_size(entry.path, unknown);
    if (!unknown) progress.Add(size);
  }
}

// Loads the flow files at `positions` of `plan` into the file at `path` (a copy of the workspace as the files
// before them left it), then indexes and checks it. Runs on a thread of its own: every failure goes to
// `failure`.
void LoadFlowLane(const std::string& path, BuildPlan& plan, const std::vector<std::size_t>& positions,
                  const std::vector<std::string>& indexes, SourceIdHandover& handover,
                  SharedProgress& progress, FirstFailure& failure) {
  try {
    Database lane(path, false);
    PrepareBulkLoad(lane);
    const TableRows before = CountTableRows(lane);
    ImportInOrder(
        lane, plan, positions, [&](std::size_t position) { return handover.Await(position); }, progress,
        failure);
    if (failure.Forestalls(plan.imports.size())) return;
    FinishBulkLoad(lane, indexes);
    RequireOnlyFlowsAdded(lane, before);
  } catch (...) {
    failure.Note(plan.imports.size() + 1, std::current_exception());
  }
}

}  // namespace

std::vector<ImportSummary> BuildWorkspace(const BuildRequest& request,
                                          const std::function<void(const BuildProgress&)>& progress) {
  BuildPlan plan;
  for (auto& entry : ReadManifest(request.data_dir)) {
    if (entry.core || request.with_default_data) plan.imports.push_back(std::move(entry));
  }
  plan.summaries.resize(plan.imports.size());
  // Bytes are the measure of progress: the files differ in size by three orders of magnitude.
  std::uint64_t bytes_total = 0;
  for (const auto& entry : plan.imports) {
    std::error_code unknown;
    const auto size = std::filesystem::file_size(entry.path, unknown);
    if (!unknown) bytes_total += size;
  }
  SharedProgress shared(progress, bytes_total);
  FirstFailure failure;
  // The files are loaded into PATH.loading, and copied compactly into PATH.building, which takes the
  // workspace's name at the end. With a flow lane, the flow files load into PATH.flows, which takes the rest
  // from PATH.loading and becomes PATH.building.
  const std::string loading = request.workspace + ".loading";
  const std::string flows = request.workspace + ".flows";
  const std::string temporary = request.workspace + ".building";
  // What a killed build left behind, journals included, would otherwise be rolled onto this one.
  for (const auto& path : {loading, flows, temporary}) RemoveWithJournals(path);
  try {
    auto database = CreateWorkspace(loading);
    PrepareBulkLoad(*database);
    {
      Transaction transaction(*database);
      shared.Start("actors (ISO 3166, COW, aggregates, publishers' names)");
      BuildActorCatalog(*database, request.data_dir, request.iso_codes_dir);
      transaction.Commit();
    }
    const auto indexes = DropLookupIndexes(*database);
    // The files before the first flow file load in order. From there, the flow files load into a copy of the
    // workspace on a second core while the rest load here. Each flow file's source id is handed over from
    // here, the one it would have in a build in one lane, and no file but a flow file writes a flow table:
    // the two files merge into the workspace one lane would have built.
    std::vector<std::size_t> before;
    std::vector<std::size_t> beside;
    std::vector<std::size_t> after;
    for (std::size_t position = 0; position < plan.imports.size(); ++position) {
      if (request.flow_lane && WritesFlowsOnly(plan.imports[position].format)) {
        beside.push_back(position);
      } else {
        (beside.empty() ? before : after).push_back(position);
      }
    }
    const SourceIdFor next_free = [](std::size_t) { return std::optional<std::int64_t>(0); };
    ImportInOrder(*database, plan, before, next_free, shared, failure);
    failure.Rethrow();
    SourceIdHandover handover(beside);
    std::future<void> flow_lane;
    if (!beside.empty()) {
      std::filesystem::copy_file(loading, flows);
      flow_lane = std::async(std::launch::async,
                             [&] { LoadFlowLane(flows, plan, beside, indexes, handover, shared, failure); });
    }
    ImportInOrder(
        *database, plan, after,
        [&](std::size_t position) {
          handover.HoldIdsBefore(*database, position);
          return std::optional<std::int64_t>(0);
        },
        shared, failure);
    if (!failure.Forestalls(plan.imports.size())) {
      try {
        handover.HoldIdsBefore(*database, plan.imports.size());
      } catch (...) {
        failure.Note(plan.imports.size(), std::current_exception());
      }
    }
    handover.Close();
    // With a flow lane, its file takes the rest of the workspace from this one as soon as this one's indexes
    // are built, while its references are checked and its statistics gathered. The copy writes this lane's
    // tables compactly; the flow lane's were written in one ordered pass and are left as they are (a tenth
    // of their pages empty, 4% of the file, where compacting them too would take half a second).
    std::unique_ptr<Database> workspace;
    const auto merge = [&] {
      flow_lane.get();
      if (failure.Any()) return;
      shared.Start("merging the two lanes");
      workspace = std::make_unique<Database>(flows, false);
      MergeWorkspaceLane(*workspace, loading);
    };
    if (!failure.Forestalls(plan.imports.size())) {
      shared.Start("indexes");
      try {
        FinishBulkLoad(*database, indexes, beside.empty() ? std::function<void()>() : merge);
      } catch (...) {
        failure.Note(plan.imports.size(), std::current_exception());
      }
    }
    if (flow_lane.valid()) flow_lane.get();
    failure.Rethrow();
    if (workspace) {
      MergeWorkspaceStatistics(*workspace, loading);
      workspace.reset();
      SkipCheckpointOnClose(*database);
      std::filesystem::rename(flows, temporary);
    } else {
      shared.Start("compacting");
      CompactInto(*database, temporary);
    }
    database.reset();
    RemoveWithJournals(loading);
    RemoveWithJournals(flows);
    // Write-ahead logging from here on: commands read while an import writes (store/database.hpp).
    Database(temporary, false).Execute("PRAGMA journal_mode = WAL");
    shared.Start("done");
  } catch (...) {
    for (const auto& path : {loading, flows, temporary}) RemoveWithJournals(path);
    throw;
  }
  // A journal left beside the old file (an import killed mid-write) belongs to that file: SQLite would roll
  // it back onto the new one at the next open and destroy it. The old file's journals go before the new file
  // takes its name.
  RemoveJournals(request.workspace);
  std::filesystem::rename(temporary, request.workspace);
  return plan.summaries;
}

}  // namespace linkage
