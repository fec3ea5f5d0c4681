// indicators/bilateral.hpp
// Bilateral economic indicators of a reporter i and partner j by year (docs/methods.md, "Bilateral
// indicators"): totals, shares, intensity, dependence and its asymmetry, openness, mirror gaps, growth.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_data.hpp"

namespace linkage {

//! The ids of the bilateral indicators, in output order.
const std::vector<std::string>& BilateralIndicatorIds();

//! Computes bilateral indicators from the workspace's flows and series.
class BilateralIndicators {
 public:
  explicit BilateralIndicators(TradeData& data) : data_(data) {}

  //! Every indicator for each year in [first, last], from the given perspective (kBoth gives two records per
  //! indicator and year). `growth_*` and `cagr_*` cover the whole window and are reported at the last year.
  std::vector<IndicatorRecord> Compute(const std::string& reporter, const std::string& partner, int first,
                                       int last, Perspective perspective);

 private:
  std::vector<IndicatorRecord> ComputeYear(const std::string& i, const std::string& j, int year,
                                           Perspective perspective);
  std::vector<IndicatorRecord> ComputeWindow(const std::string& i, const std::string& j, int first, int last,
                                             Perspective perspective);

  TradeData& data_;
};

}  // namespace linkage
