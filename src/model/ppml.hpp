// model/ppml.hpp
// Gravity estimators with high-dimensional fixed effects: Poisson pseudo-maximum likelihood by iteratively
// reweighted least squares with the fixed effects absorbed at each step (Correia, Guimarães and Zylkin 2020),
// and OLS on logs with the same machinery for comparison; robust and one- or two-way clustered standard
// errors (docs/methods.md, "Gravity").
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "model/fixed_effects.hpp"

namespace linkage {

//! The data of one regression; rows are observations.
struct RegressionData {
  Eigen::VectorXd y;                          //!< trade flows in levels (PPML) or levels to be logged (OLS)
  Eigen::MatrixXd x;                          //!< regressors, one column each
  std::vector<std::string> names;             //!< of the regressors
  std::vector<FixedEffectSet> fixed_effects;  //!< absorbed, never turned into dummies
  std::vector<std::vector<std::int32_t>> clusters;  //!< none: robust; one or two: clustered
  std::vector<std::string> cluster_names;
  Eigen::VectorXd
      offset;  //!< PPML only: a known part of the linear predictor (empty: none), e.g. fixed costs
};

//! Which estimator.
enum class Estimator { kPpml, kOlsLog, kOls };

//! Which variance of the estimates.
enum class VarianceKind {
  kDefault,  //!< clustered when the data carry clusterings, heteroskedasticity-robust otherwise
  kIid,      //!< the inverse information (PPML) or the classical least-squares variance
  kHetero,   //!< heteroskedasticity-robust (Eicker-Huber-White)
  kCluster,  //!< cluster-robust by the data's one or two clusterings
};

//! Which small-sample correction multiplies the variance (docs/methods.md, "Gravity: standard errors").
enum class SmallSample {
  kStata,   //!< Stata's ppmlhdfe and reghdfe, and the published tables of the standard references
  kFixest,  //!< R fixest's default ssc(): (n - 1) / (n - K) with nested fixed effects, G / (G - 1)
};

//! When the iterations stop.
struct FitOptions {
  double tolerance = 1e-10;  //!< relative change of the deviance between iterations
  //! PPML: the largest change of a coefficient between iterations, relative to the larger of its size and
  //! 1, must also be below this: the deviance alone settles before the estimates do.
  double coefficient_tolerance = 1e-8;
  //! PPML: also the largest change of the linear predictor (0: not checked).
  double predictor_tolerance = 0;
  int max_iterations = 1000;
  ProjectionOptions projection;
  VarianceKind variance = VarianceKind::kDefault;
  SmallSample small_sample = SmallSample::kStata;
};

//! An estimated model.
struct FitResult {
  Estimator estimator = Estimator::kPpml;
  std::vector<std::string> names;  //!< regressors kept (collinear ones are dropped and noted)
  Eigen::VectorXd beta;
  Eigen::MatrixXd vcov;
  std::string vcov_kind;              //!< e.g. "robust", "clustered by A and B", with its small-sample rule
  std::vector<std::size_t> clusters;  //!< number of clusters of each clustering
  std::size_t observations = 0;       //!< used in the fit
  std::size_t dropped = 0;            //!< left out, each reason in `notes`
  std::vector<std::string> notes;     //!< what was dropped and why
  int iterations = 0;
  bool converged = false;
  double deviance = 0;         //!< Poisson deviance (PPML) or residual sum of squares (OLS)
  double pseudo_r2 = 0;        //!< squared correlation of y and the fit (Santos Silva and Tenreyro 2006)
  std::vector<bool> used;      //!< which input observations the fit used
  Eigen::VectorXd fitted;      //!< the fitted mean of each used observation (levels for PPML, logs for OLS)
  Eigen::VectorXd fixed_part;  //!< the sum of fixed effects of each used observation (log scale, no offset)
};

//! Fits y = exp(x b + fixed effects) by PPML (with an intercept, named "(Intercept)", when there are no fixed
//! effects). Observations whose group in some set has only zero flows are
//! separated (their fixed effect would be minus infinity) and dropped, repeatedly until none is; regressors
//! the fixed effects absorb are dropped. Missing values (NaN) in y or x drop the observation.
FitResult FitPpml(const RegressionData& data, const FitOptions& options = {});

//! Fits ln y = x b + fixed effects by least squares, on the observations with y > 0.
FitResult FitOlsLog(const RegressionData& data, const FitOptions& options = {});

//! Fits y = x b + fixed effects by least squares (y in levels; for second-stage regressions).
FitResult FitOls(const RegressionData& data, const FitOptions& options = {});

}  // namespace linkage
