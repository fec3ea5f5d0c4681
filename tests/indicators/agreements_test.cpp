#include "indicators/agreements.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ingest/importers.hpp"
#include "registry/agreements.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::ByIndicatorAndYear;
using testing::Fixture;

using Records = std::map<std::string, IndicatorRecord>;

// tests/data/indicators/agreements/pairs.csv: KAZ-RUS bound by T 1 (1998 to 2020-06-30), T 2 (from
// 2020-07-01) and T 3 (2005-01-01 to 2006-01-01, the first day out of force); CHN-KAZ by T 4 from 2010, a
// year inferred from the signature. The data's entries into force run 1998-2020.
class AgreementsTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "agreement-pairs", Fixture("indicators/agreements/pairs.csv"));
  }
};

// Counted by hand from the fixture: 1998 T1; 2005 T1 and T3; 2006 T1 (T3 ended on its first day); 2020 T1 and
// T2 (each in force on some day of the year); 2021 is after the last entry into force, so it stays missing.
TEST_F(AgreementsTest, CountsAgreementsInForceOnSomeDayOfTheYear) {
  const Records r = ByIndicatorAndYear(ComputeAgreementIndicators(*database, "RUS", "KAZ", 1997, 2021));
  EXPECT_FALSE(r.at("trade_agreements@1997").value.has_value());
  EXPECT_NE(r.at("trade_agreements@1997").missing.find("1998-2020"), std::string::npos);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "trade_agreements@1998"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "trade_agreements@2005"), 2);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "trade_agreement_in_force@2005"), 1);
  EXPECT_EQ(r.at("trade_agreements@2005").sources.size(), 2u);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "trade_agreements@2006"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "trade_agreements@2020"), 2);
  EXPECT_NE(r.at("trade_agreements@2020").note.find("New FTA (T 2)"), std::string::npos);
  EXPECT_FALSE(r.at("trade_agreement_in_force@2021").value.has_value());
}

// No agreement binds CHN and RUS: 0 with the reason, not missing. A year inferred from the signature is
// flagged as an estimate.
TEST_F(AgreementsTest, NoAgreementIsZeroAndInferredDatesAreEstimates) {
  const Records none = ByIndicatorAndYear(ComputeAgreementIndicators(*database, "CHN", "RUS", 2010, 2010));
  EXPECT_DOUBLE_EQ(testing::ValueOf(none, "trade_agreement_in_force@2010"), 0);
  EXPECT_NE(none.at("trade_agreements@2010").note.find("no agreement in force"), std::string::npos);
  const Records signed_only =
      ByIndicatorAndYear(ComputeAgreementIndicators(*database, "KAZ", "CHN", 2009, 2010));
  EXPECT_DOUBLE_EQ(testing::ValueOf(signed_only, "trade_agreements@2009"), 0);
  EXPECT_DOUBLE_EQ(testing::ValueOf(signed_only, "trade_agreements@2010"), 1);
  EXPECT_TRUE(signed_only.at("trade_agreements@2010").estimated);
  EXPECT_FALSE(signed_only.at("trade_agreements@2009").estimated);
}

// Names: `pta` stands for all, an id or a name in any case for one; the pairs by year feed gravity's dummies.
TEST_F(AgreementsTest, FindsAgreementsByIdNameOrAll) {
  EXPECT_EQ(FindAgreements(*database, "pta").size(), 4u);
  EXPECT_EQ(FindAgreements(*database, "t 3"), std::vector<std::string>{"T 3"});
  EXPECT_EQ(FindAgreements(*database, "old fta"), std::vector<std::string>{"T 1"});
  EXPECT_TRUE(FindAgreements(*database, "NAFTA").empty());
  const auto by_year = PairsByYear(AgreementPairs(*database, {"T 3"}), 2004, 2006);
  EXPECT_FALSE(by_year.contains(2004));
  EXPECT_TRUE(by_year.at(2005).contains({"KAZ", "RUS"}));
  EXPECT_FALSE(by_year.contains(2006));
}

}  // namespace
}  // namespace linkage
