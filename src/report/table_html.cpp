#include "report/table_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <numeric>

#include "core/text.hpp"
#include "report/html_escape.hpp"
#include "report/number_format.hpp"

namespace linkage {

namespace {

using json = nlohmann::json;

bool IsYearName(const std::string& name) {
  return name.size() == 4 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::size_t> ColumnNamed(const ResultTable& table, const std::string& name) {
  for (std::size_t k = 0; k < table.columns.size(); ++k)
    if (table.columns[k] == name) return k;
  return std::nullopt;
}

// The text of another cell of the row, "" when the table has no such column or the cell is not text.
std::string Sibling(const ResultTable& table, const std::vector<json>& row, const std::string& name) {
  const auto column = ColumnNamed(table, name);
  return column && row[*column].is_string() ? row[*column].get<std::string>() : "";
}

// A number in a column named `name`, formatted by what the column and its row say it is.
std::string FormatNumber(const ResultTable& table, const std::vector<json>& row, const std::string& name,
                         double value) {
  if (name == "year" || name.ends_with("_year") || name == "n" || name == "rank" || name.starts_with("rank_"))
    return fmt::format("{:g}", value);
  if (name == "p_value" || name.starts_with("p_")) return FormatPValue(value);
  if (name.find("share") != std::string::npos || name == "coverage") return FormatShare(value);
  if (name == "strength") return FormatUsd(value);
  if (name == "value" || name == "median" || name == "p05" || name == "p95") {
    const std::string unit = Sibling(table, row, "unit");
    if (unit == "USD") return FormatUsd(value);
    if (unit.starts_with("share")) return FormatShare(value);
    const std::string measure = Sibling(table, row, "measure");
    if (measure.ends_with("_share")) return FormatShare(value);
    if (measure == "score" || measure == "comparable_score") return FormatScore(value);
  }
  return FormatQuantity(value);
}

// Text with every whole number of five digits or more grouped in thousands ("= 9004006953 USD" -> "=
// 9,004,006,953 USD"), so that a provenance note reads like the numbers around it and keeps every digit.
// Digits that are part of a word, a decimal, a code or a file:line reference are left alone.
std::string GroupDigits(const std::string& text) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto is_word = [&](char c) {
    return is_digit(c) || std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  };
  std::string out;
  std::size_t k = 0;
  while (k < text.size()) {
    if (!is_digit(text[k]) || (k > 0 && (is_word(text[k - 1]) || text[k - 1] == '.' || text[k - 1] == ':'))) {
      out += text[k++];
      continue;
    }
    std::size_t end = k;
    while (end < text.size() && is_digit(text[end])) ++end;
    const bool standalone =
        end == text.size() ||
        !(is_word(text[end]) || (text[end] == '.' && end + 1 < text.size() && is_digit(text[end + 1])));
    const std::string digits = text.substr(k, end - k);
    out += standalone && digits.size() >= 5 ? GroupThousands(digits) : digits;
    k = end;
  }
  return out;
}

}  // namespace

std::string DisplayCell(const ResultTable& table, const std::vector<json>& row, std::size_t column) {
  const json& cell = row[column];
  if (cell.is_null()) return "";
  if (cell.is_boolean()) return cell.get<bool>() ? "yes" : "no";
  if (cell.is_number()) return FormatNumber(table, row, table.columns[column], cell.get<double>());
  return GroupDigits(CellText(cell));
}

std::vector<std::size_t> ReaderOrder(const ResultTable& table) {
  std::vector<std::size_t> order(table.rows.size());
  std::iota(order.begin(), order.end(), 0);
  const auto year = ColumnNamed(table, "year");
  if (!year) return order;
  const auto key = [&](std::size_t row) {
    const json& cell = table.rows[row][*year];
    return cell.is_number() ? cell.get<double>() : -1e300;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

std::vector<std::size_t> ReaderColumns(const ResultTable& table) {
  std::vector<std::size_t> columns;
  std::vector<std::size_t> years;
  for (std::size_t k = 0; k < table.columns.size(); ++k)
    (IsYearName(table.columns[k]) ? years : columns).push_back(k);
  columns.insert(columns.end(), years.rbegin(), years.rend());
  return columns;
}

std::string TableHtml(const ResultTable& table, const std::string& caption, std::size_t rows) {
  const std::vector<std::size_t> columns = ReaderColumns(table);
  const std::vector<std::size_t> order = ReaderOrder(table);
  const std::size_t shown = std::min(rows, order.size());
  // Classes the print style reads: a column empty in every row shown, and year columns past the latest
  // kPrintedYears, are left off paper (the files keep them), so that a table fits the printed page.
  std::vector<std::string> classes(table.columns.size());
  std::size_t years = 0;
  for (const std::size_t column : columns) {
    const bool empty = std::all_of(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown),
                                   [&](std::size_t row) { return table.rows[row][column].is_null(); });
    if (empty && shown > 0) classes[column] = " empty-col";
    if (IsYearName(table.columns[column]) && ++years > kPrintedYears) classes[column] += " older";
  }
  std::string html =
      fmt::format("<table class=\"data\"><caption>{}</caption>\n<thead><tr>", EscapeHtml(caption));
  for (const std::size_t column : columns) {
    std::string label = table.columns[column];
    std::replace(label.begin(), label.end(), '_', ' ');
    html += fmt::format("<th scope=\"col\" aria-sort=\"none\"{}><button type=\"button\">{}</button></th>",
                        classes[column].empty() ? "" : " class=\"" + classes[column].substr(1) + "\"",
                        EscapeHtml(label));
  }
  html += "</tr></thead>\n<tbody>\n";
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& row = table.rows[order[k]];
    html += "<tr>";
    for (const std::size_t column : columns) {
      const json& cell = row[column];
      if (cell.is_null()) {
        html += fmt::format("<td class=\"na{}\" title=\"missing\">–</td>", classes[column]);
      } else if (cell.is_number()) {
        // The exact value sorts the column; the formatted one is what the reader sees.
        html += fmt::format("<td class=\"num{}\" data-v=\"{}\">{}</td>", classes[column],
                            CellText(cell, true), EscapeHtml(DisplayCell(table, row, column)));
      } else if (classes[column].empty()) {
        html += fmt::format("<td>{}</td>", EscapeHtml(DisplayCell(table, row, column)));
      } else {
        html += fmt::format("<td class=\"{}\">{}</td>", classes[column].substr(1),
                            EscapeHtml(DisplayCell(table, row, column)));
      }
    }
    html += "</tr>\n";
  }
  html += "</tbody></table>";
  return html;
}

}  // namespace linkage
