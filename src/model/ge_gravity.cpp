#include "model/ge_gravity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "model/fixed_effects.hpp"

namespace linkage {

namespace {

// A world fitted by PPML with exporter and importer fixed effects and the trade costs as an offset.
struct WorldFit {
  Eigen::VectorXd exporter_effect;  // exp(pi_i)
  Eigen::VectorXd importer_effect;  // exp(chi_j), 1 for the reference country
  Eigen::MatrixXd fitted;           // exp(pi_i + chi_j + ln t_ij) for every pair
};

WorldFit FitWorld(const Eigen::MatrixXd& flows, const Eigen::MatrixXd& cost, const GeWorld& world,
                  const FitOptions& options) {
  const auto n = static_cast<std::int32_t>(world.countries.size());
  const auto cells = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  // Flows in dollars make a deviance whose rounding noise (about 1e-16 of the flows) dwarfs any convergence
  // test near a perfect fit; fitting flows in units of their mean and scaling back changes only the exporter
  // effects, by that factor.
  double scale = 0;
  std::size_t known = 0;
  for (Eigen::Index k = 0; k < flows.size(); ++k) {
    if (!std::isnan(flows.reshaped()[k])) {
      scale += flows.reshaped()[k];
      ++known;
    }
  }
  scale = known > 0 && scale > 0 ? scale / static_cast<double>(known) : 1.0;
  RegressionData data;
  data.y.resize(static_cast<Eigen::Index>(cells));
  data.offset.resize(static_cast<Eigen::Index>(cells));
  data.x.resize(static_cast<Eigen::Index>(cells), 0);
  FixedEffectSet exporters{"exporter", {}, n};
  FixedEffectSet importers{"importer", {}, n};
  for (std::int32_t i = 0; i < n; ++i) {
    for (std::int32_t j = 0; j < n; ++j) {
      const auto row = static_cast<Eigen::Index>(i) * n + j;
      data.y[row] = flows(i, j) / scale;
      data.offset[row] = cost(i, j);
      exporters.group.push_back(i);
      importers.group.push_back(j);
    }
  }
  data.fixed_effects = {exporters, importers};
  const FitResult fit = FitPpml(data, options);
  if (!fit.converged) throw UsageError("the gravity fit of the world did not converge");

  // The fit renumbers the groups it keeps in order of first appearance; map them back to countries.
  std::vector<std::int32_t> exporter_index(static_cast<std::size_t>(n), -1);
  std::vector<std::int32_t> importer_index(static_cast<std::size_t>(n), -1);
  std::int32_t exporters_seen = 0;
  std::int32_t importers_seen = 0;
  for (std::size_t row = 0; row < cells; ++row) {
    if (!fit.used[row]) continue;
    auto& exporter = exporter_index[static_cast<std::size_t>(exporters.group[row])];
    if (exporter < 0) exporter = exporters_seen++;
    auto& importer = importer_index[static_cast<std::size_t>(importers.group[row])];
    if (importer < 0) importer = importers_seen++;
  }
  for (std::size_t k = 0; k < world.countries.size(); ++k) {
    if (exporter_index[k] < 0 || importer_index[k] < 0) {
      throw UsageError(
          fmt::format("{} has no positive {} in the world; a counterfactual needs every country "
                      "to trade (leave it out of the countries)",
                      world.countries[k], exporter_index[k] < 0 ? "exports" : "imports"));
    }
  }
  const auto effects =
      SplitFixedEffects(SubsetFixedEffects(data.fixed_effects, fit.used), fit.fixed_part, options.projection);
  const double shift = effects[1][static_cast<std::size_t>(importer_index[world.reference])];
  WorldFit result;
  result.exporter_effect.resize(n);
  result.importer_effect.resize(n);
  for (std::int32_t k = 0; k < n; ++k) {
    const auto index = static_cast<std::size_t>(k);
    result.exporter_effect[k] =
        scale * std::exp(effects[0][static_cast<std::size_t>(exporter_index[index])] + shift);
    result.importer_effect[k] = std::exp(effects[1][static_cast<std::size_t>(importer_index[index])] - shift);
  }
  result.fitted = (result.exporter_effect * result.importer_effect.transpose()).array() * cost.array().exp();
  return result;
}

// Row sums less the diagonal: what each country sells abroad.
Eigen::VectorXd Exports(const Eigen::MatrixXd& flows) {
  return flows.rowwise().sum() - flows.diagonal();
}

double Percent(double ratio) {
  return 100 * (ratio - 1);
}

void RequireWorld(const GeWorld& world) {
  const auto n = static_cast<Eigen::Index>(world.countries.size());
  if (n < 2) throw UsageError("a counterfactual needs at least two countries");
  for (const Eigen::MatrixXd* matrix : {&world.flows, &world.cost, &world.counterfactual_cost})
    if (matrix->rows() != n || matrix->cols() != n)
      throw UsageError("the world's matrices must be countries²");
  if (!world.cost.allFinite() || !world.counterfactual_cost.allFinite())
    throw UsageError("every pair needs a trade cost, before and after the change");
  if (!(world.sigma > 1)) throw UsageError(fmt::format("sigma must be above 1 (is {})", world.sigma));
  if (world.reference >= world.countries.size())
    throw UsageError("the reference country is not in the world");
}

}  // namespace

GeResult SolveGeppml(const GeWorld& world, const GeOptions& options) {
  RequireWorld(world);
  const auto ref = static_cast<Eigen::Index>(world.reference);
  const double power = 1 / (1 - world.sigma);
  GeResult result;
  for (Eigen::Index i = 0; i < world.flows.size(); ++i)
    if (std::isnan(world.flows.reshaped()[i])) ++result.predicted_flows;

  // Step 1, the baseline: outputs, expenditures and both resistances as the fit implies them; the reference
  // country's importer effect is 1 so its inward resistance is the numeraire (Yotov et al. 2016, eq. 2-3).
  const WorldFit baseline = FitWorld(world.flows, world.cost, world, options.fit);
  result.baseline = baseline.fitted;
  const Eigen::VectorXd output = baseline.fitted.rowwise().sum();
  const Eigen::VectorXd expenditure = baseline.fitted.colwise().sum().transpose();
  const double reference_expenditure = expenditure[ref];
  // Both resistances in the power 1 - sigma: Pi_i^(1-sigma) = Y_i E_ref / (Y exp(pi_i)) and
  // P_j^(1-sigma) = E_j / (exp(chi_j) E_ref), Y world output (Yotov et al. 2016 leave Y out, which is
  // harmless only while it does not move).
  const double world_output = output.sum();
  const Eigen::ArrayXd outward =
      output.array() * reference_expenditure / (world_output * baseline.exporter_effect.array());
  const Eigen::ArrayXd inward =
      expenditure.array() / (baseline.importer_effect.array() * reference_expenditure);
  const Eigen::ArrayXd real_output = output.array() / inward.pow(power);

  // Step 2, the conditional equilibrium: outputs and expenditures stay, the resistances absorb the change.
  const WorldFit conditional = FitWorld(baseline.fitted, world.counterfactual_cost, world, options.fit);
  result.conditional = conditional.fitted;
  const Eigen::ArrayXd outward_conditional =
      output.array() * reference_expenditure / (world_output * conditional.exporter_effect.array());
  const Eigen::ArrayXd inward_conditional =
      expenditure.array() / (conditional.importer_effect.array() * reference_expenditure);

  // Step 3, the full endowment: factory-gate prices move with the exporter effects (p_i^(1-sigma) is
  // exp(pi_i) / E_ref up to a constant), outputs Y_i = p_i Y_i0 and expenditures with them, and the world is
  // re-fitted with the new margins until the prices the fit implies are the prices that made the margins
  // (Anderson, Larch and Yotov 2018, step 3). A PPML with exporter and importer effects depends on the flows
  // only through their margins, so each round fits the margins directly. Each deficit stays a fixed share of
  // world output (Dekle, Eaton and Kortum 2007): holding E/Y fixed instead, as the original procedure does,
  // lets outputs and expenditures add up to different totals when trade is unbalanced, and it then does not
  // settle. With balanced trade the two are the same.
  const Eigen::ArrayXd deficit = expenditure.array() - output.array();
  Eigen::ArrayXd price = (conditional.exporter_effect.array() / baseline.exporter_effect.array()).pow(power);
  WorldFit current = conditional;
  Eigen::ArrayXd output_full = output.array();
  Eigen::ArrayXd expenditure_full = expenditure.array();
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    output_full = price * output.array();
    expenditure_full = output_full + deficit * (output_full.sum() / world_output);
    if ((expenditure_full <= 0).any())
      throw UsageError("a deficit exceeds a country's counterfactual output");
    const Eigen::MatrixXd margins =
        output_full.matrix() * expenditure_full.matrix().transpose() / output_full.sum();
    current = FitWorld(margins, world.counterfactual_cost, world, options.fit);
    const Eigen::ArrayXd implied = ((current.exporter_effect.array() / expenditure_full[ref]) /
                                    (baseline.exporter_effect.array() / reference_expenditure))
                                       .pow(power);
    result.last_change = (implied / price - 1).abs().maxCoeff();
    if (result.last_change < options.tolerance) {
      result.converged = true;
      break;
    }
    // A price's own effect on the price its margin implies is -1/(sigma-1); this weighting cancels it to
    // first order, so the rounds neither overshoot nor oscillate.
    price = price.pow(1 / world.sigma) * implied.pow((world.sigma - 1) / world.sigma);
  }
  result.iterations = std::min(result.iterations, options.max_iterations);
  result.full = current.fitted;
  const double final_reference = expenditure_full[ref];
  const Eigen::ArrayXd outward_full =
      output_full * final_reference / (output_full.sum() * current.exporter_effect.array());
  const Eigen::ArrayXd inward_full = expenditure_full / (current.importer_effect.array() * final_reference);
  result.market_clearing_gap =
      ((result.full.rowwise().sum().array() - output_full) / output_full).abs().maxCoeff();

  const Eigen::VectorXd exports = Exports(result.baseline);
  const Eigen::VectorXd exports_conditional = Exports(result.conditional);
  const Eigen::VectorXd exports_full = Exports(result.full);
  for (std::size_t k = 0; k < world.countries.size(); ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    GeCountry country;
    country.country = world.countries[k];
    country.output = output[i];
    country.exports = exports[i];
    country.exports_conditional = Percent(exports_conditional[i] / exports[i]);
    country.exports_full = Percent(exports_full[i] / exports[i]);
    country.real_output_conditional =
        Percent(output[i] / std::pow(inward_conditional[i], power) / real_output[i]);
    country.real_output_full = Percent(output_full[i] / std::pow(inward_full[i], power) / real_output[i]);
    country.factory_price = Percent(output_full[i] / output[i]);
    // The resistances as indexes, Pi and P themselves (the power 1/(1-sigma) of the above), as Yotov et al.
    // (2016) report them: a rise in P is a rise in the consumer price index.
    const auto index = [&](double ratio) { return Percent(std::pow(ratio, power)); };
    country.outward_resistance_conditional = index(outward_conditional[i] / outward[i]);
    country.outward_resistance_full = index(outward_full[i] / outward[i]);
    country.inward_resistance_conditional = index(inward_conditional[i] / inward[i]);
    country.inward_resistance_full = index(inward_full[i] / inward[i]);
    result.countries.push_back(std::move(country));
  }
  return result;
}

}  // namespace linkage
