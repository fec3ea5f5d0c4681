// indicators/security.hpp
// Security indicators of a dyad by year (docs/methods.md, "Security indicators"): ATOP alliance obligations,
// shared security institutions, arms transfers (SIPRI TIV), contiguity, the capability ratio, and joint
// exercises and security agreements from the coded events.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_data.hpp"
#include "store/database.hpp"

namespace linkage {

//! The ids of the security indicators, in output order.
const std::vector<std::string>& SecurityIndicatorIds();

//! The organisations counted as security institutions (data/institutions/security_institutions.csv is the
//! list a workspace is built with; these are its defaults).
const std::vector<std::string>& SecurityInstitutions();

//! Every security indicator of i with j for each year in [first, last], series read through `series` (a
//! reader already open on `database`, so that a panel does not open one per dyad).
std::vector<IndicatorRecord> ComputeSecurityIndicators(Database& database, TradeData& series,
                                                       const std::string& i, const std::string& j, int first,
                                                       int last);
//! The same with a reader of its own.
std::vector<IndicatorRecord> ComputeSecurityIndicators(Database& database, const std::string& i,
                                                       const std::string& j, int first, int last);

}  // namespace linkage
