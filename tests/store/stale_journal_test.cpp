// An import killed mid-write leaves the workspace's rollback journal behind. A rebuild (`init --force`, or
// `rm` and `init`) must not leave that journal beside the new file: SQLite would roll it back onto the new
// workspace at the next open and destroy it (../shared/reliability/repro_stale_journal_after_rebuild.sh).
#include <gtest/gtest.h>

#include <filesystem>

#include "store/database.hpp"
#include "store/workspace.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::RunLinkage;

// A hot journal of `path`: the journal of a write transaction that never ended, copied while it was open. It
// holds the original pages of the sources and series tables, which hold an import the rebuild does not have.
void LeaveAHotJournal(const std::string& path, const std::string& saved) {
  auto database = OpenWorkspace(path);
  // Workspaces written before write-ahead logging used a rollback journal; this one is made one of them.
  database->Execute("PRAGMA journal_mode = DELETE");
  // A one-page cache spills the transaction's pages to the file, so the journal holds the originals.
  database->Execute(
      "PRAGMA cache_size = 1; BEGIN; UPDATE sources SET citation = citation || 'x'; UPDATE series_values SET "
      "value = value + 1; CREATE TABLE junk (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + "
      "1 FROM n "
      "WHERE i < 20000) INSERT INTO junk SELECT printf('%0200d', i) FROM n;");
  ASSERT_TRUE(std::filesystem::exists(path + "-journal"));
  std::filesystem::copy_file(path + "-journal", saved);
  database->Execute("ROLLBACK");
}

// A write-ahead log of `path` with a committed transaction not yet copied into the file, as a process killed
// after the commit leaves it. Its frames would be read as part of any file that takes the name.
void LeaveAWriteAheadLog(const std::string& path, const std::string& saved) {
  auto database = OpenWorkspace(path);
  database->Execute(
      "PRAGMA wal_autocheckpoint = 0; BEGIN; UPDATE sources SET citation = citation || 'x'; UPDATE "
      "series_values SET value = value + 1; COMMIT;");
  ASSERT_TRUE(std::filesystem::exists(path + "-wal"));
  std::filesystem::copy_file(path + "-wal", saved);
}

void ExpectTheRebuildSurvives(const testing::TempDir& dir, const std::string& rebuild) {
  const auto built = RunLinkage(rebuild, dir.Path());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("w.db-journal")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("w.db-wal")));
  const auto sources = RunLinkage("sources --format csv --workspace w.db", dir.Path());
  EXPECT_EQ(sources.exit_code, 0) << sources.err;
  EXPECT_NE(sources.out.find("iso-codes"), std::string::npos);
  // Rolled back onto the new file, the old journal brought back the old import and broke the indexes.
  EXPECT_EQ(sources.out.find("series.csv"), std::string::npos) << sources.out;
  auto database = OpenWorkspace(dir.File("w.db"));
  Statement check(*database, "PRAGMA integrity_check");
  ASSERT_TRUE(check.Step());
  EXPECT_EQ(check.Text(0), "ok");
}

// The old workspace holds an import (tests/data/import/series.csv) that the empty rebuild does not.
void OldWorkspaceWithAnImport(const testing::TempDir& dir) {
  ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir.Path()).exit_code, 0);
  const auto imported =
      RunLinkage("import series " + testing::Fixture("import/series.csv") + " --workspace w.db", dir.Path());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
}

TEST(StaleJournalTest, ARebuildRemovesTheOldFilesJournal) {
  testing::TempDir dir;
  OldWorkspaceWithAnImport(dir);
  LeaveAHotJournal(dir.File("w.db"), dir.File("saved-journal"));
  std::filesystem::copy_file(dir.File("saved-journal"), dir.File("w.db-journal"));
  ExpectTheRebuildSurvives(dir, "init --force --empty --workspace w.db");
}

TEST(StaleJournalTest, ANewWorkspaceIgnoresAJournalLeftByARemovedOne) {
  testing::TempDir dir;
  OldWorkspaceWithAnImport(dir);
  LeaveAHotJournal(dir.File("w.db"), dir.File("saved-journal"));
  std::filesystem::remove(dir.File("w.db"));
  std::filesystem::copy_file(dir.File("saved-journal"), dir.File("w.db-journal"));
  ExpectTheRebuildSurvives(dir, "init --empty --workspace w.db");
}

TEST(StaleJournalTest, ARebuildRemovesTheOldFilesWriteAheadLog) {
  testing::TempDir dir;
  OldWorkspaceWithAnImport(dir);
  LeaveAWriteAheadLog(dir.File("w.db"), dir.File("saved-wal"));
  std::filesystem::copy_file(dir.File("saved-wal"), dir.File("w.db-wal"));
  ExpectTheRebuildSurvives(dir, "init --force --empty --workspace w.db");
}

}  // namespace
}  // namespace linkage
