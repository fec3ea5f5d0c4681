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
  bool exact_numbers = false;  //!< CSV and text keep every digit a number needs to read back the same
};

//! One of several tables a command prints, under a name.
struct ResultSection {
  std::string name;
  ResultTable table;
};

//! Writes the table in the chosen format.
void WriteResult(const ResultTable& table, OutputFormat format, std::FILE* out);
//! Writes several tables: as text or CSV one after another with a blank line between them; as JSON one
//! object with a member per section (its name) holding the table's array of objects.
void WriteSections(const std::vector<ResultSection>& sections, OutputFormat format, std::FILE* out);
//! A cell as text: numbers with up to 6 significant digits (every digit they need when `exact`), null as
//! empty.
std::string CellText(const nlohmann::json& cell, bool exact = false);
//! A cell for a number that may be missing: NaN becomes an empty cell (null in JSON), never "nan" or 0.
nlohmann::json NumberOrMissing(double value);
//! CSV-quotes a field when it needs it.
std::string CsvField(const std::string& value);

}  // namespace linkage
