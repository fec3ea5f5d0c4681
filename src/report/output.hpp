// report/output.hpp
// Writes a result table as an aligned text table, CSV or JSON (an array of objects).
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace linkage {

//! The output formats every command offers.
enum class OutputFormat { kTable, kCsv, kJson };

//! Parses "table", "csv" or "json"; UsageError otherwise.
OutputFormat ParseOutputFormat(const std::string& name);

//! Rows of typed cells under named columns.
struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;
};

//! Writes the table in the chosen format.
void WriteResult(const ResultTable& table, OutputFormat format, std::FILE* out);
//! A cell as text: numbers with up to 6 significant digits, null as empty.
std::string CellText(const nlohmann::json& cell);
//! CSV-quotes a field when it needs it.
std::string CsvField(const std::string& value);

}  // namespace linkage
