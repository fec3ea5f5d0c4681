// model/fixed_effects.hpp
// High-dimensional fixed effects absorbed by alternating projections: each set of group ids is swept out of a
// column in turn (a weighted group mean subtracted) until the column stops changing, the method of
// Guimarães and Portugal (2010) and Correia (2017) that ppmlhdfe builds on (docs/methods.md, "Gravity").
#pragma once

#include <Eigen/Dense>
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

//! How the projections stop.
struct ProjectionOptions {
  double tolerance = 1e-12;  //!< largest change of any value in a sweep, relative to the column's scale
  int max_sweeps = 10000;    //!< a sweep visits every set once
};

//! Sweeps every set out of `columns` (in place) with observation weights `weights`; returns the sweeps used
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
