// report/indicator_table.hpp
// Writes indicator records as a table, CSV or JSON, with the source rows behind each value.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "report/output.hpp"
#include "store/database.hpp"

namespace linkage {

//! Writes the records whose indicator is in `only` (all when empty). JSON records carry `indicator`,
//! `reporter`, `partner`, `year`, `product`, `value`, `unit`, `estimated`, `perspective`, `missing` and
//! `provenance` (dataset, file, line, transform of each source row); the other formats list file:line.
void WriteIndicatorRecords(Database& database, const std::vector<IndicatorRecord>& records,
                           const std::set<std::string>& only, OutputFormat format);

}  // namespace linkage
