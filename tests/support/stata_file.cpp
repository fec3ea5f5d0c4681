#include "support/stata_file.hpp"

#include <gtest/gtest.h>
#include <readstat.h>

#include <algorithm>
#include <cstdio>

namespace linkage::testing {

namespace {

// readstat's data writer: appends the bytes to the FILE* given as context.
ssize_t AppendToFile(const void* data, size_t length, void* file) {
  return static_cast<ssize_t>(std::fwrite(data, 1, length, static_cast<std::FILE*>(file)));
}

}  // namespace

void WriteStataFile(const std::string& path, const std::vector<StataColumn>& columns) {
  ASSERT_FALSE(columns.empty());
  const std::size_t rows = columns[0].texts.empty() ? columns[0].numbers.size() : columns[0].texts.size();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  readstat_writer_t* writer = readstat_writer_init();
  ASSERT_EQ(readstat_set_data_writer(writer, AppendToFile), READSTAT_OK);
  std::vector<readstat_variable_t*> variables;
  for (const auto& column : columns) {
    std::size_t width = 1;
    for (const auto& text : column.texts) width = std::max(width, text.size());
    variables.push_back(
        column.texts.empty()
            ? readstat_add_variable(writer, column.name.c_str(), READSTAT_TYPE_DOUBLE, 0)
            : readstat_add_variable(writer, column.name.c_str(), READSTAT_TYPE_STRING, width));
  }
  ASSERT_EQ(readstat_begin_writing_dta(writer, file, static_cast<long>(rows)), READSTAT_OK);
  for (std::size_t row = 0; row < rows; ++row) {
    ASSERT_EQ(readstat_begin_row(writer), READSTAT_OK);
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (!columns[k].texts.empty()) {
        readstat_insert_string_value(writer, variables[k], columns[k].texts[row].c_str());
      } else if (columns[k].numbers[row]) {
        readstat_insert_double_value(writer, variables[k], *columns[k].numbers[row]);
      } else {
        readstat_insert_missing_value(writer, variables[k]);
      }
    }
    ASSERT_EQ(readstat_end_row(writer), READSTAT_OK);
  }
  ASSERT_EQ(readstat_end_writing(writer), READSTAT_OK);
  readstat_writer_free(writer);
  ASSERT_EQ(std::fclose(file), 0);
}

}  // namespace linkage::testing
