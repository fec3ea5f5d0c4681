// `linkage gravity` end to end: the published table, rows as JSON, and a bad value located in the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/stata_file.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

TEST(GravityCliTest, PrintsAPublishedTableAndRowsAndPointsAtABadValue) {
  testing::TempDir dir;
  const std::string panel = testing::Fixture("gravity/panel.csv");
  const auto table =
      testing::RunLinkage("gravity --data " + panel +
                              " --spec 'trade ~ ln_dist + contig + rta | exporter#year + importer#year' "
                              "--cluster pair --estimator both",
                          dir.Path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("(1) PPML"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("-0.7757***"), std::string::npos) << table.out;  // statsmodels: -0.775724
  EXPECT_NE(table.out.find("(0.0814)"), std::string::npos) << table.out;    // pair-clustered, as statsmodels
  const auto json = testing::RunLinkage("gravity --data " + panel +
                                            " --spec 'trade ~ rta' --fe exporter-year,importer-year,pair "
                                            "--format json",
                                        dir.Path());
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto rows = nlohmann::json::parse(json.out);
  std::ifstream reference_file(testing::Fixture("gravity/reference.json"));
  const auto reference = nlohmann::json::parse(reference_file)["ppml_three_sets"];
  EXPECT_NEAR(rows["coefficients"][0]["estimate"].get<double>(),
              reference["coefficients"]["rta"].get<double>(), 1e-6);
  EXPECT_EQ(rows["fit"][0]["observations"], 162);

  std::ofstream(dir.File("bad.csv")) << "exporter,importer,year,trade,rta\nA,B,2000,12,0\nB,A,2000,abc,1\n";
  const auto bad =
      testing::RunLinkage("gravity --data bad.csv --spec 'trade ~ rta | exporter#year'", dir.Path());
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("bad.csv:3:4"), std::string::npos) << bad.err;
}

// Formula expressions reach the estimator: log(exp(x)) is x, so the coefficient is the published one; --where
// keeps the even years and says how many rows it kept; pair_sym clusters both directions together.
TEST(GravityCliTest, FormulaWhereAndSymmetricPairs) {
  testing::TempDir dir;
  const std::string panel = testing::Fixture("gravity/panel.csv");
  const auto table = testing::RunLinkage(
      "gravity --data " + panel +
          " --spec 'trade ~ log(exp(ln_dist)) + contig + rta | exporter^year + importer#year' --cluster pair",
      dir.Path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("log(exp(ln_dist))"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("-0.7757***"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(0.0814)"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("kept"), std::string::npos) << table.out;

  const auto filtered = testing::RunLinkage(
      "gravity --data " + panel +
          " --spec 'trade ~ ln_dist + i(year)' --fe exporter,importer --where 'year % 2 == 0 and exporter != "
          "importer' --format json",
      dir.Path());
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
  EXPECT_NE(filtered.err.find("--where 'year % 2 == 0 and exporter != importer' kept 84 of 168 rows"),
            std::string::npos)
      << filtered.err;
  const auto rows = nlohmann::json::parse(filtered.out);
  EXPECT_EQ(rows["fit"][0]["observations"], 84);
  EXPECT_NE(filtered.out.find("year::2002"), std::string::npos) << filtered.out;
  EXPECT_EQ(filtered.out.find("year::2000"), std::string::npos) << filtered.out;  // the reference level

  // The same model clustered by the unordered and by the directional pair: same estimates, other errors.
  const auto clustered = [&](const std::string& cluster) {
    const auto run =
        testing::RunLinkage("gravity --data " + panel +
                                " --spec 'trade ~ ln_dist + contig + rta | exporter#year + importer#year' " +
                                "--format json --cluster " + cluster,
                            dir.Path());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.exit_code == 0 ? nlohmann::json::parse(run.out)["coefficients"] : nlohmann::json::array();
  };
  const auto symmetric_rows = clustered("pair_sym");
  const auto directed_rows = clustered("pair");
  ASSERT_FALSE(symmetric_rows.empty());
  ASSERT_FALSE(directed_rows.empty());
  EXPECT_EQ(symmetric_rows[0]["estimate"], directed_rows[0]["estimate"]);
  EXPECT_NE(symmetric_rows[0]["std_error"], directed_rows[0]["std_error"]) << symmetric_rows.dump();

  const auto unknown = testing::RunLinkage(
      "gravity --data " + panel + " --spec 'trade ~ rta' --where 'distance > 5'", dir.Path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("has no column 'distance'; it has: exporter, importer, year, trade, ln_dist"),
            std::string::npos)
      << unknown.err;
  const auto parse = testing::RunLinkage("gravity --data " + panel + " --spec 'trade ~ log(rta'", dir.Path());
  EXPECT_EQ(parse.exit_code, 2);
  EXPECT_NE(parse.err.find("at character 16"), std::string::npos) << parse.err;
}

// A Stata panel is read like a CSV one, and a bad value in it names the file, the observation and the column.
TEST(GravityCliTest, ReadsAStataPanelAndPointsAtABadValue) {
  testing::TempDir dir;
  const testing::StataColumn exporters{"exporter", {"A", "B", "A", "B"}, {}};
  const testing::StataColumn importers{"importer", {"B", "A", "B", "A"}, {}};
  const testing::StataColumn years{"year", {}, {2000, 2000, 2001, 2001}};
  ASSERT_NO_FATAL_FAILURE(testing::WriteStataFile(
      dir.File("good.dta"),
      {exporters, importers, years, {"trade", {}, {10, 12, 14, 13}}, {"rta", {}, {0, 0, 1, 1}}}));
  const auto good = testing::RunLinkage(
      "gravity --data good.dta --spec 'trade ~ rta | exporter' --format json", dir.Path());
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_EQ(nlohmann::json::parse(good.out)["fit"][0]["observations"], 4);
  ASSERT_NO_FATAL_FAILURE(testing::WriteStataFile(
      dir.File("bad.dta"), {exporters, importers, years, {"trade", {"10", "abc", "14", "13"}, {}}}));
  const auto bad = testing::RunLinkage("gravity --data bad.dta --spec 'trade ~ year | exporter'", dir.Path());
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("bad.dta:2:4"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("'abc' is not a number"), std::string::npos) << bad.err;
}

// Scenario options that cannot describe a scenario stop before the workspace is opened (or built).
TEST(GravityCliTest, ScenarioRejectsImpossibleOptions) {
  testing::TempDir dir;
  const auto no_change =
      testing::RunLinkage("scenario agreement --agreement EAEU --year 2019 --workspace none.db", dir.Path());
  EXPECT_EQ(no_change.exit_code, 2);
  EXPECT_NE(no_change.err.find("name one change"), std::string::npos) << no_change.err;
  const auto two_changes = testing::RunLinkage(
      "scenario agreement --agreement EAEU --year 2019 --dissolve --join UZB --workspace none.db",
      dir.Path());
  EXPECT_EQ(two_changes.exit_code, 2);
  const auto sigma = testing::RunLinkage(
      "scenario agreement --agreement EAEU --year 2019 --dissolve --sigma 0.5 --workspace none.db",
      dir.Path());
  EXPECT_EQ(sigma.exit_code, 2);
  EXPECT_NE(sigma.err.find("--sigma must be above 1"), std::string::npos) << sigma.err;
  const auto fall = testing::RunLinkage(
      "scenario shock --from CHN --to KAZ --fall 140 --year 2019 --workspace none.db", dir.Path());
  EXPECT_EQ(fall.exit_code, 2);
  EXPECT_NE(fall.err.find("--fall takes a percentage"), std::string::npos) << fall.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("none.db")));
  const auto missing = testing::RunLinkage("scenario", dir.Path());
  EXPECT_EQ(missing.exit_code, 2);
}

}  // namespace
}  // namespace linkage

namespace linkage {
namespace {

// The variance options and combinations end to end: fixest's rule for a two-way clustering prints fixest's
// standard errors to every digit (tests/data/gravity/fixest_reference.json), and a sum of coefficients comes
// with sqrt(a'Va); options that cannot be honoured are usage errors that say why.
TEST(GravityCliTest, VarianceRulesCombinationsAndFullPrecision) {
  testing::TempDir dir;
  const std::string panel = testing::Fixture("gravity/panel.csv");
  const std::string spec = " --spec 'trade ~ ln_dist + contig + rta | exporter^year + importer^year'";
  const auto run = testing::RunLinkage("gravity --data " + panel + spec +
                                           " --vcov cluster:exporter,importer --ssc fixest --combine 'rta + "
                                           "contig' --combine '2 * rta' --threads 2 --format json",
                                       dir.Path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = nlohmann::json::parse(run.out)["coefficients"];
  std::ifstream reference_file(testing::Fixture("gravity/fixest_reference.json"));
  const auto reference = nlohmann::json::parse(reference_file)["cases"]["a_ppml_two_sets"];
  const auto& se = reference["vcov"]["cluster:exporter+importer"]["fixest_default"]["se"];
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[2]["term"], "rta");
  EXPECT_NEAR(rows[2]["std_error"].get<double>(), se["rta"].get<double>(), 1e-6 * se["rta"].get<double>());
  EXPECT_EQ(rows[3]["term"], "rta + contig");
  EXPECT_NEAR(
      rows[3]["estimate"].get<double>(),
      reference["coefficients"]["rta"].get<double>() + reference["coefficients"]["contig"].get<double>(),
      1e-8);
  EXPECT_EQ(rows[4]["term"], "2 * rta");
  EXPECT_NEAR(rows[4]["std_error"].get<double>(), 2 * se["rta"].get<double>(),
              2e-6 * se["rta"].get<double>());

  // CSV carries every digit: the estimate reads back as the JSON's double.
  const auto csv =
      testing::RunLinkage("gravity --data " + panel + spec + " --vcov iid --format csv", dir.Path());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto at = csv.out.find("PPML,rta,");
  ASSERT_NE(at, std::string::npos) << csv.out;
  const double printed = std::stod(csv.out.substr(at + 9, csv.out.find(',', at + 9) - at - 9));
  EXPECT_NEAR(printed, reference["coefficients"]["rta"].get<double>(), 1e-12);
  EXPECT_NE(csv.out.find("iid, Stata small-sample rule"), std::string::npos) << csv.out;

  const auto bad_vcov = testing::RunLinkage("gravity --data " + panel + spec + " --vcov hc3", dir.Path());
  EXPECT_EQ(bad_vcov.exit_code, 2);
  EXPECT_NE(bad_vcov.err.find("expected iid, hetero"), std::string::npos) << bad_vcov.err;
  const auto both =
      testing::RunLinkage("gravity --data " + panel + spec + " --vcov iid --cluster pair", dir.Path());
  EXPECT_EQ(both.exit_code, 2);
  const auto unknown =
      testing::RunLinkage("gravity --data " + panel + spec + " --combine 'rta + gdp'", dir.Path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no coefficient 'gdp'"), std::string::npos) << unknown.err;
  const auto nonlinear =
      testing::RunLinkage("gravity --data " + panel + spec + " --combine 'rta * contig'", dir.Path());
  EXPECT_EQ(nonlinear.exit_code, 2);
  EXPECT_NE(nonlinear.err.find("character 5"), std::string::npos) << nonlinear.err;
}

}  // namespace
}  // namespace linkage
