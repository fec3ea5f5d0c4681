// model/ge_gravity.hpp
// General-equilibrium counterfactuals of structural gravity by GEPPML (Anderson, Larch and Yotov 2018; Yotov
// et al. 2016, chapter 2): the baseline world fitted by PPML with exporter and importer fixed effects, the
// conditional equilibrium (outputs fixed, resistances adjust) and the full-endowment equilibrium
// (factory-gate prices, outputs and expenditures adjust too), each found by re-estimating the same PPML with
// the trade costs as an offset (docs/methods.md, "General-equilibrium counterfactuals").
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "model/ppml.hpp"

namespace linkage {

//! The world a counterfactual runs on: every ordered pair of `countries`, domestic sales on the diagonal.
struct GeWorld {
  std::vector<std::string> countries;
  Eigen::MatrixXd flows;  //!< [exporter][importer]; NaN = missing (predicted by the baseline fit)
  Eigen::MatrixXd cost;   //!< ln t_ij, the estimated trade-cost term (b'x_ij), before the change
  Eigen::MatrixXd counterfactual_cost;  //!< ln t_ij after the change
  std::size_t reference = 0;            //!< the country whose inward resistance is the numeraire
  double sigma = 7;                     //!< the elasticity of substitution, > 1
};

//! When the full-endowment rounds stop.
struct GeOptions {
  double tolerance = 1e-9;  //!< largest gap between the prices a round used and those its fit implies
  int max_iterations = 1000;
  //! Each world's PPML fit; tighter than a regression's default because the loop compounds its error.
  FitOptions fit{.tolerance = 1e-10, .predictor_tolerance = 1e-10};
};

//! One country's changes, in percent of the baseline.
struct GeCountry {
  std::string country;
  double output = 0;   //!< baseline output as fitted (row sum, domestic sales included)
  double exports = 0;  //!< baseline exports as fitted (domestic sales excluded)
  double exports_conditional = 0;
  double exports_full = 0;
  double real_output_conditional = 0;  //!< output over the price index P, outputs held fixed
  double real_output_full = 0;
  double factory_price = 0;                   //!< = nominal output (endowments are fixed)
  double outward_resistance_conditional = 0;  //!< of the index Pi_i itself
  double outward_resistance_full = 0;
  double inward_resistance_conditional = 0;  //!< of the price index P_j itself
  double inward_resistance_full = 0;
};

//! The three worlds and what each country gains or loses.
struct GeResult {
  std::vector<GeCountry> countries;
  Eigen::MatrixXd baseline;     //!< fitted baseline flows (complete)
  Eigen::MatrixXd conditional;  //!< flows in the conditional equilibrium
  Eigen::MatrixXd full;         //!< flows in the full-endowment equilibrium
  int iterations = 0;           //!< rounds of the full-endowment loop
  bool converged = false;
  double last_change = 0;  //!< largest gap between used and implied prices in the last round
  //! Largest |sales - output| / output in the full-endowment world: how closely the last fit clears every
  //! market (the PPML's own precision).
  double market_clearing_gap = 0;
  std::size_t predicted_flows = 0;  //!< baseline flows the data lacked, taken from the fit
};

//! Runs the three GEPPML steps. UsageError when the world is not square, a cost is missing, sigma is not
//! above 1, or a country has no positive exports or imports (its fixed effect would not exist).
GeResult SolveGeppml(const GeWorld& world, const GeOptions& options = {});

}  // namespace linkage
