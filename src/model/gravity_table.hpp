// model/gravity_table.hpp
// A user's gravity panel as a table (CSV, or Stata .dta through ingest/table_file.hpp): one row per
// dyad-year, any columns; the ones a regression, its fixed effects, clusters and --where filter name are
// read, numbers checked with file:line:column on the first bad one.
#pragma once

#include <string>
#include <vector>

#include "core/csv_reader.hpp"
#include "model/gravity_frame.hpp"

namespace linkage {

//! The columns to read from a table, by how they are used, and the rows to keep.
struct GravityTableRequest {
  std::vector<std::string> numeric;   //!< numbers (empty, NA, "." and NaN are missing)
  std::vector<std::string> labels;    //!< group labels: text that must not be empty
  std::vector<std::string> flexible;  //!< text that may be missing: i() factors and --where columns
  std::string where;                  //!< the row filter (gravity_formula.hpp), "" for every row
};

//! What a regression reads: the outcome and the terms' numeric columns, i() factors, the columns of fixed
//! effects and clusters (resolved, "pair_sym" standing for exporter and importer) and of the filter.
//! UsageError for a filter that does not parse.
GravityTableRequest RequestColumns(const GravitySpec& spec, const std::vector<std::vector<std::string>>& sets,
                                   const PanelRoles& roles, const std::string& where);

//! Reads the requested columns from `reader` (opened by OpenTable), then keeps the rows `where` selects.
//! InputError naming the file, line, column and what was expected for a missing column or a value that is
//! not a number; UsageError listing the file's columns when the filter names one it lacks.
GravityFrame ReadGravityTable(CsvReader& reader, const GravityTableRequest& request);

}  // namespace linkage
