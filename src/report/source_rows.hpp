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

//! Every source file behind the workspace: id, dataset, format, path, checksum prefix, citation and terms.
ResultTable SourceTable(Database& database);

}  // namespace linkage
