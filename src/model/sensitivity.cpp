#include "model/sensitivity.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <random>

#include "core/progress.hpp"

namespace linkage {

namespace {

constexpr double kLow = 0.05;
constexpr double kHigh = 0.95;

// The q-quantile by linear interpolation between order statistics (Hyndman and Fan's type 7, R's default).
double Quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

Spread SpreadOf(const std::vector<float>& samples, std::size_t row, std::size_t draws) {
  std::vector<double> present;
  for (std::size_t draw = 0; draw < draws; ++draw) {
    const float value = samples[row * draws + draw];
    if (!std::isnan(value)) present.push_back(value);
  }
  // A value most draws leave missing has no meaningful interval.
  if (present.empty() || 2 * present.size() < draws) return {};
  std::sort(present.begin(), present.end());
  return {Quantile(present, 0.5), Quantile(present, kLow), Quantile(present, kHigh)};
}

float Stored(const std::optional<double>& value) {
  return value ? static_cast<float>(*value) : std::numeric_limits<float>::quiet_NaN();
}

}  // namespace

Sensitivity::Sensitivity(std::size_t rows, std::size_t draws)
    : draws_(draws),
      values_(rows * draws, std::numeric_limits<float>::quiet_NaN()),
      ranks_(rows * draws, std::numeric_limits<float>::quiet_NaN()) {}

std::optional<double> Sensitivity::Value(std::size_t row, std::size_t draw) const {
  const float value = values_[row * draws_ + draw];
  if (std::isnan(value)) return std::nullopt;
  return value;
}

Spread Sensitivity::ValueSpread(std::size_t row) const {
  return SpreadOf(values_, row, draws_);
}

Spread Sensitivity::RankSpread(std::size_t row) const {
  return SpreadOf(ranks_, row, draws_);
}

void Sensitivity::Record(std::size_t draw, const std::vector<ScoreRow>& rows) {
  assert(rows.size() * draws_ == values_.size());
  for (std::size_t row = 0; row < rows.size(); ++row) {
    values_[row * draws_ + draw] = Stored(rows[row].value);
    ranks_[row * draws_ + draw] = Stored(rows[row].rank);
  }
}

Sensitivity RunSensitivity(const ComponentPanel& panel, const IndexSpec& spec, const LinkageDesign& design,
                           const SensitivityOptions& options) {
  // Normalisation does not depend on the weights: each method's values are computed once.
  const std::array<Normalisation, 3> methods = {Normalisation::kMinMax, Normalisation::kZScore,
                                                Normalisation::kRank};
  std::array<std::vector<std::vector<std::optional<double>>>, 3> normalised;
  for (std::size_t k = 0; k < methods.size(); ++k)
    normalised[k] = NormaliseComponents(panel, spec, methods[k]);

  std::vector<double> nominal;
  for (const auto& component : spec.components) nominal.push_back(component.weight);
  std::mt19937_64 generator(options.seed);
  std::uniform_real_distribution<double> factor(1 - options.weight_spread, 1 + options.weight_spread);
  std::uniform_int_distribution<std::size_t> method(0, methods.size() - 1);

  std::optional<Sensitivity> result;
  ProgressBar bar("sensitivity", options.draws, "draws");
  for (std::size_t draw = 0; draw < options.draws; ++draw) {
    std::vector<double> weights = nominal;
    for (double& weight : weights) weight *= factor(generator);
    const std::size_t chosen =
        options.vary_normalisation
            ? method(generator)
            : static_cast<std::size_t>(std::find(methods.begin(), methods.end(), options.normalisation) -
                                       methods.begin());
    const auto rows =
        EvaluateLevels({panel, spec, normalised[chosen], weights, options.min_coverage}, design);
    if (!result) result.emplace(rows.size(), options.draws);
    result->Record(draw, rows);
    bar.Advance();
  }
  bar.Finish();
  if (!result) return Sensitivity(0, 0);
  return std::move(*result);
}

}  // namespace linkage
