// `linkage network` end to end on the tieland fixture (values in tests/model/regional_network_test.cpp).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;
using testing::RunLinkage;

class NetworkCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunLinkage("init --empty --workspace w.db", dir_.Path()).exit_code, 0);
    for (const char* kind : {"flows", "regions", "memberships"}) {
      const auto result =
          Run(fmt::format("import {} {}", kind, Fixture(fmt::format("network/{}.csv", kind))));
      ASSERT_EQ(result.exit_code, 0) << result.err;
    }
  }
  testing::RunResult Run(const std::string& arguments) {
    return RunLinkage(arguments + " --workspace w.db", dir_.Path());
  }
  testing::TempDir dir_;
};

TEST_F(NetworkCliTest, NodesGraphAndPivotAsJson) {
  const auto result =
      Run("network --region tieland --year 2019 --powers CHN,Russia --pivot ARG --actor CHN --edges --format "
          "json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto output = nlohmann::json::parse(result.out);
  ASSERT_EQ(output.at("nodes").size(), 5u);
  EXPECT_EQ(output["nodes"][3]["actor"], "CHN");
  EXPECT_EQ(output["nodes"][3]["role"], "power");
  EXPECT_DOUBLE_EQ(output["nodes"][3]["betweenness"].get<double>(), 6);
  std::map<std::string, nlohmann::json> graph;
  for (const auto& row : output.at("graph")) graph[row["measure"]] = row["value"];
  EXPECT_DOUBLE_EQ(graph.at("density").get<double>(), 0.7);
  EXPECT_EQ(graph.at("pairs_without_trade"), 3);
  EXPECT_EQ(graph.at("edges_filled_from_mirror"), 1);
  EXPECT_EQ(graph.at("pivot_strength_rank"), 2);
  EXPECT_NEAR(graph.at("pivot_share_of_actor_trade").get<double>(), 2.0 / 7, 1e-12);
  ASSERT_EQ(output.at("edges").size(), 7u);
  EXPECT_EQ(output["edges"][0]["provenance"][0]["file"], "flows.csv");
}

TEST_F(NetworkCliTest, CoherenceAsCsv) {
  const auto result = Run("network --region tieland --years 2016-2019 --coherence --actor CHN --format csv");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("year,members,pairs,pairs_with_trade,density,intra_trade_share,"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\n2017,3,3,0,0,,1,3,1,"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\ngrowth_correlation,-0.333333,"), std::string::npos) << result.out;
}

TEST_F(NetworkCliTest, ErrorsAreTyped) {
  EXPECT_EQ(Run("network --region atlantis --year 2019").exit_code, 4);
  EXPECT_EQ(Run("network --region tieland --year 19").exit_code, 2);
  EXPECT_EQ(Run("network --region tieland").exit_code, 2);
  EXPECT_EQ(Run("network --region tieland --years 2016-2019").exit_code, 2);
  EXPECT_EQ(Run("network --region tieland --coherence --year 2019").exit_code, 2);
  EXPECT_EQ(Run("network --region tieland --year 2019 --actor CHN").exit_code, 2);
  EXPECT_EQ(Run("network --region tieland --year 2019 --powers CHN --pivot CHN").exit_code, 2);
  EXPECT_EQ(Run("network --region tieland --year 2019 --powers Narnia").exit_code, 4);
  EXPECT_EQ(Run("network --region tieland --year 2019 --format xml").exit_code, 2);
}

}  // namespace
}  // namespace linkage
