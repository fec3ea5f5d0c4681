// report/table_html.hpp
// A result table as a reader-facing HTML table: values formatted with their units ($16.4 bn, 17.1%, < 0.001),
// the latest years first, missing values marked as missing, and each numeric cell's exact value kept in
// data-v for sorting. The CSV and JSON beside it keep every value as computed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/output.hpp"

namespace linkage {

//! A cell as a reader sees it in `column` of a row of `table` (the row gives the unit or measure that some
//! columns need): "" for a missing value.
std::string DisplayCell(const ResultTable& table, const std::vector<nlohmann::json>& row, std::size_t column);

//! The rows in the order a reader wants them: by year, latest first, when the table has a year column
//! (stable, so rows of one year keep their order); as given otherwise.
std::vector<std::size_t> ReaderOrder(const ResultTable& table);

//! The column order a reader wants: columns named by a year (a wide table by year) latest first, after the
//! other columns.
std::vector<std::size_t> ReaderColumns(const ResultTable& table);

//! Year columns of a wide table by year that a printed page holds: the latest ones.
inline constexpr std::size_t kPrintedYears = 12;

//! The first `rows` rows of the table in reader order as <table> HTML, with a caption. Columns empty in every
//! row shown are marked "empty-col", year columns past the latest kPrintedYears "older": print leaves both
//! out.
std::string TableHtml(const ResultTable& table, const std::string& caption, std::size_t rows);

}  // namespace linkage
