#include "model/schur_complement.hpp"

#include <array>

namespace linkage {

namespace {

// Multiply-adds the assembly may take, so that a set with few large groups, whose elimination fills the
// complement densely, is left to the iterations.
constexpr double kAssemblyBudget = 1e9;

// Ridges tried in turn, relative to each group's total weight, until the factor is positive definite: the
// complement is singular wherever the effects are not identified (a constant moved between sets, say), and
// the ridge changes the solve only along those directions and the nearly unidentified ones, which conjugate
// gradients then correct in a pass or two. Not smaller than 1e-6: the solve amplifies rounding along the
// unidentified directions by the inverse of the ridge, and near convergence, where the residual is mostly
// rounding, a ridge of 1e-8 let that noise stall conjugate gradients on a 200-country panel.
constexpr std::array<double, 3> kRidges = {1e-6, 1e-4, 1e-2};

}  // namespace

std::unique_ptr<SchurComplementSolver> SchurComplementSolver::Build(const std::vector<FixedEffectSet>& sets,
                                                                    const Eigen::VectorXd& weights) {
  if (sets.size() < 2) return nullptr;
  std::size_t eliminated = 0;
  for (std::size_t s = 1; s < sets.size(); ++s)
    if (sets[s].groups > sets[eliminated].groups) eliminated = s;
  Eigen::Index kept = 0;
  for (std::size_t s = 0; s < sets.size(); ++s)
    if (s != eliminated) kept += sets[s].groups;
  if (kept > kLargestComplement) return nullptr;
  // Each eliminated group adds the outer product of its entries in the other sets.
  std::vector<double> members(static_cast<std::size_t>(sets[eliminated].groups), 0.0);
  for (const auto group : sets[eliminated].group) members[static_cast<std::size_t>(group)] += 1;
  const auto others = static_cast<double>(sets.size() - 1);
  double cost = 0;
  for (const double count : members) cost += (count * others) * (count * others);
  if (cost + static_cast<double>(weights.size()) * others * others > kAssemblyBudget) return nullptr;
  std::unique_ptr<SchurComplementSolver> solver(new SchurComplementSolver(sets, weights, eliminated));
  if (!solver->Refactor()) return nullptr;
  return solver;
}

SchurComplementSolver::SchurComplementSolver(const std::vector<FixedEffectSet>& sets,
                                             const Eigen::VectorXd& weights, std::size_t eliminated)
    : sets_(sets), weights_(weights), eliminated_(eliminated) {
  Eigen::Index all = 0;
  for (std::size_t s = 0; s < sets.size(); ++s) {
    starts_.push_back(all);
    all += sets[s].groups;
    kept_starts_.push_back(s == eliminated ? -1 : kept_size_);
    if (s != eliminated) kept_size_ += sets[s].groups;
  }
  // The eliminated set's groups, each with its observations, for the assembly.
  const auto& own = sets[eliminated].group;
  const auto own_groups = static_cast<std::size_t>(sets[eliminated].groups);
  first_member_.assign(own_groups + 1, 0);
  for (const auto group : own) ++first_member_[static_cast<std::size_t>(group) + 1];
  for (std::size_t g = 0; g < own_groups; ++g) first_member_[g + 1] += first_member_[g];
  members_.resize(own.size());
  std::vector<Eigen::Index> next(first_member_.begin(), first_member_.end() - 1);
  for (std::size_t i = 0; i < own.size(); ++i)
    members_[static_cast<std::size_t>(next[static_cast<std::size_t>(own[i])]++)] =
        static_cast<Eigen::Index>(i);
  Reweight();
}

Eigen::MatrixXd SchurComplementSolver::Complement(Eigen::VectorXd& totals) const {
  const auto n = weights_.size();
  // D'WD restricted to the other sets: each group's total on the diagonal, the weight two groups share off
  // it.
  Eigen::MatrixXd complement = Eigen::MatrixXd::Zero(kept_size_, kept_size_);
  std::vector<Eigen::Index> at;
  for (Eigen::Index i = 0; i < n; ++i) {
    at.clear();
    for (std::size_t s = 0; s < sets_.size(); ++s)
      if (s != eliminated_) at.push_back(kept_starts_[s] + sets_[s].group[static_cast<std::size_t>(i)]);
    for (const auto a : at)
      for (const auto b : at) complement(a, b) += weights_[i];
  }
  totals = complement.diagonal();
  // Less, for each eliminated group g, u u' / W_g, where u holds the weight g shares with each other group.
  std::vector<std::pair<Eigen::Index, double>> shared;
  for (std::size_t g = 0; g + 1 < first_member_.size(); ++g) {
    shared.clear();
    for (auto m = first_member_[g]; m < first_member_[g + 1]; ++m) {
      const auto i = members_[static_cast<std::size_t>(m)];
      for (std::size_t s = 0; s < sets_.size(); ++s)
        if (s != eliminated_)
          shared.emplace_back(kept_starts_[s] + sets_[s].group[static_cast<std::size_t>(i)], weights_[i]);
    }
    const double inverse = eliminated_inverse_[static_cast<Eigen::Index>(g)];
    for (const auto& [a, wa] : shared)
      for (const auto& [b, wb] : shared) complement(a, b) -= wa * wb * inverse;
  }
  return complement;
}

bool SchurComplementSolver::Refactor() {
  Reweight();
  Eigen::VectorXd totals;
  Eigen::MatrixXd complement = Complement(totals);
  double applied = 0;
  for (const double ridge : kRidges) {
    complement.diagonal() += (ridge - applied) * totals;
    applied = ridge;
    factor_.compute(complement);
    if (factor_.info() == Eigen::Success) return true;
  }
  return false;
}

void SchurComplementSolver::Reweight() {
  const auto& own = sets_[eliminated_].group;
  Eigen::RowVectorXd totals = Eigen::RowVectorXd::Zero(sets_[eliminated_].groups);
  for (Eigen::Index i = 0; i < weights_.size(); ++i) totals[own[static_cast<std::size_t>(i)]] += weights_[i];
  eliminated_inverse_ = totals.cwiseInverse();
}

void SchurComplementSolver::Solve(const Eigen::MatrixXd& residual, Eigen::MatrixXd& solution) const {
  const auto width = residual.rows();
  const auto n = weights_.size();
  const double* const w = weights_.data();
  const std::int32_t* const own = sets_[eliminated_].group.data();
  const auto own_groups = sets_[eliminated_].groups;
  const auto own_start = starts_[eliminated_];
  // The eliminated groups' right-hand sides per unit of their weight, W_e^-1 r_e.
  const Eigen::MatrixXd scaled =
      residual.middleCols(own_start, own_groups).array().rowwise() * eliminated_inverse_.array();
  // The complement's right-hand side r_o - D_o'W D_e W_e^-1 r_e.
  Eigen::MatrixXd right(width, kept_size_);
  for (std::size_t s = 0; s < sets_.size(); ++s)
    if (s != eliminated_)
      right.middleCols(kept_starts_[s], sets_[s].groups) = residual.middleCols(starts_[s], sets_[s].groups);
  for (std::size_t s = 0; s < sets_.size(); ++s) {
    if (s == eliminated_) continue;
    const std::int32_t* const group = sets_[s].group.data();
    double* const target = right.data() + kept_starts_[s] * width;
    const double* const source = scaled.data();
    for (Eigen::Index i = 0; i < n; ++i) {
      double* const to = target + static_cast<std::ptrdiff_t>(group[i]) * width;
      const double* const from = source + static_cast<std::ptrdiff_t>(own[i]) * width;
      for (Eigen::Index c = 0; c < width; ++c) to[c] -= w[i] * from[c];
    }
  }
  const Eigen::MatrixXd kept = factor_.solve(right.transpose()).transpose();
  solution.resize(width, residual.cols());
  for (std::size_t s = 0; s < sets_.size(); ++s)
    if (s != eliminated_)
      solution.middleCols(starts_[s], sets_[s].groups) = kept.middleCols(kept_starts_[s], sets_[s].groups);
  // The eliminated coefficients given the others: W_e^-1 (r_e - D_e'W D_o a_o).
  Eigen::MatrixXd remainder = residual.middleCols(own_start, own_groups);
  for (std::size_t s = 0; s < sets_.size(); ++s) {
    if (s == eliminated_) continue;
    const std::int32_t* const group = sets_[s].group.data();
    const double* const source = kept.data() + kept_starts_[s] * width;
    double* const target = remainder.data();
    for (Eigen::Index i = 0; i < n; ++i) {
      double* const to = target + static_cast<std::ptrdiff_t>(own[i]) * width;
      const double* const from = source + static_cast<std::ptrdiff_t>(group[i]) * width;
      for (Eigen::Index c = 0; c < width; ++c) to[c] -= w[i] * from[c];
    }
  }
  solution.middleCols(own_start, own_groups) = remainder.array().rowwise() * eliminated_inverse_.array();
}

}  // namespace linkage
