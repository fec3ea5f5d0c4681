#include "model/fixed_effects.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace linkage {

namespace {

// Subtracts the weighted mean of each group of `set` from `column`; `sums` and `totals` are scratch space of
// the set's size.
void SweepOut(const FixedEffectSet& set, const Eigen::VectorXd& weights, Eigen::Ref<Eigen::VectorXd> column,
              std::vector<double>& sums, const std::vector<double>& totals) {
  std::fill(sums.begin(), sums.end(), 0.0);
  const auto n = column.size();
  for (Eigen::Index i = 0; i < n; ++i) sums[static_cast<std::size_t>(set.group[i])] += weights[i] * column[i];
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto group = static_cast<std::size_t>(set.group[i]);
    column[i] -= sums[group] / totals[group];
  }
}

std::vector<std::vector<double>> GroupTotals(const std::vector<FixedEffectSet>& sets,
                                             const Eigen::VectorXd& weights) {
  std::vector<std::vector<double>> totals;
  for (const auto& set : sets) {
    std::vector<double> total(static_cast<std::size_t>(set.groups), 0.0);
    for (Eigen::Index i = 0; i < weights.size(); ++i)
      total[static_cast<std::size_t>(set.group[i])] += weights[i];
    totals.push_back(std::move(total));
  }
  return totals;
}

}  // namespace

int AbsorbFixedEffects(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                       Eigen::MatrixXd& columns, const ProjectionOptions& options) {
  if (sets.empty()) return 0;
  const auto totals = GroupTotals(sets, weights);
  std::vector<std::vector<double>> sums;
  sums.reserve(sets.size());
  for (const auto& set : sets) sums.emplace_back(static_cast<std::size_t>(set.groups), 0.0);
  int most = 0;
  for (Eigen::Index k = 0; k < columns.cols(); ++k) {
    auto column = columns.col(k);
    const double scale = std::max(1.0, column.cwiseAbs().maxCoeff());
    // One set is a single projection; more sets need sweeps until nothing changes.
    int sweep = 0;
    Eigen::VectorXd before;
    for (; sweep < options.max_sweeps; ++sweep) {
      before = column;
      for (std::size_t s = 0; s < sets.size(); ++s) SweepOut(sets[s], weights, column, sums[s], totals[s]);
      if (sets.size() == 1 || (column - before).cwiseAbs().maxCoeff() <= options.tolerance * scale) break;
    }
    most = std::max(most, sweep + 1);
  }
  return most;
}

std::vector<FixedEffectSet> SubsetFixedEffects(const std::vector<FixedEffectSet>& sets,
                                               const std::vector<bool>& keep) {
  std::vector<FixedEffectSet> subset;
  for (const auto& set : sets) {
    FixedEffectSet kept{set.name, {}, 0};
    std::vector<std::int32_t> renumbered(static_cast<std::size_t>(set.groups), -1);
    for (std::size_t i = 0; i < keep.size(); ++i) {
      if (!keep[i]) continue;
      auto& id = renumbered[static_cast<std::size_t>(set.group[i])];
      if (id < 0) id = kept.groups++;
      kept.group.push_back(id);
    }
    subset.push_back(std::move(kept));
  }
  return subset;
}

std::vector<std::vector<double>> SplitFixedEffects(const std::vector<FixedEffectSet>& sets,
                                                   const Eigen::VectorXd& total,
                                                   const ProjectionOptions& options) {
  std::vector<std::vector<double>> effects;
  effects.reserve(sets.size());
  for (const auto& set : sets) effects.emplace_back(static_cast<std::size_t>(set.groups), 0.0);
  if (sets.empty()) return effects;
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(total.size());
  const auto counts = GroupTotals(sets, ones);
  Eigen::VectorXd fitted = Eigen::VectorXd::Zero(total.size());
  const double scale = std::max(1.0, total.cwiseAbs().maxCoeff());
  for (int sweep = 0; sweep < options.max_sweeps; ++sweep) {
    double change = 0;
    for (std::size_t s = 0; s < sets.size(); ++s) {
      std::vector<double> sums(effects[s].size(), 0.0);
      for (Eigen::Index i = 0; i < total.size(); ++i) {
        const auto group = static_cast<std::size_t>(sets[s].group[i]);
        sums[group] += total[i] - fitted[i] + effects[s][group];
      }
      for (std::size_t group = 0; group < sums.size(); ++group) {
        const double updated = sums[group] / counts[s][group];
        change = std::max(change, std::abs(updated - effects[s][group]));
        effects[s][group] = updated;
      }
      fitted.setZero();
      for (std::size_t t = 0; t < sets.size(); ++t)
        for (Eigen::Index i = 0; i < total.size(); ++i)
          fitted[i] += effects[t][static_cast<std::size_t>(sets[t].group[i])];
    }
    if (change <= options.tolerance * scale) break;
  }
  // Each later set's mean over the observations moves into the first set: the sum is unchanged.
  for (std::size_t s = 1; s < sets.size(); ++s) {
    double mean = 0;
    for (Eigen::Index i = 0; i < total.size(); ++i)
      mean += effects[s][static_cast<std::size_t>(sets[s].group[i])];
    mean /= static_cast<double>(total.size());
    for (auto& value : effects[s]) value -= mean;
    for (auto& value : effects[0]) value += mean;
  }
  return effects;
}

}  // namespace linkage
