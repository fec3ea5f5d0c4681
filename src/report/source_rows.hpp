// report/source_rows.hpp
// How output names the stored rows behind a value: "file:line" in text and CSV, and in JSON the dataset,
// file, line and transform of each row.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "indicators/trade_data.hpp"
#include "report/output.hpp"
#include "store/database.hpp"

namespace linkage {

//! The file name (without folders) of every source file in the workspace, by source id.
std::map<std::int64_t, std::string> SourceFileNames(Database& database);

//! The cell naming `sources` in `format`: an array of objects in JSON, "file:line file:line" otherwise.
nlohmann::json SourceRowsCell(const std::vector<ValueSource>& sources,
                              const std::map<std::int64_t, std::string>& files, OutputFormat format);

//! The first and last year a source file has a value for.
struct SourceYears {
  int first = 0;
  int last = 0;
};

//! The years each source file covers, by source id: the years of its flows and series with a value, dyad
//! series, arms deliveries, votes, events, membership spells and agreements; absent for a file of none.
std::map<std::int64_t, SourceYears> YearsBySource(Database& database);

//! Every source file behind the workspace: id, dataset, format, path, first and last year with a value,
//! checksum prefix, citation and terms. `years` is YearsBySource(database), read once by a caller that needs
//! it for several tables.
ResultTable SourceTable(Database& database, const std::map<std::int64_t, SourceYears>& years);

//! One row per dataset: its first and last year with a value and its files, so an output can say where
//! each source ends.
ResultTable DatasetYearsTable(Database& database, const std::map<std::int64_t, SourceYears>& years);

}  // namespace linkage
