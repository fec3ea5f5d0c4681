#include "ingest/default_data.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "ingest/importers.hpp"
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

// Fails the build on the first row whose reference leads nowhere, naming the table and the row.
void CheckForeignKeys(Database& database) {
  Statement check(database, "PRAGMA foreign_key_check");
  if (!check.Step()) return;
  throw StoreError(
      fmt::format("the new workspace's table {} has a row (rowid {}) that refers to a missing row "
                  "of {}; the data folder's files disagree with each other",
                  check.Text(0), check.IsNull(1) ? std::string("none") : check.Text(1), check.Text(2)));
}

}  // namespace

std::vector<ImportSummary> BuildWorkspace(const BuildRequest& request,
                                          const std::function<void(const BuildProgress&)>& progress) {
  const auto manifest = ReadManifest(request.data_dir);
  // Bytes are the measure of progress: the files differ in size by three orders of magnitude.
  BuildProgress done{"", 0, 0};
  for (const auto& entry : manifest) {
    std::error_code unknown;
    const auto size = std::filesystem::file_size(entry.path, unknown);
    if ((entry.core || request.with_default_data) && !unknown) done.bytes_total += size;
  }
  const std::string temporary = request.workspace + ".building";
  // What a killed build left behind, journals included, would otherwise be rolled onto this one.
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(temporary + suffix);
  std::vector<ImportSummary> summaries;
  try {
    auto database = CreateWorkspace(temporary);
    // The file is thrown away on any failure, so the build needs no rollback journal and no fsync. Foreign
    // keys are checked once over the whole file at the end (a sixth of the build's time when checked row by
    // row).
    database->Execute(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; "
        "PRAGMA foreign_keys = OFF;");
    {
      Transaction transaction(*database);
      done.step = "actors (ISO 3166, COW, aggregates, publishers' names)";
      progress(done);
      BuildActorCatalog(*database, request.data_dir, request.iso_codes_dir);
      transaction.Commit();
    }
    // The lookup indexes of the large tables are built once after loading, by sorting, rather than kept up
    // row by row; the imports check their rows through the primary keys and unique indexes only.
    std::vector<std::string> deferred;
    {
      Statement indexes(*database,
                        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND "
                        "sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('flow_values', "
                        "'dyad_values', 'series_values', 'votes') ORDER BY name");
      std::vector<std::string> names;
      while (indexes.Step()) {
        names.push_back(indexes.Text(0));
        deferred.push_back(indexes.Text(1));
      }
      for (const auto& name : names) database->Execute("DROP INDEX " + name);
    }
    for (const auto& entry : manifest) {
      if (!entry.core && !request.with_default_data) continue;
      done.step = std::filesystem::path(entry.path).filename().string();
      progress(done);
      summaries.push_back(RunImport(*database, entry.format, entry.path, entry.options));
      std::error_code unknown;
      const auto size = std::filesystem::file_size(entry.path, unknown);
      if (!unknown) done.bytes_done += size;
    }
    done.step = "indexes";
    progress(done);
    for (const auto& sql : deferred) database->Execute(sql);
    CheckForeignKeys(*database);
    database->Execute("PRAGMA foreign_keys = ON");
    // Write-ahead logging from here on: commands read while an import writes (store/database.hpp).
    database->Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA optimize;");
    done.step = "done";
    progress(done);
  } catch (...) {
    std::filesystem::remove(temporary);
    throw;
  }
  // A journal left beside the old file (an import killed mid-write) belongs to that file: SQLite would roll
  // it back onto the new one at the next open and destroy it. The old file's journals go before the new file
  // takes its name.
  for (const char* suffix : {"-journal", "-wal", "-shm"}) std::filesystem::remove(request.workspace + suffix);
  std::filesystem::rename(temporary, request.workspace);
  return summaries;
}

}  // namespace linkage
