#include "indicators/political.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Five roll calls in 2019 that both KAZ and CHN voted in (tests/data/political/votes.csv): yes/yes, yes/yes,
// abstain/yes, no/no, yes/abstain. Roll call 106 has KAZ's vote only; 107 falls in 2020.
TEST(VoteSimilarityTest, ByHand) {
  const VoteSimilarity s = CompareVotes({{Vote::kYes, Vote::kYes},
                                         {Vote::kYes, Vote::kYes},
                                         {Vote::kAbstain, Vote::kYes},
                                         {Vote::kNo, Vote::kNo},
                                         {Vote::kYes, Vote::kAbstain}});
  EXPECT_EQ(s.roll_calls, 5u);
  EXPECT_DOUBLE_EQ(s.agreement, 0.6);
  // Both vote yes 3/5, abstain 1/5, no 1/5: chance agreement 0.36 + 0.04 + 0.04 = 0.44.
  EXPECT_NEAR(*s.kappa, (0.6 - 0.44) / (1 - 0.44), 1e-12);
  // |1-1| + |1-1| + |0.5-1| + |0-0| + |1-0.5| = 1 over 5 roll calls: S = 1 - 2 x 1/5.
  EXPECT_NEAR(s.s_score, 0.6, 1e-12);
}

TEST(VoteSimilarityTest, BoundsAndSymmetry) {
  const VoteSimilarity same = CompareVotes({{Vote::kYes, Vote::kYes}, {Vote::kNo, Vote::kNo}});
  EXPECT_DOUBLE_EQ(same.agreement, 1);
  EXPECT_DOUBLE_EQ(*same.kappa, 1);
  EXPECT_DOUBLE_EQ(same.s_score, 1);
  const VoteSimilarity opposed = CompareVotes({{Vote::kYes, Vote::kNo}, {Vote::kNo, Vote::kYes}});
  EXPECT_DOUBLE_EQ(opposed.agreement, 0);
  EXPECT_DOUBLE_EQ(opposed.s_score, -1);
  EXPECT_DOUBLE_EQ(*opposed.kappa, -1);
  // Everyone votes yes every time: agreement is 1 but chance explains all of it, so kappa is undefined.
  EXPECT_FALSE(CompareVotes({{Vote::kYes, Vote::kYes}}).kappa.has_value());
  const VoteSimilarity forward = CompareVotes({{Vote::kYes, Vote::kAbstain}, {Vote::kNo, Vote::kNo}});
  const VoteSimilarity reverse = CompareVotes({{Vote::kAbstain, Vote::kYes}, {Vote::kNo, Vote::kNo}});
  EXPECT_DOUBLE_EQ(*forward.kappa, *reverse.kappa);
  EXPECT_DOUBLE_EQ(forward.s_score, reverse.s_score);
}

class PoliticalTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "votes", Fixture("political/votes.csv"));
    RunImport(*database, "series", Fixture("political/idealpoints.csv"));
  }
};

TEST_F(PoliticalTest, IndicatorsFromTheWorkspace) {
  std::map<std::string, IndicatorRecord> r;
  for (auto& record : ComputePoliticalIndicators(*database, "KAZ", "CHN", 2019, 2020)) {
    r.emplace(fmt::format("{}@{}", record.indicator, record.year), record);
  }
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "vote_agreement@2019"), 0.6);
  EXPECT_NEAR(testing::ValueOf(r, "vote_kappa@2019"), 0.16 / 0.56, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "vote_s_score@2019"), 0.6, 1e-12);
  EXPECT_EQ(r.at("vote_agreement@2019").note, "5 roll calls voted in by both");
  EXPECT_FALSE(r.at("vote_agreement@2019").sources.empty());
  EXPECT_NEAR(testing::ValueOf(r, "ideal_point_distance@2019"), 0.28, 1e-12);
  // 2020: one roll call, both yes: agreement 1, kappa undefined (and says why); no ideal points.
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "vote_agreement@2020"), 1.0);
  EXPECT_FALSE(r.at("vote_kappa@2020").value.has_value());
  EXPECT_NE(r.at("vote_kappa@2020").missing.find("chance agreement is 1"), std::string::npos);
  EXPECT_FALSE(r.at("ideal_point_distance@2020").value.has_value());
}

}  // namespace
}  // namespace linkage
