#include "model/fixed_effects.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <functional>

#include "core/parallel.hpp"
#include "model/schur_complement.hpp"

namespace linkage {

namespace {

// Accelerated rounds before conjugate gradients take over: enough for sets that mix well, few enough not to
// waste time where they mix slowly.
constexpr int kAcceleratedRounds = 40;

// Passes of conjugate gradients preconditioned by the direct solve beyond which its factor, made for earlier
// weights, is made again: a fresh one needs one to four.
constexpr int kStaleRounds = 6;

// Passes after which conjugate gradients give up the direct solve for the group totals: rounding along the
// directions the fixed effects do not identify, which the direct solve amplifies, has stalled them.
constexpr int kDirectRounds = 50;

// Restarts from the best coefficients after which they give it up too.
constexpr int kRestarts = 3;

// How far a column's residual may grow above its smallest before its recurrences are deemed lost.
constexpr double kGrowth = 100;

// Observations from which the group totals of several sets are computed on threads of their own.
constexpr Eigen::Index kParallelFrom = Eigen::Index{1} << 16;

// Applies each observation's `update(i, values)` to the `Width` values of its group of `group` in `out`.
// A run of observations of the same group is accumulated in registers and stored once: where the data are
// sorted by that set, the updates would otherwise wait on each other through memory. The additions happen in
// the same order either way.
template <int Width, typename Update>
void UpdateByRuns(const std::int32_t* group, Eigen::Index n, double* out, const Update& update) {
  Eigen::Index i = 0;
  while (i < n) {
    const std::int32_t own = group[i];
    double* const target = out + static_cast<std::ptrdiff_t>(own) * Width;
    std::array<double, Width> values{};
    for (int c = 0; c < Width; ++c) values[c] = target[c];
    do {
      update(i, values);
      ++i;
    } while (i < n && group[i] == own);
    for (int c = 0; c < Width; ++c) target[c] = values[c];
  }
}

// Each set's total weight per group; the sets are independent and shared among up to `threads` threads.
std::vector<std::vector<double>> GroupTotals(const std::vector<FixedEffectSet>& sets,
                                             const Eigen::VectorXd& weights, int threads = 1) {
  std::vector<std::vector<double>> totals(sets.size());
  const double* const w = weights.data();
  const auto total = [&](std::size_t s) {
    totals[s].assign(static_cast<std::size_t>(sets[s].groups), 0.0);
    UpdateByRuns<1>(sets[s].group.data(), weights.size(), totals[s].data(),
                    [&](Eigen::Index i, std::array<double, 1>& value) { value[0] += w[i]; });
  };
  const auto workers = std::min(static_cast<std::size_t>(std::max(threads, 1)), sets.size());
  if (workers <= 1 || weights.size() < kParallelFrom) {
    for (std::size_t s = 0; s < sets.size(); ++s) total(s);
  } else {
    RunOnWorkers(sets.size(), workers, [&](std::size_t) { return std::function<void(std::size_t)>(total); });
  }
  return totals;
}

}  // namespace

FixedEffectProjector::FixedEffectProjector(const std::vector<FixedEffectSet>& sets,
                                           const Eigen::VectorXd& weights, const ProjectionOptions& options)
    : sets_(sets), weights_(weights), options_(options) {
  for (std::size_t s = 1; s < sets.size(); ++s) {
    offsets_.push_back(state_size_);
    state_size_ += sets[s].groups;
  }
  Eigen::Index all = 0;
  for (const auto& set : sets) {
    starts_.push_back(all);
    all += set.groups;
  }
  ComputeTotals();
}

FixedEffectProjector::~FixedEffectProjector() = default;

void FixedEffectProjector::ComputeTotals() {
  inverse_totals_.clear();
  for (const auto& totals : GroupTotals(sets_, weights_, options_.threads)) {
    Eigen::RowVectorXd inverse(static_cast<Eigen::Index>(totals.size()));
    for (std::size_t g = 0; g < totals.size(); ++g)
      inverse[static_cast<Eigen::Index>(g)] = totals[g] > 0 ? 1 / totals[g] : 0;
    inverse_totals_.push_back(std::move(inverse));
  }
  inverse_all_.resize(starts_.empty() ? 0 : starts_.back() + sets_.back().groups);
  for (std::size_t s = 0; s < sets_.size(); ++s)
    inverse_all_.segment(starts_[s], sets_[s].groups) = inverse_totals_[s];
}

void FixedEffectProjector::Reweight() {
  ComputeTotals();
  const std::lock_guard<std::mutex> lock(direct_mutex_);
  if (direct_ == nullptr) return;
  if (direct_rounds_ <= kStaleRounds)
    direct_->Reweight();
  else if (!direct_->Refactor())
    direct_.reset();
  direct_rounds_ = 0;
}

const SchurComplementSolver* FixedEffectProjector::Direct() const {
  const std::lock_guard<std::mutex> lock(direct_mutex_);
  if (!direct_tried_) {
    direct_ = SchurComplementSolver::Build(sets_, weights_);
    direct_tried_ = true;
  }
  return direct_.get();
}

const SchurComplementSolver* FixedEffectProjector::BuiltDirect() const {
  const std::lock_guard<std::mutex> lock(direct_mutex_);
  return direct_.get();
}

bool FixedEffectProjector::SolvedDirectly() const {
  return BuiltDirect() != nullptr;
}

template <int Width>
void FixedEffectProjector::MultiplyNormal(const Eigen::MatrixXd& source, Eigen::MatrixXd& product) const {
  const auto n = weights_.size();
  const std::size_t count = sets_.size();
  const double* const w = weights_.data();
  product.setZero(Width, inverse_all_.size());
  const double* const p = source.data();
  double* const q = product.data();
  std::array<double, Width> total{};
  for (Eigen::Index i = 0; i < n; ++i) {
    total.fill(0.0);
    for (std::size_t s = 0; s < count; ++s) {
      const double* const from = p + (starts_[s] + sets_[s].group[i]) * Width;
      for (int c = 0; c < Width; ++c) total[c] += from[c];
    }
    for (std::size_t s = 0; s < count; ++s) {
      double* const to = q + (starts_[s] + sets_[s].group[i]) * Width;
      for (int c = 0; c < Width; ++c) to[c] += w[i] * total[c];
    }
  }
}

template <int Width>
void FixedEffectProjector::Residual(const std::vector<Eigen::MatrixXd>& sums,
                                    const Eigen::MatrixXd& coefficients, Eigen::MatrixXd& residual) const {
  residual.resize(Width, inverse_all_.size());
  for (std::size_t s = 0; s < sets_.size(); ++s) residual.middleCols(starts_[s], sets_[s].groups) = sums[s];
  Eigen::MatrixXd product;
  MultiplyNormal<Width>(coefficients, product);
  residual -= product;
}

template <int Width>
void FixedEffectProjector::SubtractFitted(const Eigen::MatrixXd& coefficients,
                                          Eigen::Ref<Eigen::MatrixXd> columns) const {
  const auto n = columns.rows();
  const std::size_t count = sets_.size();
  std::vector<const std::int32_t*> groups(count);
  std::vector<const double*> effects(count);
  for (std::size_t s = 0; s < count; ++s) {
    groups[s] = sets_[s].group.data();
    effects[s] = coefficients.data() + starts_[s] * Width;
  }
  std::array<double*, Width> targets{};
  for (int c = 0; c < Width; ++c) targets[c] = columns.col(c).data();
  for (Eigen::Index i = 0; i < n; ++i) {
    std::array<double, Width> fitted{};
    for (std::size_t s = 0; s < count; ++s) {
      const double* const from = effects[s] + static_cast<std::ptrdiff_t>(groups[s][i]) * Width;
      for (int c = 0; c < Width; ++c) fitted[c] += from[c];
    }
    for (int c = 0; c < Width; ++c) targets[c][i] -= fitted[c];
  }
}

template <int Width>
std::vector<Eigen::MatrixXd> FixedEffectProjector::GroupSums(
    const Eigen::Ref<Eigen::MatrixXd>& columns) const {
  const auto n = columns.rows();
  const std::size_t count = sets_.size();
  std::vector<Eigen::MatrixXd> sums;
  sums.reserve(count);
  std::vector<const std::int32_t*> groups(count);
  std::vector<double*> targets(count);
  for (std::size_t s = 0; s < count; ++s) {
    sums.push_back(Eigen::MatrixXd::Zero(Width, sets_[s].groups));
    groups[s] = sets_[s].group.data();
    targets[s] = sums.back().data();
  }
  std::array<const double*, Width> sources{};
  for (int c = 0; c < Width; ++c) sources[c] = columns.col(c).data();
  const double* const w = weights_.data();
  for (Eigen::Index i = 0; i < n; ++i) {
    std::array<double, Width> weighted{};
    for (int c = 0; c < Width; ++c) weighted[c] = w[i] * sources[c][i];
    for (std::size_t s = 0; s < count; ++s) {
      double* const to = targets[s] + static_cast<std::ptrdiff_t>(groups[s][i]) * Width;
      for (int c = 0; c < Width; ++c) to[c] += weighted[c];
    }
  }
  return sums;
}

template <int Width>
int FixedEffectProjector::ProjectBlockDirectly(Eigen::Ref<Eigen::MatrixXd> columns,
                                               const std::vector<Eigen::MatrixXd>& sums,
                                               Eigen::MatrixXd& coefficients,
                                               const std::array<double, Width>& tolerance, int budget,
                                               const SchurComplementSolver& direct) const {
  // Conjugate gradients preconditioned by the direct solve. Near the end the residual is mostly rounding,
  // which the solve amplifies along the unidentified directions, and the recurrences can lose their way; a
  // column whose residual grows, or whose direction has no curvature, restarts from its best coefficients
  // with the residual computed afresh, and a block that keeps failing is given up (-1) at its best.
  Eigen::MatrixXd best = coefficients;
  Eigen::MatrixXd residual;
  Residual<Width>(sums, coefficients, residual);
  Eigen::MatrixXd means = residual.array().rowwise() * inverse_all_.array();
  Eigen::MatrixXd preconditioned;
  Eigen::MatrixXd direction(Width, inverse_all_.size());
  Eigen::MatrixXd product;
  std::array<double, Width> rz{};
  std::array<double, Width> smallest{};
  std::array<bool, Width> done{};
  std::array<bool, Width> fresh{};
  for (int c = 0; c < Width; ++c) {
    smallest[c] = means.row(c).cwiseAbs().maxCoeff();
    done[c] = smallest[c] <= tolerance[c];
    fresh[c] = true;
  }
  int rounds = 0;
  int restarts = 0;
  while (std::find(done.begin(), done.end(), false) != done.end()) {
    if (rounds >= budget || rounds >= kDirectRounds) {
      coefficients = best;
      return -1;
    }
    direct.Solve(residual, preconditioned);
    for (int c = 0; c < Width; ++c) {
      if (done[c]) continue;
      const double updated = residual.row(c).dot(preconditioned.row(c));
      if (fresh[c])
        direction.row(c) = preconditioned.row(c);
      else
        direction.row(c) = preconditioned.row(c) + (updated / rz[c]) * direction.row(c);
      rz[c] = updated;
      fresh[c] = false;
    }
    ++rounds;
    MultiplyNormal<Width>(direction, product);
    bool restart = false;
    for (int c = 0; c < Width; ++c) {
      if (done[c]) continue;
      const double curvature = direction.row(c).dot(product.row(c));
      if (!(curvature > 0)) {
        restart = fresh[c] = true;
        continue;
      }
      const double step = rz[c] / curvature;
      coefficients.row(c) += step * direction.row(c);
      residual.row(c) -= step * product.row(c);
      means.row(c) = residual.row(c).array() * inverse_all_.array();
      const double largest = means.row(c).cwiseAbs().maxCoeff();
      done[c] = largest <= tolerance[c];
      if (largest < smallest[c]) {
        smallest[c] = largest;
        best.row(c) = coefficients.row(c);
      } else if (largest > kGrowth * smallest[c]) {
        restart = fresh[c] = true;
      }
    }
    if (!restart) continue;
    coefficients = best;
    if (++restarts > kRestarts) return -1;
    Residual<Width>(sums, coefficients, residual);
    means = residual.array().rowwise() * inverse_all_.array();
    for (int c = 0; c < Width; ++c) {
      smallest[c] = means.row(c).cwiseAbs().maxCoeff();
      done[c] = smallest[c] <= tolerance[c];
      fresh[c] = true;
    }
  }
  SubtractFitted<Width>(coefficients, columns);
  return rounds;
}

template <int Width>
int FixedEffectProjector::ProjectBlockDirectlyOrByGradients(Eigen::Ref<Eigen::MatrixXd> columns,
                                                            const std::vector<Eigen::MatrixXd>& sums,
                                                            Eigen::MatrixXd& coefficients,
                                                            const std::array<double, Width>& tolerance,
                                                            int budget,
                                                            const SchurComplementSolver& direct) const {
  const int rounds = ProjectBlockDirectly<Width>(columns, sums, coefficients, tolerance, budget, direct);
  // A failure counts as more passes than any success: Reweight factors again.
  const int taken = rounds < 0 ? kDirectRounds + 1 : rounds;
  int most = direct_rounds_.load();
  while (taken > most && !direct_rounds_.compare_exchange_weak(most, taken)) {
  }
  if (rounds >= 0) return rounds;
  return kDirectRounds +
         ProjectBlockByGradients<Width>(columns, sums, coefficients, tolerance, budget - kDirectRounds);
}

template <int Width>
int FixedEffectProjector::ProjectBlockByGradients(Eigen::Ref<Eigen::MatrixXd> columns,
                                                  const std::vector<Eigen::MatrixXd>& sums,
                                                  Eigen::MatrixXd& coefficients,
                                                  const std::array<double, Width>& tolerance,
                                                  int budget) const {
  Eigen::MatrixXd residual;
  Residual<Width>(sums, coefficients, residual);
  Eigen::MatrixXd product;
  // Preconditioned by the group totals: the preconditioned residual is each group's weighted mean of the
  // column's current residual, which is also what must vanish.
  Eigen::MatrixXd means = residual.array().rowwise() * inverse_all_.array();
  Eigen::MatrixXd direction = means;
  std::array<double, Width> rz{};
  std::array<bool, Width> done{};
  for (int c = 0; c < Width; ++c) {
    rz[c] = residual.row(c).dot(means.row(c));
    done[c] = means.row(c).cwiseAbs().maxCoeff() <= tolerance[c];
  }
  int rounds = 0;
  while (std::find(done.begin(), done.end(), false) != done.end() && rounds < budget) {
    ++rounds;
    MultiplyNormal<Width>(direction, product);
    for (int c = 0; c < Width; ++c) {
      if (done[c]) continue;
      const double curvature = direction.row(c).dot(product.row(c));
      if (!(curvature > 0)) {
        done[c] = true;
        continue;
      }
      const double step = rz[c] / curvature;
      coefficients.row(c) += step * direction.row(c);
      residual.row(c) -= step * product.row(c);
      means.row(c) = residual.row(c).array() * inverse_all_.array();
      const double updated = residual.row(c).dot(means.row(c));
      done[c] = means.row(c).cwiseAbs().maxCoeff() <= tolerance[c];
      direction.row(c) = means.row(c) + (updated / rz[c]) * direction.row(c);
      rz[c] = updated;
    }
  }
  SubtractFitted<Width>(coefficients, columns);
  return rounds;
}

template <int Width>
void FixedEffectProjector::Round(const std::vector<Eigen::MatrixXd>& sums, const Eigen::MatrixXd& state,
                                 Eigen::MatrixXd& next, Eigen::MatrixXd& first,
                                 Eigen::MatrixXd& scratch) const {
  // Coefficient matrices hold a group's `Width` values next to each other, so one pass over the
  // observations updates every column, with independent chains of additions the processor can overlap.
  const auto n = weights_.size();
  const double* const w = weights_.data();
  const std::int32_t* const group0 = sets_[0].group.data();
  const double* const current = state.data();
  first = sums[0];
  double* const out0 = first.data();
  if (sets_.size() == 2) {
    const std::int32_t* const group1 = sets_[1].group.data();
    UpdateByRuns<Width>(group0, n, out0, [&](Eigen::Index i, std::array<double, Width>& values) {
      const double* const source = current + static_cast<std::ptrdiff_t>(group1[i]) * Width;
      for (int c = 0; c < Width; ++c) values[c] -= w[i] * source[c];
    });
    first.array().rowwise() *= inverse_totals_[0].array();
    next = sums[1];
    UpdateByRuns<Width>(group1, n, next.data(), [&](Eigen::Index i, std::array<double, Width>& values) {
      const double* const source = out0 + static_cast<std::ptrdiff_t>(group0[i]) * Width;
      for (int c = 0; c < Width; ++c) values[c] -= w[i] * source[c];
    });
    next.array().rowwise() *= inverse_totals_[1].array();
    return;
  }
  if (sets_.size() == 3) {
    // Three sets (exporter-year, importer-year, pair) get loops of their own too.
    const std::int32_t* const group1 = sets_[1].group.data();
    const std::int32_t* const group2 = sets_[2].group.data();
    const double* const current1 = current;
    const double* const current2 = current + offsets_[1] * Width;
    UpdateByRuns<Width>(group0, n, out0, [&](Eigen::Index i, std::array<double, Width>& values) {
      const double* const a = current1 + static_cast<std::ptrdiff_t>(group1[i]) * Width;
      const double* const b = current2 + static_cast<std::ptrdiff_t>(group2[i]) * Width;
      for (int c = 0; c < Width; ++c) values[c] -= w[i] * (a[c] + b[c]);
    });
    first.array().rowwise() *= inverse_totals_[0].array();
    scratch = sums[1];
    UpdateByRuns<Width>(group1, n, scratch.data(), [&](Eigen::Index i, std::array<double, Width>& values) {
      const double* const a = out0 + static_cast<std::ptrdiff_t>(group0[i]) * Width;
      const double* const b = current2 + static_cast<std::ptrdiff_t>(group2[i]) * Width;
      for (int c = 0; c < Width; ++c) values[c] -= w[i] * (a[c] + b[c]);
    });
    scratch.array().rowwise() *= inverse_totals_[1].array();
    next.leftCols(sets_[1].groups) = scratch;
    scratch = sums[2];
    const double* const updated1 = next.data();
    UpdateByRuns<Width>(group2, n, scratch.data(), [&](Eigen::Index i, std::array<double, Width>& values) {
      const double* const a = out0 + static_cast<std::ptrdiff_t>(group0[i]) * Width;
      const double* const b = updated1 + static_cast<std::ptrdiff_t>(group1[i]) * Width;
      for (int c = 0; c < Width; ++c) values[c] -= w[i] * (a[c] + b[c]);
    });
    scratch.array().rowwise() *= inverse_totals_[2].array();
    next.middleCols(offsets_[1], sets_[2].groups) = scratch;
    return;
  }
  const std::size_t count = sets_.size();
  double others[Width];
  for (Eigen::Index i = 0; i < n; ++i) {
    for (int c = 0; c < Width; ++c) others[c] = 0;
    for (std::size_t t = 1; t < count; ++t) {
      const double* const source = current + (offsets_[t - 1] + sets_[t].group[i]) * Width;
      for (int c = 0; c < Width; ++c) others[c] += source[c];
    }
    double* const target = out0 + static_cast<std::ptrdiff_t>(group0[i]) * Width;
    for (int c = 0; c < Width; ++c) target[c] -= w[i] * others[c];
  }
  first.array().rowwise() *= inverse_totals_[0].array();
  const double* const updated = next.data();
  for (std::size_t s = 1; s < count; ++s) {
    scratch = sums[s];
    double* const out = scratch.data();
    const std::int32_t* const own = sets_[s].group.data();
    for (Eigen::Index i = 0; i < n; ++i) {
      // Sets before s already have this round's values in `next`; later ones still have the last round's.
      const double* const base = out0 + static_cast<std::ptrdiff_t>(group0[i]) * Width;
      for (int c = 0; c < Width; ++c) others[c] = base[c];
      for (std::size_t t = 1; t < count; ++t) {
        if (t == s) continue;
        const double* const source =
            (t < s ? updated : current) + (offsets_[t - 1] + sets_[t].group[i]) * Width;
        for (int c = 0; c < Width; ++c) others[c] += source[c];
      }
      double* const target = out + static_cast<std::ptrdiff_t>(own[i]) * Width;
      for (int c = 0; c < Width; ++c) target[c] -= w[i] * others[c];
    }
    scratch.array().rowwise() *= inverse_totals_[s].array();
    next.middleCols(offsets_[s - 1], sets_[s].groups) = scratch;
  }
}

template <int Width>
int FixedEffectProjector::ProjectBlock(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<double>& scales,
                                       double relative) const {
  const std::vector<Eigen::MatrixXd> sums = GroupSums<Width>(columns);
  if (sets_.size() == 1) {
    // One set is a single projection: subtract each group's weighted mean.
    SubtractFitted<Width>(sums[0].array().rowwise() * inverse_totals_[0].array(), columns);
    return 1;
  }
  std::array<double, Width> tolerance{};
  for (int c = 0; c < Width; ++c) tolerance[c] = relative * scales[static_cast<std::size_t>(c)];
  if (const auto* direct = BuiltDirect(); direct != nullptr) {
    Eigen::MatrixXd coefficients = Eigen::MatrixXd::Zero(Width, inverse_all_.size());
    return ProjectBlockDirectlyOrByGradients<Width>(columns, sums, coefficients, tolerance,
                                                    options_.max_sweeps, *direct);
  }
  // Irons-Tuck, column by column: from X, G(X) and G(G(X)) of the round G, the next X extrapolates along the
  // last step by the ratio the last two steps suggest; the fixed point of G is the projection. It is fast
  // where the sets mix well; where they do not, its steps stall and conjugate gradients take over.
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(Width, state_size_);
  Eigen::MatrixXd gx(Width, state_size_);
  Eigen::MatrixXd ggx(Width, state_size_);
  Eigen::MatrixXd first;
  Eigen::MatrixXd scratch;
  const auto settled = [&](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    for (int c = 0; c < Width; ++c)
      if ((a.row(c) - b.row(c)).cwiseAbs().maxCoeff() > tolerance[c]) return false;
    return true;
  };
  const int accelerated = std::min(options_.max_sweeps, kAcceleratedRounds);
  Round<Width>(sums, x, gx, first, scratch);
  int rounds = 1;
  bool converged = settled(gx, x);
  while (!converged && rounds < accelerated) {
    Round<Width>(sums, gx, ggx, first, scratch);
    ++rounds;
    for (int c = 0; c < Width; ++c) {
      const Eigen::RowVectorXd step = ggx.row(c) - gx.row(c);
      const Eigen::RowVectorXd curvature = step - (gx.row(c) - x.row(c));
      const double squared = curvature.squaredNorm();
      x.row(c) = squared > 0 ? Eigen::RowVectorXd(ggx.row(c) - (step.dot(curvature) / squared) * step)
                             : Eigen::RowVectorXd(ggx.row(c));
    }
    Round<Width>(sums, x, gx, first, scratch);
    ++rounds;
    converged = settled(gx, x);
  }
  // Set 0's coefficients made consistent with the final coefficients of the others.
  Round<Width>(sums, gx, ggx, first, scratch);
  Eigen::MatrixXd coefficients(Width, inverse_all_.size());
  coefficients.leftCols(sets_[0].groups) = first;
  coefficients.rightCols(state_size_) = ggx;
  if (!converged) {
    // Where the sets mix this slowly, a direct solve, if the sets are small enough for one, preconditions
    // conjugate gradients far better than the group totals.
    if (const auto* direct = Direct(); direct != nullptr)
      return rounds + ProjectBlockDirectlyOrByGradients<Width>(columns, sums, coefficients, tolerance,
                                                               options_.max_sweeps - rounds, *direct);
    return rounds + ProjectBlockByGradients<Width>(columns, sums, coefficients, tolerance,
                                                   options_.max_sweeps - rounds);
  }
  SubtractFitted<Width>(coefficients, columns);
  return rounds;
}

int FixedEffectProjector::Project(Eigen::Ref<Eigen::VectorXd> column, double scale, double tolerance) const {
  Eigen::Map<Eigen::MatrixXd> block(column.data(), column.size(), 1);
  return ProjectColumns(block, {scale}, tolerance);
}

int FixedEffectProjector::ProjectColumns(Eigen::Ref<Eigen::MatrixXd> columns,
                                         const std::vector<double>& scales, double tolerance) const {
  if (sets_.empty() || columns.cols() == 0) return 0;
  assert(columns.rows() == weights_.size() && "one weight per observation");
  // Each column's scale; a column of zeros is its own projection.
  std::vector<Eigen::Index> active;
  std::vector<double> scale;
  for (Eigen::Index k = 0; k < columns.cols(); ++k) {
    const double given = scales.empty() ? 0.0 : scales[static_cast<std::size_t>(k)];
    const double own = given > 0 ? given : columns.col(k).cwiseAbs().maxCoeff();
    if (own > 0) {
      active.push_back(k);
      scale.push_back(own);
    }
  }
  // Blocks of at most four columns, as even as the threads allow: one block per thread when there are
  // threads to spare.
  constexpr std::size_t kWidest = 4;
  const auto threads = static_cast<std::size_t>(std::max(1, options_.threads));
  const std::size_t blocks =
      std::max((active.size() + kWidest - 1) / kWidest, std::min(threads, active.size()));
  // Consecutive columns per block, as even as possible, so that a block of consecutive columns is projected
  // where it is instead of in a copy.
  std::vector<std::vector<std::size_t>> members(blocks);
  for (std::size_t a = 0; a < active.size(); ++a) members[a * blocks / active.size()].push_back(a);
  std::vector<int> rounds(blocks, 0);
  const double relative = tolerance > 0 ? tolerance : options_.tolerance;
  const auto run = [&](const Eigen::Ref<Eigen::MatrixXd>& block, const std::vector<double>& block_scales) {
    switch (block.cols()) {
      case 1:
        return ProjectBlock<1>(block, block_scales, relative);
      case 2:
        return ProjectBlock<2>(block, block_scales, relative);
      case 3:
        return ProjectBlock<3>(block, block_scales, relative);
      default:
        return ProjectBlock<4>(block, block_scales, relative);
    }
  };
  const auto project = [&](std::size_t b) {
    const auto width = static_cast<Eigen::Index>(members[b].size());
    std::vector<double> block_scales;
    for (const auto a : members[b]) block_scales.push_back(scale[a]);
    const Eigen::Index first = active[members[b].front()];
    if (active[members[b].back()] - first + 1 == width) {
      rounds[b] = run(columns.middleCols(first, width), block_scales);
      return;
    }
    Eigen::MatrixXd block(columns.rows(), width);
    for (Eigen::Index c = 0; c < width; ++c)
      block.col(c) = columns.col(active[members[b][static_cast<std::size_t>(c)]]);
    rounds[b] = run(block, block_scales);
    for (Eigen::Index c = 0; c < width; ++c)
      columns.col(active[members[b][static_cast<std::size_t>(c)]]) = block.col(c);
  };
  if (threads <= 1 || blocks == 1) {
    for (std::size_t b = 0; b < blocks; ++b) project(b);
  } else {
    RunOnWorkers(blocks, std::min(threads, blocks),
                 [&](std::size_t) { return std::function<void(std::size_t)>(project); });
  }
  return blocks == 0 ? 0 : *std::max_element(rounds.begin(), rounds.end());
}

int AbsorbFixedEffects(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                       Eigen::MatrixXd& columns, const ProjectionOptions& options) {
  return FixedEffectProjector(sets, weights, options).ProjectColumns(columns);
}

FixedEffectSet SubsetFixedEffect(const FixedEffectSet& set, const std::vector<bool>& keep) {
  FixedEffectSet kept{set.name, {}, 0};
  kept.group.reserve(static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true)));
  std::vector<std::int32_t> renumbered(static_cast<std::size_t>(set.groups), -1);
  for (std::size_t i = 0; i < keep.size(); ++i) {
    if (!keep[i]) continue;
    auto& id = renumbered[static_cast<std::size_t>(set.group[i])];
    if (id < 0) id = kept.groups++;
    kept.group.push_back(id);
  }
  return kept;
}

std::vector<FixedEffectSet> SubsetFixedEffects(const std::vector<FixedEffectSet>& sets,
                                               const std::vector<bool>& keep) {
  std::vector<FixedEffectSet> subset;
  subset.reserve(sets.size());
  for (const auto& set : sets) subset.push_back(SubsetFixedEffect(set, keep));
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
