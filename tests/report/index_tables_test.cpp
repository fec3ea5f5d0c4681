#include "report/index_tables.hpp"

#include <gtest/gtest.h>

namespace linkage {
namespace {

// Powers P and Q facing B in 2000-2001: P compared in both years (2001 on a carried input), Q only in 2000.
TEST(IndexTablesTest, CoverageByPowerIsOneRowPerPowerAndOneColumnPerYear) {
  const std::size_t linkage = *ScoreIndex("linkage");
  const auto comparable = [&](const std::string& power, int year, std::optional<double> value,
                              double coverage, bool carried) {
    ScoreRow row{"dyad", "comparable_score", power, "B", year, linkage, value, coverage, {}, ""};
    row.carried = carried;
    return row;
  };
  LinkageRun run;
  run.rows = {comparable("P", 2000, 60, 0.8, false), comparable("P", 2001, 70, 0.75, true),
              comparable("Q", 2000, 30, 0.8, false), comparable("Q", 2001, std::nullopt, 0, false),
              ScoreRow{"dyad", "score", "P", "B", 2000, linkage, 61, 1, {}, ""}};
  const ResultTable table = CoverageByPowerTable(run, "B");
  ASSERT_EQ(table.columns, (std::vector<std::string>{"power", "2000", "2001"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][0], "P");
  EXPECT_EQ(table.rows[0][1], "0.80");
  EXPECT_EQ(table.rows[0][2], "0.75 carried");
  EXPECT_EQ(table.rows[1][0], "Q");
  EXPECT_EQ(table.rows[1][2], "missing");
  EXPECT_TRUE(CoverageByPowerTable(run, "C").rows.empty());
}

}  // namespace
}  // namespace linkage
