#include "model/ge_gravity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "support/temp_workspace.hpp"

namespace linkage {
namespace {

constexpr double kPercentTolerance = 1e-6;  // percentage points

// The three-country world of tests/data/ge/three_country.json, solved there by exact hat algebra
// (three_country_reference.py), an independent method: no regression, prices from the market-clearing
// equations directly.
nlohmann::json Reference(const std::string& name = "three_country") {
  std::ifstream in(testing::Fixture("ge/" + name + ".json"));
  return nlohmann::json::parse(in);
}

Eigen::MatrixXd Matrix(const nlohmann::json& rows) {
  Eigen::MatrixXd matrix(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (Eigen::Index i = 0; i < matrix.rows(); ++i)
    for (Eigen::Index j = 0; j < matrix.cols(); ++j)
      matrix(i, j) = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>();
  return matrix;
}

GeWorld World(const nlohmann::json& reference) {
  GeWorld world;
  world.countries = reference["countries"].get<std::vector<std::string>>();
  world.flows = Matrix(reference["flows"]);
  world.cost = Matrix(reference["ln_t"]);
  world.counterfactual_cost = Matrix(reference["ln_t_counterfactual"]);
  world.sigma = reference["sigma"].get<double>();
  const auto ref = reference["reference"].get<std::string>();
  world.reference = static_cast<std::size_t>(std::find(world.countries.begin(), world.countries.end(), ref) -
                                             world.countries.begin());
  return world;
}

void ExpectMatrixNear(const Eigen::MatrixXd& actual, const Eigen::MatrixXd& expected, double tolerance,
                      const char* what) {
  for (Eigen::Index i = 0; i < expected.rows(); ++i)
    for (Eigen::Index j = 0; j < expected.cols(); ++j)
      EXPECT_NEAR(actual(i, j), expected(i, j), tolerance * std::max(1.0, std::abs(expected(i, j))))
          << what << " " << i << "," << j;
}

// Balanced trade, and unbalanced trade with each deficit a fixed share of world output.
class GeGravityReference : public ::testing::TestWithParam<const char*> {};

TEST_P(GeGravityReference, MatchesExactHatAlgebraOnThreeCountries) {
  const auto reference = Reference(GetParam());
  const GeResult result = SolveGeppml(World(reference));
  ASSERT_TRUE(result.converged);
  EXPECT_LT(result.market_clearing_gap, 1e-9);
  ExpectMatrixNear(result.baseline, Matrix(reference["baseline_flows"]), 1e-7, "baseline");
  ExpectMatrixNear(result.conditional, Matrix(reference["conditional_flows"]), 1e-7, "conditional");
  ExpectMatrixNear(result.full, Matrix(reference["full_flows"]), 1e-6, "full");
  const double sigma = reference["sigma"].get<double>();
  const Eigen::VectorXd output = Matrix(reference["baseline_flows"]).rowwise().sum();
  double world_growth = 0;
  for (Eigen::Index k = 0; k < output.size(); ++k)
    world_growth += reference["price_change"][static_cast<std::size_t>(k)].get<double>() * output[k];
  world_growth /= output.sum();
  for (std::size_t k = 0; k < result.countries.size(); ++k) {
    const GeCountry& country = result.countries[k];
    EXPECT_NEAR(country.exports_conditional, reference["conditional_exports_change_percent"][k].get<double>(),
                1e-6)
        << country.country;
    EXPECT_NEAR(country.exports_full, reference["exports_change_percent"][k].get<double>(), kPercentTolerance)
        << country.country;
    EXPECT_NEAR(country.factory_price, reference["output_change_percent"][k].get<double>(), kPercentTolerance)
        << country.country;
    EXPECT_NEAR(country.real_output_full, reference["real_output_change_percent"][k].get<double>(),
                kPercentTolerance)
        << country.country;
    // The price index P itself; the reference script reports P_hat.
    EXPECT_NEAR(country.inward_resistance_full, 100 * (reference["price_index_change"][k].get<double>() - 1),
                kPercentTolerance)
        << country.country;
    // Pi_hat^(1-sigma) = p_hat^sigma / Y_hat (world output), from the market-clearing condition
    // Y_i / (Y Pi_i^(1-sigma)) = (gamma_i p_i)^(1-sigma).
    const double price = reference["price_change"][k].get<double>();
    const double outward = std::pow(std::pow(price, sigma) / world_growth, 1 / (1 - sigma));
    EXPECT_NEAR(country.outward_resistance_full, 100 * (outward - 1), kPercentTolerance) << country.country;
  }
}

INSTANTIATE_TEST_SUITE_P(GeGravity, GeGravityReference,
                         ::testing::Values("three_country", "three_country_unbalanced"));

TEST(GeGravity, NoChangeMeansNoEffect) {
  GeWorld world = World(Reference());
  world.counterfactual_cost = world.cost;
  const GeResult result = SolveGeppml(world);
  ASSERT_TRUE(result.converged);
  for (const auto& country : result.countries) {
    EXPECT_NEAR(country.exports_full, 0, 1e-8) << country.country;
    EXPECT_NEAR(country.real_output_full, 0, 1e-8) << country.country;
    EXPECT_NEAR(country.inward_resistance_conditional, 0, 1e-8) << country.country;
  }
}

TEST(GeGravity, MissingFlowsArePredictedAndCounted) {
  GeWorld world = World(Reference());
  world.flows(0, 2) = std::numeric_limits<double>::quiet_NaN();
  const GeResult result = SolveGeppml(world);
  EXPECT_EQ(result.predicted_flows, 1U);
  // The prediction has the fit's form a_i b_j t_ij, so it follows from four fitted cells:
  // X_02 / t_02 = (X_00 / t_00) (X_12 / t_12) / (X_10 / t_10).
  const Eigen::MatrixXd scaled = result.baseline.array() / world.cost.array().exp();
  EXPECT_NEAR(scaled(0, 2), scaled(0, 0) * scaled(1, 2) / scaled(1, 0), 1e-9 * scaled(0, 2));
  // The fitted flows keep the observed margins: A's known sales are 100 + 20.
  EXPECT_NEAR(result.baseline(0, 0) + result.baseline(0, 1), 120, 1e-6);
}

TEST(GeGravity, RejectsWorldsItCannotSolve) {
  GeWorld world = World(Reference());
  world.sigma = 1;
  EXPECT_THROW(SolveGeppml(world), UsageError);
  world = World(Reference());
  world.cost(1, 2) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(SolveGeppml(world), UsageError);
  world = World(Reference());
  world.flows.row(1).setZero();  // B sells nothing, not even at home
  EXPECT_THROW(SolveGeppml(world), UsageError);
}

}  // namespace
}  // namespace linkage
