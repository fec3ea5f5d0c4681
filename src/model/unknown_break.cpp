#include "model/unknown_break.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>

#include "model/segmented_design.hpp"

namespace linkage {

namespace {

constexpr std::size_t kMinimumPerSide = 3;
constexpr Eigen::Index kRestrictions = 2;  // level and slope

// The candidate break times: each distinct time with enough observations on both sides.
std::vector<double> Candidates(const std::vector<SeriesPoint>& points, double trim) {
  std::vector<double> times;
  times.reserve(points.size());
  for (const auto& point : points) times.push_back(point.time);
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  const auto least = std::max(kMinimumPerSide,
                              static_cast<std::size_t>(std::ceil(trim * static_cast<double>(points.size()))));
  std::vector<double> candidates;
  for (const double time : times) {
    const auto before = static_cast<std::size_t>(std::count_if(
        points.begin(), points.end(), [&](const SeriesPoint& point) { return point.time < time; }));
    if (before >= least && points.size() - before >= least) candidates.push_back(time);
  }
  return candidates;
}

// F of the segmented line against the single line for any y, through projections fixed in advance: the
// bootstrap only changes y.
class BreakF {
 public:
  explicit BreakF(const SegmentedDesign& design)
      : broken_(design.broken.householderQr()),
        plain_(design.plain.householderQr()),
        degrees_(static_cast<double>(design.broken.rows() - design.broken.cols())) {}

  double operator()(const Eigen::VectorXd& y) const {
    const double unrestricted = (y - broken_.householderQ() * Projected(broken_, y)).squaredNorm();
    const double restricted = (y - plain_.householderQ() * Projected(plain_, y)).squaredNorm();
    const double variance = unrestricted / degrees_;
    const double gain = std::max(0.0, restricted - unrestricted);
    if (variance <= 0) return gain > 0 ? INFINITY : 0;
    return gain / static_cast<double>(kRestrictions) / variance;
  }

 private:
  // Q' y with all but the first p entries set to zero, so that Q times it is the projection of y.
  static Eigen::VectorXd Projected(const Eigen::HouseholderQR<Eigen::MatrixXd>& qr,
                                   const Eigen::VectorXd& y) {
    Eigen::VectorXd coordinates = qr.householderQ().adjoint() * y;
    coordinates.tail(coordinates.size() - qr.matrixQR().cols()).setZero();
    return coordinates;
  }

  Eigen::HouseholderQR<Eigen::MatrixXd> broken_;
  Eigen::HouseholderQR<Eigen::MatrixXd> plain_;
  double degrees_ = 0;
};

}  // namespace

std::optional<UnknownBreakTest> SupFBreak(const std::vector<SeriesPoint>& points,
                                          const UnknownBreakOptions& options) {
  const std::vector<double> candidates = Candidates(points, options.trim);
  if (candidates.empty()) return std::nullopt;
  const auto n = static_cast<Eigen::Index>(points.size());
  std::vector<BreakF> statistics;
  statistics.reserve(candidates.size());
  Eigen::VectorXd y;
  for (const double time : candidates) {
    SegmentedDesign design = MakeSegmentedDesign(points, time);
    statistics.emplace_back(design);
    y = std::move(design.y);
  }

  UnknownBreakTest test;
  test.candidates = candidates.size();
  test.replications = options.replications;
  test.trim = options.trim;
  std::size_t best = 0;
  for (std::size_t k = 0; k < statistics.size(); ++k) {
    const double f = statistics[k](y);
    if (k == 0 || f > test.sup_f) {
      test.sup_f = f;
      best = k;
    }
  }
  test.strongest = *SegmentedBreak(points, candidates[best]);

  // Fixed-regressor bootstrap (Hansen 2000): y* = e z with e the residuals of the single line and z standard
  // normal; F is unchanged by adding the line back, so y* alone is enough.
  Eigen::MatrixXd line(n, 2);
  for (Eigen::Index k = 0; k < n; ++k) line.row(k) << 1.0, points[static_cast<std::size_t>(k)].time;
  const Eigen::VectorXd residuals = y - line * line.colPivHouseholderQr().solve(y);
  std::mt19937_64 generator(options.seed);
  std::normal_distribution<double> normal;
  std::size_t exceed = 0;
  Eigen::VectorXd drawn(n);
  for (std::size_t replication = 0; replication < options.replications; ++replication) {
    for (Eigen::Index k = 0; k < n; ++k) drawn(k) = residuals(k) * normal(generator);
    double largest = 0;
    for (const auto& statistic : statistics) largest = std::max(largest, statistic(drawn));
    if (largest >= test.sup_f) ++exceed;
  }
  // (exceed + 1) / (B + 1): the observed statistic counts as one draw, so p is never 0.
  test.p_value = static_cast<double>(exceed + 1) / static_cast<double>(options.replications + 1);
  return test;
}

}  // namespace linkage
