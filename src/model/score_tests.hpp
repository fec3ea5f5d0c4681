// model/score_tests.hpp
// Tests of the argument on the score series: a Mann-Kendall trend with Sen's slope for every series, its
// robustness over the sensitivity draws, breaks at dated milestones, and a plain-language summary
// (docs/methods.md, "Trend", "Breaks").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/breaks.hpp"
#include "model/linkage_levels.hpp"
#include "model/sensitivity.hpp"
#include "model/trend.hpp"
#include "model/unknown_break.hpp"

namespace linkage {

//! A date at which a series may change: the first year of the new regime and what happened.
struct BreakDate {
  int year = 0;
  std::string label;
};

//! The tests of one score series (one row key over the years).
struct SeriesTests {
  std::string level;
  std::string measure;
  std::string source;
  std::string target;
  std::size_t score = 0;
  int first_year = 0;
  int last_year = 0;
  std::size_t missing = 0;    //!< years with no value
  double least_coverage = 1;  //!< the lowest share of the weight with values over the years with a value
  std::optional<TrendTest> trend;
  //! Share of the sensitivity draws whose trend verdict (rising, falling, none at 5%) is the nominal one.
  std::optional<double> robust_share;
  std::vector<std::optional<BreakTest>> breaks;  //!< one per break date
  //! With no break dates: the sup-F search for one break at an unknown date (dyad scores only).
  std::optional<UnknownBreakTest> unknown_break;
  std::string no_break_test;  //!< why no break test ran, when none did
};

//! The tests of every score, HHI and multi-vector series among `rows` (member and power shares are left
//! out); `sensitivity` may be null. With no `dates`, each dyad score series is searched for one break at an
//! unknown date instead.
std::vector<SeriesTests> TestScoreSeries(const std::vector<ScoreRow>& rows, const Sensitivity* sensitivity,
                                         const std::vector<BreakDate>& dates);

//! "rising", "falling" or "no trend" at the 5% level, with "(not robust)" when fewer than 90% of the draws
//! agree.
std::string TrendReading(const SeriesTests& tests);

//! A plain sentence on one series: whether it rose or fell, how sure the tests are, and its clearest break.
std::string SeriesSummary(const SeriesTests& series, const Sensitivity* sensitivity,
                          const std::vector<BreakDate>& dates);

//! Plain sentences on the dyad source -> target: which scores rose or fell, when they broke and how sure
//! the tests are; and whether the leading power facing the target in the last year leads in the draws.
std::vector<std::string> SummariseTests(const std::vector<SeriesTests>& tests,
                                        const std::vector<ScoreRow>& rows, const Sensitivity* sensitivity,
                                        const std::vector<BreakDate>& dates, const std::string& source,
                                        const std::string& target);

}  // namespace linkage
