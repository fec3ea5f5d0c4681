#include "model/schur_complement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "model/fixed_effects.hpp"

namespace linkage {
namespace {

// Exporter-year, importer-year and pair effects of `countries` countries over `years` years, with domestic
// flows and every fifth flow missing: the design of a structural gravity panel.
std::vector<FixedEffectSet> GravitySets(int countries, int years) {
  std::vector<FixedEffectSet> sets = {{"exporter#year", {}, countries * years},
                                      {"importer#year", {}, countries * years},
                                      {"pair", {}, countries * countries}};
  int row = 0;
  for (int i = 0; i < countries; ++i)
    for (int j = 0; j < countries; ++j)
      for (int t = 0; t < years; ++t) {
        if (row++ % 5 == 3) continue;
        sets[0].group.push_back(i * years + t);
        sets[1].group.push_back(j * years + t);
        sets[2].group.push_back(i * countries + j);
      }
  return sets;
}

// The dummies of every set, one column per group, the sets one after another.
Eigen::MatrixXd Dummies(const std::vector<FixedEffectSet>& sets) {
  Eigen::Index columns = 0;
  for (const auto& set : sets) columns += set.groups;
  const auto n = static_cast<Eigen::Index>(sets[0].group.size());
  Eigen::MatrixXd dummies = Eigen::MatrixXd::Zero(n, columns);
  Eigen::Index start = 0;
  for (const auto& set : sets) {
    for (Eigen::Index i = 0; i < n; ++i) dummies(i, start + set.group[static_cast<std::size_t>(i)]) = 1;
    start += set.groups;
  }
  return dummies;
}

// The weighted residual of `data` on every set's dummies, by a dense least-squares solve.
Eigen::MatrixXd DenseResidual(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                              const Eigen::MatrixXd& data) {
  const Eigen::MatrixXd dummies = Dummies(sets);
  const Eigen::MatrixXd root = weights.cwiseSqrt().asDiagonal() * dummies;
  return data -
         dummies * root.completeOrthogonalDecomposition().solve(weights.cwiseSqrt().asDiagonal() * data);
}

// A matrix of draws from `distribution`.
template <class Distribution>
Eigen::MatrixXd Draws(Eigen::Index rows, Eigen::Index columns, Distribution& distribution,
                      std::mt19937& random) {
  Eigen::MatrixXd draws(rows, columns);
  for (auto& value : draws.reshaped()) value = distribution(random);
  return draws;
}

TEST(SchurComplementTest, SolvesTheNormalEquationsOfThreeSetsUpToUnidentifiedDirections) {
  const auto sets = GravitySets(7, 4);
  const auto n = static_cast<Eigen::Index>(sets[0].group.size());
  std::mt19937 random(7);
  std::uniform_real_distribution<double> uniform(0.1, 5.0);
  const Eigen::VectorXd weights = Draws(n, 1, uniform, random);
  const Eigen::MatrixXd data = Draws(n, 2, uniform, random);
  // Right-hand sides in the range of D'WD, as the projections' residuals are: D'W of two columns of data.
  const Eigen::MatrixXd dummies = Dummies(sets);
  const Eigen::MatrixXd residual = (dummies.transpose() * weights.asDiagonal() * data).transpose();

  const auto solver = SchurComplementSolver::Build(sets, weights);
  ASSERT_NE(solver, nullptr);
  Eigen::MatrixXd solution;
  solver->Solve(residual, solution);
  ASSERT_EQ(solution.rows(), 2);
  ASSERT_EQ(solution.cols(), dummies.cols());
  // The fitted effects equal the weighted least-squares fit of the data on the dummies, from an
  // independent dense solve, up to the ridge (1e-6 of each group's total weight) that the projections'
  // conjugate gradients then correct.
  const Eigen::MatrixXd reference = data - DenseResidual(sets, weights, data);
  const Eigen::MatrixXd fitted = dummies * solution.transpose();
  EXPECT_LT((fitted - reference).cwiseAbs().maxCoeff(), 1e-5 * reference.cwiseAbs().maxCoeff());
}

// Weights spread over six orders of magnitude make the sets mix too slowly for the accelerated rounds: the
// projector turns to the direct solve, and its projections still equal the dense residual, also once the
// weights change and the factor made for the old ones preconditions the new.
TEST(SchurComplementTest, ProjectionsSolvedDirectlyEqualTheDenseResidual) {
  const auto sets = GravitySets(9, 4);
  const auto n = static_cast<Eigen::Index>(sets[0].group.size());
  std::mt19937 random(11);
  std::lognormal_distribution<double> spread(0.0, 2.0);
  Eigen::VectorXd weights = Draws(n, 1, spread, random);
  const Eigen::MatrixXd data = Draws(n, 5, spread, random);
  FixedEffectProjector projector(sets, weights);
  Eigen::MatrixXd projected = data;
  projector.ProjectColumns(projected);
  ASSERT_TRUE(projector.SolvedDirectly());
  const double scale = data.cwiseAbs().maxCoeff();
  EXPECT_LT((projected - DenseResidual(sets, weights, data)).cwiseAbs().maxCoeff(), 1e-9 * scale);

  projected = data;
  EXPECT_LE(projector.ProjectColumns(projected), 4);
  EXPECT_LT((projected - DenseResidual(sets, weights, data)).cwiseAbs().maxCoeff(), 1e-9 * scale);

  // Weights that move by up to a fifth, as in the last iterations of a Poisson fit, and then by up to a
  // factor of 50 each, as in the first.
  std::normal_distribution<double> step(0.0, 1.0);
  for (const double size : {0.1, 2.0}) {
    for (auto& w : weights) w *= std::exp(size * std::clamp(step(random), -2.0, 2.0));
    projector.Reweight();
    projected = data;
    projector.ProjectColumns(projected);
    EXPECT_TRUE(projector.SolvedDirectly());
    EXPECT_LT((projected - DenseResidual(sets, weights, data)).cwiseAbs().maxCoeff(), 1e-9 * scale) << size;
  }
}

TEST(SchurComplementTest, LeavesTooLargeComplementsToTheIterations) {
  const std::vector<FixedEffectSet> sets = {{"a", std::vector<std::int32_t>(3000), 3000},
                                            {"b", std::vector<std::int32_t>(3000), 3000}};
  EXPECT_EQ(SchurComplementSolver::Build(sets, Eigen::VectorXd::Ones(3000)), nullptr);
  EXPECT_EQ(SchurComplementSolver::Build({sets[0]}, Eigen::VectorXd::Ones(3000)), nullptr);
}

}  // namespace
}  // namespace linkage
