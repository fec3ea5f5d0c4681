// indicators/dyad_indicators.hpp
// Every indicator of a dyad in the dimensions asked for: what `linkage indicators` prints and what the trend
// tests read.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_terms.hpp"
#include "store/database.hpp"

namespace linkage {

//! Which dimensions to compute.
struct Dimensions {
  bool economic = false;
  bool security = false;
  bool political = false;
  bool events = false;
};

//! Parses economic, security, political, events or all; UsageError otherwise.
Dimensions ParseDimensions(const std::string& name);

//! Every indicator id of the four dimensions (and the product indicators).
std::vector<std::string> KnownIndicatorIds();

//! The indicators of i and j for each year in [first, last] in the chosen dimensions, trade read under
//! `choices`.
std::vector<IndicatorRecord> ComputeDyadIndicators(Database& database, TradeTerms& terms,
                                                   const std::string& i, const std::string& j, int first,
                                                   int last, const FlowChoices& choices,
                                                   const Dimensions& dimensions);

}  // namespace linkage
