// ingest/import_context.hpp
// What every importer gets: the workspace, the actor registry, the source id its rows point at, and a
// summary it fills for the user.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "registry/actor_registry.hpp"
#include "store/database.hpp"

namespace linkage {

//! Counts an importer reports back, printed after an import.
struct ImportSummary {
  std::string format;
  std::string path;
  std::int64_t rows_read = 0;
  std::int64_t values_stored = 0;
  std::int64_t missing_values = 0;    //!< stored as missing (NULL), never as zero
  std::int64_t estimated_values = 0;  //!< flagged as estimates by the publisher
  std::int64_t derived_values = 0;    //!< computed from other rows (e.g. totals of product rows)
  std::int64_t duplicates = 0;        //!< identical to a value already stored
  std::size_t header_line = 1;        //!< the line of the header (after a preamble, as in SIPRI's export)
  std::vector<std::string> notes;
};

//! The first and last of the years noted so far.
struct YearSpan {
  std::optional<std::pair<int, int>> span;  //!< nullopt until a year is noted

  //! Widens the span to `first`-`last`.
  void Note(int first, int last) {
    if (!span) {
      span = std::make_pair(first, last);
      return;
    }
    span->first = std::min(span->first, first);
    span->second = std::max(span->second, last);
  }
};

//! State shared by one import.
struct ImportContext {
  Database& database;
  ActorRegistry& actors;
  std::int64_t source_id = 0;
  std::string dataset;  //!< dataset name the rows are stored under
  ImportSummary summary;
  //! The years of the values this import stored with a value, which the sources table reports: every writer
  //! notes the year of each row it stores (for spells, their first and last years).
  YearSpan value_years;
  //! The years of the flow rows this import stored, missing values included: the dataset's span of flows.
  YearSpan flow_years;

  //! Counts `first`-`last` into the years of the values stored.
  void NoteYears(int first, int last) { value_years.Note(first, last); }
  //! Counts one year.
  void NoteYear(int year) { value_years.Note(year, year); }
};

//! The year of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) a reader has already checked.
inline int YearOfDate(const std::string& date) {
  return std::stoi(date.substr(0, 4));
}

//! Whether a value read agrees with the one stored for its key: both missing, or equal within rounding (a
//! relative 1e-9 plus `absolute`, for values that went through a unit conversion). Every writer's duplicate
//! rule.
inline bool SameStoredValue(const std::optional<double>& stored, const std::optional<double>& given,
                            double absolute = 1e-12) {
  if (stored.has_value() != given.has_value()) return false;
  return !stored || std::fabs(*stored - *given) <= 1e-9 * std::fabs(*stored) + absolute;
}

//! Refuses a value that is infinite or not a number after a reader's scaling (1e305 thousand dollars):
//! stored, it would come back as NaN with no reason.
inline void RequireFinite(const std::optional<double>& value, const SourceLocation& where) {
  if (value && !std::isfinite(*value)) {
    throw InputError(where, "the value is out of range once scaled to its unit (it overflows a double)",
                     "a finite number");
  }
}

}  // namespace linkage
