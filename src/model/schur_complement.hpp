// model/schur_complement.hpp
// The normal equations of the fixed-effect coefficients solved directly where the alternating projections
// mix slowly: the set with most groups is eliminated group by group (its block of D'WD is diagonal), and the
// dense Schur complement that remains on the other sets is factored by Cholesky, with a small ridge.
// Conjugate gradients preconditioned by this solve converge in a few passes instead of hundreds
// (docs/methods.md, "Gravity").
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <vector>

#include "model/fixed_effects.hpp"

namespace linkage {

//! A factored Schur complement of D'WD for one set of weights; solves D'WD a = r for every set's
//! coefficients (laid out one set after another, as in FixedEffectProjector).
class SchurComplementSolver {
 public:
  //! The largest number of groups of the sets other than the eliminated one: the factor holds the square of
  //! it in doubles twice over while it is factored (64 MB at this size) and costs a third of its cube in
  //! multiply-adds.
  static constexpr Eigen::Index kLargestComplement = 2000;

  //! Builds the solver for `sets` (at least two) and `weights`, which must outlive it, or returns null when
  //! the complement would be larger than kLargestComplement or too costly to assemble.
  static std::unique_ptr<SchurComplementSolver> Build(const std::vector<FixedEffectSet>& sets,
                                                      const Eigen::VectorXd& weights);

  //! `solution` = a solution of D'WD a = r for each row of `residual` (one row per column of data, one
  //! column per coefficient of every set). The small ridge that keeps the factor positive definite where the
  //! coefficients are not identified makes it approximate along those directions, which change no fitted
  //! value, and along nearly unidentified ones: a preconditioner.
  void Solve(const Eigen::MatrixXd& residual, Eigen::MatrixXd& solution) const;

  //! Takes up new values of the weights for the elimination and keeps the factor, which then only
  //! approximates the complement: a preconditioner still, for weights that changed little.
  void Reweight();

  //! Takes up new values of the weights and factors the complement again; false if the factorisation fails.
  bool Refactor();

 private:
  SchurComplementSolver(const std::vector<FixedEffectSet>& sets, const Eigen::VectorXd& weights,
                        std::size_t eliminated);
  // The complement for the current weights, and in `totals` each of its groups' total weight.
  Eigen::MatrixXd Complement(Eigen::VectorXd& totals) const;

  const std::vector<FixedEffectSet>& sets_;
  const Eigen::VectorXd& weights_;
  std::size_t eliminated_;                  // the set solved group by group
  std::vector<Eigen::Index> starts_;        // where each set starts among all the coefficients
  std::vector<Eigen::Index> kept_starts_;   // where each other set starts in the complement (-1: eliminated)
  Eigen::Index kept_size_ = 0;              // groups of the other sets together
  std::vector<Eigen::Index> first_member_;  // [group]: where the eliminated group's observations start
  std::vector<Eigen::Index> members_;       // observations by eliminated group
  Eigen::RowVectorXd eliminated_inverse_;   // 1 / each eliminated group's total weight
  Eigen::LLT<Eigen::MatrixXd> factor_;      // of the complement, with the ridge
};

}  // namespace linkage
