#include "indicators/bilateral.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/csv_reader.hpp"
#include "ingest/importers.hpp"
#include "store/workspace.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::Fixture;

// Values worked out by hand from tests/data/indicators (billions of US dollars).
class BilateralTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", Fixture("indicators/flows.csv"));
    RunImport(*database, "series", Fixture("indicators/series.csv"));
  }

  static std::map<std::string, IndicatorRecord> Compute(Database& db, const std::string& i,
                                                        const std::string& j, int first, int last,
                                                        Perspective perspective, bool fill = false) {
    TradeData data(db);
    const ActorRegistry registry(db);
    TradeTerms terms(db, data, registry);
    FlowChoices choices;
    choices.perspective = perspective;
    choices.fill_from_mirror = fill;
    std::map<std::string, IndicatorRecord> records;
    for (auto& record : BilateralIndicators(terms).Compute(i, j, first, last, choices)) {
      records.emplace(record.indicator + "@" + std::to_string(record.year) + "/" + record.perspective,
                      record);
    }
    return records;
  }
};

TEST_F(BilateralTest, ReporterPerspectiveByHand) {
  const auto r = Compute(*database, "FRA", "DEU", 2019, 2019, Perspective::kReporter);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "exports@2019/reporter"), 120e9);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "imports@2019/reporter"), 150e9);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "total_trade@2019/reporter"), 270e9);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "balance@2019/reporter"), -30e9);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "export_share@2019/reporter"), 0.2);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "import_share@2019/reporter"), 150.0 / 700);
  EXPECT_NEAR(testing::ValueOf(r, "trade_intensity@2019/reporter"), 0.2 / (1200.0 / 18000), 1e-12);  // 3.0
  EXPECT_NEAR(testing::ValueOf(r, "trade_intensity_imports@2019/reporter"), 0.2 / (1250.0 / 18500),
              1e-12);  // 2.96
  EXPECT_NEAR(testing::ValueOf(r, "trade_dependence@2019/reporter"), 270.0 / 2100, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "dependence_asymmetry@2019/reporter"), (270.0 / 2100) / (285.0 / 3900),
              1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "openness@2019/reporter"), 1300.0 / 2100, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "mirror_gap_exports_ratio@2019/both"), 125.0 / 120, 1e-12);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "mirror_gap_exports_difference@2019/both"), 5e9);
  EXPECT_NEAR(testing::ValueOf(r, "mirror_gap_imports_ratio@2019/both"), 150.0 / 160, 1e-12);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "mirror_gap_imports_difference@2019/both"), -10e9);
}

TEST_F(BilateralTest, PartnerPerspectiveMirrorsTheFlows) {
  const auto r = Compute(*database, "FRA", "DEU", 2019, 2019, Perspective::kBoth);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "exports@2019/partner"), 125e9);  // DEU's reported imports from FRA
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "imports@2019/partner"), 160e9);  // DEU's reported exports to FRA
  // The denominators are mirrored too: the world's reported imports from and exports to FRA.
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "export_share@2019/partner"), 125.0 / 625);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "import_share@2019/partner"), 160.0 / 720);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "exports@2019/reporter"), 120e9);
  EXPECT_TRUE(r.at("exports@2019/partner").note.empty());
}

TEST_F(BilateralTest, MissingReportsStayMissingUnlessFilledFromTheMirror) {
  // ESP reports nothing; FRA reports its trade with ESP.
  const auto strict = Compute(*database, "ESP", "FRA", 2019, 2019, Perspective::kReporter);
  EXPECT_FALSE(strict.at("exports@2019/reporter").value.has_value());
  EXPECT_NE(strict.at("exports@2019/reporter").missing.find("ESP's reported exports to FRA"),
            std::string::npos);
  const auto filled = Compute(*database, "ESP", "FRA", 2019, 2019, Perspective::kReporter, true);
  EXPECT_DOUBLE_EQ(testing::ValueOf(filled, "exports@2019/reporter"), 200e9);  // FRA's imports from ESP
  EXPECT_DOUBLE_EQ(testing::ValueOf(filled, "total_trade@2019/reporter"), 380e9);
  EXPECT_EQ(filled.at("exports@2019/reporter").note, "1 input filled from the other side's report");
  EXPECT_EQ(filled.at("total_trade@2019/reporter").note, "2 inputs filled from the other side's report");
}

TEST_F(BilateralTest, MirrorRatiosStateTheCifFobBand) {
  const auto r = Compute(*database, "FRA", "DEU", 2019, 2019, Perspective::kReporter);
  // 125 / 120 = 1.042 lies in the band; 150 / 160 = 0.9375 lies below it.
  EXPECT_NE(r.at("mirror_gap_exports_ratio@2019/both").note.find("within the band"), std::string::npos);
  EXPECT_NE(r.at("mirror_gap_imports_ratio@2019/both").note.find("below the band"), std::string::npos);
  EXPECT_NE(r.at("mirror_gap_exports_difference@2019/both").note.find("7200000000 USD"), std::string::npos)
      << r.at("mirror_gap_exports_difference@2019/both").note;
}

TEST_F(BilateralTest, GrowthOverTheWindow) {
  const auto r = Compute(*database, "FRA", "DEU", 2018, 2019, Perspective::kReporter);
  EXPECT_NEAR(testing::ValueOf(r, "growth_exports@2019/reporter"), 0.2, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "cagr_exports@2019/reporter"), 0.2, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "growth_imports@2019/reporter"), 150.0 / 140 - 1, 1e-12);
  EXPECT_NEAR(testing::ValueOf(r, "growth_total_trade@2019/reporter"), 270.0 / 240 - 1, 1e-12);
  // 2018 has no world totals: the share is missing, with the reason, never zero.
  const IndicatorRecord& share = r.at("export_share@2018/reporter");
  EXPECT_FALSE(share.value.has_value());
  EXPECT_NE(share.missing.find("FRA's reported exports to WLD (all goods) in 2018"), std::string::npos)
      << share.missing;
}

TEST_F(BilateralTest, SharesOfAllPartnersSumToOne) {
  double exports = 0;
  double imports = 0;
  for (const char* partner : {"DEU", "ITA", "ESP"}) {
    const auto r = Compute(*database, "FRA", partner, 2019, 2019, Perspective::kReporter);
    exports += testing::ValueOf(r, "export_share@2019/reporter");
    imports += testing::ValueOf(r, "import_share@2019/reporter");
  }
  EXPECT_NEAR(exports, 1.0, 1e-12);
  EXPECT_NEAR(imports, 1.0, 1e-12);
}

TEST_F(BilateralTest, AsymmetryOfAPairIsTheInverseOfItsReverse) {
  const auto forward = Compute(*database, "FRA", "DEU", 2019, 2019, Perspective::kReporter);
  const auto reverse = Compute(*database, "DEU", "FRA", 2019, 2019, Perspective::kReporter);
  EXPECT_NEAR(testing::ValueOf(forward, "dependence_asymmetry@2019/reporter") *
                  testing::ValueOf(reverse, "dependence_asymmetry@2019/reporter"),
              1.0, 1e-12);
}

TEST_F(BilateralTest, IntensityIsUnchangedWhenAllFlowsAreScaled) {
  testing::TempDir scratch;
  const std::string scaled = scratch.File("scaled.csv");
  {
    CsvReader reader(Fixture("indicators/flows.csv"));
    std::ofstream out(scaled);
    out << "reporter,partner,flow,year,value_usd\n";
    CsvRecord record;
    while (reader.Next(record)) {
      out << record.fields[0] << ',' << record.fields[1] << ',' << record.fields[2] << ',' << record.fields[3]
          << ',' << std::stod(record.fields[4]) * 7.5 << '\n';
    }
  }
  const std::string path = scratch.File("scaled.db");
  testing::BuildCoreWorkspace(path);
  auto db = OpenWorkspace(path);
  RunImport(*db, "flows", scaled);
  const auto original = Compute(*database, "FRA", "DEU", 2019, 2019, Perspective::kReporter);
  const auto rescaled = Compute(*db, "FRA", "DEU", 2019, 2019, Perspective::kReporter);
  for (const char* id : {"trade_intensity@2019/reporter", "trade_intensity_imports@2019/reporter",
                         "export_share@2019/reporter", "mirror_gap_exports_ratio@2019/both"}) {
    EXPECT_NEAR(testing::ValueOf(original, id), testing::ValueOf(rescaled, id), 1e-12) << id;
  }
}

TEST_F(BilateralTest, ProvenanceNamesTheRows) {
  const auto r = Compute(*database, "FRA", "DEU", 2019, 2019, Perspective::kReporter);
  const IndicatorRecord& share = r.at("export_share@2019/reporter");
  ASSERT_EQ(share.sources.size(), 2u);
  EXPECT_EQ(share.sources[0].line, 4);   // FRA,DEU,X,2019
  EXPECT_EQ(share.sources[1].line, 12);  // FRA,WLD,X,2019
}

}  // namespace
}  // namespace linkage
