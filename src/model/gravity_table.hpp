// model/gravity_csv.hpp
// A user's gravity panel as a CSV file: one row per dyad-year, any columns; the ones a regression names are
// read, numbers checked with file:line:column on the first bad one.
#pragma once

#include <string>
#include <vector>

#include "model/gravity_frame.hpp"

namespace linkage {

//! Reads `numeric` columns as numbers (empty, NA, "." and NaN are missing) and `labels` as text; InputError
//! naming the file, line, column and what was expected for a missing column or a value that is not a number.
GravityFrame ReadGravityCsv(const std::string& path, const std::vector<std::string>& numeric,
                            const std::vector<std::string>& labels);

}  // namespace linkage
