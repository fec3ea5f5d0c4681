#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "indicators/trade_data.hpp"
#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"

namespace linkage {
namespace {

using testing::Fixture;

class ComtradeTest : public testing::CoreWorkspaceTest {
 protected:
  static std::optional<Observation> Stored(const std::string& reporter, const std::string& partner, char flow,
                                           const std::string& product, const std::string& dataset) {
    TradeData data(*database);
    return data.Flow({reporter, partner, flow, 2019, product, dataset});
  }
};

TEST_F(ComtradeTest, ClassicBulkCsv) {
  const auto summary =
      RunImport(*database, "comtrade", Fixture("import/comtrade_classic.csv"), {"ct-classic"});
  EXPECT_EQ(summary.rows_read, 6);
  EXPECT_EQ(summary.values_stored, 5);
  EXPECT_DOUBLE_EQ(Stored("KAZ", "CHN", 'X', "TOTAL", "ct-classic")->value, 8126345000);
  EXPECT_DOUBLE_EQ(Stored("KAZ", "CHN", 'M', "TOTAL", "ct-classic")->value, 6468500000);
  EXPECT_DOUBLE_EQ(Stored("KAZ", "CHN", 'X', "27", "ct-classic")->value, 3100000000);
  EXPECT_DOUBLE_EQ(Stored("KAZ", "WLD", 'X', "TOTAL", "ct-classic")->value, 57723000000);
  // Partner 899 is Comtrade's "Areas, nes", an aggregate; its empty value is stored as missing.
  EXPECT_FALSE(Stored("KAZ", "UNCT:AREAS-NES", 'X', "TOTAL", "ct-classic").has_value());
  EXPECT_EQ(summary.missing_values, 1);
  ASSERT_EQ(summary.notes.size(), 1u);
  EXPECT_NE(summary.notes[0].find("1 rows left out: flow 3"), std::string::npos) << summary.notes[0];
}

TEST_F(ComtradeTest, ComtradePlusTabSeparated) {
  const auto summary = RunImport(*database, "comtrade", Fixture("import/comtrade_plus.txt"), {"ct-plus"});
  EXPECT_EQ(summary.rows_read, 4);
  EXPECT_EQ(summary.values_stored, 2);  // the road-only row and the re-export are left out, and said so
  EXPECT_DOUBLE_EQ(Stored("KAZ", "RUS", 'X', "TOTAL", "ct-plus")->value, 5140000000);
  const auto imports = Stored("KAZ", "RUS", 'M', "TOTAL", "ct-plus");
  EXPECT_DOUBLE_EQ(imports->value, 11400000000);
  EXPECT_TRUE(imports->estimated);  // isReported = False: an estimate, flagged
  EXPECT_EQ(summary.notes.size(), 2u);
}

// Enough rows for many batches between the parsing and the writing thread, with a problem near the end.
class ComtradeStreamTest : public testing::CoreWorkspaceTest {
 protected:
  static std::string Write(const testing::TempDir& scratch, const std::string& last_row) {
    const std::string path = scratch.File("bulk.csv");
    std::ofstream out(path);
    out << "Classification,Year,Trade Flow Code,Reporter Code,Reporter ISO,Partner Code,Partner ISO,"
           "Commodity Code,Trade Value (US$)\n";
    for (int row = 0; row < 12000; ++row) {
      out << "HS," << 2000 + row / 2000 << ',' << 1 + row % 2 << ",398,KAZ,156,CHN,"
          << 1000 + (row / 2) % 1000 << ',' << 1000 + row << '\n';
    }
    out << last_row << '\n';
    return path;
  }
};

TEST_F(ComtradeStreamTest, ManyBatchesArriveInFull) {
  testing::TempDir scratch;
  const auto summary =
      RunImport(*database, "comtrade", Write(scratch, "HS,2019,2,398,KAZ,156,CHN,TOTAL,5"), {"ct-stream"});
  EXPECT_EQ(summary.rows_read, 12001);
  EXPECT_EQ(summary.values_stored, 12001);
}

TEST_F(ComtradeStreamTest, AParseErrorLateInTheFileStoresNothing) {
  testing::TempDir scratch;
  EXPECT_THROW(
      RunImport(*database, "comtrade", Write(scratch, "HS,2019,2,398,KAZ,156,CHN,TOTAL,lots"), {"ct-bad"}),
      InputError);
  // The writer's error path: the same flow again with another value stops the parser too.
  EXPECT_THROW(
      RunImport(*database, "comtrade", Write(scratch, "HS,2000,2,398,KAZ,156,CHN,1000,7"), {"ct-bad"}),
      InputError);
  TradeData data(*database);
  EXPECT_FALSE(data.Flow({"KAZ", "CHN", 'X', 2000, "1000", "ct-bad"}).has_value());
}

}  // namespace
}  // namespace linkage
