#include "report/table_html.hpp"

#include <gtest/gtest.h>

namespace linkage {
namespace {

using json = nlohmann::json;

TEST(TableHtmlTest, CellsAreFormattedByColumnAndUnit) {
  const ResultTable table{{"indicator", "year", "value", "unit", "estimated", "p_value", "coverage"},
                          {{"exports", 2020, 5142656000.0, "USD", true, 0.0002, 0.8},
                           {"trade_share", 2020, 0.171, "share of GDP", false, 0.2, nullptr},
                           {"igos", 2020, 31, "institutions", false, nullptr, 1}}};
  EXPECT_EQ(DisplayCell(table, table.rows[0], 2), "$5.14 bn");
  EXPECT_EQ(DisplayCell(table, table.rows[0], 1), "2020");  // a year has no thousands separator
  EXPECT_EQ(DisplayCell(table, table.rows[0], 4), "yes");
  EXPECT_EQ(DisplayCell(table, table.rows[0], 5), "< 0.001");
  EXPECT_EQ(DisplayCell(table, table.rows[0], 6), "80%");
  EXPECT_EQ(DisplayCell(table, table.rows[1], 2), "17%");
  EXPECT_EQ(DisplayCell(table, table.rows[1], 6), "");
  EXPECT_EQ(DisplayCell(table, table.rows[2], 2), "31");
}

TEST(TableHtmlTest, LongWholeNumbersInTextAreGroupedAndOtherDigitsLeftAlone) {
  const ResultTable table{
      {"steps"},
      {{"exports = 9004006953 USD [imf-dots]; GDP 171082365861.5; 2020; f01b812b57fb; dots.csv:123456"}}};
  EXPECT_EQ(
      DisplayCell(table, table.rows[0], 0),
      "exports = 9,004,006,953 USD [imf-dots]; GDP 171082365861.5; 2020; f01b812b57fb; dots.csv:123456");
}

TEST(TableHtmlTest, ScoresAndSharesByMeasure) {
  const ResultTable table{{"measure", "value", "p05"},
                          {{"score", 45.2371, 40.0}, {"power_share", 0.25, 0.2}}};
  EXPECT_EQ(DisplayCell(table, table.rows[0], 1), "45.2");
  EXPECT_EQ(DisplayCell(table, table.rows[1], 2), "20%");
}

TEST(TableHtmlTest, LatestYearsFirstInRowsAndColumns) {
  const ResultTable by_row{{"year", "x"}, {{1999, "a"}, {2001, "b"}, {2000, "c"}, {2001, "d"}}};
  EXPECT_EQ(ReaderOrder(by_row), (std::vector<std::size_t>{1, 3, 2, 0}));  // stable within a year
  const ResultTable by_column{{"power", "1999", "2000", "2001"}, {{"P", "1", "2", "3"}}};
  EXPECT_EQ(ReaderColumns(by_column), (std::vector<std::size_t>{0, 3, 2, 1}));
}

TEST(TableHtmlTest, HtmlKeepsExactValuesForSortingAndMarksWhatPrintLeavesOut) {
  ResultTable table{{"power", "rank"}, {}};
  for (int k = 0; k < 3; ++k) table.rows.push_back({"P<" + std::to_string(k), nullptr});
  table.columns.emplace_back("value");
  for (auto& row : table.rows) row.emplace_back(1234.5678);
  const std::string html = TableHtml(table, "Caption & more", 2);
  EXPECT_NE(html.find("<caption>Caption &amp; more</caption>"), std::string::npos);
  EXPECT_NE(html.find("<td>P&lt;0</td>"), std::string::npos);
  EXPECT_EQ(html.find("P&lt;2"), std::string::npos);  // two rows shown
  EXPECT_NE(html.find("data-v=\"1234.5678\">1,235</td>"), std::string::npos) << html;
  EXPECT_NE(
      html.find("<th scope=\"col\" aria-sort=\"none\" class=\"empty-col\"><button type=\"button\">rank"),
      std::string::npos)
      << html;
  ResultTable wide{{"power"}, {{"P"}}};
  for (int year = 2000; year <= 2014; ++year) {
    wide.columns.push_back(std::to_string(year));
    wide.rows[0].emplace_back("0.5");
  }
  const std::string printed = TableHtml(wide, "wide", 1);
  // The 12 latest years print; 2000-2002 are marked older.
  EXPECT_NE(printed.find("class=\"older\"><button type=\"button\">2002"), std::string::npos) << printed;
  EXPECT_EQ(printed.find("class=\"older\"><button type=\"button\">2003"), std::string::npos);
}

}  // namespace
}  // namespace linkage
