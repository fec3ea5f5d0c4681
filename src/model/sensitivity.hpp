// model/sensitivity.hpp
// How much the scores and ranks depend on the arbitrary choices of the index: Monte Carlo over weights and
// normalisation methods in the manner of the OECD/JRC Handbook on Constructing Composite Indicators
// (docs/methods.md, "Sensitivity").
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/composite.hpp"
#include "model/index_spec.hpp"
#include "model/linkage_levels.hpp"

namespace linkage {

//! What each draw varies.
struct SensitivityOptions {
  std::size_t draws = 0;           //!< 0: no sensitivity analysis
  std::uint64_t seed = 1;          //!< the same seed gives the same draws
  double weight_spread = 0.5;      //!< each weight is multiplied by a uniform draw in [1 - s, 1 + s]
  bool vary_normalisation = true;  //!< each draw picks min-max, z-score or rank with equal probability
  Normalisation normalisation = Normalisation::kMinMax;  //!< the method of every draw when not varied
  double min_coverage = 0.5;                             //!< as for the nominal scores
};

//! The median and 5-95% interval of one number over the draws that gave it a value (missing unless at
//! least half of the draws did).
struct Spread {
  std::optional<double> median;
  std::optional<double> low;   //!< 5th percentile
  std::optional<double> high;  //!< 95th percentile
};

//! The draws of every row of EvaluateLevels, in its order.
class Sensitivity {
 public:
  Sensitivity(std::size_t rows, std::size_t draws);
  //! Number of draws.
  std::size_t Draws() const { return draws_; }
  //! Row `row`'s value in draw `draw` (nullopt when missing in that draw).
  std::optional<double> Value(std::size_t row, std::size_t draw) const;
  //! The spread of a row's values.
  Spread ValueSpread(std::size_t row) const;
  //! The spread of a row's ranks.
  Spread RankSpread(std::size_t row) const;
  //! Records draw `draw`; draws may be recorded from several threads at once.
  void Record(std::size_t draw, const std::vector<ScoreRow>& rows);

 private:
  std::size_t rows_;
  std::size_t draws_;
  // [draw * rows + row], NaN when missing: a draw's values are contiguous, so threads recording different
  // draws do not write to the same cache lines.
  std::vector<float> values_;
  std::vector<float> ranks_;
};

//! The scores of `draws` random choices of weights and normalisation.
Sensitivity RunSensitivity(const ComponentPanel& panel, const IndexSpec& spec, const LinkageDesign& design,
                           const SensitivityOptions& options);

}  // namespace linkage
