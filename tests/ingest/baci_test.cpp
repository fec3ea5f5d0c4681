#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "engine/baci_reader.hpp"
#include "engine/sweep.hpp"
#include "indicators/bilateral.hpp"
#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

using testing::Fixture;

class BaciImportTest : public testing::CoreWorkspaceTest {
 protected:
  static double Stored(const std::string& reporter, const std::string& partner, char flow,
                       const std::string& dataset = "baci") {
    TradeData data(*database);
    const auto observation = data.Flow({reporter, partner, flow, 2019, "TOTAL", dataset});
    return observation ? observation->value : std::nan("");
  }
};

TEST_F(BaciImportTest, CountryTableNamesCepiisOwnCodes) {
  // 251 is CEPII's France (with Monaco): the country table beside the file maps it to FRA.
  const auto summary = RunImport(*database, "baci",
                                 Fixture("engine/baci_with_table/BACI_HS17_Y2019_V202401.csv"), {"baci-fr"});
  EXPECT_EQ(summary.rows_read, 4);
  EXPECT_DOUBLE_EQ(Stored("FRA", "KAZ", 'X', "baci-fr"), 1.5e6);
  EXPECT_DOUBLE_EQ(Stored("KAZ", "FRA", 'M', "baci-fr"), 1.5e6);  // reconciled: the same value on both sides
  EXPECT_DOUBLE_EQ(Stored("KAZ", "WLD", 'X', "baci-fr"), 11e6);
  EXPECT_DOUBLE_EQ(Stored("KAZ", "WLD", 'M', "baci-fr"), 2.3e6);
  EXPECT_DOUBLE_EQ(Stored("WLD", "KAZ", 'X', "baci-fr"), 2.3e6);  // the world's exports to KAZ
  EXPECT_DOUBLE_EQ(Stored("WLD", "WLD", 'X', "baci-fr"), 13.3e6);
  ASSERT_EQ(summary.notes.size(), 3u);
  EXPECT_NE(summary.notes[1].find("every product code checked against"), std::string::npos)
      << summary.notes[1];
}

TEST_F(BaciImportTest, TheIndicatorEngineAgreesWithTheSweep) {
  // tests/data/engine/baci_small.csv: codes 4, 8 and 12 are AFG, ALB and DZA as ISO 3166 numeric codes.
  RunImport(*database, "baci", Fixture("engine/baci_small.csv"));
  EXPECT_DOUBLE_EQ(Stored("AFG", "ALB", 'X'), 40e3);
  EXPECT_TRUE(std::isnan(Stored("DZA", "AFG", 'X')));  // every row NA: stored as missing, not zero
  EXPECT_TRUE(std::isnan(Stored("DZA", "WLD", 'X')));  // so are DZA's exports to the world
  EXPECT_DOUBLE_EQ(Stored("DZA", "WLD", 'M'), 20e3);
  TradeData data(*database);
  TradeTerms terms(*database, data, *actors);
  FlowChoices choices;
  choices.dataset = "baci";
  const engine::SweepResult sweep = engine::Sweep(engine::ReadBaci(Fixture("engine/baci_small.csv")));
  const std::map<int, std::string> iso = {{4, "AFG"}, {8, "ALB"}, {12, "DZA"}};
  std::size_t compared = 0;
  for (const auto& dyad : sweep.intensity) {
    std::map<std::string, IndicatorRecord> records;
    for (auto& record : BilateralIndicators(terms).Compute(iso.at(dyad.exporter), iso.at(dyad.importer), 2019,
                                                           2019, choices)) {
      records.emplace(record.indicator, record);
    }
    if (!dyad.intensity) {
      EXPECT_FALSE(records.at("trade_intensity").value.has_value());
      continue;
    }
    EXPECT_NEAR(testing::ValueOf(records, "trade_intensity"), *dyad.intensity, 1e-12);
    ++compared;
  }
  EXPECT_EQ(compared, 3u);
}

TEST_F(BaciImportTest, AProductOutsideTheReleasesTableIsAnError) {
  testing::TempDir scratch;
  const std::filesystem::path folder = Fixture("engine/baci_with_table");
  for (const char* name :
       {"BACI_HS17_Y2019_V202401.csv", "country_codes_V202401.csv", "product_codes_HS17_V202401.csv"}) {
    std::filesystem::copy_file(folder / name, scratch.File(name));
  }
  std::ofstream(scratch.File("BACI_HS17_Y2019_V202401.csv"), std::ios::app)
      << "2019,398,156,999999,1.000,NA\n";
  try {
    RunImport(*database, "baci", scratch.File("BACI_HS17_Y2019_V202401.csv"), {"baci-bad-product"});
    FAIL() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 6u) << error.what();
    EXPECT_EQ(error.Where().column_name, "k") << error.what();
    EXPECT_NE(std::string(error.what()).find("product 999999 is not in"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace linkage
