// indicators/regional.hpp
// Actor-region and system indicators (docs/methods.md): an outside actor's weight in a region's trade, the
// region's dependence on it, each member's part, intra-regional trade, and how the members' trade is spread
// over a set of outside powers and over all their partners (shares, HHI, multi-vector index, overtaking
// years). Members are the region's members in each year; flows are read under the caller's choices.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_terms.hpp"
#include "store/database.hpp"

namespace linkage {

//! Indicators of actor A with region R, for each year in [first, last] (Perspective::kBoth gives a record
//! per perspective).
std::vector<IndicatorRecord> ComputeRegionIndicators(Database& database, TradeTerms& terms,
                                                     const std::string& actor, const std::string& region,
                                                     int first, int last, const FlowChoices& choices);

//! Intra-regional trade share of `members` in `year`: their exports to each other over their exports to the
//! world (UNCTAD's intra-trade share); missing when any of those flows is.
Term IntraRegionalTradeShare(TradeTerms& terms, const std::vector<std::string>& members, int year,
                             const FlowChoices& choices);

//! Indicators of the outside powers facing region R, for each year in [first, last]: each power's share of
//! R's and of each member's trade; each member's (and R's) concentration and multi-vector index over the
//! powers; each member's over all its partners (countries only); and the years one power overtakes another.
std::vector<IndicatorRecord> ComputeSystemIndicators(Database& database, TradeTerms& terms,
                                                     const std::string& region,
                                                     const std::vector<std::string>& powers, int first,
                                                     int last, const FlowChoices& choices);

}  // namespace linkage
