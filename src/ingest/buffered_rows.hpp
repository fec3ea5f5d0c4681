// ingest/buffered_rows.hpp
// What the value writers keep in memory for rows they insert later, sorted by the table's key: a B-tree fills
// from left to right three times faster than at places scattered over it (docs/workspace.md, "Building").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace linkage {

//! Rows a writer buffers before it sorts and inserts them: enough to sort the largest file of the embedded
//! data whole (IMF DOTS, 2.6 million flows), which then goes into its table in one ordered pass, a sixth
//! faster than in three; few enough to bound the memory of a larger one (about 250 MB).
inline constexpr std::size_t kBufferedRows = std::size_t{1} << 22;

//! A value waiting to be stored, its text replaced by numbers: the key and rule rows (ValueIds), the two
//! actors (ActorNumbers) and the place in the file (RowLocations).
struct BufferedRow {
  std::int64_t key = 0;
  std::int64_t rule = 0;
  std::int64_t line = 0;        //!< the source line stored with the value
  std::int64_t where_line = 0;  //!< the line an error about it names
  double value = 0;
  std::uint32_t first = 0;   //!< reporter, or the dyad's first actor
  std::uint32_t second = 0;  //!< partner, or the dyad's second actor
  std::uint32_t where = 0;
  std::int32_t year = 0;
  bool has_value = false;
  bool marked = false;  //!< flows: an estimate; dyad series: directed
};

//! The order of a table's primary key after its key number: flows (actors, then year) or dyad series (year,
//! then actors).
enum class KeyOrder { kActorsThenYear, kYearThenActors };

//! Sorts `rows` into the primary key's order, actors compared by `rank` (ActorNumbers::Ranks). Stable: rows
//! with the same key stay in the order the file gave them.
void SortRows(std::vector<BufferedRow>& rows, const std::vector<std::uint32_t>& rank, KeyOrder order);

//! Small numbers for the actor ids of buffered rows, and the ids' order as text (the order of the keys).
class ActorNumbers {
 public:
  //! The number of `id`, given on its first use.
  std::uint32_t Number(const std::string& id);
  //! The id of `number`.
  const std::string& Id(std::uint32_t number) const { return ids_[number]; }
  //! For each number, the place of its id among all ids sorted as SQLite compares text.
  std::vector<std::uint32_t> Ranks() const;

 private:
  std::unordered_map<std::string, std::uint32_t> numbers_;
  std::vector<std::string> ids_;
};

//! The places buffered rows were read from: a file and column stored once, the line with each row.
class RowLocations {
 public:
  //! The number of `where`'s file and column.
  std::uint32_t Number(const SourceLocation& where);
  //! The location of a row at `line` read through location `number`.
  SourceLocation At(std::uint32_t number, std::size_t line) const;

 private:
  std::vector<SourceLocation> places_;  //!< line left at zero
};

}  // namespace linkage
