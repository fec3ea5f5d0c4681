#include "model/sensitivity.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <mutex>
#include <random>

#include "core/parallel.hpp"
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

Spread SpreadOf(const std::vector<float>& samples, std::size_t row, std::size_t rows, std::size_t draws) {
  std::vector<double> present;
  for (std::size_t draw = 0; draw < draws; ++draw) {
    const float value = samples[draw * rows + row];
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
    : rows_(rows),
      draws_(draws),
      values_(rows * draws, std::numeric_limits<float>::quiet_NaN()),
      ranks_(rows * draws, std::numeric_limits<float>::quiet_NaN()) {}

std::optional<double> Sensitivity::Value(std::size_t row, std::size_t draw) const {
  const float value = values_[draw * rows_ + row];
  if (std::isnan(value)) return std::nullopt;
  return value;
}

Spread Sensitivity::ValueSpread(std::size_t row) const {
  return SpreadOf(values_, row, rows_, draws_);
}

Spread Sensitivity::RankSpread(std::size_t row) const {
  return SpreadOf(ranks_, row, rows_, draws_);
}

void Sensitivity::Record(std::size_t draw, const std::vector<ScoreRow>& rows) {
  assert(rows.size() == rows_);
  for (std::size_t row = 0; row < rows.size(); ++row) {
    values_[draw * rows_ + row] = Stored(rows[row].value);
    ranks_[draw * rows_ + row] = Stored(rows[row].rank);
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
  // Every draw's weights and method come from one generator in draw order, so the draws are the same
  // whatever the number of threads that evaluate them.
  std::mt19937_64 generator(options.seed);
  std::uniform_real_distribution<double> factor(1 - options.weight_spread, 1 + options.weight_spread);
  std::uniform_int_distribution<std::size_t> method(0, methods.size() - 1);
  std::vector<std::vector<double>> weights(options.draws, nominal);
  std::vector<std::size_t> chosen(options.draws);
  for (std::size_t draw = 0; draw < options.draws; ++draw) {
    for (double& weight : weights[draw]) weight *= factor(generator);
    chosen[draw] =
        options.vary_normalisation
            ? method(generator)
            : static_cast<std::size_t>(std::find(methods.begin(), methods.end(), options.normalisation) -
                                       methods.begin());
  }
  if (options.draws == 0) return Sensitivity(0, 0);

  const auto evaluate = [&](std::size_t draw) {
    return EvaluateLevels({panel, spec, normalised[chosen[draw]], weights[draw], options.min_coverage},
                          design);
  };
  ProgressBar bar("sensitivity", options.draws, "draws");
  // The first draw sizes the result; the others fill their own column of it, on every core.
  Sensitivity result(0, 0);
  {
    const auto rows = evaluate(0);
    result = Sensitivity(rows.size(), options.draws);
    result.Record(0, rows);
    bar.Advance();
  }
  std::mutex progress;
  RunOnWorkers(options.draws - 1, ThreadsFor(options.draws - 1), [&](std::size_t) {
    return [&](std::size_t piece) {
      const std::size_t draw = piece + 1;
      result.Record(draw, evaluate(draw));
      const std::lock_guard<std::mutex> lock(progress);
      bar.Advance();
    };
  });
  bar.Finish();
  return result;
}

}  // namespace linkage
