// The gravity formula's expressions, the --where filter, pair_sym and reading panels from CSV and Stata
// files, against values worked out by hand on small frames.
#include "model/gravity_formula.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "core/error.hpp"
#include "ingest/table_file.hpp"
#include "model/gravity_frame.hpp"
#include "model/gravity_spec.hpp"
#include "model/gravity_table.hpp"
#include "model/table_expression.hpp"
#include "support/stata_file.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four dyads: A->B, B->A, A->C, C->A; the last has a non-positive distance and a missing GDP.
GravityFrame SmallFrame() {
  GravityFrame frame;
  frame.source = "a small frame";
  frame.rows = 4;
  frame.labels["exporter"] = {"A", "B", "A", "C"};
  frame.labels["importer"] = {"B", "A", "C", "A"};
  frame.labels["group"] = {"10", "9", "10", "2"};
  frame.numbers["dist"] = {100, 100, 400, -1};
  frame.numbers["gdp_o"] = {2, 3, 4, kNaN};
  frame.numbers["gdp_d"] = {5, 6, 7, 8};
  frame.numbers["rta"] = {0, 1, 1, 0};
  frame.numbers["post"] = {1, 1, 0, 1};
  frame.numbers["year"] = {2000, 2004, 2002, 2006};
  return frame;
}

void ExpectColumn(const std::vector<double>& actual, const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t row = 0; row < expected.size(); ++row) {
    if (std::isnan(expected[row])) {
      EXPECT_TRUE(std::isnan(actual[row])) << "row " << row << ": " << actual[row];
    } else {
      EXPECT_NEAR(actual[row], expected[row], 1e-12) << "row " << row;
    }
  }
}

// The message of the UsageError `run` throws.
template <typename Run>
std::string UsageMessage(Run run) {
  try {
    run();
  } catch (const UsageError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no UsageError";
  return "";
}

TEST(GravityFormulaTest, ExpandsTermsAsFixestDoes) {
  const auto spec = ParseGravitySpec(
      "trade ~ log(gdp_o * gdp_d) + I(dist^2) + rta*post + i(year, ref = 2004) + rta:i(group) | "
      "exporter^year");
  EXPECT_EQ(spec.outcome, "trade");
  EXPECT_EQ(spec.regressors, (std::vector<std::string>{"log(gdp_o * gdp_d)", "I(dist^2)", "rta", "post",
                                                       "rta:post", "i(year, ref = 2004)", "rta:i(group)"}));
  ASSERT_EQ(spec.fixed_effects.size(), 1u);
  EXPECT_EQ(spec.fixed_effects[0], (std::vector<std::string>{"exporter", "year"}));
  // (a + b)*c crosses every term; a term given twice is kept once.
  EXPECT_EQ(ParseGravitySpec("y ~ (a + b)*c + a").regressors,
            (std::vector<std::string>{"a", "b", "c", "a:c", "b:c"}));
  EXPECT_EQ(ParseGravitySpec("log(trade) ~ x").outcome, "log(trade)");
  // Backticks quote names that are not R names; they stay only where they are needed.
  EXPECT_EQ(ParseGravitySpec("y ~ `sco` + `5+5` + `a b`:x").regressors,
            (std::vector<std::string>{"sco", "`5+5`", "`a b`:x"}));
  GravityFrame quoted = SmallFrame();
  quoted.numbers["5+5"] = {1, 2, 3, 4};
  ExpectColumn(EvaluateTerm(quoted, "`5+5`:rta").values[0], {0, 2, 3, 0});
  const auto columns = ColumnsOfTerms(spec.regressors);
  EXPECT_EQ(columns.numeric, (std::vector<std::string>{"gdp_o", "gdp_d", "dist", "rta", "post"}));
  EXPECT_EQ(columns.factors, (std::vector<std::string>{"year", "group"}));
  // A column compared with a string may hold labels; the same column in arithmetic is read as numbers.
  const auto compared =
      ColumnsOfTerms({"I(exporter == \"A\")", "I(dist > 100)", "log(dist)", "I(year - 2000)"});
  EXPECT_EQ(compared.numeric, (std::vector<std::string>{"dist", "year"}));
  EXPECT_EQ(compared.factors, (std::vector<std::string>{"exporter", "dist"}));
  ExpectColumn(EvaluateTerm(SmallFrame(), "I(exporter == \"A\")").values[0], {1, 0, 1, 0});
}

TEST(GravityFormulaTest, EvaluatesFunctionsAndArithmeticByHand) {
  const GravityFrame frame = SmallFrame();
  // log of a non-positive value is missing, and so is anything that reads a missing value.
  ExpectColumn(EvaluateTerm(frame, "log(dist)").values[0],
               {std::log(100), std::log(100), std::log(400), kNaN});
  ExpectColumn(EvaluateTerm(frame, "log(gdp_o * gdp_d)").values[0],
               {std::log(10), std::log(18), std::log(28), kNaN});
  const auto arithmetic = EvaluateTerm(frame, "I((dist - 100) / 3 + 2^2 - -1)");
  EXPECT_EQ(arithmetic.names, (std::vector<std::string>{"I((dist - 100) / 3 + 2^2 - -1)"}));
  ExpectColumn(arithmetic.values[0], {5, 5, 105, 5 - 101.0 / 3});
  ExpectColumn(EvaluateTerm(frame, "sqrt(abs(dist))").values[0], {10, 10, 20, 1});
  ExpectColumn(EvaluateTerm(frame, "I(year % 4 == 2)").values[0], {0, 0, 1, 1});
  ExpectColumn(EvaluateTerm(frame, "exp(I(rta / 0))").values[0], {kNaN, kNaN, kNaN, kNaN});
  const auto interaction = EvaluateTerm(frame, "rta:post");
  EXPECT_EQ(interaction.names, (std::vector<std::string>{"rta:post"}));
  ExpectColumn(interaction.values[0], {0, 1, 0, 0});
}

TEST(GravityFormulaTest, FactorDummiesDropTheFirstOrTheReferenceLevel) {
  const GravityFrame frame = SmallFrame();
  // Numeric levels sort as numbers: 2 < 9 < 10, so 2 is the reference.
  const auto groups = EvaluateTerm(frame, "i(group)");
  EXPECT_EQ(groups.names, (std::vector<std::string>{"group::9", "group::10"}));
  ExpectColumn(groups.values[0], {0, 1, 0, 0});
  ExpectColumn(groups.values[1], {1, 0, 1, 0});
  const auto exporters = EvaluateTerm(frame, "i(exporter, ref = \"B\")");
  EXPECT_EQ(exporters.names, (std::vector<std::string>{"exporter::A", "exporter::C"}));
  ExpectColumn(exporters.values[1], {0, 0, 0, 1});
  EXPECT_EQ(EvaluateTerm(frame, "i(year, ref = 2004)").names,
            (std::vector<std::string>{"year::2000", "year::2002", "year::2006"}));
  // i(factor, variable) keeps every level, as fixest does.
  const auto slopes = EvaluateTerm(frame, "i(exporter, rta)");
  EXPECT_EQ(slopes.names,
            (std::vector<std::string>{"exporter::A:rta", "exporter::B:rta", "exporter::C:rta"}));
  ExpectColumn(slopes.values[0], {0, 0, 1, 0});
  ExpectColumn(slopes.values[1], {0, 1, 0, 0});
  const auto crossed = EvaluateTerm(frame, "gdp_o:i(exporter)");
  EXPECT_EQ(crossed.names, (std::vector<std::string>{"gdp_o:exporter::B", "gdp_o:exporter::C"}));
  ExpectColumn(crossed.values[0], {0, 3, 0, kNaN});  // a missing value stays missing, even times 0
  ExpectColumn(crossed.values[1], {0, 0, 0, kNaN});
  const std::string message = UsageMessage([&] { EvaluateTerm(frame, "i(exporter, ref = Z)"); });
  EXPECT_NE(message.find("not a level of 'exporter' (its levels: A, B, C)"), std::string::npos) << message;
  EXPECT_NE(UsageMessage([&] { EvaluateTerm(frame, "log(exporter)"); }).find("is text"), std::string::npos);
}

TEST(GravityFormulaTest, BuildsTheRegressionDataFromTerms) {
  const GravityFrame frame = [] {
    GravityFrame small = SmallFrame();
    small.numbers["trade"] = {1, 2, 3, 4};
    return small;
  }();
  const auto spec = ParseGravitySpec("trade ~ rta*post + i(exporter)");
  const RegressionData data = BuildRegressionData(frame, spec, {{"importer"}}, {});
  EXPECT_EQ(data.names, (std::vector<std::string>{"rta", "post", "rta:post", "exporter::B", "exporter::C"}));
  ASSERT_EQ(data.x.cols(), 5);
  EXPECT_EQ(data.x(1, 2), 1);
  EXPECT_EQ(data.x(3, 4), 1);
  EXPECT_EQ(data.y[2], 3);
}

TEST(GravityFormulaTest, ParseErrorsGiveThePosition) {
  // Each formula and a part of the message it must give.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"trade ~ log(dist", "expected ',' or ')' in the arguments of log() (found the end) at character 17"},
      {"trade ~ a - b",
       "'-' cannot join terms (terms are joined by +, : and *; write arithmetic inside I(), "
       "e.g. I(a - b)) at character 11"},
      {"trade ~ foo(x)", "unknown function 'foo' (expected log, exp, sqrt, abs, I or i) at character 9"},
      {"trade ~ I(i(year))", "i() makes dummies and belongs in a term, not in arithmetic at character 11"},
      {"trade ~ i(year, keep = 2)", "i() takes ref = LEVEL"},
      {"trade ~ x * ", "expected a column, a number, a function or '(' (found the end) at character 13"},
      {"trade ~ x ) | a", "unexpected ')' at character 11"},
  };
  for (const auto& item : cases) {
    const std::string message = UsageMessage([&] { ParseGravitySpec(item.first); });
    EXPECT_NE(message.find(item.second), std::string::npos) << item.first << ": " << message;
  }
}

// Input that would nest the tree too deep or cross too many terms stops with a message, not a crash.
TEST(GravityFormulaTest, RefusesFormulasTooLargeToBeMeant) {
  std::string sum = "trade ~ x";
  for (int k = 0; k < 2001; ++k) sum += " + x";
  EXPECT_NE(UsageMessage([&] { ParseGravitySpec(sum); }).find("more than 2000 operators"), std::string::npos);
  EXPECT_NE(
      UsageMessage([&] { ParseWhere(std::string(3000, '(') + "1"); }).find("nests more than 200 levels"),
      std::string::npos);
  EXPECT_NE(UsageMessage([&] { ParseWhere(std::string(300, '-') + "1 == 1"); }).find("nests more than 200"),
            std::string::npos);
  EXPECT_NE(UsageMessage([] {
              ParseGravitySpec("y ~ a*b*c*d*e*f*g*h*i*j*k*l*m*n*o");
            }).find("more than 10000 terms"),
            std::string::npos);
}

TEST(GravityWhereTest, KeepsTheRowsOfTheExampleFromACsvFile) {
  testing::TempDir dir;
  std::ofstream(dir.File("panel.csv")) << "exporter,importer,year,trade,dist\n"
                                          "A,B,2002,1,10\n"
                                          "A,A,2002,2,10\n"
                                          "A,B,2003,3,10\n"
                                          "B,C,2006,4,10\n"
                                          "B,C,,5,10\n"
                                          "C,A,2010,6,\n";
  const auto spec = ParseGravitySpec("trade ~ log(dist)");
  const auto request =
      RequestColumns(spec, {{"exporter", "year"}}, PanelRoles{}, "year % 4 == 2 and exporter != importer");
  EXPECT_EQ(request.numeric, (std::vector<std::string>{"trade", "dist"}));
  EXPECT_EQ(request.labels, (std::vector<std::string>{"exporter", "year"}));
  EXPECT_EQ(request.flexible, (std::vector<std::string>{"importer"}));
  CsvReader reader(dir.File("panel.csv"));
  const GravityFrame frame = ReadGravityTable(reader, [&] {
    auto flexible = request;
    flexible.labels = {"exporter"};
    flexible.flexible = {"importer", "year"};  // the empty year is missing, not an error
    return flexible;
  }());
  EXPECT_EQ(frame.rows_before_filter, 6u);
  ASSERT_EQ(frame.rows, 3u);
  EXPECT_EQ(frame.numbers.at("trade"), (std::vector<double>{1, 4, 6}));
  EXPECT_EQ(frame.labels.at("importer"), (std::vector<std::string>{"B", "C", "A"}));

  // Text against a quoted string and a column against a column; a missing value drops the row.
  GravityFrame text = SmallFrame();
  FilterFrame(text, "exporter == 'A' || (importer >= \"B\" and !(gdp_o > 2.5))");
  EXPECT_EQ(text.rows, 2u);
  EXPECT_EQ(text.labels.at("importer"), (std::vector<std::string>{"B", "C"}));
  GravityFrame missing = SmallFrame();
  FilterFrame(missing, "gdp_o > 0 or rta == 0");
  EXPECT_EQ(missing.rows, 3u);
}

TEST(GravityWhereTest, ParseErrorsAndUnknownColumnsAreUsageErrors) {
  const std::string parse = UsageMessage([] { ParseWhere("year % 4 == and"); });
  EXPECT_NE(
      parse.find("--where 'year % 4 == and': expected a column, a number, a function or '(' (found 'a') "
                 "at character 13"),
      std::string::npos)
      << parse;
  EXPECT_NE(UsageMessage([] { ParseWhere("year == 2000 2001"); }).find("at character 14"), std::string::npos);
  EXPECT_NE(UsageMessage([] { ParseWhere("i(year) == 1"); }).find("i() makes dummies"), std::string::npos);
  testing::TempDir dir;
  std::ofstream(dir.File("panel.csv")) << "exporter,importer,year,trade\nA,B,2002,1\n";
  CsvReader reader(dir.File("panel.csv"));
  GravityTableRequest request;
  request.numeric = {"trade"};
  request.where = "contig == 1";
  const std::string column = UsageMessage([&] { ReadGravityTable(reader, request); });
  EXPECT_NE(column.find("has no column 'contig'; it has: exporter, importer, year, trade"), std::string::npos)
      << column;
}

TEST(GravityPairSymTest, BothDirectionsAreOneGroup) {
  GravityFrame frame = SmallFrame();
  frame.numbers["trade"] = {1, 2, 3, 4};
  const auto sets = ResolveRoles(ParseEffectList("pair_sym"), PanelRoles{});
  ASSERT_EQ(sets, (std::vector<std::vector<std::string>>{{"pair_sym"}}));
  EXPECT_EQ(ColumnsOfSets(sets, PanelRoles{}), (std::vector<std::string>{"exporter", "importer"}));
  AddSymmetricPair(frame, sets, PanelRoles{});
  const RegressionData data = BuildRegressionData(frame, ParseGravitySpec("trade ~ rta"), sets, sets);
  ASSERT_EQ(data.fixed_effects.size(), 1u);
  EXPECT_EQ(data.fixed_effects[0].name, "pair_sym");
  EXPECT_EQ(data.fixed_effects[0].groups, 2);
  EXPECT_EQ(data.fixed_effects[0].group, (std::vector<std::int32_t>{0, 0, 1, 1}));
  EXPECT_EQ(data.clusters[0], (std::vector<std::int32_t>{0, 0, 1, 1}));
  // The directional pair keeps four groups.
  const auto directed =
      BuildRegressionData(frame, ParseGravitySpec("trade ~ rta"), ResolveRoles({{"pair"}}, PanelRoles{}), {});
  EXPECT_EQ(directed.fixed_effects[0].groups, 4);
}

TEST(GravityTableTest, ReadsAStataFileAtFullPrecision) {
  testing::TempDir dir;
  const std::string path = dir.File("panel.dta");
  const std::vector<std::optional<double>> trade = {1.0 / 3.0, 123456789.12345679, std::nullopt, 0.1};
  ASSERT_NO_FATAL_FAILURE(testing::WriteStataFile(path, {{"exporter", {"A", "B", "A", "C"}, {}},
                                                         {"importer", {"B", "A", "C", "A"}, {}},
                                                         {"year", {}, {2000, 2004, 2002, 2006}},
                                                         {"trade", {}, trade},
                                                         {"unused", {}, {1, 2, 3, 4}}}));
  const auto reader = OpenTable(path);
  GravityTableRequest request;
  request.numeric = {"trade"};
  request.labels = {"exporter"};
  request.flexible = {"importer", "year"};
  request.where = "year != 2006";
  const GravityFrame frame = ReadGravityTable(*reader, request);
  ASSERT_EQ(frame.rows, 3u);
  EXPECT_EQ(frame.numbers.at("trade")[0], 1.0 / 3.0);  // exactly: doubles round-trip
  EXPECT_EQ(frame.numbers.at("trade")[1], 123456789.12345679);
  EXPECT_TRUE(std::isnan(frame.numbers.at("trade")[2]));
  EXPECT_EQ(frame.labels.at("year"), (std::vector<std::string>{"2000", "2004", "2002"}));
  EXPECT_EQ(frame.numbers.count("unused"), 0u);  // only the columns asked for are kept
}

}  // namespace
}  // namespace linkage
