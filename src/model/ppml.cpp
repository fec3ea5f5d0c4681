#include "model/ppml.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/error.hpp"

namespace linkage {

namespace {

// The observations a fit can use: every value present, and (for OLS on logs) a positive flow.
// How a fit treats the outcome's sign.
enum class Outcome { kFlow, kPositiveFlow, kAny };

std::vector<bool> Usable(const RegressionData& data, Outcome outcome, std::vector<std::string>& notes,
                         std::size_t& dropped) {
  const auto n = static_cast<std::size_t>(data.y.size());
  std::vector<bool> used(n, true);
  std::size_t missing = 0;
  std::size_t zero = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    if (std::isnan(data.y[row]) || (data.x.cols() > 0 && data.x.row(row).hasNaN()) ||
        (data.offset.size() > 0 && std::isnan(data.offset[row]))) {
      used[i] = false;
      ++missing;
    } else if (outcome != Outcome::kAny && data.y[row] < 0) {
      throw UsageError(fmt::format("observation {} has a negative flow ({}); trade flows are at least 0",
                                   i + 1, data.y[row]));
    } else if (outcome == Outcome::kPositiveFlow && data.y[row] <= 0) {
      used[i] = false;
      ++zero;
    }
  }
  if (missing > 0) notes.push_back(fmt::format("{} observations with a missing value", missing));
  if (zero > 0) notes.push_back(fmt::format("{} zero flows (the log of zero is undefined)", zero));
  dropped += missing + zero;
  return used;
}

// Drops, until none is left, observations in a group whose flows are all zero: its fixed effect would go to
// minus infinity and the observations are perfectly predicted (separation by the fixed effects).
void DropSeparated(const RegressionData& data, std::vector<bool>& used, std::vector<std::string>& notes,
                   std::size_t& dropped) {
  std::size_t separated = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& set : data.fixed_effects) {
      std::vector<double> sums(static_cast<std::size_t>(set.groups), 0.0);
      for (std::size_t i = 0; i < used.size(); ++i)
        if (used[i]) sums[static_cast<std::size_t>(set.group[i])] += data.y[static_cast<Eigen::Index>(i)];
      for (std::size_t i = 0; i < used.size(); ++i) {
        if (used[i] && sums[static_cast<std::size_t>(set.group[i])] <= 0) {
          used[i] = false;
          ++separated;
          changed = true;
        }
      }
    }
  }
  if (separated > 0) {
    notes.push_back(fmt::format(
        "{} observations separated by the fixed effects (every flow of their group is 0)", separated));
  }
  dropped += separated;
}

// The rows of `data` that `used` keeps.
struct Subset {
  Eigen::VectorXd y;
  Eigen::MatrixXd x;
  Eigen::VectorXd offset;  // zero when the data has none
  std::vector<FixedEffectSet> sets;
  std::vector<std::vector<std::int32_t>> clusters;
};

Subset Keep(const RegressionData& data, const std::vector<bool>& used) {
  std::vector<Eigen::Index> rows;
  for (std::size_t i = 0; i < used.size(); ++i)
    if (used[i]) rows.push_back(static_cast<Eigen::Index>(i));
  Subset subset;
  subset.y = data.y(rows);
  subset.x = data.x(rows, Eigen::all);
  subset.offset = data.offset.size() > 0 ? Eigen::VectorXd(data.offset(rows))
                                         : Eigen::VectorXd(Eigen::VectorXd::Zero(subset.y.size()));
  subset.sets = SubsetFixedEffects(data.fixed_effects, used);
  for (const auto& cluster : data.clusters) {
    std::vector<std::int32_t> kept;
    kept.reserve(rows.size());
    for (const auto row : rows) kept.push_back(cluster[static_cast<std::size_t>(row)]);
    subset.clusters.push_back(std::move(kept));
  }
  return subset;
}

// Drops regressors the fixed effects (or the other regressors) absorb: their demeaned column is nothing
// against its scale. Returns the kept columns' indices.
std::vector<Eigen::Index> Identified(const Eigen::MatrixXd& raw, const Eigen::MatrixXd& demeaned,
                                     const Eigen::VectorXd& weights, const std::vector<std::string>& names,
                                     std::vector<std::string>& notes) {
  std::vector<Eigen::Index> kept;
  for (Eigen::Index k = 0; k < demeaned.cols(); ++k) {
    const double before = std::sqrt(raw.col(k).cwiseAbs2().dot(weights));
    const double after = std::sqrt(demeaned.col(k).cwiseAbs2().dot(weights));
    if (after <= 1e-9 * std::max(before, 1.0)) {
      notes.push_back(
          fmt::format("{} dropped: the fixed effects absorb it", names[static_cast<std::size_t>(k)]));
      continue;
    }
    kept.push_back(k);
  }
  return kept;
}

// Sum over clusters of the outer products of the summed scores, times G/(G-1).
Eigen::MatrixXd ClusterMeat(const Eigen::MatrixXd& scores, const std::vector<std::int64_t>& cluster,
                            std::size_t& groups) {
  std::map<std::int64_t, Eigen::VectorXd> sums;
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    auto [entry, inserted] = sums.try_emplace(cluster[static_cast<std::size_t>(i)], Eigen::VectorXd());
    if (inserted) entry->second = Eigen::VectorXd::Zero(scores.cols());
    entry->second += scores.row(i).transpose();
  }
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(scores.cols(), scores.cols());
  for (const auto& [id, sum] : sums) meat += sum * sum.transpose();
  groups = sums.size();
  const double g = static_cast<double>(groups);
  return groups > 1 ? Eigen::MatrixXd(meat * (g / (g - 1))) : meat;
}

// The sandwich bread x meat x bread: robust (HC0) without clusters; with one clustering, the cluster-robust
// matrix with G/(G-1); with two, V_A + V_B - V_AB (Cameron, Gelbach and Miller 2011).
void Sandwich(const Eigen::MatrixXd& bread, const Eigen::MatrixXd& scores, const Subset& subset,
              const std::vector<std::string>& cluster_names, FitResult& result) {
  if (subset.clusters.empty()) {
    result.vcov = bread * (scores.transpose() * scores) * bread;
    result.vcov_kind = "robust";
    return;
  }
  std::vector<std::vector<std::int64_t>> ids;
  for (const auto& cluster : subset.clusters) ids.emplace_back(cluster.begin(), cluster.end());
  std::size_t groups = 0;
  Eigen::MatrixXd meat = ClusterMeat(scores, ids[0], groups);
  result.clusters.push_back(groups);
  result.vcov_kind = "clustered by " + cluster_names[0];
  if (ids.size() == 2) {
    meat += ClusterMeat(scores, ids[1], groups);
    result.clusters.push_back(groups);
    std::vector<std::int64_t> both(ids[0].size());
    for (std::size_t i = 0; i < both.size(); ++i) both[i] = ids[0][i] * (std::int64_t{1} << 32) + ids[1][i];
    meat -= ClusterMeat(scores, both, groups);
    result.vcov_kind += " and " + cluster_names[1];
  }
  result.vcov = bread * meat * bread;
}

double SquaredCorrelation(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::ArrayXd da = a.array() - a.mean();
  const Eigen::ArrayXd db = b.array() - b.mean();
  const double denominator = std::sqrt((da * da).sum() * (db * db).sum());
  if (denominator == 0) return 0;
  const double r = (da * db).sum() / denominator;
  return r * r;
}

double PoissonDeviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double deviance = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    deviance += 2 * ((y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0) - (y[i] - mu[i]));
  return deviance;
}

// Drops observations separated by the regressors together with the fixed effects: a zero flow that some
// combination z of them predicts perfectly (z > 0 only where y = 0, z = 0 wherever y > 0), which would send a
// coefficient to infinity. Found by the iterative rectifier of Correia, Guimaraes and Zylkin (2021): regress
// u on everything with an overwhelming weight on the positive flows, keep the positive part of the fit as the
// next u, and stop when the fit has no negative value; the zero flows fitted above 0 are separated.
void DropSeparatedByRegressors(const RegressionData& data, std::vector<bool>& used,
                               const ProjectionOptions& options, std::vector<std::string>& notes,
                               std::size_t& dropped) {
  if (data.x.cols() == 0) return;
  Subset subset = Keep(data, used);
  const auto n = subset.y.size();
  const Eigen::ArrayXd zero = (subset.y.array() == 0).cast<double>();
  const double zeros = zero.sum();
  if (zeros == 0 || zeros == static_cast<double>(n)) return;
  if (subset.sets.empty())
    subset.sets.push_back({"constant", std::vector<std::int32_t>(static_cast<std::size_t>(n), 0), 1});
  constexpr double kTolerance = 1e-5;  // the rectifier's own, as in ppmlhdfe
  constexpr int kMaxRounds = 100;
  const Eigen::VectorXd weights = ((1 - zero) * (zeros / (kTolerance * kTolerance)) + zero).matrix();
  Eigen::VectorXd u = zero.matrix();
  Eigen::VectorXd fit = Eigen::VectorXd::Zero(n);
  bool settled = false;
  for (int round = 0; round < kMaxRounds && !settled; ++round) {
    Eigen::MatrixXd block(n, subset.x.cols() + 1);
    block.col(0) = u;
    block.rightCols(subset.x.cols()) = subset.x;
    AbsorbFixedEffects(subset.sets, weights, block, options);
    const Eigen::MatrixXd xw = block.rightCols(subset.x.cols()).array().colwise() * weights.array();
    const Eigen::VectorXd beta = (xw.transpose() * block.rightCols(subset.x.cols()))
                                     .completeOrthogonalDecomposition()
                                     .solve(xw.transpose() * block.col(0));
    fit = u - (block.col(0) - block.rightCols(subset.x.cols()) * beta);
    fit = fit.unaryExpr([](double v) { return std::abs(v) < kTolerance ? 0.0 : v; });
    settled = fit.minCoeff() >= 0;
    u = fit.cwiseMax(0.0);
  }
  if (!settled) {
    notes.push_back("the check for separation by the regressors did not settle; estimates may not exist");
    return;
  }
  std::size_t separated = 0;
  Eigen::Index row = 0;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) continue;
    if (zero[row] == 1 && fit[row] > 0) {
      used[i] = false;
      ++separated;
    }
    ++row;
  }
  if (separated > 0) {
    notes.push_back(fmt::format(
        "{} observations separated by the regressors (a zero flow some combination of them predicts exactly)",
        separated));
  }
  dropped += separated;
}

void RequireClusters(const RegressionData& data) {
  if (data.clusters.size() > 2) throw UsageError("at most two clusterings (two-way clustering)");
  if (data.cluster_names.size() != data.clusters.size()) throw UsageError("a clustering without a name");
}

}  // namespace

FitResult FitPpml(const RegressionData& data, const FitOptions& options) {
  RequireClusters(data);
  if (data.offset.size() > 0 && data.offset.size() != data.y.size())
    throw UsageError("the offset needs one value per observation");
  FitResult result;
  result.estimator = Estimator::kPpml;
  result.used = Usable(data, Outcome::kFlow, result.notes, result.dropped);
  DropSeparated(data, result.used, result.notes, result.dropped);
  DropSeparatedByRegressors(data, result.used, options.projection, result.notes, result.dropped);
  // Dropping by the regressors can leave a group with only zero flows.
  DropSeparated(data, result.used, result.notes, result.dropped);
  Subset subset = Keep(data, result.used);
  const auto n = subset.y.size();
  if (n == 0) throw UsageError("no observation is left to fit once missing and separated ones are dropped");
  // Without fixed effects the model still has a constant: one set with a single group.
  if (subset.sets.empty())
    subset.sets.push_back({"constant", std::vector<std::int32_t>(static_cast<std::size_t>(n), 0), 1});
  result.observations = static_cast<std::size_t>(n);

  Eigen::VectorXd mu = (subset.y.array() + subset.y.mean()) / 2;
  Eigen::VectorXd eta = mu.array().log();
  // Regressors the fixed effects absorb are found once, with the starting weights.
  Eigen::MatrixXd demeaned = subset.x;
  AbsorbFixedEffects(subset.sets, mu, demeaned, options.projection);
  const auto columns = Identified(subset.x, demeaned, mu, data.names, result.notes);
  const Eigen::MatrixXd x = subset.x(Eigen::all, columns);
  for (const auto k : columns) result.names.push_back(data.names[static_cast<std::size_t>(k)]);
  const auto k = x.cols();

  double deviance = PoissonDeviance(subset.y, mu);
  Eigen::MatrixXd block(n, k + 1);
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    // The working outcome less the offset is what the fixed effects and regressors must explain; the fitted
    // predictor is then z minus the residual, offset included.
    const Eigen::VectorXd z = eta.array() + (subset.y - mu).array() / mu.array();
    block.col(0) = z - subset.offset;
    block.rightCols(k) = x;
    AbsorbFixedEffects(subset.sets, mu, block, options.projection);
    const Eigen::MatrixXd xw = block.rightCols(k).array().colwise() * mu.array();
    if (k > 0) beta = (xw.transpose() * block.rightCols(k)).ldlt().solve(xw.transpose() * block.col(0));
    const Eigen::VectorXd residual = block.col(0) - block.rightCols(k) * beta;
    const double moved = (z - residual - eta).cwiseAbs().maxCoeff();
    eta = z - residual;
    mu = eta.array().exp();
    const double updated = PoissonDeviance(subset.y, mu);
    const bool done = std::abs(updated - deviance) / std::max(std::abs(updated), 0.1) < options.tolerance &&
                      (options.predictor_tolerance <= 0 || moved < options.predictor_tolerance);
    deviance = updated;
    if (done) {
      result.converged = true;
      break;
    }
  }
  if (!result.converged) {
    result.iterations = options.max_iterations;
    result.notes.push_back(fmt::format("did not converge in {} iterations", options.max_iterations));
  }
  // The variance at the solution: regressors partialled out with the final weights.
  Eigen::MatrixXd final_x = x;
  AbsorbFixedEffects(subset.sets, mu, final_x, options.projection);
  const Eigen::MatrixXd xw = final_x.array().colwise() * mu.array();
  if (k > 0) {
    const Eigen::MatrixXd bread = (xw.transpose() * final_x).inverse();
    const Eigen::MatrixXd scores = final_x.array().colwise() * (subset.y - mu).array();
    Sandwich(bread, scores, subset, data.cluster_names, result);
  } else {
    result.vcov = Eigen::MatrixXd(0, 0);
    result.vcov_kind = "none (no regressor)";
  }
  result.beta = beta;
  result.deviance = deviance;
  result.fitted = mu;
  result.fixed_part = eta - subset.offset - x * beta;
  result.pseudo_r2 = SquaredCorrelation(subset.y, mu);
  return result;
}

namespace {

// Least squares of y (its log when `logs`) on x and the fixed effects.
FitResult FitLeastSquares(const RegressionData& data, const FitOptions& options, bool logs) {
  RequireClusters(data);
  if (data.offset.size() > 0) throw UsageError("an offset is for the PPML estimator only");
  FitResult result;
  result.estimator = logs ? Estimator::kOlsLog : Estimator::kOls;
  result.used = Usable(data, logs ? Outcome::kPositiveFlow : Outcome::kAny, result.notes, result.dropped);
  const Subset subset = Keep(data, result.used);
  const auto n = subset.y.size();
  if (n == 0) throw UsageError("no observation with a positive flow and every value present");
  result.observations = static_cast<std::size_t>(n);
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  Eigen::MatrixXd demeaned = subset.x;
  AbsorbFixedEffects(subset.sets, ones, demeaned, options.projection);
  const auto columns = Identified(subset.x, demeaned, ones, data.names, result.notes);
  for (const auto k : columns) result.names.push_back(data.names[static_cast<std::size_t>(k)]);
  const Eigen::VectorXd outcome = logs ? Eigen::VectorXd(subset.y.array().log()) : subset.y;
  // Without fixed effects the model has a constant: demean by the mean alone.
  Eigen::MatrixXd block(n, static_cast<Eigen::Index>(columns.size()) + 1);
  block.col(0) = outcome;
  block.rightCols(static_cast<Eigen::Index>(columns.size())) = subset.x(Eigen::all, columns);
  std::vector<FixedEffectSet> sets = subset.sets;
  if (sets.empty())
    sets.push_back({"constant", std::vector<std::int32_t>(static_cast<std::size_t>(n), 0), 1});
  AbsorbFixedEffects(sets, ones, block, options.projection);
  const Eigen::MatrixXd x = block.rightCols(static_cast<Eigen::Index>(columns.size()));
  const Eigen::MatrixXd bread = (x.transpose() * x).inverse();
  result.beta = bread * (x.transpose() * block.col(0));
  const Eigen::VectorXd residual = block.col(0) - x * result.beta;
  const Eigen::MatrixXd scores = x.array().colwise() * residual.array();
  Sandwich(bread, scores, subset, data.cluster_names, result);
  result.iterations = 1;
  result.converged = true;
  result.deviance = residual.squaredNorm();
  result.fitted = outcome - residual;
  result.fixed_part = result.fitted - subset.x(Eigen::all, columns) * result.beta;
  result.pseudo_r2 = SquaredCorrelation(outcome, result.fitted);
  return result;
}

}  // namespace

FitResult FitOlsLog(const RegressionData& data, const FitOptions& options) {
  return FitLeastSquares(data, options, true);
}

FitResult FitOls(const RegressionData& data, const FitOptions& options) {
  return FitLeastSquares(data, options, false);
}

}  // namespace linkage
