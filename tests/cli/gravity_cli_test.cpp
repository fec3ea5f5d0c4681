// `linkage gravity` end to end: the published table, rows as JSON, and a bad value located in the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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
