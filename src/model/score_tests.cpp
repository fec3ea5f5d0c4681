#include "model/score_tests.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace linkage {

namespace {

constexpr double kSignificance = 0.05;
constexpr double kRobustShare = 0.9;

// -1, 0 or +1: the direction of a significant trend.
int Verdict(const std::optional<TrendTest>& trend) {
  if (!trend || trend->p_value >= kSignificance) return 0;
  return trend->s > 0 ? 1 : -1;
}

std::string PValue(double p) {
  return p < 0.001 ? "p < 0.001" : fmt::format("p = {:.3f}", p);
}

std::string Title(std::size_t score) {
  std::string name = ScoreNames()[score];
  for (char& c : name)
    if (c == '_') c = ' ';
  return name;
}

// The unknown-break search: Andrews' (1993) usual trimming, and bootstrap replications enough for a p-value
// to two decimals.
constexpr double kTrim = 0.15;
constexpr std::size_t kReplications = 199;

// The series key of a row: everything but the year.
using SeriesKey = std::tuple<std::string, std::string, std::string, std::string, std::size_t>;

}  // namespace

std::vector<SeriesTests> TestScoreSeries(const std::vector<ScoreRow>& rows, const Sensitivity* sensitivity,
                                         const std::vector<BreakDate>& dates) {
  std::vector<SeriesKey> order;
  std::map<SeriesKey, std::vector<std::size_t>> members;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const ScoreRow& row = rows[k];
    if (row.measure == "member_share" || row.measure == "power_share") continue;
    const SeriesKey key{row.level, row.measure, row.source, row.target, row.score};
    auto& indices = members[key];
    if (indices.empty()) order.push_back(key);
    indices.push_back(k);
  }
  std::vector<SeriesTests> result;
  for (const auto& key : order) {
    const auto& indices = members[key];
    SeriesTests tests;
    std::tie(tests.level, tests.measure, tests.source, tests.target, tests.score) = key;
    tests.first_year = std::numeric_limits<int>::max();
    tests.last_year = std::numeric_limits<int>::min();
    std::vector<SeriesPoint> points;
    for (const std::size_t k : indices) {
      tests.first_year = std::min(tests.first_year, rows[k].year);
      tests.last_year = std::max(tests.last_year, rows[k].year);
      if (rows[k].value) {
        points.push_back({static_cast<double>(rows[k].year), *rows[k].value});
        tests.least_coverage = std::min(tests.least_coverage, rows[k].coverage);
      } else {
        ++tests.missing;
      }
    }
    tests.trend = MannKendall(points);
    for (const auto& date : dates) tests.breaks.push_back(SegmentedBreak(points, date.year));
    if (dates.empty() && tests.level == "dyad" && tests.measure == "score") {
      tests.unknown_break = SupFBreak(points, {kTrim, kReplications, 1});
      if (!tests.unknown_break)
        tests.no_break_test = fmt::format(
            "no break test: {} years with a value leave no break date with 3 years and {:.0f}% of them on "
            "each "
            "side",
            points.size(), 100 * kTrim);
    } else if (dates.empty()) {
      tests.no_break_test =
          "no break dates given, and the search for an unknown break runs on dyad scores only";
    }
    if (sensitivity != nullptr && sensitivity->Draws() > 0 && tests.trend) {
      const int nominal = Verdict(tests.trend);
      std::size_t agree = 0;
      for (std::size_t draw = 0; draw < sensitivity->Draws(); ++draw) {
        std::vector<SeriesPoint> drawn;
        for (const std::size_t k : indices) {
          if (const auto value = sensitivity->Value(k, draw))
            drawn.push_back({static_cast<double>(rows[k].year), *value});
        }
        if (Verdict(MannKendallSignificance(drawn)) == nominal) ++agree;
      }
      tests.robust_share = static_cast<double>(agree) / static_cast<double>(sensitivity->Draws());
    }
    result.push_back(std::move(tests));
  }
  return result;
}

std::string TrendReading(const SeriesTests& tests) {
  if (!tests.trend) return "fewer than 3 years with a value";
  const int verdict = Verdict(tests.trend);
  std::string reading = verdict > 0 ? "rising" : verdict < 0 ? "falling" : "no trend";
  reading += " (5% level)";
  if (tests.robust_share && *tests.robust_share < kRobustShare) reading += ", not robust";
  return reading;
}

std::string SeriesSummary(const SeriesTests& series, const Sensitivity* sensitivity,
                          const std::vector<BreakDate>& dates) {
  const std::string& source = series.source;
  const std::string& target = series.target;
  const std::string what = fmt::format("{} of {} with {}, {}-{}", Title(series.score), source, target,
                                       series.first_year, series.last_year);
  if (!series.trend) return fmt::format("{}: too few years with a value to test.", what);
  const int verdict = Verdict(series.trend);
  std::string sentence = verdict == 0
                             ? fmt::format("{}: no monotonic trend at the 5% level (Mann-Kendall {})", what,
                                           PValue(series.trend->p_value))
                             : fmt::format("{}: {} by {:+.2f} points a year (Sen's slope; Mann-Kendall {})",
                                           what, verdict > 0 ? "rose" : "fell", series.trend->sen_slope,
                                           PValue(series.trend->p_value));
  if (series.robust_share) {
    sentence += fmt::format("; the same verdict in {:.0f}% of {} draws of weights and normalisation ({})",
                            100 * *series.robust_share, sensitivity->Draws(),
                            *series.robust_share >= kRobustShare ? "robust" : "not robust");
  }
  if (series.least_coverage < 1) {
    sentence += fmt::format(
        "; in some years only {:.0f}% of its weight has values, so part of a change may "
        "be a change of inputs",
        100 * series.least_coverage);
  }
  // The milestone with the strongest joint evidence of a break.
  std::optional<std::size_t> strongest;
  for (std::size_t k = 0; k < series.breaks.size(); ++k) {
    const auto& test = series.breaks[k];
    if (!test || test->p_joint >= kSignificance) continue;
    if (!strongest || test->p_joint < series.breaks[*strongest]->p_joint) strongest = k;
  }
  if (strongest) {
    const BreakTest& test = *series.breaks[*strongest];
    sentence += fmt::format(
        ". The clearest break is from {} ({}): level {:+.2f} ({}), slope {:+.2f} a year ({}); Chow {}",
        dates[*strongest].year, dates[*strongest].label, test.level_shift, PValue(test.p_level),
        test.slope_change, PValue(test.p_slope), PValue(test.p_joint));
  } else if (!dates.empty()) {
    sentence += ". No break at the milestone dates is significant at the 5% level";
  } else if (series.unknown_break) {
    const UnknownBreakTest& search = *series.unknown_break;
    sentence += fmt::format(
        ". With no milestones of {} and {} to test at, the sup-F search for one break at an unknown date "
        "(Andrews 1993; {:.0f}% trimming, {} dates tried, bootstrap p over {} draws) finds the strongest "
        "from "
        "{}: F {} ({}){}",
        source, target, 100 * search.trim, search.candidates, search.replications,
        static_cast<int>(search.strongest.break_time),
        // A series that steps once with no noise has a near-infinite F: written in powers of ten.
        search.sup_f < 1e6 ? fmt::format("{:.2f}", search.sup_f) : fmt::format("{:.3g}", search.sup_f),
        PValue(search.p_value), search.p_value < kSignificance ? "" : ", not significant at the 5% level");
  } else if (!series.no_break_test.empty()) {
    sentence += ". " + series.no_break_test;
  }
  return sentence + ".";
}

std::vector<std::string> SummariseTests(const std::vector<SeriesTests>& tests,
                                        const std::vector<ScoreRow>& rows, const Sensitivity* sensitivity,
                                        const std::vector<BreakDate>& dates, const std::string& source,
                                        const std::string& target) {
  std::vector<std::string> sentences;
  for (const auto& series : tests) {
    if (series.level == "dyad" && series.measure == "score" && series.source == source &&
        series.target == target)
      sentences.push_back(SeriesSummary(series, sensitivity, dates));
  }
  // Who leads facing the target in the last year, and how often the draws agree.
  int last = std::numeric_limits<int>::min();
  for (const auto& row : rows) last = std::max(last, row.year);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const ScoreRow& row = rows[k];
    if (row.level != "dyad" || row.measure != "comparable_score" || row.target != target ||
        row.year != last || row.score != kScoreCount - 1 || !row.rank || *row.rank != 1)
      continue;
    std::string sentence = fmt::format(
        "In {} {} has the highest linkage score with {} of the powers, compared on the inputs all of them "
        "have",
        last, row.source, target);
    if (sensitivity != nullptr && sensitivity->Draws() > 0) {
      const Spread ranks = sensitivity->RankSpread(k);
      sentence += fmt::format("; its rank over the draws is {} (5-95%: {}-{}), so the lead is {}",
                              ranks.median ? fmt::format("{:g}", *ranks.median) : "missing",
                              ranks.low ? fmt::format("{:g}", *ranks.low) : "?",
                              ranks.high ? fmt::format("{:g}", *ranks.high) : "?",
                              ranks.high && *ranks.high <= 1 ? "robust" : "not robust");
    }
    sentences.push_back(sentence + ".");
  }
  return sentences;
}

}  // namespace linkage
