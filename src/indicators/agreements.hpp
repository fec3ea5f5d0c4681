// indicators/agreements.hpp
// Trade agreements in force between two states by year (docs/methods.md, "Trade agreements"): whether any
// agreement binds the pair to each other on some day of the year, and how many, from DESTA's parties and
// sides with HUGGO's state dates.
#pragma once

#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "store/database.hpp"

namespace linkage {

//! The ids of the trade-agreement indicators, in output order.
const std::vector<std::string>& AgreementIndicatorIds();

//! The trade agreements in force between i and j for each year in [first, last]: 0/1 and a count, with the
//! agreement rows as sources; missing outside the years the workspace's agreement data cover.
std::vector<IndicatorRecord> ComputeAgreementIndicators(Database& database, const std::string& i,
                                                        const std::string& j, int first, int last);

}  // namespace linkage
