#include "indicators/products.hpp"

#include <gtest/gtest.h>

#include "ingest/importers.hpp"
#include "support/core_workspace.hpp"
#include "support/indicator_values.hpp"

namespace linkage {
namespace {

// Values worked out by hand from tests/data/indicators/products.csv.
class ProductsTest : public testing::CoreWorkspaceTest {
 protected:
  static void SetUpTestSuite() {
    CoreWorkspaceTest::SetUpTestSuite();
    RunImport(*database, "flows", testing::Fixture("indicators/products.csv"));
  }

  static std::map<std::string, IndicatorRecord> Compute(const std::string& level, int base_year = 2018) {
    TradeData data(*database);
    std::map<std::string, IndicatorRecord> records;
    for (auto& record : ComputeProductIndicators(data, {"FRA", "DEU", 2019, base_year, level, 5})) {
      records.emplace(record.indicator + (record.product.empty() ? "" : "/" + record.product), record);
    }
    return records;
  }
};

TEST_F(ProductsTest, TopProductsWithSharesAndGrowth) {
  const auto r = Compute("hs2");
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "top_export_products_value/27"), 80);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "top_export_products_share/27"), 0.8);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "top_export_products_share/87"), 0.2);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "top_export_products_growth/27"), 1.0);  // 80 / 40 - 1
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "top_export_products_growth/87"), 0.0);
  EXPECT_DOUBLE_EQ(testing::ValueOf(r, "top_import_products_share/87"), 0.9);
  // No imports in 2018: growth is missing with the reason, not zero.
  EXPECT_FALSE(r.at("top_import_products_growth/87").value.has_value());
  EXPECT_NE(r.at("top_import_products_growth/87").missing.find("HS 87 in 2018"), std::string::npos);
}

TEST_F(ProductsTest, Concentration) {
  const auto chapters = Compute("hs2");
  EXPECT_NEAR(testing::ValueOf(chapters, "product_hhi_exports"), 0.68, 1e-12);  // .8^2 + .2^2
  EXPECT_NEAR(testing::ValueOf(chapters, "product_hhi_exports_normalised"), 0.36,
              1e-12);  // (.68 - 1/2) / (1 - 1/2)
  EXPECT_NEAR(testing::ValueOf(chapters, "product_hhi_imports"), 0.82, 1e-12);
  EXPECT_NEAR(testing::ValueOf(chapters, "product_hhi_imports_normalised"), 0.64, 1e-12);
  const auto headings = Compute("hs4");
  EXPECT_NEAR(testing::ValueOf(headings, "product_hhi_exports"), 0.44, 1e-12);  // .6^2 + .2^2 + .2^2
  EXPECT_NEAR(testing::ValueOf(headings, "product_hhi_exports_normalised"), (0.44 - 1.0 / 3) / (2.0 / 3),
              1e-12);
}

TEST_F(ProductsTest, GrubelLloyd) {
  EXPECT_NEAR(testing::ValueOf(Compute("hs2"), "grubel_lloyd"), 1 - 140.0 / 200, 1e-12);
  EXPECT_NEAR(testing::ValueOf(Compute("hs4"), "grubel_lloyd"), 1 - (50.0 + 20 + 30 + 40) / 200, 1e-12);
}

TEST_F(ProductsTest, BalassaRca) {
  const auto r = Compute("hs2");
  EXPECT_NEAR(testing::ValueOf(r, "rca/27"), (200.0 / 1000) / (1000.0 / 10000), 1e-12);  // 2.0
  EXPECT_NEAR(testing::ValueOf(r, "rca/87"), (300.0 / 1000) / (4000.0 / 10000), 1e-12);  // 0.75
  EXPECT_NEAR(testing::ValueOf(r, "rca/30"), 1.0, 1e-12);
}

TEST_F(ProductsTest, TradeComplementarity) {
  // x = {27: .2, 87: .3, 30: .5}, m = {27: .1, 87: .1, 30: .8}: 100 (1 - (.1 + .2 + .3) / 2)
  EXPECT_NEAR(testing::ValueOf(Compute("hs2"), "tci"), 70.0, 1e-9);
}

TEST_F(ProductsTest, MissingProductDataIsSaidNotZero) {
  TradeData data(*database);
  for (const auto& record : ComputeProductIndicators(data, {"FRA", "ITA", 2019, 0, "hs2", 5})) {
    if (record.indicator == "rca" || record.indicator == "tci") continue;  // about FRA and ITA's world trade
    EXPECT_FALSE(record.value.has_value()) << record.indicator;
    EXPECT_NE(record.missing.find("is not in the workspace"), std::string::npos) << record.indicator;
  }
}

}  // namespace
}  // namespace linkage
