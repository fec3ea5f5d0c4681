// model/fixed_effects.hpp
// High-dimensional fixed effects absorbed by alternating projections (Guimarães and Portugal 2010; Correia
// 2017), solved for the fixed-effect coefficients and accelerated by Irons and Tuck's (1969) extrapolation as
// in fixest (Bergé 2018), with conjugate gradients where the sets mix slowly, preconditioned by a direct
// solve where the sets allow one (model/schur_complement.hpp): each column's residual on all the group
// dummies without ever forming them (docs/methods.md, "Gravity").
#pragma once

#include <Eigen/Dense>
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
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

class SchurComplementSolver;

//! The weighted projection on the fixed-effect dummies of `sets`, prepared once for a set of weights and then
//! applied to as many columns as needed. It keeps references to `sets` and `weights`, which must outlive it;
//! the weights may change in place between projections if Reweight follows (the iterations of a Poisson fit).
class FixedEffectProjector {
 public:
  //! Prepares the group totals of `weights` (all positive) for each set.
  FixedEffectProjector(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                       const ProjectionOptions& options = {});
  ~FixedEffectProjector();
  FixedEffectProjector(const FixedEffectProjector&) = delete;
  FixedEffectProjector& operator=(const FixedEffectProjector&) = delete;

  //! Replaces `column` by its residual on the dummies; `scale` is what the tolerance is relative to (0: the
  //! column's own largest value), `tolerance` replaces the options' (0: theirs). Returns the rounds used.
  int Project(Eigen::Ref<Eigen::VectorXd> column, double scale = 0, double tolerance = 0) const;

  //! Projects every column, up to four at a time in one pass over the observations and on up to
  //! `options.threads` threads; `scales` and `tolerance` as in Project (empty: each column's own). Returns
  //! the rounds of the block that took most.
  int ProjectColumns(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<double>& scales = {},
                     double tolerance = 0) const;

  //! Takes up the weights' new values. A direct solve built for earlier weights stays on as the
  //! preconditioner while it still converges in a few passes, and is factored again once it does not.
  void Reweight();

  //! Whether the projections use the direct solve, the sets having mixed too slowly for the accelerated
  //! rounds.
  bool SolvedDirectly() const;

 private:
  // The inverse group totals of the current weights.
  void ComputeTotals();
  // The direct solve of the normal equations, built the first time a projection needs it; null where the
  // sets are too large for it.
  const SchurComplementSolver* Direct() const;
  // The direct solve if one is built already, without building it.
  const SchurComplementSolver* BuiltDirect() const;
  // Projects up to four columns together.
  template <int Width>
  int ProjectBlock(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<double>& scales,
                   double tolerance) const;
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
  // The same preconditioned by `direct`. Returns -1 if the rounding it amplifies defeats it, with `columns`
  // as they were and the best coefficients it found in `coefficients`, for the group totals to go on from.
  template <int Width>
  int ProjectBlockDirectly(Eigen::Ref<Eigen::MatrixXd> columns, const std::vector<Eigen::MatrixXd>& sums,
                           Eigen::MatrixXd& coefficients, const std::array<double, Width>& tolerance,
                           int budget, const SchurComplementSolver& direct) const;
  // ProjectBlockDirectly, and where it fails the group totals from its best coefficients; records the
  // passes it took for Reweight to judge the factor by. Returns the passes used.
  template <int Width>
  int ProjectBlockDirectlyOrByGradients(Eigen::Ref<Eigen::MatrixXd> columns,
                                        const std::vector<Eigen::MatrixXd>& sums,
                                        Eigen::MatrixXd& coefficients,
                                        const std::array<double, Width>& tolerance, int budget,
                                        const SchurComplementSolver& direct) const;
  // product = D'W D source for `Width` rows of coefficients, in one pass over the observations.
  template <int Width>
  void MultiplyNormal(const Eigen::MatrixXd& source, Eigen::MatrixXd& product) const;
  // The residual of the normal equations D'W (v - D a) = 0 at `coefficients`, from the group sums of v.
  template <int Width>
  void Residual(const std::vector<Eigen::MatrixXd>& sums, const Eigen::MatrixXd& coefficients,
                Eigen::MatrixXd& residual) const;
  // The weighted sums of each column over each set's groups ([set], Width rows), in one pass over the
  // observations.
  template <int Width>
  std::vector<Eigen::MatrixXd> GroupSums(const Eigen::Ref<Eigen::MatrixXd>& columns) const;
  // Subtracts the effects of `coefficients` (every set's groups one after another) from each observation of
  // `columns`, in one pass over the observations.
  template <int Width>
  void SubtractFitted(const Eigen::MatrixXd& coefficients, Eigen::Ref<Eigen::MatrixXd> columns) const;

  const std::vector<FixedEffectSet>& sets_;
  const Eigen::VectorXd& weights_;
  ProjectionOptions options_;
  std::vector<Eigen::RowVectorXd> inverse_totals_;  // [set](group): 1 / the group's total weight
  std::vector<Eigen::Index> offsets_;               // where each set from the second on starts in a state
  Eigen::Index state_size_ = 0;
  std::vector<Eigen::Index> starts_;  // where each set starts among all the coefficients
  Eigen::RowVectorXd inverse_all_;    // the inverse totals of every set, one after another
  mutable std::mutex direct_mutex_;   // guards the two below while threads project blocks
  mutable bool direct_tried_ = false;
  mutable std::unique_ptr<SchurComplementSolver> direct_;
  mutable std::atomic<int> direct_rounds_{0};  // most passes a block took since the last factorisation
};

//! Sweeps every set out of `columns` (in place) with observation weights `weights`; returns the rounds used
//! of the column that took most. The result is the residual of a weighted regression on all the dummies.
int AbsorbFixedEffects(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                       Eigen::MatrixXd& columns, const ProjectionOptions& options = {});

//! Keeps the observations of `set` where `keep` is true, renumbering its groups densely in order of first
//! appearance.
FixedEffectSet SubsetFixedEffect(const FixedEffectSet& set, const std::vector<bool>& keep);

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
