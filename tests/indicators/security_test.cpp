#include "indicators/security.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "indicators/finance.hpp"
#include "indicators/political.hpp"
#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::ByIndicatorAndYear;
using testing::Fixture;

using Records = std::map<std::string, IndicatorRecord>;

// The small fixtures of tests/data/indicators/security/ over the core workspace, whose membership spells put
// KAZ and CHN in the Shanghai Five (1996-04-26 to 2001-06-15) and the SCO (from 2001-06-15), and KAZ alone
// in the CSTO and the CIS.
class SecurityTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "atop", Fixture("indicators/security/atop.csv"));
    RunImport(*database, "sipri", Fixture("indicators/security/sipri.csv"));
    RunImport(*database, "series", Fixture("indicators/security/cinc.csv"));
    RunImport(*database, "milestones", Fixture("indicators/security/milestones.csv"));
    RunImport(*database, "cow-igo-dyad", Fixture("indicators/security/igo.csv"));
    RunImport(*database, "aiddata-gcdf", Fixture("indicators/security/gcdf.csv"));
    RunImport(*database, "series", Fixture("indicators/security/gdp.csv"));
  }
};

// ATOP lists KAZ-CHN in 2010; 2011 is inside the data's years but lists no KAZ-CHN row, so it reads 0 and
// says why; 2012 is outside the years the data cover and stays missing.
TEST_F(SecurityTest, AllianceObligationsListedAbsentAndUncovered) {
  const Records r = ByIndicatorAndYear(ComputeSecurityIndicators(*database, "KAZ", "CHN", 2010, 2012));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "alliance_nonaggression@2010"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "alliance_consultation@2010"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "alliance_defense@2010"), 0);
  EXPECT_EQ(r.at("alliance_defense@2010").sources.size(), 1u);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "alliance_defense@2011"), 0);
  EXPECT_NE(r.at("alliance_defense@2011").note.find("lists no defence obligation"), std::string::npos);
  EXPECT_FALSE(r.at("alliance_defense@2012").value.has_value());
  EXPECT_NE(r.at("alliance_defense@2012").missing.find("covers 2010-2011"), std::string::npos);
}

// Security institutions: 2000 Shanghai Five only; 2001 both the Shanghai Five and the SCO (each in force on
// some day of the year); 2010 the SCO only (CSTO and CIS have KAZ but not CHN).
TEST_F(SecurityTest, SharedSecurityInstitutionsFromSpells) {
  const Records r = ByIndicatorAndYear(ComputeSecurityIndicators(*database, "KAZ", "CHN", 1995, 2010));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "shared_security_institutions@1995"), 0);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "shared_security_institutions@2000"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "shared_security_institutions@2001"), 2);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "shared_security_institutions@2010"), 1);
  EXPECT_NE(r.at("shared_security_institutions@2010").note.find("SCO"), std::string::npos);
}

// 2018: KAZ receives 3 + 1.5 TIV from CHN, 5.5 from RUS and 1 ('1?', uncertain) from an unknown supplier:
// share from CHN = 4.5 / 11. KAZ delivers 0.5 to CHN in 2019. 2020 is outside the register's years.
TEST_F(SecurityTest, ArmsTransfersAndImportShare) {
  const Records r = ByIndicatorAndYear(ComputeSecurityIndicators(*database, "KAZ", "CHN", 2018, 2020));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "arms_imports_from_partner@2018"), 4.5);
  EXPECT_NEAR(testing::ValueOf(r, "arms_import_share@2018"), 4.5 / 11.0, 1e-12);
  EXPECT_TRUE(r.at("arms_import_share@2018").estimated);  // the unknown supplier's row is an estimate
  EXPECT_FALSE(r.at("arms_imports_from_partner@2018").estimated);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "arms_exports_to_partner@2019"), 0.5);
  EXPECT_FALSE(r.at("arms_import_share@2019").value.has_value());  // KAZ received nothing in 2019
  EXPECT_FALSE(r.at("arms_imports_from_partner@2020").value.has_value());
  EXPECT_NE(r.at("arms_imports_from_partner@2020").missing.find("2018-2019"), std::string::npos);
}

// CINC 0.005 / 0.2; the exercise of 2010-09-10 names CHN, KAZ and RUS; the border agreement of 2011 is a
// security agreement. KAZ and USA have no dated events at all, so the counts are missing, not zero.
TEST_F(SecurityTest, CapabilitiesExercisesAndAgreements) {
  const Records r = ByIndicatorAndYear(ComputeSecurityIndicators(*database, "KAZ", "CHN", 2010, 2011));
  EXPECT_NEAR(testing::ValueOf(r, "capability_ratio@2010"), 0.025, 1e-12);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "joint_exercises@2010"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "joint_exercises@2011"), 0);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "security_agreements@2011"), 1);
  const Records usa = ByIndicatorAndYear(ComputeSecurityIndicators(*database, "KAZ", "USA", 2010, 2010));
  EXPECT_FALSE(usa.at("joint_exercises@2010").value.has_value());
  const Records rus = ByIndicatorAndYear(ComputeSecurityIndicators(*database, "RUS", "KAZ", 2010, 2010));
  EXPECT_DOUBLE_EQ(testing::ValueOf(rus, "joint_exercises@2010"), 1);
}

// Shared IGOs are non-directed (read in either order); the partnership ladder climbs 1 (1992), 2 (2005),
// 3 (2011); the summit of 2011 counts.
TEST_F(SecurityTest, PoliticalTies) {
  const Records r = ByIndicatorAndYear(ComputePoliticalIndicators(*database, "CHN", "KAZ", 1991, 2011));
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "shared_igos@2010"), 40);
  EXPECT_FALSE(r.at("shared_igos@2011").value.has_value());
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "partnership_level@1991"), 0);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "partnership_level@1992"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "partnership_level@2008"), 2);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "partnership_level@2011"), 3);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "summits_and_visits@2011"), 1);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "summits_and_visits@2010"), 0);
  // SCO (and, that year, the Shanghai Five) are the named institutions both belong to.
  EXPECT_GE(testing::ValueOf(r, "shared_institutions@2010"), 1);
  const Records none = ByIndicatorAndYear(ComputePoliticalIndicators(*database, "KAZ", "USA", 2010, 2010));
  EXPECT_FALSE(none.at("partnership_level@2010").value.has_value());
}

// GDP at 2021 prices: 1000 in 2021; 2020 = 1000 / 1.10; 2019 = 2020 / 0.95. Commitments 2019: ODA 10,
// OOF 40, VOF 0.
TEST_F(SecurityTest, DevelopmentFinanceShareOfGdp) {
  const Records r = ByIndicatorAndYear(ComputeFinanceIndicators(*database, "KAZ", "CHN", 2019, 2021));
  const double gdp_2019 = 1000 / 1.10 / 0.95;
  EXPECT_NEAR(testing::ValueOf(r, "development_finance_share_gdp@2019"), 50 / gdp_2019, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "oda_share_gdp@2019"), 10 / gdp_2019, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "oda_share_gdp@2020"), 5 / (1000 / 1.10), 1e-12);
  EXPECT_FALSE(r.at("oda_share_gdp@2021").value.has_value());  // GCDF in the workspace covers 2019-2020
  const Records russia = ByIndicatorAndYear(ComputeFinanceIndicators(*database, "KAZ", "RUS", 2019, 2019));
  EXPECT_NE(russia.at("oda_share_gdp@2019").missing.find("lent by CHN"), std::string::npos);
}

}  // namespace
}  // namespace linkage
