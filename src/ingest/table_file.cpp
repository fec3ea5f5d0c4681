#include "ingest/table_file.hpp"

#include <fmt/format.h>
#include <readstat.h>

#include <map>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

// What the readstat callbacks fill.
struct StataTable {
  std::vector<std::string> header;
  std::vector<std::string> label_sets;  //!< per variable: the value-label set that names its codes, or ""
  std::map<std::string, std::map<std::string, std::string>> labels;  //!< set -> code -> label
  std::vector<std::vector<std::string>> rows;
  std::string problem;  //!< the first problem readstat reported
  //! The 0-based index of a variable with no usable name: empty, or bytes outside the file's encoding, which
  //! readstat cannot convert and hands over as no name at all.
  std::optional<std::size_t> unnamed;
};

int OnVariable(int index, readstat_variable_t* variable, const char* label_set, void* context) {
  auto& table = *static_cast<StataTable*>(context);
  const auto position = static_cast<std::size_t>(index);
  if (table.header.size() <= position) {
    table.header.resize(position + 1);
    table.label_sets.resize(position + 1);
  }
  const char* name = readstat_variable_get_name(variable);
  if (name == nullptr || *name == '\0') {
    table.unnamed = position;
    return READSTAT_HANDLER_ABORT;
  }
  table.header[position] = name;
  table.label_sets[position] = label_set == nullptr ? "" : label_set;
  return READSTAT_HANDLER_OK;
}

// A numeric value in its shortest exact decimal form.
std::string FormatNumber(readstat_value_t value) {
  switch (readstat_value_type(value)) {
    case READSTAT_TYPE_INT8:
    case READSTAT_TYPE_INT16:
    case READSTAT_TYPE_INT32:
      return fmt::format("{}", readstat_int32_value(value));
    case READSTAT_TYPE_FLOAT:
      return fmt::format("{}", readstat_float_value(value));
    case READSTAT_TYPE_DOUBLE:
      return fmt::format("{}", readstat_double_value(value));
    case READSTAT_TYPE_STRING:
    case READSTAT_TYPE_STRING_REF:
      break;
  }
  return readstat_string_value(value) == nullptr ? "" : readstat_string_value(value);
}

// Stata stores text columns "encoded" as integers with value labels; the label is what the column means.
int OnValueLabel(const char* label_set, readstat_value_t value, const char* label, void* context) {
  auto& table = *static_cast<StataTable*>(context);
  if (label_set == nullptr || label == nullptr) return READSTAT_HANDLER_OK;
  table.labels[label_set][FormatNumber(value)] = label;
  return READSTAT_HANDLER_OK;
}

// Stata's system and extended missing values (., .a-.z) become empty fields, which importers read as
// missing; numbers are written in their shortest exact decimal form.
int OnValue(int observation, readstat_variable_t* variable, readstat_value_t value, void* context) {
  auto& table = *static_cast<StataTable*>(context);
  const auto row = static_cast<std::size_t>(observation);
  if (table.rows.size() <= row) table.rows.resize(row + 1, std::vector<std::string>(table.header.size()));
  std::string& field = table.rows[row][static_cast<std::size_t>(readstat_variable_get_index(variable))];
  if (readstat_value_is_missing(value, variable) != 0) return READSTAT_HANDLER_OK;
  field = FormatNumber(value);
  return READSTAT_HANDLER_OK;
}

void OnError(const char* message, void* context) {
  auto& table = *static_cast<StataTable*>(context);
  if (table.problem.empty()) table.problem = message;
}

}  // namespace

bool IsStataFile(const std::string& path) {
  return text::Lower(path).ends_with(".dta");
}

std::unique_ptr<CsvReader> OpenTable(const std::string& path) {
  if (!IsStataFile(path)) return std::make_unique<CsvReader>(path);
  StataTable table;
  readstat_parser_t* parser = readstat_parser_init();
  readstat_set_variable_handler(parser, OnVariable);
  readstat_set_value_handler(parser, OnValue);
  readstat_set_value_label_handler(parser, OnValueLabel);
  readstat_set_error_handler(parser, OnError);
  const readstat_error_t result = readstat_parse_dta(parser, path.c_str(), &table);
  readstat_parser_free(parser);
  if (table.unnamed) {
    throw InputError(
        {path, 0, 0, fmt::format("variable {}", *table.unnamed + 1)},
        fmt::format("variable {} of the Stata file has no name, or one that is not valid text in "
                    "the file's encoding",
                    *table.unnamed + 1),
        "named variables (a column name for every variable)");
  }
  if (result != READSTAT_OK) {
    std::string problem = readstat_error_message(result);
    if (!table.problem.empty()) problem += ": " + std::string(text::Trim(table.problem));
    throw InputError({path, 0, 0, ""}, fmt::format("cannot read the Stata file ({})", problem),
                     "a Stata .dta file (formats 104-119)");
  }
  if (table.header.empty()) {
    throw InputError({path, 0, 0, ""}, "the Stata file has no variables", "a data set with variables");
  }
  // Labels come at the end of a .dta file, after the values they name.
  for (auto& row : table.rows) {
    row.resize(table.header.size());
    for (std::size_t column = 0; column < row.size(); ++column) {
      if (table.label_sets[column].empty() || row[column].empty()) continue;
      const auto set = table.labels.find(table.label_sets[column]);
      if (set == table.labels.end()) continue;
      const auto label = set->second.find(row[column]);
      if (label != set->second.end()) row[column] = label->second;
    }
  }
  return std::make_unique<CsvReader>(path, std::move(table.header), std::move(table.rows));
}

}  // namespace linkage
