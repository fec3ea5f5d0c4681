// model/premium.hpp
// The linkage premium of a pair: how much more the two trade than size, distance and every multilateral
// resistance explain. Its path is the pair's year-specific deviation from its own first year in a structural
// PPML with exporter-year, importer-year and pair fixed effects; its level is the pair's fixed effect beyond
// the gravity fundamentals, against every other pair of the panel (docs/methods.md, "Linkage premium").
#pragma once

#include <string>
#include <vector>

#include "model/gravity_frame.hpp"
#include "model/ppml.hpp"

namespace linkage {

//! The premium of one direction of the pair in one year, relative to the first year, in log points.
struct PremiumPoint {
  std::string exporter;
  std::string importer;
  int year = 0;
  double estimate = 0;
  double std_error = 0;  //!< clustered by pair
};

//! The pair's fixed effect beyond the fundamentals, in one direction.
struct PremiumLevel {
  std::string exporter;
  std::string importer;
  double residual = 0;    //!< log points above the fitted pair effect
  double percentile = 0;  //!< share of the panel's pairs with a smaller residual
  std::size_t pairs = 0;  //!< pairs in the second stage
};

//! Everything the premium estimation computed.
struct PremiumResult {
  FitResult structural;            //!< the PPML with the pair-year dummies
  FitResult fundamentals;          //!< the second stage: pair effects on ln_dist, contig, comlang_off, colony
  std::vector<PremiumPoint> path;  //!< both directions, every year after the first
  std::vector<PremiumLevel> levels;
  int base_year = 0;
};

//! Estimates the premium of `a` and `b` (both directions) on a panel with columns exporter, importer, year,
//! trade, ln_dist, contig, comlang_off and colony (BuildWorkspacePanel's).
PremiumResult EstimatePremium(const GravityFrame& frame, const std::string& a, const std::string& b,
                              const FitOptions& options = {});

}  // namespace linkage
