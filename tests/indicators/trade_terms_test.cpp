#include "indicators/trade_terms.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// The EU's members in a year are read from the embedded accession table (data/institutions/eu_members.csv).
class TradeTermsTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", Fixture("indicators/flows.csv"));
  }

  static std::vector<std::string> EuIn(TradeTerms& terms, int year) {
    std::string undecided;
    const auto members = terms.BlocMembers("EUU", year, undecided);
    EXPECT_EQ(undecided, "");
    return members.value_or(std::vector<std::string>{});
  }
};

TEST_F(TradeTermsTest, BlocMembersFollowAccessionsAndExits) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  EXPECT_EQ(EuIn(terms, 1994).size(), 12u);
  EXPECT_EQ(EuIn(terms, 1995).size(), 15u);  // AUT, FIN, SWE on 1 January 1995
  EXPECT_EQ(EuIn(terms, 2004).size(), 25u);  // ten accessions on 1 May 2004 count for the whole year
  EXPECT_EQ(EuIn(terms, 2013).size(), 28u);  // HRV on 1 July 2013
  EXPECT_EQ(EuIn(terms, 2020).size(), 28u);  // GBR left on 31 January 2020, so 2020 still holds it
  EXPECT_EQ(EuIn(terms, 2021).size(), 27u);
  std::string undecided;
  EXPECT_FALSE(terms.BlocMembers("FRA", 2019, undecided).has_value());  // a country is not a bloc
  EXPECT_FALSE(terms.BlocMembers("WLD", 2019, undecided).has_value());  // nor is the World
}

TEST_F(TradeTermsTest, ABlocReadAsItsMembersSumsTheirFlows) {
  testing::TempDir scratch;
  const std::string path = scratch.File("eu.csv");
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  const auto members = EuIn(terms, 2019);
  double to_all = 0;
  double from_ita = 0;
  {
    std::ofstream out(path);
    out << "reporter,partner,flow,year,value_usd\n";
    for (std::size_t k = 0; k < members.size(); ++k) {
      const double value = 1000.0 * static_cast<double>(k + 1);
      out << fmt::format("KAZ,{},X,2019,{}\n", members[k], value);
      to_all += value;
      if (k < 3) out << fmt::format("KAZ,{},M,2019,{}\n", members[k], value);
      if (members[k] != "ITA") {
        out << fmt::format("ITA,{},X,2019,{}\n", members[k], value / 2);
        from_ita += value / 2;
      }
    }
  }
  RunImport(*database, "flows", path);
  TradeData fresh(*database);
  TradeTerms read(*database, fresh, *actors);
  FlowChoices choices;
  choices.bloc_members = true;
  const Term kaz = read.Flow("KAZ", "EUU", 'X', 2019, choices);
  ASSERT_TRUE(kaz.value.has_value()) << kaz.missing;
  EXPECT_DOUBLE_EQ(*kaz.value, to_all);
  EXPECT_TRUE(kaz.bloc_members);
  // A bloc's trade with one of its own members leaves that member out.
  const Term ita = read.Flow("ITA", "EUU", 'X', 2019, choices);
  ASSERT_TRUE(ita.value.has_value()) << ita.missing;
  EXPECT_DOUBLE_EQ(*ita.value, from_ita);
  // Members without a reported flow are left out of the sum and named; with none reported, it is missing.
  const Term partial = read.Flow("KAZ", "EUU", 'M', 2019, choices);
  ASSERT_TRUE(partial.value.has_value());
  EXPECT_DOUBLE_EQ(*partial.value, 1000.0 + 2000 + 3000);
  EXPECT_EQ(partial.omitted.size(), members.size() - 3);
  const Term none = read.Flow("ESP", "EUU", 'X', 2019, choices);
  EXPECT_FALSE(none.value.has_value());
  EXPECT_NE(none.missing.find("ESP's reported exports to"), std::string::npos) << none.missing;
  // As an aggregate, the EU is read as its own partner code (not stored here, so missing).
  EXPECT_FALSE(read.Flow("KAZ", "EUU", 'X', 2019, {}).value.has_value());
}

TEST_F(TradeTermsTest, PerspectiveAndMirrorFill) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  FlowChoices partner;
  partner.perspective = Perspective::kPartner;
  const Term mirrored = terms.Flow("FRA", "DEU", 'X', 2019, partner);
  EXPECT_DOUBLE_EQ(*mirrored.value, 125e9);  // DEU's imports from FRA
  EXPECT_TRUE(mirrored.partner_report);
  EXPECT_EQ(mirrored.mirror_filled, 0);
  // DEU does not report its 2018 trade: missing from the partner's side, unless filled from FRA's report.
  EXPECT_FALSE(terms.Flow("FRA", "DEU", 'X', 2018, partner).value.has_value());
  partner.fill_from_mirror = true;
  const Term filled = terms.Flow("FRA", "DEU", 'X', 2018, partner);
  EXPECT_DOUBLE_EQ(*filled.value, 100e9);
  EXPECT_EQ(filled.mirror_filled, 1);
  EXPECT_FALSE(filled.partner_report);
  EXPECT_NE(filled.steps.back().find("filled in"), std::string::npos);
}

TEST_F(TradeTermsTest, ShareDividesByTheWorldUnderTheSameChoices) {
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  EXPECT_DOUBLE_EQ(*terms.Share(Direction::kExports, "FRA", "DEU", 2019, {}).value, 0.2);
  EXPECT_DOUBLE_EQ(*terms.Share(Direction::kTotal, "FRA", "DEU", 2019, {}).value, 270.0 / 1300);
  FlowChoices partner;
  partner.perspective = Perspective::kPartner;
  EXPECT_DOUBLE_EQ(*terms.Share(Direction::kExports, "FRA", "DEU", 2019, partner).value, 125.0 / 625);
  const Term unknown = terms.Reported("FRA", "DEU", 'X', 1950);
  EXPECT_NE(unknown.missing.find("(it holds"), std::string::npos) << unknown.missing;
}

}  // namespace
}  // namespace linkage
