// model/milestone_dates.hpp
// The dates at which the break tests look by default: the dyad's turning points in the workspace's dated
// milestones (summits, partnership upgrades, initiatives), and dates a user gives.
#pragma once

#include <string>
#include <vector>

#include "model/score_tests.hpp"
#include "store/database.hpp"

namespace linkage {

//! One break date per year in [first, last] in which a summit, partnership upgrade or initiative names both
//! a and b, labelled with the first such milestone of the year.
std::vector<BreakDate> MilestoneBreakDates(Database& database, const std::string& a, const std::string& b,
                                           int first, int last);

//! Parses --breaks "2013,2015" into dates labelled "given"; UsageError for anything but years.
std::vector<BreakDate> ParseBreakDates(const std::string& text);

}  // namespace linkage
