#include "audit/verdict.hpp"

#include <cmath>

#include "core/text.hpp"

namespace linkage {

std::optional<PrintedValue> ParsePrinted(const std::string& text) {
  const std::string trimmed(text::Trim(text));
  const auto value = text::ParseDouble(trimmed);
  if (!value) return std::nullopt;
  const std::size_t dot = trimmed.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(trimmed.size() - dot - 1);
  return PrintedValue{*value, decimals};
}

std::optional<Relation> ParseRelation(const std::string& text) {
  const std::string trimmed(text::Trim(text));
  if (trimmed.empty() || trimmed == "approx") return Relation::kApprox;
  if (trimmed == "at_least") return Relation::kAtLeast;
  if (trimmed == "at_most") return Relation::kAtMost;
  return std::nullopt;
}

Verdict Judge(double computed, const PrintedValue& printed, Relation relation, Unit unit) {
  if (unit == Unit::kRank)
    return std::lround(computed) == std::lround(printed.value) ? Verdict::kHolds : Verdict::kDiffers;
  // Half a unit of the last printed digit: the value rounds to what was printed.
  const double rounding = 0.5 * std::pow(10.0, -printed.decimals);
  const double scale = std::fabs(printed.value);
  const double hold_band = std::max(rounding, kHoldTolerance * scale);
  const double close_band = std::max(rounding, kCloseTolerance * scale);
  switch (relation) {
    case Relation::kAtLeast:
      if (computed >= printed.value - hold_band) return Verdict::kHolds;
      return computed >= printed.value - close_band ? Verdict::kClose : Verdict::kDiffers;
    case Relation::kAtMost:
      if (computed <= printed.value + hold_band) return Verdict::kHolds;
      return computed <= printed.value + close_band ? Verdict::kClose : Verdict::kDiffers;
    case Relation::kApprox: {
      const double difference = std::fabs(computed - printed.value);
      if (difference <= hold_band) return Verdict::kHolds;
      return difference <= close_band ? Verdict::kClose : Verdict::kDiffers;
    }
  }
  return Verdict::kDiffers;
}

std::string VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kHolds:
      return "holds";
    case Verdict::kClose:
      return "close";
    case Verdict::kDiffers:
      return "differs";
    case Verdict::kUnverifiable:
      return "unverifiable";
  }
  return "unverifiable";
}

int VerdictRank(Verdict verdict) {
  return static_cast<int>(verdict);
}

}  // namespace linkage
