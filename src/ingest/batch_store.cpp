#include "ingest/batch_store.hpp"

#include <fmt/format.h>

#include <utility>

namespace linkage {

namespace {

// The columns of the primary key after the key number, in the key's order.
std::string KeyTail(const ValueTable& table) {
  const auto& c = table.columns;
  if (table.order == KeyOrder::kActorsThenYear) return fmt::format("({}, {}, {})", c[1], c[2], c[3]);
  return fmt::format("({}, {}, {})", c[3], c[1], c[2]);
}

// Whether two rows (sorted) lie in the same stretch of the key that one query asks about: the same key
// number and the key's first column after it (the reporter; the year and first actor).
bool SameStretch(const BufferedRow& a, const BufferedRow& b, KeyOrder order) {
  if (a.key != b.key || a.first != b.first) return false;
  return order == KeyOrder::kActorsThenYear || a.year == b.year;
}

// Whether two rows have the same primary key.
bool SameKey(const BufferedRow& a, const BufferedRow& b) {
  return a.key == b.key && a.first == b.first && a.second == b.second && a.year == b.year;
}

}  // namespace

BulkCell BufferedBatch::Cell(std::size_t row, int column) const {
  const BufferedRow& at = rows_[picked_[row]];
  switch (column) {
    case 0:
      return at.key;
    case 1:
      return std::string_view(actors_.Id(at.first));
    case 2:
      return std::string_view(actors_.Id(at.second));
    case 3:
      return std::int64_t{at.year};
    case 4:
      return at.has_value ? BulkCell(at.value) : BulkCell();
    case 5:
      return std::int64_t{at.marked ? 1 : 0};
    case 6:
      return at.rule;
    default:
      return at.line;
  }
}

BatchStore::BatchStore(Database& database, ValueTable table)
    : database_(database),
      table_(std::move(table)),
      stored_between_(database,
                      fmt::format("SELECT 1 FROM {0} WHERE {1} = ?1 AND {2} >= (?2, ?3, ?4) AND {2} <= "
                                  "(?5, ?6, ?7) LIMIT 1",
                                  table_.name, table_.columns[0], KeyTail(table_))) {}

bool BatchStore::StoredBetween(const BufferedRow& first, const BufferedRow& last,
                               const ActorNumbers& actors) {
  const auto bind = [&](int at, const BufferedRow& row) {
    if (table_.order == KeyOrder::kActorsThenYear) {
      stored_between_.Bind(at, actors.Id(row.first))
          .Bind(at + 1, actors.Id(row.second))
          .Bind(at + 2, row.year);
    } else {
      stored_between_.Bind(at, row.year)
          .Bind(at + 1, actors.Id(row.first))
          .Bind(at + 2, actors.Id(row.second));
    }
  };
  stored_between_.Bind(1, first.key);
  bind(2, first);
  bind(5, last);
  const bool stored = stored_between_.Step();
  stored_between_.Reset();
  return stored;
}

std::vector<bool> BatchStore::InsertNew(const std::vector<BufferedRow>& rows, const ActorNumbers& actors) {
  std::vector<bool> inserted(rows.size(), true);
  // Rows that share a key with another row of the batch (sorted, they are neighbours).
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (SameKey(rows[i - 1], rows[i])) inserted[i - 1] = inserted[i] = false;
  }
  // Rows that may meet a stored row: those of a stretch of the key whose span holds one. A table filled in
  // one go holds none; a file read in batches meets itself only where a stretch spans two of them.
  std::vector<std::size_t> suspects;
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin + 1;
    while (end < rows.size() && SameStretch(rows[begin], rows[end], table_.order)) ++end;
    if (StoredBetween(rows[begin], rows[end - 1], actors)) {
      for (std::size_t i = begin; i < end; ++i) {
        if (inserted[i]) suspects.push_back(i);
      }
    }
    begin = end;
  }
  if (!suspects.empty()) {
    const std::vector<std::string> key(table_.columns.begin(), table_.columns.begin() + 4);
    for (const std::size_t place :
         BulkFindStored(database_, table_.name, key, BufferedBatch(rows, suspects, actors))) {
      inserted[suspects[place]] = false;
    }
  }
  std::vector<std::size_t> fresh;
  fresh.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (inserted[i]) fresh.push_back(i);
  }
  BulkInsert(database_, table_.name, table_.columns, BufferedBatch(rows, fresh, actors));
  return inserted;
}

}  // namespace linkage
