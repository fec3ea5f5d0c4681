// model/fixed_effects.hpp
// High-dimensional fixed effects absorbed by alternating projections (Guimarães and Portugal 2010; Correia
// 2017), solved for the fixed-effect coefficients and accelerated by Irons and Tuck's (1969) extrapolation as
// in fixest (Bergé 2018), with conjugate gradients where the sets mix slowly: each column's residual on all
// the group dummies without ever forming them (docs/methods.md, "Gravity").
#pragma once

#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace linkage {

//! One set of fixed effects: a group id (0..groups-1) for every observation.
struct FixedEffectSet {
  std::string name;  //!< e.g. "exporter#year"
  std::vector<std::int32_t> group;
  std::int32_t groups = 0;
};

//! How the projections stop and how many threads they use.
struct ProjectionOptions {
  //! Largest change of any fixed-effect coefficient between two rounds, relative to the column's scale.
  double tolerance = 1e-12;
  int max_sweeps = 10000;  //!< rounds per column; a round updates every set once
  int threads = 1;         //!< columns are independent: each thread takes its own
};

//! The weighted projection on the fixed-effect dummies of `sets`, prepared once for a set of weights and then
//! applied to as many columns as needed. It keeps references to `sets` and `weights`, which must outlive it.
class FixedEffectProjector {
 public:
  //! Prepares the group totals of `weights` (all positive) for each set.
  FixedEffectProjector(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                       const ProjectionOptions& options = {});

  //! Replaces `column` by its residual on the dummies; `scale` is what the tolerance is relative to (0: the
  //! column's own largest value). Returns the rounds used.
  int Project(Eigen::Ref<Eigen::VectorXd> column, double scale = 0) const;

  //! Projects every column, up to four at a time in one pass over the observations and on up to
  //! `options.threads` threads; `scales` as in Project (empty: each column's own). Returns the rounds of the
  //! block that took most.
  int ProjectColumns(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<double>& scales = {}) const;

 private:
  // Projects up to four columns together.
  template <int Width>
  int ProjectBlock(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<double>& scales) const;
  // One Gauss-Seidel round for `Width` columns at once: the coefficients of sets 1.. in `state` (Width rows,
  // a column per coefficient), those of set 0 written to `first`.
  template <int Width>
  void Round(const std::vector<Eigen::MatrixXd>& sums, const Eigen::MatrixXd& state, Eigen::MatrixXd& next,
             Eigen::MatrixXd& first, Eigen::MatrixXd& scratch) const;

  // Continues from `coefficients` (Width rows, every set's groups one after another) by conjugate gradients
  // on the normal equations, preconditioned by the group totals, for at most `budget` passes; `sums` are the
  // weighted group sums of the columns. Subtracts the fitted effects from `columns`.
  template <int Width>
  int ProjectBlockByGradients(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<Eigen::MatrixXd>& sums,
                              Eigen::MatrixXd& coefficients, const std::array<double, Width>& tolerance,
                              int budget) const;

  const std::vector<FixedEffectSet>& sets_;
  const Eigen::VectorXd& weights_;
  ProjectionOptions options_;
  std::vector<Eigen::RowVectorXd> inverse_totals_;  // [set](group): 1 / the group's total weight
  std::vector<Eigen::Index> offsets_;               // where each set from the second on starts in a state
  Eigen::Index state_size_ = 0;
  std::vector<Eigen::Index> starts_;  // where each set starts among all the coefficients
  Eigen::RowVectorXd inverse_all_;    // the inverse totals of every set, one after another
};

//! Sweeps every set out of `columns` (in place) with observation weights `weights`; returns the rounds used
//! of the column that took most. The result is the residual of a weighted regression on all the dummies.
int AbsorbFixedEffects(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                       Eigen::MatrixXd& columns, const ProjectionOptions& options = {});

//! Keeps the observations where `keep` is true, renumbering each set's groups densely.
std::vector<FixedEffectSet> SubsetFixedEffects(const std::vector<FixedEffectSet>& sets,
                                               const std::vector<bool>& keep);

//! Splits a fitted sum of fixed effects `total` (one value per observation) into one value per group of each
//! set, by alternating projections with unit weights; the last sets are normalised to a mean of zero over the
//! observations so the split is unique. Returns [set][group].
std::vector<std::vector<double>> SplitFixedEffects(const std::vector<FixedEffectSet>& sets,
                                                   const Eigen::VectorXd& total,
                                                   const ProjectionOptions& options = {});

}  // namespace linkage
