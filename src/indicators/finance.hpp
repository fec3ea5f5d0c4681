// indicators/finance.hpp
// Development finance from a lender to a state as a share of the state's GDP (docs/methods.md,
// "Development finance"): AidData's Chinese commitments (ODA-like, OOF and all official finance), in constant
// 2021 dollars, over GDP rebased to constant 2021 dollars with the state's real growth.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "store/database.hpp"

namespace linkage {

//! The lender whose commitments the development-finance series describe (AidData GCDF: China).
inline constexpr const char* kDevelopmentFinanceLender = "CHN";

//! The ids of the development-finance indicators, in output order.
const std::vector<std::string>& FinanceIndicatorIds();

//! Development finance from j to i as a share of i's GDP, for each year in [first, last]; missing with the
//! reason when j is not the lender the workspace has data for.
std::vector<IndicatorRecord> ComputeFinanceIndicators(Database& database, const std::string& i,
                                                      const std::string& j, int first, int last);

}  // namespace linkage
