// ingest/dyad_series_writer.hpp
// Stores dyad-year values (alliance obligations, shared IGOs, contiguity) with their source row.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "ingest/batch_store.hpp"
#include "ingest/buffered_rows.hpp"
#include "ingest/import_context.hpp"
#include "ingest/value_ids.hpp"

namespace linkage {

//! One dyad-year value as a file gives it.
struct DyadValue {
  std::string code;  //!< e.g. ATOP.DEFENSE
  std::string actor_a;
  std::string actor_b;
  int year = 0;
  std::optional<double> value;  //!< nullopt is stored as missing
  std::string unit;
  bool directed = true;  //!< false: the pair, read in either order
};

//! What to do with two rows for the same dyad-year that disagree.
enum class Combine {
  kRefuse,  //!< an InputError: one value per dyad-year
  kMax,     //!< keep the larger (an obligation in force at any time in the year)
  kMin      //!< keep the smaller (the closest contiguity type in the year)
};

//! Inserts dyad-year values for one import; a value contradicting a stored one is combined as asked or is
//! an InputError. Values are buffered and inserted in the order of the table's key: call Finish() once the
//! file is read.
class DyadSeriesWriter {
 public:
  explicit DyadSeriesWriter(ImportContext& context, Combine combine = Combine::kRefuse);
  DyadSeriesWriter(const DyadSeriesWriter&) = delete;
  DyadSeriesWriter& operator=(const DyadSeriesWriter&) = delete;
  ~DyadSeriesWriter();
  //! Takes one value read from `line`, described by `transform`; errors point at `where`.
  void Write(const DyadValue& value, std::int64_t line, const std::string& transform,
             const SourceLocation& where);
  //! Stores every value taken and checks the rows this file combined against values an earlier import
  //! stored; call once at the end.
  void Finish();

 private:
  //! The combination of this file's rows for a dyad-year an earlier import already holds.
  struct Pending {
    DyadValue value;
    std::int64_t line = 0;
    SourceLocation where;
  };
  using Key = std::tuple<std::string, std::string, std::string, int>;  // code, a, b, year

  void Flush();
  void Store(const BufferedRow& row);
  // Adds a stored row to the import's counts.
  void Count(const BufferedRow& row);

  ImportContext& context_;
  std::map<Key, Pending> pending_;
  Combine combine_;
  ValueIds ids_;
  Statement insert_;
  Statement existing_;
  Statement replace_;
  BatchStore store_;
  std::vector<BufferedRow> rows_;
  ActorNumbers actors_;
  RowLocations locations_;
  std::map<std::int64_t, std::string> codes_;                          //!< key number: code
  std::map<std::int64_t, std::pair<std::string, std::string>> rules_;  //!< rule number: unit and rule
};

}  // namespace linkage
