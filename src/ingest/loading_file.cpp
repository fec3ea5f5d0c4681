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

// The columns of each index of `table`, its primary key included, in the index's order.
std::vector<std::vector<std::string>> IndexColumns(Database& database, const std::string& table) {
  Statement list(database, "SELECT name FROM pragma_index_list(?) ORDER BY name");
  list.Bind(1, table);
  std::vector<std::string> names;
  while (list.Step()) names.push_back(list.Text(0));
  std::vector<std::vector<std::string>> indexes;
  Statement info(database, "SELECT name FROM pragma_index_info(?) ORDER BY seqno");
  for (const auto& name : names) {
    info.Bind(1, name);
    std::vector<std::string> columns;
    while (info.Step()) columns.push_back(info.Text(0));
    info.Reset();
    indexes.push_back(std::move(columns));
  }
  return indexes;
}

// The shortest start of an index of `indexes` that ends with `column`, when the column is an index's first or
// second: its distinct values come from one index entry per distinct start, which SQLite reaches by seeking
// past the rest once it has statistics. Empty when no index starts so.
std::vector<std::string> ShortestLeadingPrefix(const std::vector<std::vector<std::string>>& indexes,
                                               const std::string& column) {
  std::vector<std::string> shortest;
  for (const auto& index : indexes) {
    const auto found = std::find(index.begin(), index.end(), column);
    const auto length = static_cast<std::size_t>(found - index.begin()) + 1;
    if (found == index.end() || length > 2 || (!shortest.empty() && length >= shortest.size())) continue;
    shortest.assign(index.begin(), found + 1);
  }
  return shortest;
}

// A comma-separated list of quoted column names.
std::string ColumnList(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& column : columns) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", column);
  return list;
}

// Fails the build on a value of `table`'s references that the table referred to does not hold, naming the
// smallest. Each distinct value is looked up once. A column that leads an index, or follows its first column,
// takes its values from the index's distinct starts; the others from one scan of the table: a few hundredths
// of the time of SQLite's check, which looks every row's values up.
void CheckReferencesByDistinctValues(Database& database, const std::string& table) {
  const auto references = SingleColumnReferences(database, table);
  if (!references) {
    CheckForeignKeys(database, {table});
    return;
  }
  if (references->empty()) return;
  const auto indexes = IndexColumns(database, table);
  std::vector<DistinctValues> values(references->size());
  std::vector<std::string> scanned;
  std::vector<std::size_t> scanned_at;
  for (std::size_t index = 0; index < references->size(); ++index) {
    const auto& column = (*references)[index].column;
    const auto prefix = ShortestLeadingPrefix(indexes, column);
    if (prefix.empty()) {
      scanned.push_back(column);
      scanned_at.push_back(index);
      continue;
    }
    Statement starts(database, fmt::format("SELECT DISTINCT {} FROM \"{}\"", ColumnList(prefix), table));
    while (starts.Step()) values[index].Add(starts, static_cast<int>(prefix.size()) - 1);
  }
  if (!scanned.empty()) {
    Statement rows(database, fmt::format("SELECT {} FROM \"{}\"", ColumnList(scanned), table));
    while (rows.Step()) {
      for (std::size_t index = 0; index < scanned.size(); ++index)
        values[scanned_at[index]].Add(rows, static_cast<int>(index));
    }
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
  std::vector<std::string> tables = WorkspaceTables(database);
  std::erase_if(tables, IsLargeTable);
  return tables;
}

}  // namespace

std::vector<std::string> WorkspaceTables(Database& database) {
  Statement names(database,
                  "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                  "ORDER BY name");
  std::vector<std::string> tables;
  while (names.Step()) tables.push_back(names.Text(0));
  return tables;
}

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

void FinishBulkLoad(Database& database, const std::vector<std::string>& indexes,
                    const std::function<void()>& once_indexed) {
  // Write-ahead logging lets `once_indexed` read the file while this connection gathers statistics.
  database.Execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
  std::future<void> meanwhile;
  try {
    for (const auto& sql : indexes) database.Execute(sql);
    if (once_indexed) meanwhile = std::async(std::launch::async, once_indexed);
    CheckForeignKeys(database, SmallTables(database));
    // The statistics come before the large tables' check: with them, SQLite reads an index's distinct starts
    // by seeking past each one's rows instead of reading every entry.
    database.Execute("PRAGMA optimize");
    for (const auto& table : LargeTables()) CheckReferencesByDistinctValues(database, table);
  } catch (...) {
    if (meanwhile.valid()) meanwhile.wait();
    throw;
  }
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
