#include "report/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

OutputFormat ParseOutputFormat(const std::string& name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  throw UsageError(fmt::format("unknown format '{}'; use table, csv or json", name));
}

std::string CellText(const nlohmann::json& cell, bool exact) {
  if (cell.is_null()) return "";
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_number_integer()) return std::to_string(cell.get<long long>());
  if (cell.is_number() && exact) {
    const double value = cell.get<double>();
    return std::isfinite(value) ? fmt::format("{}", value) : "NaN";
  }
  if (cell.is_number()) return text::FormatNumber(cell.get<double>());
  if (cell.is_boolean()) return cell.get<bool>() ? "true" : "false";
  return cell.dump();
}

nlohmann::json NumberOrMissing(double value) {
  return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value);
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

namespace {

nlohmann::json JsonArray(const ResultTable& table) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& row : table.rows) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < table.columns.size(); ++i) object[table.columns[i]] = row[i];
    array.push_back(object);
  }
  return array;
}

}  // namespace

void WriteResult(const ResultTable& table, OutputFormat format, std::FILE* out) {
  assert(std::all_of(table.rows.begin(), table.rows.end(),
                     [&](const auto& row) { return row.size() == table.columns.size(); }) &&
         "every row fills every column");
  switch (format) {
    case OutputFormat::kJson: {
      fmt::print(out, "{}\n", JsonArray(table).dump(2));
      return;
    }
    case OutputFormat::kCsv: {
      std::vector<std::string> header;
      header.reserve(table.columns.size());
      for (const auto& column : table.columns) header.push_back(CsvField(column));
      fmt::print(out, "{}\n", text::Join(header, ","));
      for (const auto& row : table.rows) {
        std::vector<std::string> fields;
        fields.reserve(row.size());
        for (const auto& cell : row) fields.push_back(CsvField(CellText(cell, table.exact_numbers)));
        fmt::print(out, "{}\n", text::Join(fields, ","));
      }
      return;
    }
    case OutputFormat::kTable: {
      std::vector<std::size_t> widths;
      for (const auto& column : table.columns) widths.push_back(column.size());
      for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], CellText(row[i]).size());
      }
      auto print_row = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (std::size_t i = 0; i < cells.size(); ++i) {
          line += fmt::format("{:<{}}", cells[i], i + 1 < cells.size() ? widths[i] + 2 : 0);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        fmt::print(out, "{}\n", line);
      };
      print_row(table.columns);
      for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (const auto& cell : row) cells.push_back(CellText(cell));
        print_row(cells);
      }
      return;
    }
  }
}

void WriteSections(const std::vector<ResultSection>& sections, OutputFormat format, std::FILE* out) {
  if (format == OutputFormat::kJson) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& section : sections) object[section.name] = JsonArray(section.table);
    fmt::print(out, "{}\n", object.dump(2));
    return;
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (i > 0) fmt::print(out, "\n");
    WriteResult(sections[i].table, format, out);
  }
}

}  // namespace linkage
