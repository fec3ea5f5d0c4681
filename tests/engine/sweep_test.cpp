#include "engine/sweep.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "engine/baci_reader.hpp"
#include "support/temp_workspace.hpp"

namespace linkage::engine {
namespace {

using linkage::testing::Fixture;

// tests/data/engine/baci_small.csv, worked out by hand: exporter 4 sells 10 + 30 to 8 and 20 to 12; 8 sells
// 40 to 4; 12's one row to 4 has no value (NA). World trade is 100.
TEST(SweepTest, FourOutputsByHand) {
  const SweepResult result = Sweep(ReadBaci(Fixture("engine/baci_small.csv")));
  ASSERT_EQ(result.dyads.size(), 4u);
  EXPECT_EQ(result.dyads[0].exporter, 4);
  EXPECT_EQ(result.dyads[0].importer, 8);
  EXPECT_DOUBLE_EQ(*result.dyads[0].value, 40);
  EXPECT_EQ(result.dyads[0].rows, 2);
  EXPECT_DOUBLE_EQ(*result.dyads[1].value, 20);
  EXPECT_DOUBLE_EQ(*result.dyads[2].value, 40);
  EXPECT_FALSE(result.dyads[3].value.has_value());  // all of 12 -> 4 is NA: missing, not zero

  ASSERT_EQ(result.countries.size(), 3u);
  EXPECT_DOUBLE_EQ(result.countries[0].exports, 60);
  EXPECT_DOUBLE_EQ(result.countries[0].imports, 40);
  EXPECT_DOUBLE_EQ(result.countries[2].exports, 0);  // the workload's coalesce(exports, 0)
  EXPECT_DOUBLE_EQ(result.countries[2].imports, 20);

  ASSERT_EQ(result.intensity.size(), 4u);
  EXPECT_NEAR(*result.intensity[0].intensity, (40.0 / 60) / (40.0 / 100), 1e-15);
  EXPECT_NEAR(*result.intensity[1].intensity, (20.0 / 60) / (20.0 / 100), 1e-15);
  EXPECT_NEAR(*result.intensity[2].intensity, (40.0 / 40) / (40.0 / 100), 1e-15);
  EXPECT_FALSE(result.intensity[3].intensity.has_value());

  ASSERT_EQ(result.concentration.size(), 3u);
  const ExporterConcentration& four = result.concentration[0];
  EXPECT_NEAR(*four.hhi, 0.5 * 0.5 + 0.5 * 0.5, 1e-15);
  EXPECT_EQ(four.products, 2);
  EXPECT_EQ(four.products_with_rca, 1);  // 020202: (30/60) / (30/100) > 1; 010101: (30/60) / (70/100) < 1
  EXPECT_NEAR(*result.concentration[1].hhi, 1.0, 1e-15);
  EXPECT_EQ(result.concentration[1].products_with_rca, 1);
  EXPECT_FALSE(result.concentration[2].hhi.has_value());
  EXPECT_EQ(result.concentration[2].products, 1);
}

TEST(SweepTest, ThreadCountDoesNotChangeTheResult) {
  linkage::testing::TempDir scratch;
  const std::string path = scratch.File("many.csv");
  {
    std::ofstream out(path);
    out << "t,i,j,k,v,q\n";
    for (int row = 0; row < 5000; ++row) {
      out << 2018 + row % 2 << ',' << 100 + row % 7 << ',' << 200 + row % 11 << ',' << 10000 + row % 13 << ','
          << 1.0 + (row % 17) * 0.25 << ",NA\n";
    }
  }
  const SweepResult one = Sweep(ReadBaci(path, 1), 1);
  const SweepResult two = Sweep(ReadBaci(path, 2), 2);
  ASSERT_EQ(one.dyads.size(), two.dyads.size());
  for (std::size_t row = 0; row < one.dyads.size(); ++row) {
    EXPECT_NEAR(*one.dyads[row].value, *two.dyads[row].value, 1e-9 * *one.dyads[row].value);
  }
  ASSERT_EQ(one.concentration.size(), two.concentration.size());
  EXPECT_EQ(one.dyads.front().year, 2018);
  EXPECT_EQ(one.dyads.back().year, 2019);
}

void ExpectInputError(const std::string& fixture, std::size_t line, std::size_t column,
                      const std::string& words) {
  try {
    ReadBaci(Fixture(fixture), 2);
    FAIL() << fixture << " was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, line) << error.what();
    EXPECT_EQ(error.Where().column, column) << error.what();
    EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
  }
}

TEST(BaciReaderTest, ANegativeValueIsAnError) {
  linkage::testing::TempDir scratch;
  const std::string path = scratch.File("negative.csv");
  std::ofstream(path) << "t,i,j,k,v,q\n2019,4,8,010101,  -10.000,1.0\n";
  try {
    ReadBaci(path, 1);
    FAIL() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.Where().line, 2u);
    EXPECT_NE(std::string(error.what()).find("not negative"), std::string::npos) << error.what();
  }
}

TEST(BaciReaderTest, BadFilesNameTheLineColumnAndWhatWasExpected) {
  ExpectInputError("bad/baci_bad_value.csv", 3, 17, "a value in thousand USD, or NA");
  ExpectInputError("engine/baci_short_row.csv", 3, 20, "6 fields: t,i,j,k,v,q");
  ExpectInputError("engine/baci_wrong_header.csv", 1, 1, "the BACI header t,i,j,k,v,q");
}

}  // namespace
}  // namespace linkage::engine
