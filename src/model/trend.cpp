#include "model/trend.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace linkage {

namespace {

constexpr std::size_t kMinimumPoints = 3;

double Median(std::vector<double> values) {
  assert(!values.empty());
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return (lower + upper) / 2;
}

int Sign(double value) {
  return (value > 0) - (value < 0);
}

}  // namespace

double TwoSidedNormalP(double z) {
  return std::erfc(std::abs(z) / std::sqrt(2.0));
}

std::optional<TrendTest> MannKendallSignificance(std::vector<SeriesPoint> points) {
  if (points.size() < kMinimumPoints) return std::nullopt;
  TrendTest test;
  test.n = points.size();
  const auto n = static_cast<double>(test.n);
  for (std::size_t k = 0; k < points.size(); ++k) {
    for (std::size_t j = k + 1; j < points.size(); ++j) {
      // The sign of each later value less each earlier one, in time order whichever order the points came in.
      const int order = points[j].time > points[k].time ? 1 : -1;
      test.s += order * Sign(points[j].value - points[k].value);
    }
  }
  // Var(S) = [n(n-1)(2n+5) - sum over groups of tied values of t(t-1)(2t+5)] / 18, the groups taken in
  // ascending order of value.
  std::vector<double> values;
  values.reserve(points.size());
  for (const auto& point : points) values.push_back(point.value);
  std::sort(values.begin(), values.end());
  double tied = 0;
  for (std::size_t start = 0; start < values.size();) {
    std::size_t end = start + 1;
    while (end < values.size() && values[end] == values[start]) ++end;
    const auto t = static_cast<double>(end - start);
    tied += t * (t - 1) * (2 * t + 5);
    start = end;
  }
  test.variance = (n * (n - 1) * (2 * n + 5) - tied) / 18;
  if (test.variance > 0 && test.s != 0) {
    test.z = (test.s - Sign(test.s)) / std::sqrt(test.variance);
  }
  test.p_value = TwoSidedNormalP(test.z);
  test.tau = test.s / (n * (n - 1) / 2);
  return test;
}

std::optional<TrendTest> MannKendall(std::vector<SeriesPoint> points) {
  std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  auto test = MannKendallSignificance(points);
  if (!test) return std::nullopt;
  std::vector<double> slopes;
  slopes.reserve(test->n * (test->n - 1) / 2);
  for (std::size_t k = 0; k < points.size(); ++k) {
    for (std::size_t j = k + 1; j < points.size(); ++j) {
      slopes.push_back((points[j].value - points[k].value) / (points[j].time - points[k].time));
    }
  }
  test->sen_slope = Median(slopes);
  std::vector<double> intercepts;
  intercepts.reserve(points.size());
  for (const auto& point : points) intercepts.push_back(point.value - test->sen_slope * point.time);
  test->sen_intercept = Median(intercepts);
  return test;
}

}  // namespace linkage
