// indicators/bilateral.hpp
// Bilateral economic indicators of a reporter i and partner j by year (docs/methods.md, "Bilateral
// indicators"): totals, shares, intensity, dependence and its asymmetry, openness, mirror gaps, growth.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_terms.hpp"

namespace linkage {

//! The ids of the bilateral indicators, in output order.
const std::vector<std::string>& BilateralIndicatorIds();

//! IMF DOTS's CIF/FOB factor: partner imports (CIF) are expected to exceed exports (FOB) by this ratio.
inline constexpr double kCifFobFactor = 1.06;
//! The band of mirror ratios (imports CIF over exports FOB) that freight and insurance explain.
inline constexpr double kCifFobBandLow = 1.0;
//! Upper end of that band.
inline constexpr double kCifFobBandHigh = 1.10;

//! Computes bilateral indicators from the workspace's flows and series.
class BilateralIndicators {
 public:
  explicit BilateralIndicators(TradeTerms& terms) : terms_(terms) {}

  //! Every indicator for each year in [first, last] under `choices` (Perspective::kBoth gives a record per
  //! perspective for the indicators that depend on it). `growth_*` and `cagr_*` cover the whole window and
  //! are reported at the last year.
  std::vector<IndicatorRecord> Compute(const std::string& reporter, const std::string& partner, int first,
                                       int last, const FlowChoices& choices);

 private:
  std::vector<IndicatorRecord> ComputeYear(const std::string& i, const std::string& j, int year,
                                           const FlowChoices& choices);
  std::vector<IndicatorRecord> ComputeMirrorGaps(const std::string& i, const std::string& j, int year,
                                                 const std::string& dataset);
  std::vector<IndicatorRecord> ComputeWindow(const std::string& i, const std::string& j, int first, int last,
                                             const FlowChoices& choices);

  TradeTerms& terms_;
};

}  // namespace linkage
