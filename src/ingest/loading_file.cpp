#include "ingest/loading_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "core/error.hpp"

namespace linkage {

namespace {

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

// A column whose values must be keys of another table.
struct Reference {
  std::string column;
  std::string parent;
  std::string parent_column;
};

// The references of `table`, each of one column; nullopt when one spans several columns or names no column
// of its parent.
std::optional<std::vector<Reference>> SingleColumnReferences(Database& database, const std::string& table) {
  Statement list(database,
                 "SELECT seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq");
  list.Bind(1, table);
  std::vector<Reference> references;
  while (list.Step()) {
    if (list.Int(0) > 0 || list.IsNull(3)) return std::nullopt;
    references.push_back({list.Text(2), list.Text(1), list.Text(3)});
  }
  return references;
}

// Hashes text so that a set of strings can be searched with a view, without a copy.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// The distinct values of one column of a table read in order. The rows of a large table repeat a few hundred
// values millions of times, often many times in a row.
class DistinctValues {
 public:
  //! Counts the value of `column` in the current row of `rows`; NULL refers to nothing and is not counted.
  void Add(const Statement& rows, int column) {
    switch (rows.Type(column)) {
      case SQLITE_NULL:
        return;
      case SQLITE_INTEGER: {
        const std::int64_t number = rows.Int(column);
        if (last_number_ == number) return;
        last_number_ = number;
        numbers_.insert(number);
        return;
      }
      default: {
        const std::string_view text = rows.TextView(column);
        if (last_text_ == text) return;
        last_text_ = text;
        if (texts_.find(text) == texts_.end()) texts_.emplace(text);
      }
    }
  }
  //! The numbers counted, in order.
  std::vector<std::int64_t> Numbers() const {
    std::vector<std::int64_t> sorted(numbers_.begin(), numbers_.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }
  //! The texts counted, in order.
  std::vector<std::string> Texts() const {
    std::vector<std::string> sorted(texts_.begin(), texts_.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

 private:
  std::optional<std::int64_t> last_number_;
  std::optional<std::string> last_text_;
  std::unordered_set<std::int64_t> numbers_;
  std::unordered_set<std::string, TextHash, std::equal_to<>> texts_;
};

// The error for a value of `table` that its reference's parent does not hold.
StoreError MissingParent(const std::string& table, const Reference& reference, const std::string& value) {
  return StoreError(
      fmt::format("the new workspace's table {} has a row whose {} is {}, which {}.{} does not "
                  "hold; the data folder's files disagree with each other",
                  table, reference.column, value, reference.parent, reference.parent_column));
}

// Fails the build on a value of `table`'s references that the table referred to does not hold, naming the
// smallest. Reads the table once and looks each distinct value up once: a tenth of the time of SQLite's
// check, which looks every row's values up.
void CheckReferencesByScan(Database& database, const std::string& table) {
  const auto references = SingleColumnReferences(database, table);
  if (!references) {
    CheckForeignKeys(database, {table});
    return;
  }
  if (references->empty()) return;
  std::string columns;
  for (const auto& reference : *references)
    columns += fmt::format("{}\"{}\"", columns.empty() ? "" : ", ", reference.column);
  Statement rows(database, fmt::format("SELECT {} FROM \"{}\"", columns, table));
  std::vector<DistinctValues> values(references->size());
  while (rows.Step()) {
    for (std::size_t index = 0; index < values.size(); ++index)
      values[index].Add(rows, static_cast<int>(index));
  }
  for (std::size_t index = 0; index < values.size(); ++index) {
    const auto& reference = (*references)[index];
    Statement find(database, fmt::format("SELECT 1 FROM \"{}\" WHERE \"{}\" = ?", reference.parent,
                                         reference.parent_column));
    for (const auto number : values[index].Numbers()) {
      find.Bind(1, number);
      if (!find.Step()) throw MissingParent(table, reference, std::to_string(number));
      find.Reset();
    }
    for (const auto& text : values[index].Texts()) {
      find.Bind(1, text);
      if (!find.Step()) throw MissingParent(table, reference, "'" + text + "'");
      find.Reset();
    }
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

}  // namespace

void PrepareBulkLoad(Database& database) {
  // Foreign keys are checked once over the whole file at the end: a sixth of the build's time when checked
  // row by row.
  database.Execute(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; "
      "PRAGMA foreign_keys = OFF;");
}

std::vector<std::string> DropLookupIndexes(Database& database) {
  Statement indexes(database,
                    "SELECT name, sql, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
                    "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name");
  std::vector<std::string> names;
  std::vector<std::string> creates;
  while (indexes.Step()) {
    if (!IsLargeTable(indexes.Text(2))) continue;
    names.push_back(indexes.Text(0));
    creates.push_back(indexes.Text(1));
  }
  indexes.Reset();
  for (const auto& name : names) database.Execute("DROP INDEX " + name);
  return creates;
}

void FinishBulkLoad(Database& database, const std::string& path, const std::vector<std::string>& indexes,
                    const std::function<void()>& once_indexed) {
  // The large tables' references are checked on a second connection while this one builds the indexes
  // and gathers statistics; write-ahead logging lets the two work at once.
  database.Execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
  auto large_checked = std::async(std::launch::async, [&path] {
    Database reader(path, false);
    for (const auto& table : LargeTables()) CheckReferencesByScan(reader, table);
  });
  std::future<void> meanwhile;
  try {
    for (const auto& sql : indexes) database.Execute(sql);
    if (once_indexed) meanwhile = std::async(std::launch::async, once_indexed);
    CheckForeignKeys(database, SmallTables(database));
    database.Execute("PRAGMA optimize");
  } catch (...) {
    large_checked.wait();
    if (meanwhile.valid()) meanwhile.wait();
    throw;
  }
  // Both are waited for before either's failure is rethrown: each refers to this frame.
  large_checked.wait();
  if (meanwhile.valid()) meanwhile.wait();
  large_checked.get();
  if (meanwhile.valid()) meanwhile.get();
}

void CompactInto(Database& database, const std::string& target) {
  // Rows inserted in the middle of a table leave its pages a sixth empty on average, and SQLite splits a page
  // of a key-ordered table even when rows come in order. The copy takes the connection's cache size for the
  // new file too; it writes each page once and needs little.
  database.Execute("PRAGMA cache_size = -16384");
  Statement(database, "VACUUM INTO ?").Bind(1, target).Run();
  SkipCheckpointOnClose(database);
}

void SkipCheckpointOnClose(Database& database) {
  sqlite3_db_config(database.Handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

void RemoveJournals(const std::string& path) {
  for (const char* suffix : {"-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

void RemoveWithJournals(const std::string& path) {
  std::filesystem::remove(path);
  RemoveJournals(path);
}

}  // namespace linkage
