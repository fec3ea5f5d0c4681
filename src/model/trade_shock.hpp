// model/trade_shock.hpp
// A first-order trade shock: some flows fall by a share, with nothing rerouted and no price moving. Each
// exporter loses the fall in its sales and, as its income falls by as much, buys less abroad in proportion to
// its imports' share of GDP; its suppliers lose that in proportion to their shares of its imports, and so on:
// the import multiplier of the trade matrix, L = (I - A)^-1 d with A_ik = X_ik / GDP_k (docs/methods.md,
// "First-order trade shocks"). The general-equilibrium counterfactual (model/ge_gravity.hpp) is the model
// with substitution; this is the bound without it.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <utility>
#include <vector>

namespace linkage {

//! The world a shock runs on: the year's flows among all countries, and their GDP.
struct TradeShockWorld {
  std::vector<std::string> countries;
  Eigen::MatrixXd flows;  //!< [exporter][importer], current US$; NaN = not reported by either side
  Eigen::VectorXd gdp;    //!< current US$; NaN = missing
};

//! The flows that fall and by how much.
struct TradeShock {
  std::vector<std::pair<std::size_t, std::size_t>>
      flows;        //!< (exporter, importer) indices; repeats count once
  double fall = 0;  //!< share of each flow lost, in (0, 1]
};

//! What one country (or a group of countries) loses, in current US$ and as shares.
struct ShockEffect {
  std::string name;
  double exports = 0;             //!< baseline exports to the world (known flows)
  double imports = 0;             //!< baseline imports
  double gdp = 0;                 //!< NaN when any member's GDP is missing
  double direct_export_loss = 0;  //!< its shocked sales
  double direct_import_loss = 0;  //!< its shocked purchases
  double second_round_loss = 0;   //!< sales lost because its customers' incomes fell (one round)
  double total_export_loss = 0;   //!< direct plus every round of the multiplier; NaN when it diverges
  double share_of_exports = 0;    //!< total_export_loss / exports
  double share_of_gdp = 0;        //!< total_export_loss / gdp
};

//! The shock's effects on every country.
struct ShockResult {
  std::vector<ShockEffect> countries;
  double shocked_value = 0;               //!< the baseline value of the shocked flows
  std::size_t missing_shocked_flows = 0;  //!< shocked flows neither side reported (no loss computed)
  std::size_t missing_flows = 0;          //!< flows of the world not reported, left out of every share
  std::vector<std::string>
      without_gdp;  //!< countries that cannot pass a loss on (their import share is unknown)
  int rounds = 0;   //!< rounds until the multiplier's terms vanish
  bool converged = false;
};

//! Propagates `shock` through `world`. UsageError for a fall outside (0, 1], an index outside the world, or
//! when every shocked flow is missing.
ShockResult PropagateShock(const TradeShockWorld& world, const TradeShock& shock);

//! The effects summed over a group of countries (indices into the world), e.g. a region's members.
ShockEffect SumEffects(const ShockResult& result, const std::vector<std::size_t>& members,
                       const std::string& name);

}  // namespace linkage
