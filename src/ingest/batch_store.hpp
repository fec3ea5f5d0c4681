// ingest/batch_store.hpp
// Stores a writer's sorted batch of rows: the rows new to the table with one statement (store/bulk_rows.hpp),
// the few that meet another row of the batch or a stored row left to the writer, which stores them one by
// one to combine them, count a duplicate or name the row a value contradicts.
#pragma once

#include <string>
#include <vector>

#include "ingest/buffered_rows.hpp"
#include "store/bulk_rows.hpp"
#include "store/database.hpp"

namespace linkage {

//! The table a writer fills: its name, the eight columns a BufferedBatch gives in order (key number, first
//! actor, second actor, year, value, mark, rule number, source line) and the order of its primary key, whose
//! columns are the first four.
struct ValueTable {
  std::string name;
  std::vector<std::string> columns;
  KeyOrder order = KeyOrder::kActorsThenYear;
};

//! Rows of a batch handed to SQLite at once, each as BufferedBatch's columns; `picked` names the rows, and
//! the table's rowid is the place in `picked`.
class BufferedBatch : public BulkRows {
 public:
  BufferedBatch(const std::vector<BufferedRow>& rows, const std::vector<std::size_t>& picked,
                const ActorNumbers& actors)
      : rows_(rows), picked_(picked), actors_(actors) {}
  std::size_t Count() const override { return picked_.size(); }
  BulkCell Cell(std::size_t row, int column) const override;

 private:
  const std::vector<BufferedRow>& rows_;
  const std::vector<std::size_t>& picked_;
  const ActorNumbers& actors_;
};

//! Inserts the rows of sorted batches that are new to one table.
class BatchStore {
 public:
  BatchStore(Database& database, ValueTable table);
  //! Stores sorted `rows`: InsertNew, then, in order, each inserted row to `inserted` (to count it) and each
  //! other row to `alone` (to store it by itself).
  template <typename Inserted, typename Alone>
  void Store(const std::vector<BufferedRow>& rows, const ActorNumbers& actors, Inserted inserted,
             Alone alone) {
    const std::vector<bool> fresh = InsertNew(rows, actors);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (fresh[i]) {
        inserted(rows[i]);
      } else {
        alone(rows[i]);
      }
    }
  }

 private:
  // Inserts every row of `rows` (sorted by SortRows in the table's order) whose primary key no other row of
  // `rows` and no stored row has, with one statement, and returns which rows it inserted.
  std::vector<bool> InsertNew(const std::vector<BufferedRow>& rows, const ActorNumbers& actors);
  // Whether the table holds a row of the key number of `first` and `last` between the two.
  bool StoredBetween(const BufferedRow& first, const BufferedRow& last, const ActorNumbers& actors);

  Database& database_;
  ValueTable table_;
  Statement stored_between_;
};

}  // namespace linkage
