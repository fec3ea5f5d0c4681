// model/linear_combination.hpp
// A linear combination of a fit's coefficients with its standard error, such as the total effect of an
// agreement with its lags, "rta + rta_lag4 + rta_lag8": the estimate a'b and the standard error sqrt(a' V a)
// (the delta method, exact for a linear function).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/ppml.hpp"

namespace linkage {

//! A parsed combination: weights on coefficient names.
struct LinearCombination {
  std::string text;                                   //!< as the user wrote it
  std::vector<std::pair<double, std::string>> terms;  //!< weight and coefficient name, each name once
};

//! Parses "rta + rta_lag4 + rta_lag8", "2 * a - b / 2" or "`log(dist)` + contig" (names as the fit prints
//! them, in backticks when they hold operators); UsageError with the position for anything else.
LinearCombination ParseLinearCombination(const std::string& text);

//! The combination's estimate and standard error from a fit.
struct CombinationEstimate {
  std::string text;  //!< the combination as written
  double estimate = 0;
  double std_error = 0;
};

//! Evaluates `combination` on `fit`; UsageError naming a coefficient the fit does not have (dropped or
//! never in the model) and listing those it has.
CombinationEstimate EstimateCombination(const FitResult& fit, const LinearCombination& combination);

}  // namespace linkage
