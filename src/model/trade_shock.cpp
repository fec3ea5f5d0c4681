#include "model/trade_shock.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>

#include "core/error.hpp"

namespace linkage {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxRounds = 10000;
constexpr double kRoundTolerance = 1e-13;

}  // namespace

ShockResult PropagateShock(const TradeShockWorld& world, const TradeShock& shock) {
  const auto n = static_cast<Eigen::Index>(world.countries.size());
  if (world.flows.rows() != n || world.flows.cols() != n || world.gdp.size() != n)
    throw UsageError("the shock's world needs a flow for every pair and a GDP for every country");
  if (!(shock.fall > 0 && shock.fall <= 1))
    throw UsageError(fmt::format("the fall must be above 0% and at most 100% (is {}%)", 100 * shock.fall));
  ShockResult result;
  // Unreported flows are left out of every total and share, and counted, never read as zero trade.
  const Eigen::MatrixXd known = world.flows.unaryExpr([](double v) { return std::isnan(v) ? 0.0 : v; });
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (i != j && std::isnan(world.flows(i, j))) ++result.missing_flows;

  Eigen::VectorXd direct_exports = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd direct_imports = Eigen::VectorXd::Zero(n);
  // A flow named twice (overlapping lists, a route both ways) still falls once.
  const std::set<std::pair<std::size_t, std::size_t>> flows(shock.flows.begin(), shock.flows.end());
  for (const auto& [exporter, importer] : flows) {
    if (exporter >= world.countries.size() || importer >= world.countries.size())
      throw UsageError("a shocked flow names a country outside the world");
    const double value =
        world.flows(static_cast<Eigen::Index>(exporter), static_cast<Eigen::Index>(importer));
    if (std::isnan(value)) {
      ++result.missing_shocked_flows;
      continue;
    }
    result.shocked_value += value;
    direct_exports[static_cast<Eigen::Index>(exporter)] += shock.fall * value;
    direct_imports[static_cast<Eigen::Index>(importer)] += shock.fall * value;
  }
  if (result.missing_shocked_flows == flows.size())
    throw UsageError("every shocked flow is missing in the data: there is nothing to shock");

  // A_ik: how much of each dollar of k's income k spends on i's goods. A country without GDP passes nothing
  // on; it is named so the reader knows the spread stops there.
  Eigen::MatrixXd spend = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index k = 0; k < n; ++k) {
    if (std::isnan(world.gdp[k]) || world.gdp[k] <= 0) {
      result.without_gdp.push_back(world.countries[static_cast<std::size_t>(k)]);
      continue;
    }
    spend.col(k) = known.col(k) / world.gdp[k];
    spend(k, k) = 0;
  }
  const Eigen::VectorXd second_round = spend * direct_exports;
  // The multiplier's series, summed until its terms vanish; it diverges when a set of economies spends more
  // than its income abroad on each other (spectral radius of A of 1 or more), and is then reported missing.
  Eigen::VectorXd total = direct_exports;
  Eigen::VectorXd term = direct_exports;
  const double scale = std::max(direct_exports.cwiseAbs().maxCoeff(), 1e-300);
  for (result.rounds = 1; result.rounds <= kMaxRounds; ++result.rounds) {
    term = spend * term;
    total += term;
    if (!term.allFinite()) break;
    if (term.cwiseAbs().maxCoeff() <= kRoundTolerance * scale) {
      result.converged = true;
      break;
    }
  }
  result.rounds = std::min(result.rounds, kMaxRounds);

  for (Eigen::Index k = 0; k < n; ++k) {
    ShockEffect effect;
    effect.name = world.countries[static_cast<std::size_t>(k)];
    effect.exports = known.row(k).sum() - known(k, k);
    effect.imports = known.col(k).sum() - known(k, k);
    effect.gdp = world.gdp[k];
    effect.direct_export_loss = direct_exports[k];
    effect.direct_import_loss = direct_imports[k];
    effect.second_round_loss = second_round[k];
    effect.total_export_loss = result.converged ? total[k] : kMissing;
    effect.share_of_exports = effect.exports > 0 ? effect.total_export_loss / effect.exports : kMissing;
    effect.share_of_gdp = effect.gdp > 0 ? effect.total_export_loss / effect.gdp : kMissing;
    result.countries.push_back(std::move(effect));
  }
  return result;
}

ShockEffect SumEffects(const ShockResult& result, const std::vector<std::size_t>& members,
                       const std::string& name) {
  ShockEffect sum;
  sum.name = name;
  for (const auto k : members) {
    const ShockEffect& effect = result.countries.at(k);
    sum.exports += effect.exports;
    sum.imports += effect.imports;
    sum.gdp += effect.gdp;  // NaN from any member makes the group's GDP missing, as it should
    sum.direct_export_loss += effect.direct_export_loss;
    sum.direct_import_loss += effect.direct_import_loss;
    sum.second_round_loss += effect.second_round_loss;
    sum.total_export_loss += effect.total_export_loss;
  }
  sum.share_of_exports = sum.exports > 0 ? sum.total_export_loss / sum.exports : kMissing;
  sum.share_of_gdp = sum.gdp > 0 ? sum.total_export_loss / sum.gdp : kMissing;
  return sum;
}

}  // namespace linkage
