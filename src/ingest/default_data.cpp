#include "ingest/default_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
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

// The tables of millions of rows, whose references are checked on a connection of their own.
const std::vector<std::string>& LargeTables() {
  static const std::vector<std::string> tables = {"flow_values", "dyad_values", "series_values",
                                                  "roll_call_votes"};
  return tables;
}

// Whether `table` is one of LargeTables().
bool IsLargeTable(const std::string& table) {
  return std::find(LargeTables().begin(), LargeTables().end(), table) != LargeTables().end();
}

// Fails the build on the first row of `tables` whose reference leads nowhere, naming the table and the row.
void CheckForeignKeys(Database& database, const std::vector<std::string>& tables) {
  Statement check(database, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?)");
  for (const auto& table : tables) {
    check.Bind(1, table);
    if (!check.Step()) {
      check.Reset();
      continue;
    }
    throw StoreError(
        fmt::format("the new workspace's table {} has a row (rowid {}) that refers to a missing row "
                    "of {}; the data folder's files disagree with each other",
                    check.Text(0), check.IsNull(1) ? std::string("none") : check.Text(1), check.Text(2)));
  }
}

// Every table but the large ones.
std::vector<std::string> SmallTables(Database& database) {
  Statement names(database, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  std::vector<std::string> tables;
  while (names.Step()) {
    const std::string name = names.Text(0);
    if (!IsLargeTable(name)) tables.push_back(name);
  }
  return tables;
}

// Removes the journals SQLite may have left beside a database file.
void RemoveJournals(const std::string& path) {
  for (const char* suffix : {"-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Removes a database file and its journals.
void RemoveWithJournals(const std::string& path) {
  std::filesystem::remove(path);
  RemoveJournals(path);
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
  // The files are loaded into PATH.loading, copied compactly into PATH.building, which takes the workspace's
  // name at the end.
  const std::string loading = request.workspace + ".loading";
  const std::string temporary = request.workspace + ".building";
  // What a killed build left behind, journals included, would otherwise be rolled onto this one.
  RemoveWithJournals(loading);
  RemoveWithJournals(temporary);
  std::vector<ImportSummary> summaries;
  try {
    auto database = CreateWorkspace(loading);
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
      Statement indexes(
          *database,
          "SELECT name, sql, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
          "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name");
      std::vector<std::string> names;
      while (indexes.Step()) {
        if (!IsLargeTable(indexes.Text(2))) continue;
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
    // The large tables' references are checked on a second connection while this one builds the indexes
    // (each takes about 2 s); write-ahead logging lets the two work at once.
    database->Execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
    auto large_checked = std::async(std::launch::async, [&loading] {
      Database reader(loading, false);
      CheckForeignKeys(reader, LargeTables());
    });
    try {
      for (const auto& sql : deferred) database->Execute(sql);
      CheckForeignKeys(*database, SmallTables(*database));
    } catch (...) {
      large_checked.wait();
      throw;
    }
    large_checked.get();
    database->Execute("PRAGMA optimize");
    // Rows inserted in the middle of a table leave its pages a sixth empty on average; the copy writes every
    // table and index in order, full: a tenth of the file, for about 1.5 s.
    done.step = "compacting";
    progress(done);
    // The copy takes the connection's cache size for the new file too; it writes each page once and needs
    // little (a quarter of the build's peak memory otherwise).
    database->Execute("PRAGMA cache_size = -16384");
    Statement(*database, "VACUUM INTO ?").Bind(1, temporary).Run();
    // The loading file is thrown away: its log need not be copied into it first.
    sqlite3_db_config(database->Handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    database.reset();
    RemoveWithJournals(loading);
    // Write-ahead logging from here on: commands read while an import writes (store/database.hpp).
    Database(temporary, false).Execute("PRAGMA journal_mode = WAL");
    done.step = "done";
    progress(done);
  } catch (...) {
    RemoveWithJournals(loading);
    RemoveWithJournals(temporary);
    throw;
  }
  // A journal left beside the old file (an import killed mid-write) belongs to that file: SQLite would roll
  // it back onto the new one at the next open and destroy it. The old file's journals go before the new file
  // takes its name.
  RemoveJournals(request.workspace);
  std::filesystem::rename(temporary, request.workspace);
  return summaries;
}

}  // namespace linkage
