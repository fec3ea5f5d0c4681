// Audit of a claim about one number: the plain reading, every applicable alternative reading, unit and scale
// slips, and an explanation in plain words.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "audit/applicability.hpp"
#include "audit/auditor.hpp"
#include "core/text.hpp"

namespace linkage {

namespace {

// Factors by which a printed number may have slipped: thousands, millions, billions, percent against ratio.
constexpr std::array<std::pair<double, const char*>, 8> kScaleSlips = {{
    {1e3, "x 1,000 (thousands read as units)"},
    {1e-3, "/ 1,000 (units read as thousands)"},
    {1e6, "x 1,000,000 (millions read as units)"},
    {1e-6, "/ 1,000,000 (units read as millions)"},
    {1e9, "x 1e9 (billions read as units)"},
    {1e-9, "/ 1e9 (units read as billions)"},
    {100, "x 100 (a ratio printed as a percentage twice)"},
    {0.01, "/ 100 (a percentage printed as a ratio)"},
}};

std::string Show(double value) {
  return text::FormatNumber(value, 6);
}

}  // namespace

ClaimResult Auditor::AuditScalar(const Claim& claim) {
  ClaimResult result;
  result.id = claim.id;
  result.statement = claim.statement;
  result.expression = claim.expression->ToString();
  result.unit = claim.unit.text;
  if (claim.printed) result.printed = claim.printed->value;
  const int default_year = claim.cited_year > 0 ? claim.cited_year - 1 : 0;
  const std::map<std::string, std::string> no_row;
  auto judge = [&](const std::optional<double>& value) {
    if (!value || !claim.printed) return Verdict::kUnverifiable;
    return Judge(*value, *claim.printed, claim.relation, claim.unit.base);
  };

  const Computed plain = Compute(*claim.expression, {}, claim.unit, no_row, default_year, claim);
  result.computed = plain.value;
  result.verdict = judge(plain.value);
  if (plain.quantity) {
    result.estimated = plain.quantity->estimated;
    result.steps = plain.quantity->steps;
    result.sources = plain.quantity->sources;
  }

  // Alternative readings, and for a claim without a year, each year around the cited source's date.
  const std::set<Modification> relevant = RelevantModifications(*claim.expression);
  for (const auto& reading : CandidateReadings()) {
    if (reading.IsPlain() && !plain.used_unstated_year) continue;
    if (!CouldApply(reading, relevant)) continue;
    std::optional<ReadingResult> best;
    const std::vector<int> years = plain.used_unstated_year ? UnstatedYears(claim) : std::vector<int>{0};
    for (const int year : years) {
      Reading tried = reading;
      if (plain.used_unstated_year) tried.unstated_year = year;
      if (plain.used_unstated_year && reading.IsPlain() && year == default_year) continue;
      const Computed computed = Compute(*claim.expression, tried, claim.unit, no_row, default_year, claim);
      if (!FullyApplied(tried, computed.applied) || computed.unit_mismatch) continue;
      ReadingResult candidate{tried.Describe(), computed.value, judge(computed.value), computed.missing};
      if (!computed.value) {
        if (!best) best = candidate;
        continue;
      }
      const bool better = !best || !best->computed ||
                          (claim.printed && std::fabs(*candidate.computed - claim.printed->value) <
                                                std::fabs(*best->computed - claim.printed->value));
      if (better) best = candidate;
    }
    if (best && (best->computed || !plain.used_unstated_year)) result.alternatives.push_back(*best);
  }
  // A scale slip turns one nonzero number into another: a printed zero (a yes-or-no fact, none at all) is
  // never explained by one.
  if (plain.value && claim.printed && result.verdict != Verdict::kHolds && claim.unit.base != Unit::kRank &&
      claim.printed->value != 0) {
    for (const auto& [factor, words] : kScaleSlips) {
      const double scaled = *plain.value * factor;
      if (Judge(scaled, *claim.printed, claim.relation, claim.unit.base) == Verdict::kHolds) {
        result.alternatives.push_back(
            {fmt::format("unit or scale slip: the computed value {}", words), scaled, Verdict::kHolds, ""});
      }
    }
  }

  // The explanation: what was computed, how it compares, and which readings reproduce the printed number.
  std::string explanation;
  if (!plain.value) {
    explanation = fmt::format("Cannot be checked: the workspace lacks {}.", plain.missing);
  } else if (!claim.printed) {
    explanation = fmt::format("Computed {} {}; the study prints no number to compare.", Show(*plain.value),
                              claim.unit.text);
  } else {
    explanation =
        fmt::format("Computed {} {} against {} printed ({}): {}.", Show(*plain.value), claim.unit.text,
                    claim.printed_text, DescribeDifference(*plain.value, claim.printed->value),
                    VerdictName(result.verdict));
    if (result.verdict == Verdict::kHolds && claim.relation == Relation::kApprox &&
        std::fabs(*plain.value - claim.printed->value) > kHoldTolerance * std::fabs(claim.printed->value)) {
      explanation += fmt::format(" It holds because it rounds to the printed {}.", claim.printed_text);
    }
    if (plain.used_unstated_year) {
      explanation += fmt::format(
          " The claim states no year; the plain reading takes {}, the year before the cited "
          "source ({}).",
          default_year, claim.cited_year);
    }
    if (plain.quantity && plain.quantity->estimated)
      explanation += " Some inputs are the publisher's estimates.";
  }
  std::vector<std::string> reproducing;
  std::vector<std::string> near;
  for (const auto& alternative : result.alternatives) {
    if (!alternative.computed) continue;
    const std::string text =
        fmt::format("{} gives {}", alternative.interpretation, Show(*alternative.computed));
    if (alternative.verdict == Verdict::kHolds) reproducing.push_back(text);
    if (alternative.verdict == Verdict::kClose) near.push_back(text);
  }
  if (result.verdict != Verdict::kHolds && claim.printed) {
    if (!reproducing.empty()) {
      explanation += fmt::format(" The printed number is reproduced by: {}.", text::Join(reproducing, "; "));
    } else if (!near.empty()) {
      explanation += fmt::format(" No reading reproduces it exactly; close: {}.", text::Join(near, "; "));
    } else if (!result.alternatives.empty()) {
      explanation += fmt::format(" None of the {} other readings tried comes within {}%.",
                                 result.alternatives.size(), text::FormatNumber(kCloseTolerance * 100));
    }
  }
  if (!result.steps.empty()) explanation += " From: " + text::Join(result.steps, "; ") + ".";
  result.explanation = explanation;
  return result;
}

}  // namespace linkage
