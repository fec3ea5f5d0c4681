// store/bulk_rows.hpp
// Rows in memory handed to SQLite as a table, so that one INSERT ... SELECT stores a whole batch. Stepping,
// binding and resetting a statement per row cost as much as the inserts: the embedded data's 2.3 million ATOP
// and COW dyad values are stored in 40% less time (docs/benchmarks.md, "The workspace build and its size").
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace linkage {

class Database;

//! One cell of a row handed over in bulk: NULL, an integer, a real or text. Text is borrowed: it must stay
//! valid until BulkInsert returns.
using BulkCell = std::variant<std::monostate, std::int64_t, double, std::string_view>;

//! Rows that one statement reads as a table (BulkInsert).
class BulkRows {
 public:
  virtual ~BulkRows() = default;
  //! How many rows there are.
  virtual std::size_t Count() const = 0;
  //! Cell `column` (0-based, in the order given to BulkInsert) of row `row`.
  virtual BulkCell Cell(std::size_t row, int column) const = 0;
};

//! The most columns a BulkInsert may fill.
inline constexpr int kMaxBulkColumns = 16;

//! Makes the table of bulk rows known to `handle`; every Database connection does this when it opens.
void RegisterBulkRows(sqlite3* handle);

//! Inserts every row of `rows` into `columns` of `table` with one statement. A plain INSERT: a row that
//! breaks a constraint fails the whole statement (StoreError), so callers hand over rows they know are new.
void BulkInsert(Database& database, std::string_view table, const std::vector<std::string>& columns,
                const BulkRows& rows);

//! The numbers of the rows of `rows` whose first cells equal the `key_columns` of a row `table` holds, in
//! order, found with one statement.
std::vector<std::size_t> BulkFindStored(Database& database, std::string_view table,
                                        const std::vector<std::string>& key_columns, const BulkRows& rows);

}  // namespace linkage
