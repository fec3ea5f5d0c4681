#include "model/composite.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace linkage {

namespace {

constexpr double kScale = 100;
// A component that does not vary over the panel tells the units nothing apart: it sits in the middle.
constexpr double kMiddle = 50;
constexpr std::size_t kBandwidthScore = 6;
constexpr std::size_t kDependenceScore = 7;
constexpr std::size_t kLinkageScore = 8;

std::size_t RoleScore(const IndexComponent& component) {
  return component.role == ScoreRole::kBandwidth ? kBandwidthScore : kDependenceScore;
}

std::size_t CellOf(const IndexComponent& component) {
  return static_cast<std::size_t>(component.dimension) * 2 + static_cast<std::size_t>(component.role);
}

std::optional<double> Transformed(std::optional<double> value, Transform transform) {
  if (!value || !std::isfinite(*value)) return std::nullopt;
  if (transform == Transform::kNone) return value;
  if (*value <= -1) return std::nullopt;
  return std::log1p(*value);
}

// Positions 1..n of the values with ties given their average position.
std::vector<double> AverageRanks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end + 1 < order.size() && values[order[end + 1]] == values[order[start]]) ++end;
    const double average = (static_cast<double>(start + end) / 2) + 1;
    for (std::size_t k = start; k <= end; ++k) ranks[order[k]] = average;
    start = end + 1;
  }
  return ranks;
}

// The 0-100 values of one column's present values, in the same order.
std::vector<double> Normalised(const std::vector<double>& values, Normalisation normalisation) {
  const auto n = static_cast<double>(values.size());
  std::vector<double> result(values.size(), kMiddle);
  switch (normalisation) {
    case Normalisation::kMinMax: {
      const auto [low, high] = std::minmax_element(values.begin(), values.end());
      if (*high == *low) return result;
      for (std::size_t k = 0; k < values.size(); ++k)
        result[k] = kScale * (values[k] - *low) / (*high - *low);
      return result;
    }
    case Normalisation::kZScore: {
      if (values.size() < 2) return result;
      const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
      double squares = 0;
      for (const double value : values) squares += (value - mean) * (value - mean);
      const double deviation = std::sqrt(squares / (n - 1));
      if (deviation == 0) return result;
      // The standard normal CDF of the z-score puts it on 0-100 without clipping.
      for (std::size_t k = 0; k < values.size(); ++k)
        result[k] = kScale * 0.5 * std::erfc(-(values[k] - mean) / deviation / std::sqrt(2.0));
      return result;
    }
    case Normalisation::kRank: {
      if (values.size() < 2) return result;
      const std::vector<double> ranks = AverageRanks(values);
      for (std::size_t k = 0; k < values.size(); ++k) result[k] = kScale * (ranks[k] - 1) / (n - 1);
      return result;
    }
  }
  return result;
}

}  // namespace

const std::array<std::string, kScoreCount>& ScoreNames() {
  static const std::array<std::string, kScoreCount> names = {
      "economic_bandwidth",  "economic_dependence", "security_bandwidth",
      "security_dependence", "political_bandwidth", "political_dependence",
      "bandwidth",           "dependence",          "linkage"};
  return names;
}

std::optional<std::size_t> ScoreIndex(const std::string& name) {
  const auto& names = ScoreNames();
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  return static_cast<std::size_t>(found - names.begin());
}

std::vector<std::vector<std::optional<double>>> NormaliseComponents(const ComponentPanel& panel,
                                                                    const IndexSpec& spec,
                                                                    Normalisation normalisation) {
  std::vector<std::vector<std::optional<double>>> result(
      panel.units.size(), std::vector<std::optional<double>>(spec.components.size()));
  for (std::size_t column = 0; column < spec.components.size(); ++column) {
    const IndexComponent& component = spec.components[column];
    std::vector<std::size_t> present;
    std::vector<double> values;
    for (std::size_t unit = 0; unit < panel.units.size(); ++unit) {
      assert(panel.values[unit].size() == spec.components.size());
      const auto value = Transformed(panel.values[unit][column], component.transform);
      if (!value) continue;
      present.push_back(unit);
      values.push_back(*value);
    }
    if (values.empty()) continue;
    const std::vector<double> scaled = Normalised(values, normalisation);
    for (std::size_t k = 0; k < present.size(); ++k)
      result[present[k]][column] = component.higher_means_more ? scaled[k] : kScale - scaled[k];
  }
  return result;
}

bool ComponentEntersScore(const IndexComponent& component, std::size_t score) {
  return score == kLinkageScore || score == RoleScore(component) || score == CellOf(component);
}

UnitScores ScoreOnComponents(const std::vector<std::optional<double>>& normalised, const IndexSpec& spec,
                             const std::vector<double>& weights, double min_coverage,
                             const std::vector<bool>& used, const std::vector<bool>& out_of_scope) {
  assert(weights.size() == spec.components.size());
  // Per score: the weighted sum of present values, the weight present and the weight nominal.
  std::array<double, kScoreCount> sum{};
  std::array<double, kScoreCount> present{};
  std::array<double, kScoreCount> nominal{};
  for (std::size_t column = 0; column < spec.components.size(); ++column) {
    if (!out_of_scope.empty() && out_of_scope[column]) continue;
    const IndexComponent& component = spec.components[column];
    for (const std::size_t score : {CellOf(component), RoleScore(component)}) {
      nominal[score] += weights[column];
      if (!normalised[column] || (!used.empty() && !used[column])) continue;
      sum[score] += weights[column] * *normalised[column];
      present[score] += weights[column];
    }
  }
  UnitScores scores;
  for (std::size_t score = 0; score < kLinkageScore; ++score) {
    scores.coverage[score] = nominal[score] > 0 ? present[score] / nominal[score] : 0;
    if (present[score] > 0 && scores.coverage[score] >= min_coverage)
      scores.value[score] = sum[score] / present[score];
  }
  scores.coverage[kLinkageScore] =
      std::min(scores.coverage[kBandwidthScore], scores.coverage[kDependenceScore]);
  const auto& bandwidth = scores.value[kBandwidthScore];
  const auto& dependence = scores.value[kDependenceScore];
  if (bandwidth && dependence) {
    scores.value[kLinkageScore] =
        spec.multiply_roles ? *bandwidth * *dependence / kScale : (*bandwidth + *dependence) / 2;
  }
  return scores;
}

std::vector<UnitScores> ScoreUnits(const std::vector<std::vector<std::optional<double>>>& normalised,
                                   const IndexSpec& spec, const std::vector<double>& weights,
                                   double min_coverage, const std::vector<std::vector<bool>>& out_of_scope) {
  std::vector<UnitScores> result;
  result.reserve(normalised.size());
  for (std::size_t unit = 0; unit < normalised.size(); ++unit)
    result.push_back(ScoreOnComponents(normalised[unit], spec, weights, min_coverage, {},
                                       out_of_scope.empty() ? std::vector<bool>{} : out_of_scope[unit]));
  return result;
}

}  // namespace linkage
