#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/schema.hpp"

namespace linkage {
namespace {

// Every row of a query, each as its columns joined by '|' (NULL as "null"), so tables compare as text.
std::vector<std::string> Rows(Database& database, const std::string& sql) {
  Statement query(database, sql);
  std::vector<std::string> rows;
  while (query.Step()) {
    std::string row;
    for (int column = 0; column < query.ColumnCount(); ++column) {
      if (column > 0) row += '|';
      row += query.IsNull(column) ? "null" : query.Text(column);
    }
    rows.push_back(row);
  }
  return rows;
}

// A workspace at schema version 6 with a few values of every kind the migration to 7 moves.
void FillVersionSix(Database& database) {
  MigrateSchemaTo(database, 6);
  ASSERT_EQ(database.QueryInt("PRAGMA user_version"), 6);
  database.Execute(R"sql(
INSERT INTO actors (id, name, kind) VALUES ('BRA', 'Brazil', 'state'), ('ARG', 'Argentina', 'state'),
  ('NGA', 'Nigeria', 'state');
INSERT INTO sources (id, dataset, format, path, sha256, bytes, citation, terms)
  VALUES (1, 'imf-dots', 'imf-dots', 'dots.csv', 'aa', 10, 'IMF', 'terms'),
         (2, 'wits', 'wits', 'wits.csv', 'bb', 10, 'WITS', 'terms'),
         (3, 'atop', 'atop', 'atop.csv', 'cc', 10, 'ATOP', 'terms'),
         (4, 'wdi', 'wdi', 'wdi.csv', 'dd', 10, 'WDI', 'terms');
INSERT INTO flows VALUES
  ('imf-dots', 'BRA', 'ARG', 'X', 2019, 'TOTAL', 'total', 1.5e10, 0, 'FOB', 1, 10, 'value_musd x 1e6'),
  ('imf-dots', 'BRA', 'ARG', 'M', 2019, 'TOTAL', 'total', NULL, 0, 'CIF', 1, 11, 'value_musd x 1e6'),
  ('imf-dots', 'ARG', 'BRA', 'X', 2019, 'TOTAL', 'total', 1.1e10, 1, 'FOB', 1, 12, 'value_musd x 1e6'),
  ('wits', 'BRA', 'NGA', 'X', 2020, '2709', 'hs4', 250000.5, 0, 'FOB', 2, 3, 'TradeValue in 1000 USD x 1e3'),
  ('wits', 'BRA', 'NGA', 'X', 2020, 'TOTAL', 'total', 900000, 0, 'FOB', 2, 2, 'sum of 2 hs4 rows, lines 3-4');
INSERT INTO series VALUES
  ('wdi', 'NY.GDP.MKTP.CD', 'BRA', 2019, 1.87e12, 'current US$', 0, 4, 5, 'as published'),
  ('wdi', 'NY.GDP.MKTP.CD', 'NGA', 2019, NULL, 'current US$', 0, 4, 6, 'as published'),
  ('wdi', 'SP.POP.TOTL', 'ARG', 2019, 44938712, 'people', 1, 4, 7, 'as published');
INSERT INTO dyad_series VALUES
  ('atop', 'ATOP.DEFENSE', 'ARG', 'BRA', 1990, 1, '1 = obligation in force', 0, 3, 40, 'column atop_defense'),
  ('atop', 'ATOP.DEFENSE', 'ARG', 'BRA', 1991, 0, '1 = obligation in force', 0, 3, 41,
   'column atop_defense; the larger of this and line 39 (0)'),
  ('atop', 'ATOP.NONAGG', 'BRA', 'NGA', 1991, NULL, '1 = obligation in force', 1, 3, 42, 'column atop_nonagg');
INSERT INTO votes VALUES ('unvotes', '12', '1990-10-01', 'BRA', 'yes', 1, 2),
  ('unvotes', '12', '1990-10-01', 'NGA', 'abstain', 1, 3), ('unvotes', '9', '1990-09-20', 'BRA', 'no', 1, 4),
  ('votes', '12', '1991-03-01', 'ARG', 'yes', 4, 8);
)sql");
}

constexpr const char* kFlows = "SELECT * FROM flows ORDER BY dataset, reporter, partner, flow, year, product";
constexpr const char* kSeries = "SELECT * FROM series ORDER BY dataset, code, actor_id, year";
constexpr const char* kDyads = "SELECT * FROM dyad_series ORDER BY dataset, code, actor_a, actor_b, year";
constexpr const char* kVotes = "SELECT * FROM votes ORDER BY dataset, rcid, actor_id";

TEST(SchemaMigrationTest, TheCurrentVersionReadsEveryValueAsVersionSixStoredIt) {
  Database database(":memory:", true);
  FillVersionSix(database);
  const auto flows = Rows(database, kFlows);
  const auto series = Rows(database, kSeries);
  const auto dyads = Rows(database, kDyads);
  const auto votes = Rows(database, kVotes);
  ASSERT_EQ(flows.size(), 5U);
  ASSERT_EQ(dyads.size(), 3U);

  MigrateSchema(database);
  EXPECT_EQ(database.QueryInt("PRAGMA user_version"), CurrentSchemaVersion());
  EXPECT_EQ(Rows(database, kFlows), flows);
  EXPECT_EQ(Rows(database, kSeries), series);
  EXPECT_EQ(Rows(database, kDyads), dyads);
  EXPECT_EQ(Rows(database, kVotes), votes);
  // The repeated text is stored once: two flow keys and two rules for IMF DOTS' three rows.
  EXPECT_EQ(database.QueryInt("SELECT count(*) FROM flow_keys WHERE dataset = 'imf-dots'"), 2);
  EXPECT_EQ(database.QueryInt("SELECT count(*) FROM flow_rules WHERE source_id = 1"), 2);
  EXPECT_EQ(database.QueryInt("SELECT count(*) FROM series_keys"), 4);
  // Each roll call once (the same id in two datasets is two roll calls), numbered in the order of its date.
  EXPECT_EQ(Rows(database, "SELECT id, dataset, rcid, date FROM roll_calls ORDER BY id"),
            (std::vector<std::string>{"1|unvotes|9|1990-09-20", "2|unvotes|12|1990-10-01",
                                      "3|votes|12|1991-03-01"}));
  EXPECT_EQ(database.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name IN ('flows', "
                              "'series', 'dyad_series', 'votes')"),
            4);
  EXPECT_EQ(Rows(database, "PRAGMA foreign_key_check").size(), 0U);
}

TEST(SchemaMigrationTest, AnUpToDateWorkspaceIsLeftAlone) {
  Database database(":memory:", true);
  MigrateSchema(database);
  const auto schema = Rows(database, "SELECT type, name, sql FROM sqlite_schema ORDER BY name");
  MigrateSchema(database);
  EXPECT_EQ(Rows(database, "SELECT type, name, sql FROM sqlite_schema ORDER BY name"), schema);
}

}  // namespace
}  // namespace linkage
