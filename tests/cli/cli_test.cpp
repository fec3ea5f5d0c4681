// End-to-end tests of the real binary on temporary workspaces: stdout, stderr and exit codes.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;
using testing::RunLinkage;
using testing::TempDir;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto init = RunLinkage("init --empty --workspace w.db", dir_.Path());
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  testing::RunResult Run(const std::string& arguments) {
    return RunLinkage(arguments + " --workspace w.db", dir_.Path());
  }
  //! Runs a command that must fail with `exit_code` and say `words`: the exit code alone can come from
  //! another mistake in the same command line.
  void ExpectRefused(const std::string& arguments, int exit_code, const std::string& words) {
    const auto result = Run(arguments);
    EXPECT_EQ(result.exit_code, exit_code) << arguments << ": " << result.err;
    EXPECT_NE(result.err.find(words), std::string::npos) << arguments << ": " << result.err;
  }
  TempDir dir_;
};

TEST_F(CliTest, InitRefusesToOverwriteWithoutForce) {
  const auto again = Run("init --empty");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
}

TEST_F(CliTest, ImportsAndReportsCounts) {
  const auto result = Run("import flows " + Fixture("import/flows.csv"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("3 rows read, 3 values stored"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("1 flagged as estimates"), std::string::npos) << result.out;
}

TEST_F(CliTest, BadInputExitsNonZeroAndLeavesTheWorkspaceUnchanged) {
  const std::string before = testing::FileDigest(dir_.File("w.db"));
  for (const char* file : {"wrong_number.csv", "missing_column.csv", "unknown_country.csv",
                           "wrong_delimiter.csv", "empty.csv", "not_a_number.csv"}) {
    SCOPED_TRACE(file);
    const auto result = Run(std::string("import series ") + Fixture(std::string("bad/") + file));
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find(std::string(file) + ":"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("expected:"), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty());
  }
  const auto missing = Run("import series " + dir_.File("no-such-file.csv"));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("cannot open file"), std::string::npos);
  EXPECT_EQ(testing::FileDigest(dir_.File("w.db")), before);
}

TEST_F(CliTest, UnknownFormatIsAUsageError) {
  const auto result = Run("import gdelt " + Fixture("import/flows.csv"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("known formats: imf-dots"), std::string::npos);
}

// The index runs on a workspace without data (every trade input missing, never read as zero) and refuses a
// bad weight file with its line and column.
TEST_F(CliTest, IndexKeepsMissingInputsMissingAndRefusesBadWeights) {
  const auto result = Run("index --dyad CHN,KAZ --years 2000-2001 --draws 5 --level dyad --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const auto& row : nlohmann::json::parse(result.out)) {
    if (row["score"] != "economic_bandwidth") continue;
    EXPECT_TRUE(row["value"].is_null()) << row.dump();
    EXPECT_TRUE(row["median"].is_null()) << row.dump();
    EXPECT_TRUE(row["missing"].get<std::string>().starts_with("no input has a value")) << row.dump();
  }
  const std::string weights = dir_.File("weights.csv");
  std::ofstream(weights) << "component,dimension,role,weight\ntotal_trade,economic,bandwith,1\n";
  const auto bad = Run("index --dyad CHN,KAZ --years 2000 --weights " + weights);
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("weights.csv:2:3"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("bandwidth or dependence"), std::string::npos) << bad.err;
  ExpectRefused("index --dyad CHN,KAZ --years 2000 --weights fbc", 2, "fbc");
  ExpectRefused("index --dyad CHN --years 2000", 2, "--dyad takes two actors");
  ExpectRefused("index --dyad CHN,KAZ --years 2000 --view everything", 2, "everything");
}

TEST_F(CliTest, ResolvesActors) {
  const auto result = Run("actors resolve KAZ KZ 398 cow:705 KZK 'Kazakhstan, Rep. of' --format csv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 7);
  EXPECT_EQ(result.out.find("KAZ,Kazakhstan,state"), result.out.find("KAZ,Kazakhstan,state"));
  std::size_t kaz = 0;
  for (std::size_t at = result.out.find(",KAZ,Kazakhstan,state,"); at != std::string::npos;
       at = result.out.find(",KAZ,Kazakhstan,state,", at + 1)) {
    ++kaz;
  }
  EXPECT_EQ(kaz, 6u) << result.out;
  const auto ambiguous = Run("actors resolve 705");
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_NE(ambiguous.err.find("ambiguous"), std::string::npos);
  const auto unknown = Run("actors resolve Atlantis");
  EXPECT_EQ(unknown.exit_code, 4);
  EXPECT_NE(unknown.err.find("closest known"), std::string::npos);
}

TEST_F(CliTest, MembersOnADate) {
  const auto result = Run("members --org SCO --on 2010-06-01 --role member --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json.size(), 6u);
  const auto bad_date = Run("members --org SCO --on 2010/06/01");
  EXPECT_EQ(bad_date.exit_code, 2);
  const auto unknown = Run("members --org \"Atlantis Pact\" --in 2004");
  EXPECT_EQ(unknown.exit_code, 4);
  EXPECT_NE(unknown.err.find("unknown organisation 'Atlantis Pact'"), std::string::npos) << unknown.err;
}

// The Collective Security Treaty's spells end when the CSTO replaces them, so a state is never counted in
// both.
TEST_F(CliTest, ASuccessorOrganisationEndsItsPredecessorsSpells) {
  const auto cst = Run("members --org CST --on 2010-06-01 --format json");
  ASSERT_EQ(cst.exit_code, 0) << cst.err;
  EXPECT_TRUE(nlohmann::json::parse(cst.out).empty()) << cst.out;
  const auto before = Run("members --org CST --on 2000-06-01 --format json");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  bool kazakhstan = false;
  for (const auto& row : nlohmann::json::parse(before.out)) {
    if (row["actor"] != "KAZ") continue;
    kazakhstan = true;
    EXPECT_EQ(row["to"], "2002-10-07");
    EXPECT_EQ(row["note"], "ended when the successor organisation began");
  }
  EXPECT_TRUE(kazakhstan);
}

TEST_F(CliTest, ReproduceFollowsTheJsonContract) {
  ASSERT_EQ(Run("import flows " + Fixture("audit/flows.csv")).exit_code, 0);
  ASSERT_EQ(Run("import series " + Fixture("audit/series.csv")).exit_code, 0);
  const auto result = Run("reproduce --format json --claims " + Fixture("audit/claims.csv"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  ASSERT_TRUE(json.is_array());
  EXPECT_EQ(json.size(), 22u);
  for (const auto& claim : json) {
    for (const char* key :
         {"id", "statement", "printed", "computed", "verdict", "explanation", "alternatives"}) {
      EXPECT_TRUE(claim.contains(key)) << key;
    }
    const std::string verdict = claim["verdict"];
    EXPECT_TRUE(verdict == "holds" || verdict == "close" || verdict == "differs" ||
                verdict == "unverifiable");
    for (const auto& alternative : claim["alternatives"]) {
      EXPECT_TRUE(alternative.contains("interpretation"));
      EXPECT_TRUE(alternative.contains("computed"));
      EXPECT_TRUE(alternative.contains("verdict"));
    }
  }
  const auto bad = Run("reproduce --format yaml");
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(CliTest, IndicatorsOnAFixture) {
  ASSERT_EQ(Run("import flows " + Fixture("indicators/flows.csv")).exit_code, 0);
  ASSERT_EQ(Run("import series " + Fixture("indicators/series.csv")).exit_code, 0);
  const auto result =
      Run("indicators --reporter FRA --partner Germany --years 2019 --only export_share --format csv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("export_share,FRA,DEU,2019,,0.2,ratio,false,reporter,,,flows.csv:4 flows.csv:12"),
            std::string::npos)
      << result.out;
  ExpectRefused("indicators --reporter FRA --partner DEU --years 2020-2019", 2,
                "--years 2020-2019 runs backwards");
  ExpectRefused("indicators --reporter FRA --partner DEU --years 2019 --only exportshare", 2,
                "unknown indicator 'exportshare'");
  ExpectRefused("indicators --reporter FRA --partner DEU --years 2019 --perspective mine", 2, "mine");
  ExpectRefused("indicators --reporter FRA --partner DEU --years 2019 --products hs6", 2, "hs6");
  const auto products =
      Run("indicators --reporter FRA --partner DEU --years 2019 --products hs2 --only grubel_lloyd");
  ASSERT_EQ(products.exit_code, 0) << products.err;
  EXPECT_NE(products.out.find("is not in the workspace"), std::string::npos) << products.out;
  const auto unknown = Run("indicators --reporter FRA --partner Atlantis --years 2019");
  EXPECT_EQ(unknown.exit_code, 4);
  EXPECT_NE(unknown.err.find("unknown actor 'Atlantis'"), std::string::npos);
}

TEST_F(CliTest, RegionAndSystem) {
  ASSERT_EQ(Run("import flows " + Fixture("indicators/region_flows.csv")).exit_code, 0);
  ASSERT_EQ(Run("import series " + Fixture("indicators/region_series.csv")).exit_code, 0);
  ASSERT_EQ(Run("import regions " + Fixture("indicators/regions.csv")).exit_code, 0);
  const auto region = Run("region --actor China --region testland --years 2019 --format json");
  ASSERT_EQ(region.exit_code, 0) << region.err;
  const auto records = nlohmann::json::parse(region.out);
  EXPECT_EQ(records.at(0)["indicator"], "actor_share_of_region_trade");
  EXPECT_DOUBLE_EQ(records.at(0)["value"].get<double>(), 0.16);
  EXPECT_FALSE(records.at(0)["provenance"].empty());
  const auto system = Run("system --region testland --powers CHN,RUS --years 2018-2019 --format csv");
  ASSERT_EQ(system.exit_code, 0) << system.err;
  EXPECT_NE(system.out.find("overtakes,CHN,RUS,2019"), std::string::npos) << system.out;
  ExpectRefused("region --actor CHN --region atlantis", 4, "atlantis");
  ExpectRefused("system --region testland --powers CHN", 2, "--powers needs at least two actors");
  ExpectRefused("system --region testland --powers CHN,Narnia", 4, "unknown actor 'Narnia'");
  // Both perspectives, one record each; the partner side reads CHN's reports (83 of the world's 500).
  const auto both = Run("region --actor CHN --region testland --years 2019 --perspective both --format json");
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const auto sides = nlohmann::json::parse(both.out);
  bool partner_seen = false;
  for (const auto& record : sides) {
    if (record["indicator"] != "actor_share_of_region_trade" || record["perspective"] != "partner") continue;
    partner_seen = true;
    EXPECT_NEAR(record["value"].get<double>(), 83.0 / 500, 1e-12);
  }
  EXPECT_TRUE(partner_seen) << both.out;
  ExpectRefused("system --region testland --powers CHN,RUS --blocs nations", 2, "nations");
  ExpectRefused("region --actor CHN --region testland --perspective mine", 2, "mine");
  // Without --workspace, which sweep does not take: the refusal must be the one of --threads.
  const auto threads = RunLinkage(
      "sweep --baci " + Fixture("engine/baci_small.csv") + " --out o --threads 100000", dir_.Path());
  EXPECT_EQ(threads.exit_code, 2);
  EXPECT_NE(threads.err.find("--threads 100000: this machine has"), std::string::npos) << threads.err;
}

}  // namespace
}  // namespace linkage
