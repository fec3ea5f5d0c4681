#include "model/ppml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

// Passes over the observations are shared among the threads from this many observations on.
constexpr std::size_t kParallelFrom = std::size_t{1} << 16;

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
      if (std::all_of(sums.begin(), sums.end(), [](double sum) { return sum > 0; })) continue;
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

// Copies the rows of `data` that `used` keeps. The parts of the copy are independent (the columns, each set's
// renumbering, each clustering), so they are made on up to `threads` threads.
Subset Keep(const RegressionData& data, const std::vector<bool>& used, int threads) {
  std::vector<Eigen::Index> rows;
  rows.reserve(static_cast<std::size_t>(std::count(used.begin(), used.end(), true)));
  for (std::size_t i = 0; i < used.size(); ++i)
    if (used[i]) rows.push_back(static_cast<Eigen::Index>(i));
  Subset subset;
  subset.sets.resize(data.fixed_effects.size());
  subset.clusters.resize(data.clusters.size());
  const std::size_t sets = data.fixed_effects.size();
  std::function<void(std::size_t)> make = [&](std::size_t part) {
    if (part == 0) {
      subset.y = data.y(rows);
      subset.x = data.x(rows, Eigen::all);
      subset.offset = data.offset.size() > 0 ? Eigen::VectorXd(data.offset(rows))
                                             : Eigen::VectorXd(Eigen::VectorXd::Zero(subset.y.size()));
    } else if (part <= sets) {
      subset.sets[part - 1] = SubsetFixedEffect(data.fixed_effects[part - 1], used);
    } else {
      const auto& cluster = data.clusters[part - 1 - sets];
      auto& kept = subset.clusters[part - 1 - sets];
      kept.reserve(rows.size());
      for (const auto row : rows) kept.push_back(cluster[static_cast<std::size_t>(row)]);
    }
  };
  const std::size_t parts = 1 + sets + data.clusters.size();
  const auto workers = std::min(parts, static_cast<std::size_t>(std::max(threads, 1)));
  if (workers <= 1 || used.size() < kParallelFrom) {
    for (std::size_t part = 0; part < parts; ++part) make(part);
  } else {
    RunOnWorkers(parts, workers, [&](std::size_t) { return make; });
  }
  return subset;
}

// Drops regressors the fixed effects absorb (their demeaned column is nothing against its scale) and those
// collinear with the regressors before them, found by a Cholesky decomposition of the demeaned cross-product
// in order, as fixest does: a column whose pivot is below 1e-10 of its own sum of squares is a combination of
// the columns kept before it. Returns the kept columns' indices.
std::vector<Eigen::Index> Identified(const Eigen::MatrixXd& raw, const Eigen::MatrixXd& demeaned,
                                     const Eigen::VectorXd& weights, const std::vector<std::string>& names,
                                     std::vector<std::string>& notes) {
  constexpr double kCollinear = 1e-10;
  std::vector<Eigen::Index> kept;
  const Eigen::MatrixXd cross =
      demeaned.transpose() * (demeaned.array().colwise() * weights.array()).matrix();
  Eigen::MatrixXd lower = Eigen::MatrixXd::Zero(demeaned.cols(), demeaned.cols());
  for (Eigen::Index k = 0; k < demeaned.cols(); ++k) {
    const std::string& name = names[static_cast<std::size_t>(k)];
    const double before = std::sqrt(raw.col(k).cwiseAbs2().dot(weights));
    const double after = std::sqrt(cross(k, k));
    if (!(after > 1e-9 * std::max(before, 1.0))) {
      notes.push_back(fmt::format("{} dropped: the fixed effects absorb it", name));
      continue;
    }
    // Row of the Cholesky factor for column k against the kept columns.
    const auto rank = static_cast<Eigen::Index>(kept.size());
    Eigen::VectorXd row(rank);
    for (Eigen::Index j = 0; j < rank; ++j) {
      double value = cross(k, kept[static_cast<std::size_t>(j)]);
      for (Eigen::Index m = 0; m < j; ++m) value -= row[m] * lower(j, m);
      row[j] = value / lower(j, j);
    }
    const double pivot = cross(k, k) - row.squaredNorm();
    if (!(pivot > kCollinear * cross(k, k))) {
      notes.push_back(fmt::format("{} dropped: collinear with the other regressors{}", name,
                                  rank > 0 ? "" : " and the fixed effects"));
      continue;
    }
    lower.row(rank).head(rank) = row.transpose();
    lower(rank, rank) = std::sqrt(pivot);
    kept.push_back(k);
  }
  return kept;
}

// Sum over clusters of the outer products of the summed scores; `groups` gets the number of clusters.
Eigen::MatrixXd ClusterMeat(const Eigen::MatrixXd& scores, const std::vector<std::int64_t>& cluster,
                            std::size_t& groups) {
  std::unordered_map<std::int64_t, Eigen::Index> index;
  std::vector<Eigen::Index> row_group(cluster.size());
  for (std::size_t i = 0; i < cluster.size(); ++i)
    row_group[i] = index.try_emplace(cluster[i], static_cast<Eigen::Index>(index.size())).first->second;
  groups = index.size();
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(groups), scores.cols());
  for (Eigen::Index i = 0; i < scores.rows(); ++i)
    sums.row(row_group[static_cast<std::size_t>(i)]) += scores.row(i);
  return sums.transpose() * sums;
}

// Whether every group of `set` lies within one cluster of `cluster` (its fixed effects are then nested in the
// clusters and do not count in K under fixest's rule).
bool NestedIn(const FixedEffectSet& set, const std::vector<std::int32_t>& cluster) {
  std::vector<std::int32_t> owner(static_cast<std::size_t>(set.groups), -1);
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    auto& id = owner[static_cast<std::size_t>(set.group[i])];
    if (id < 0) id = cluster[i];
    if (id != cluster[i]) return false;
  }
  return true;
}

// The fixed-effect coefficients K counts: every group of every set, less one reference for each set after the
// first (fixest's count, exact for two connected sets), leaving out the sets nested in a clustering
// (tests/data/gravity/FIXEST_RULES.md).
std::size_t FixedEffectParameters(const std::vector<FixedEffectSet>& sets,
                                  const std::vector<std::vector<std::int32_t>>& nesting) {
  std::size_t count = 0;
  std::size_t counted = 0;
  for (const auto& set : sets) {
    if (set.name == "constant") continue;
    const bool nested = std::any_of(nesting.begin(), nesting.end(),
                                    [&](const auto& cluster) { return NestedIn(set, cluster); });
    if (nested) continue;
    count += static_cast<std::size_t>(set.groups);
    ++counted;
  }
  // With every set nested, one constant is left (fixest's K = k + 1).
  if (counted == 0) return sets.empty() || sets[0].name == "constant" ? 0 : 1;
  return count - (counted - 1);
}

std::string RuleName(SmallSample rule) {
  return rule == SmallSample::kFixest ? "fixest small-sample rule" : "Stata small-sample rule";
}

// What the variance is computed from.
struct VarianceInputs {
  Eigen::MatrixXd bread;   // inverse of the (weighted) cross-product of the demeaned regressors
  Eigen::MatrixXd scores;  // each observation's score: demeaned regressors times the residual (and weight)
  double residual_squares = 0;  // least squares only: the residual sum of squares
  bool least_squares = false;
};

// The variance of the estimates of the chosen kind with the chosen small-sample rule (docs/methods.md,
// "Gravity: standard errors"): iid, heteroskedasticity-robust (the sandwich), or cluster-robust, two-way as
// V_A + V_B - V_AB (Cameron, Gelbach and Miller 2011).
void Variance(const VarianceInputs& inputs, const Subset& subset,
              const std::vector<std::string>& cluster_names, const FitOptions& options, FitResult& result) {
  VarianceKind kind = options.variance;
  if (kind == VarianceKind::kDefault)
    kind = subset.clusters.empty() ? VarianceKind::kHetero : VarianceKind::kCluster;
  if (kind == VarianceKind::kCluster && subset.clusters.empty())
    throw UsageError("a clustered variance needs a clustering");
  const auto n = static_cast<double>(subset.y.size());
  const auto k = static_cast<double>(inputs.bread.cols());
  const bool fixest = options.small_sample == SmallSample::kFixest;
  const auto parameters = [&](bool nested) {
    const std::vector<std::vector<std::int32_t>> none;
    return static_cast<double>(FixedEffectParameters(subset.sets, nested ? subset.clusters : none));
  };
  const double all_k = k + parameters(false);
  const std::string rule = RuleName(options.small_sample);
  if (kind == VarianceKind::kIid) {
    // Poisson's variance is its mean: no dispersion to estimate, unlike least squares.
    double scale = 1;
    if (inputs.least_squares)
      scale = inputs.residual_squares / (fixest ? n - all_k : n - 1);
    else if (fixest)
      scale = (n - 1) / (n - all_k);
    result.vcov = inputs.bread * scale;
    result.vcov_kind = "iid, " + rule;
    return;
  }
  const Eigen::MatrixXd& scores = inputs.scores;
  if (kind == VarianceKind::kHetero) {
    // Each observation its own cluster: n / (n - 1), times (n - 1) / (n - K) under fixest's rule (HC1).
    const double scale = fixest ? n / (n - all_k) : n / (n - 1);
    result.vcov = inputs.bread * (scores.transpose() * scores) * inputs.bread * scale;
    result.vcov_kind = "robust, " + rule;
    return;
  }
  std::vector<std::vector<std::int64_t>> ids;
  for (const auto& cluster : subset.clusters) ids.emplace_back(cluster.begin(), cluster.end());
  std::vector<std::size_t> groups(ids.size(), 0);
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(scores.cols(), scores.cols());
  for (std::size_t c = 0; c < ids.size(); ++c) meat += ClusterMeat(scores, ids[c], groups[c]);
  if (ids.size() == 2) {
    std::vector<std::int64_t> both(ids[0].size());
    for (std::size_t i = 0; i < both.size(); ++i) both[i] = ids[0][i] * (std::int64_t{1} << 32) + ids[1][i];
    std::size_t intersection = 0;
    meat -= ClusterMeat(scores, both, intersection);
  }
  // Both rules multiply by G / (G - 1) with the smaller number of clusters when there are two clusterings;
  // fixest's also by (n - 1) / (n - K), the fixed effects nested in a clustering left out of K.
  const double fewest = static_cast<double>(*std::min_element(groups.begin(), groups.end()));
  const double nested_k = k + parameters(true);
  const double adjustment =
      (fewest > 1 ? fewest / (fewest - 1) : 1.0) * (fixest ? (n - 1) / (n - nested_k) : 1.0);
  result.vcov = inputs.bread * meat * inputs.bread * adjustment;
  result.clusters = groups;
  result.vcov_kind = "clustered by " + text::Join(cluster_names, " and ") + ", " + rule;
}

double SquaredCorrelation(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::ArrayXd da = a.array() - a.mean();
  const Eigen::ArrayXd db = b.array() - b.mean();
  const double denominator = std::sqrt((da * da).sum() * (db * db).sum());
  if (denominator == 0) return 0;
  const double r = (da * db).sum() / denominator;
  return r * r;
}

// The parts of a shared pass start at multiples of this many observations (ForEachRange).
constexpr std::size_t kGrain = 64;

// Runs body(part, first, rows) over the observations 0..n-1 in parts of `rows` observations from `first`,
// shared among `threads` threads when there are enough observations.
void ForEachObservation(Eigen::Index n, int threads,
                        const std::function<void(std::size_t, Eigen::Index, Eigen::Index)>& body) {
  ForEachRange(static_cast<std::size_t>(n), static_cast<std::size_t>(std::max(threads, 1)), kGrain,
               kParallelFrom, [&](std::size_t part, std::size_t begin, std::size_t end) {
                 body(part, static_cast<Eigen::Index>(begin), static_cast<Eigen::Index>(end - begin));
               });
}

// The Poisson deviance 2 sum [y ln(y / mu) - (y - mu)] at mu = exp(eta), as 2 sum [y (ln y - eta) - (y - mu)]
// with ln y computed once (`log_y`, 0 where y = 0): no logarithm per iteration.
double PoissonDeviance(const Eigen::VectorXd& y, const Eigen::VectorXd& log_y, const Eigen::VectorXd& eta,
                       const Eigen::VectorXd& mu) {
  double deviance = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    deviance += 2 * ((y[i] > 0 ? y[i] * (log_y[i] - eta[i]) : 0.0) - (y[i] - mu[i]));
  return deviance;
}

// IRLS's working response z = eta + (y - mu) / mu, and in `target` the part of it the fixed effects have to
// explain: z less the offset and the regressors' part. Returns the largest |z - offset|, the scale of the
// target's projection. One pass over the observations, shared among the threads.
double WorkingResponse(const Subset& subset, const Eigen::VectorXd& eta, const Eigen::VectorXd& mu,
                       const Eigen::VectorXd& fixed_part, int threads, Eigen::VectorXd& z,
                       Eigen::Ref<Eigen::VectorXd> target) {
  std::vector<double> scales(static_cast<std::size_t>(std::max(threads, 1)), 0.0);
  ForEachObservation(subset.y.size(), threads, [&](std::size_t part, Eigen::Index first, Eigen::Index rows) {
    double scale = 0;
    for (auto i = first; i < first + rows; ++i) {
      z[i] = eta[i] + (subset.y[i] - mu[i]) / mu[i];
      const double predictor = z[i] - subset.offset[i];
      target[i] = predictor - fixed_part[i];
      scale = std::max(scale, std::abs(predictor));
    }
    scales[part] = scale;
  });
  return *std::max_element(scales.begin(), scales.end());
}

// IRLS's update from the coefficients `beta` fitted to the projected `block` (z's part, then the regressors):
// the predictor eta = z less the residual, mu = exp(eta), and the fixed effects' part of eta. Returns how far
// eta moved at most. One pass over the observations, shared among the threads.
double UpdatePredictor(const Subset& subset, const Eigen::MatrixXd& x, const Eigen::MatrixXd& block,
                       const Eigen::VectorXd& beta, const Eigen::VectorXd& z, int threads,
                       Eigen::VectorXd& residual, Eigen::VectorXd& eta, Eigen::VectorXd& mu,
                       Eigen::VectorXd& fixed_part) {
  const auto k = x.cols();
  std::vector<double> moved(static_cast<std::size_t>(std::max(threads, 1)), 0.0);
  ForEachObservation(subset.y.size(), threads, [&](std::size_t part, Eigen::Index first, Eigen::Index rows) {
    auto part_residual = residual.segment(first, rows);
    part_residual.noalias() =
        block.col(0).segment(first, rows) - block.middleRows(first, rows).rightCols(k) * beta;
    double most = 0;
    for (auto i = first; i < first + rows; ++i) {
      const double updated = z[i] - residual[i];
      most = std::max(most, std::abs(updated - eta[i]));
      eta[i] = updated;
    }
    moved[part] = most;
    mu.segment(first, rows) = eta.segment(first, rows).array().exp();
    fixed_part.segment(first, rows) =
        eta.segment(first, rows) - subset.offset.segment(first, rows) - x.middleRows(first, rows) * beta;
  });
  return *std::max_element(moved.begin(), moved.end());
}

// The projections' tolerance in the first iterations of PPML.
constexpr double kLooseProjection = 1e-4;

// Without fixed effects the model has an intercept: a column of ones in front of the regressors.
void AddIntercept(Subset& subset, std::vector<std::string>& names) {
  if (!subset.sets.empty()) return;
  Eigen::MatrixXd x(subset.x.rows(), subset.x.cols() + 1);
  x.col(0).setOnes();
  x.rightCols(subset.x.cols()) = subset.x;
  subset.x = std::move(x);
  names.insert(names.begin(), "(Intercept)");
}

// The largest absolute value of each column: what its projection's tolerance is relative to.
std::vector<double> ColumnScales(const Eigen::MatrixXd& columns) {
  std::vector<double> scales;
  for (Eigen::Index k = 0; k < columns.cols(); ++k)
    scales.push_back(columns.rows() > 0 ? columns.col(k).cwiseAbs().maxCoeff() : 0.0);
  return scales;
}

// Drops observations separated by the regressors together with the fixed effects: a zero flow that some
// combination z of them predicts perfectly (z > 0 only where y = 0, z = 0 wherever y > 0), which would send a
// coefficient to infinity. Found by the iterative rectifier of Correia, Guimaraes and Zylkin (2021): regress
// u on everything with an overwhelming weight on the positive flows, keep the positive part of the fit as the
// next u, and stop when the fit has no negative value; the zero flows fitted above 0 are separated. The
// weights never change, so the regressors are projected once.
// `subset` holds the rows `used` keeps; returns whether it dropped any.
bool DropSeparatedByRegressors(const Subset& subset, std::vector<bool>& used,
                               const ProjectionOptions& options, std::vector<std::string>& notes,
                               std::size_t& dropped) {
  if (subset.x.cols() == 0) return false;
  const auto n = subset.y.size();
  const Eigen::ArrayXd zero = (subset.y.array() == 0).cast<double>();
  const double zeros = zero.sum();
  if (zeros == 0 || zeros == static_cast<double>(n)) return false;
  std::vector<FixedEffectSet> constant;
  if (subset.sets.empty())
    constant.push_back({"constant", std::vector<std::int32_t>(static_cast<std::size_t>(n), 0), 1});
  const auto& sets = subset.sets.empty() ? constant : subset.sets;
  constexpr double kTolerance = 1e-5;  // the rectifier's own, as in ppmlhdfe
  constexpr int kMaxRounds = 100;
  const Eigen::VectorXd weights = ((1 - zero) * (zeros / (kTolerance * kTolerance)) + zero).matrix();
  // A tolerance far below the rectifier's own is enough to tell a zero fit from a positive one.
  ProjectionOptions projection = options;
  projection.tolerance = std::max(options.tolerance, 1e-9);
  const FixedEffectProjector projector(sets, weights, projection);
  const auto k = subset.x.cols();
  const int threads = options.threads;
  // The regressors and the first u (the zero flows) projected in the same passes; u last.
  Eigen::MatrixXd block(n, k + 1);
  ForEachObservation(n, threads, [&](std::size_t, Eigen::Index first, Eigen::Index rows) {
    block.middleRows(first, rows).leftCols(k) = subset.x.middleRows(first, rows);
    block.col(k).segment(first, rows) = zero.segment(first, rows).matrix();
  });
  std::vector<double> scales = ColumnScales(subset.x);
  scales.push_back(1.0);
  projector.ProjectColumns(block, scales);
  const auto x = block.leftCols(k);
  Eigen::MatrixXd xw(n, k);
  ForEachObservation(n, threads, [&](std::size_t, Eigen::Index first, Eigen::Index rows) {
    xw.middleRows(first, rows) =
        x.middleRows(first, rows).array().colwise() * weights.segment(first, rows).array();
  });
  const auto solver = (xw.transpose() * x).completeOrthogonalDecomposition();
  Eigen::VectorXd u = zero.matrix();
  Eigen::VectorXd fit(n);
  bool settled = false;
  for (int round = 0; round < kMaxRounds && !settled; ++round) {
    Eigen::VectorXd residual = block.col(k);
    if (round > 0) {
      residual = u;
      projector.Project(residual, 1.0);
    }
    const Eigen::VectorXd beta = solver.solve(xw.transpose() * residual);
    // The fit, rounded to 0 within the rectifier's tolerance, and its positive part as the next u.
    std::vector<double> lowest(static_cast<std::size_t>(std::max(threads, 1)), 0.0);
    ForEachObservation(n, threads, [&](std::size_t part, Eigen::Index first, Eigen::Index rows) {
      auto part_fit = fit.segment(first, rows);
      part_fit = u.segment(first, rows) - (residual.segment(first, rows) - x.middleRows(first, rows) * beta);
      double least = 0;
      for (auto i = first; i < first + rows; ++i) {
        if (std::abs(fit[i]) < kTolerance) fit[i] = 0.0;
        least = std::min(least, fit[i]);
        u[i] = std::max(fit[i], 0.0);
      }
      lowest[part] = least;
    });
    settled = *std::min_element(lowest.begin(), lowest.end()) >= 0;
  }
  if (!settled) {
    notes.push_back("the check for separation by the regressors did not settle; estimates may not exist");
    return false;
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
  return separated > 0;
}

void RequireClusters(const RegressionData& data) {
  if (data.clusters.size() > 2) throw UsageError("at most two clusterings (two-way clustering)");
  if (data.cluster_names.size() != data.clusters.size()) throw UsageError("a clustering without a name");
}

// Notes a fit that leaves no residual: the standard errors are then zero and no test is meaningful.
void NotePerfectFit(double deviance, double scale, std::vector<std::string>& notes) {
  if (deviance <= 1e-12 * std::max(scale, 1.0))
    notes.push_back("the model fits every observation exactly: standard errors are 0 and tests undefined");
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
  Subset subset = Keep(data, result.used, options.projection.threads);
  if (DropSeparatedByRegressors(subset, result.used, options.projection, result.notes, result.dropped)) {
    // Dropping by the regressors can leave a group with only zero flows.
    DropSeparated(data, result.used, result.notes, result.dropped);
    subset = Keep(data, result.used, options.projection.threads);
  }
  const auto n = subset.y.size();
  if (n == 0) throw UsageError("no observation is left to fit once missing and separated ones are dropped");
  std::vector<std::string> names = data.names;
  AddIntercept(subset, names);
  result.observations = static_cast<std::size_t>(n);

  // R's glm and fixest start from y + 0.1: close to the answer wherever flows are large.
  Eigen::VectorXd mu = subset.y.array() + 0.1;
  Eigen::VectorXd eta = mu.array().log();
  Eigen::VectorXd z = eta.array() + (subset.y - mu).array() / mu.array();
  // The first projection, with the starting weights, also tells which regressors are identified.
  Eigen::MatrixXd block(n, subset.x.cols() + 1);
  block.col(0) = z - subset.offset;
  block.rightCols(subset.x.cols()) = subset.x;
  std::vector<double> scales = ColumnScales(block);
  // The first iterations are far from the answer and need no precise projections (ppmlhdfe's approach): the
  // tolerance starts loose and tightens with the deviance's progress until it reaches the one asked for.
  // The regressors are projected precisely once, to tell which ones the fixed effects absorb.
  // One projector follows the weights `mu` through the iterations, so that a direct solve, where the sets
  // need one, is factored again only when it has grown stale.
  double tolerance = std::max(options.projection.tolerance, kLooseProjection);
  FixedEffectProjector projector(subset.sets, mu, options.projection);
  {
    // One call projects z with the regressors, so that they share the passes over the observations and the
    // threads; z's scale is stretched by the ratio of its tolerance to theirs, to be projected only loosely.
    std::vector<double> first_scales = scales;
    if (options.projection.tolerance > 0) first_scales[0] *= tolerance / options.projection.tolerance;
    projector.ProjectColumns(block, first_scales);
  }
  const auto columns = Identified(subset.x, block.rightCols(subset.x.cols()), mu, names, result.notes);
  const Eigen::MatrixXd x = subset.x(Eigen::all, columns);
  for (const auto k : columns) result.names.push_back(names[static_cast<std::size_t>(k)]);
  const auto k = x.cols();
  {
    Eigen::MatrixXd kept(n, k + 1);
    kept.col(0) = block.col(0);
    for (Eigen::Index c = 0; c < k; ++c)
      kept.col(c + 1) = block.col(columns[static_cast<std::size_t>(c)] + 1);
    block = std::move(kept);
    std::vector<double> kept_scales = {scales[0]};
    for (const auto c : columns) kept_scales.push_back(scales[static_cast<std::size_t>(c) + 1]);
    scales = std::move(kept_scales);
  }

  const int threads = options.projection.threads;
  const Eigen::VectorXd log_y = (subset.y.array() > 0).select(subset.y.array().log(), 0.0);
  double deviance = PoissonDeviance(subset.y, log_y, eta, mu);
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  // The fixed effects' share of the predictor: z less it and the offset starts each projection close to its
  // result (the demeaned columns of one iteration start the next, as in ppmlhdfe).
  Eigen::VectorXd fixed_part = eta - subset.offset;
  double last_progress = 0;  // the previous iteration's relative change of the deviance
  double last_change = 0;    // and of the coefficients
  Eigen::MatrixXd xw(n, k);  // the demeaned regressors times the weights
  Eigen::VectorXd residual(n);
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    if (result.iterations > 1) {
      scales[0] = WorkingResponse(subset, eta, mu, fixed_part, threads, z, block.col(0));
      projector.ProjectColumns(block, scales, tolerance);
    }
    const auto xt = block.rightCols(k);
    ForEachObservation(n, threads, [&](std::size_t, Eigen::Index first, Eigen::Index rows) {
      xw.middleRows(first, rows) =
          xt.middleRows(first, rows).array().colwise() * mu.segment(first, rows).array();
    });
    Eigen::VectorXd updated_beta = beta;
    if (k > 0) updated_beta = (xw.transpose() * xt).ldlt().solve(xw.transpose() * block.col(0));
    const double moved =
        UpdatePredictor(subset, x, block, updated_beta, z, threads, residual, eta, mu, fixed_part);
    double coefficient_change = 0;
    for (Eigen::Index c = 0; c < k; ++c)
      coefficient_change = std::max(
          coefficient_change, std::abs(updated_beta[c] - beta[c]) / std::max(std::abs(updated_beta[c]), 1.0));
    beta = updated_beta;
    projector.Reweight();
    const double updated = PoissonDeviance(subset.y, log_y, eta, mu);
    const double progress = std::abs(updated - deviance) / std::max(std::abs(updated), 0.1);
    const bool precise = tolerance <= options.projection.tolerance;
    tolerance = std::max(options.projection.tolerance, std::min(tolerance, 1e-3 * progress));
    // Near the answer the progress shrinks at least as fast as it last did (faster: Newton's method squares
    // it): once the next iteration's is expected below the tolerances, it may be the last, and its
    // projections are made precise.
    const auto expected = [](double now, double before) { return now * (now / std::max(before, 1e-300)); };
    if (result.iterations > 1 && expected(progress, last_progress) < options.tolerance &&
        expected(coefficient_change, last_change) < options.coefficient_tolerance)
      tolerance = options.projection.tolerance;
    last_progress = progress;
    last_change = coefficient_change;
    const bool done = precise && progress < options.tolerance &&
                      coefficient_change < options.coefficient_tolerance &&
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
  // The variance at the solution: the regressors partialled out with the final weights, starting from their
  // last projection.
  auto final_x = block.rightCols(k);
  projector.ProjectColumns(final_x, std::vector<double>(scales.begin() + 1, scales.end()));
  if (k > 0) {
    VarianceInputs inputs;
    xw = final_x.array().colwise() * mu.array();
    inputs.bread = (xw.transpose() * final_x).inverse();
    inputs.scores = final_x.array().colwise() * (subset.y - mu).array();
    Variance(inputs, subset, data.cluster_names, options, result);
  } else {
    result.vcov = Eigen::MatrixXd(0, 0);
    result.vcov_kind = "none (no regressor)";
  }
  NotePerfectFit(deviance, subset.y.cwiseAbs().sum(), result.notes);
  result.beta = beta;
  result.deviance = deviance;
  result.fitted = mu;
  result.fixed_part = fixed_part;
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
  Subset subset = Keep(data, result.used, options.projection.threads);
  const auto n = subset.y.size();
  if (n == 0) throw UsageError("no observation with a positive flow and every value present");
  std::vector<std::string> names = data.names;
  AddIntercept(subset, names);
  result.observations = static_cast<std::size_t>(n);
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd outcome = logs ? Eigen::VectorXd(subset.y.array().log()) : subset.y;
  Eigen::MatrixXd block(n, subset.x.cols() + 1);
  block.col(0) = outcome;
  block.rightCols(subset.x.cols()) = subset.x;
  FixedEffectProjector(subset.sets, ones, options.projection).ProjectColumns(block, ColumnScales(block));
  const auto columns = Identified(subset.x, block.rightCols(subset.x.cols()), ones, names, result.notes);
  for (const auto k : columns) result.names.push_back(names[static_cast<std::size_t>(k)]);
  Eigen::MatrixXd x(n, static_cast<Eigen::Index>(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c)
    x.col(static_cast<Eigen::Index>(c)) = block.col(columns[c] + 1);
  const Eigen::MatrixXd bread = (x.transpose() * x).inverse();
  result.beta = bread * (x.transpose() * block.col(0));
  const Eigen::VectorXd residual = block.col(0) - x * result.beta;
  VarianceInputs inputs{bread, x.array().colwise() * residual.array(), residual.squaredNorm(), true};
  Variance(inputs, subset, data.cluster_names, options, result);
  result.iterations = 1;
  result.converged = true;
  result.deviance = residual.squaredNorm();
  NotePerfectFit(result.deviance, outcome.squaredNorm(), result.notes);
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
