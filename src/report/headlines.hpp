// report/headlines.hpp
// The three or four findings a report and the dashboard open with, as short sentences with formatted numbers
// and their uncertainty, each with the statistics behind it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/linkage_model.hpp"
#include "model/regional_network.hpp"
#include "model/score_tests.hpp"
#include "report/charts.hpp"

namespace linkage {

//! One finding: a sentence a reader can quote, and the statistics and sources behind it.
struct Headline {
  std::string text;
  std::string detail;
};

//! What the findings are about: the outside actor, the pivot state and the window of years.
struct HeadlineCase {
  std::string actor;
  std::string pivot;
  int first = 0;
  int last = 0;
};

//! The findings a run supports, in this order, each only when its data allow: the actor's share of the
//! pivot's trade, first and last year; the dyad's linkage score, its trend and its range over the sensitivity
//! draws; the actor's place among the powers' shares of linkage with the pivot in the latest year they are
//! all compared.
std::vector<Headline> Headlines(const LinkageRun& run, const std::vector<SeriesTests>& tests,
                                const std::vector<BreakDate>& dates, const HeadlineCase& subject,
                                const ChartStyle& style);

//! The pivot's place in its region's trade network in `year`: its share of the members' trade with the actor
//! and its rank by trade strength; nullopt when the share is missing.
std::optional<Headline> RegionHeadline(const PivotRole& role, const std::string& region, int year,
                                       const HeadlineCase& subject, const ChartStyle& style);

}  // namespace linkage
