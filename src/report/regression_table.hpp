// report/regression_table.hpp
// A fitted gravity model as researchers publish it: coefficients with stars over standard errors in brackets,
// then the fixed effects, observations, fit and how errors were clustered; and the same as rows for CSV/JSON.
#pragma once

#include <string>
#include <vector>

#include "model/linear_combination.hpp"
#include "model/ppml.hpp"
#include "report/output.hpp"

namespace linkage {

//! One column of a regression table: a fit and what it absorbed.
struct RegressionColumn {
  std::string title;  //!< e.g. "PPML"
  const FitResult* fit = nullptr;
  std::vector<std::string> fixed_effects;         //!< names of the absorbed sets
  std::vector<CombinationEstimate> combinations;  //!< sums of coefficients asked for, printed after them
};

//! Every coefficient and combination of every column: model, term, estimate, std_error, z, p_value, ci_low,
//! ci_high (95%, normal approximation), numbers at full precision.
ResultTable CoefficientTable(const std::vector<RegressionColumn>& columns);

//! What each fit used and dropped: observations, dropped and why, iterations, convergence, fit statistics.
ResultTable FitTable(const std::vector<RegressionColumn>& columns);

//! The published layout as text: a row per term with the estimate and stars (* p < 0.10, ** p < 0.05,
//! *** p < 0.01) and the standard error in brackets beneath, a column per fit.
std::string PublishedTable(const std::vector<RegressionColumn>& columns);

//! The standard normal's 97.5% quantile: a 95% interval is the estimate +- this many standard errors.
inline constexpr double kNormalQuantile975 = 1.959963984540054;

//! Two-sided p-value of a z statistic under the standard normal.
double NormalPValue(double z);

}  // namespace linkage
