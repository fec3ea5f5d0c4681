// indicators/event_indicators.hpp
// Event-data indicators of a dyad by year or month (docs/methods.md, "Event indicators"): events by quad
// class, mean and summed Goldstein score, and the share of cooperative events, over the coded events stored
// for the two states in either direction.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "store/database.hpp"

namespace linkage {

//! How event indicators are aggregated.
struct EventAggregation {
  bool monthly = false;  //!< one record per month instead of per year
  std::string dataset;   //!< only events of this dataset; when empty, every dataset read from an event-data
                         //!< format (gdelt1, gdelt2, icews, polecat, plover), not compiled timelines
};

//! The ids of the event indicators, in output order.
const std::vector<std::string>& EventIndicatorIds();

//! Every event indicator of i and j for each year (or month) in [first, last].
std::vector<IndicatorRecord> ComputeEventIndicators(Database& database, const std::string& i,
                                                    const std::string& j, int first, int last,
                                                    const EventAggregation& aggregation = {});

}  // namespace linkage
