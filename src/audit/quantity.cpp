#include "audit/quantity.hpp"

#include "core/text.hpp"

namespace linkage {

std::string UnitName(Unit unit) {
  switch (unit) {
    case Unit::kUsd:
      return "US dollars";
    case Unit::kFraction:
      return "a ratio";
    case Unit::kPercent:
      return "percent";
    case Unit::kRank:
      return "a rank";
    case Unit::kNumber:
      return "a number";
  }
  return "a number";
}

PrintedUnit ParsePrintedUnit(const std::string& text) {
  const std::string lower = text::Lower(text::Trim(text));
  PrintedUnit unit{text, Unit::kNumber, 1};
  const bool usd = lower.find("usd") != std::string::npos || lower.find("us$") != std::string::npos ||
                   lower.find("dollar") != std::string::npos || lower == "$";
  if (usd) {
    unit.base = Unit::kUsd;
    if (lower.find("thousand") != std::string::npos) unit.scale = 1e3;
    if (lower.find("million") != std::string::npos) unit.scale = 1e6;
    if (lower.find("billion") != std::string::npos) unit.scale = 1e9;
    return unit;
  }
  if (text::StartsWith(lower, "percent") || text::StartsWith(lower, "%")) {
    unit.base = Unit::kPercent;
    return unit;
  }
  if (lower == "rank") unit.base = Unit::kRank;
  return unit;
}

std::optional<double> ExpressIn(const Quantity& quantity, const PrintedUnit& unit) {
  switch (unit.base) {
    case Unit::kUsd:
      if (quantity.unit != Unit::kUsd) return std::nullopt;
      return quantity.value / unit.scale;
    case Unit::kPercent:
      if (quantity.unit == Unit::kFraction) return quantity.value * 100;
      if (quantity.unit == Unit::kPercent) return quantity.value;
      return std::nullopt;
    case Unit::kRank:
      if (quantity.unit != Unit::kRank) return std::nullopt;
      return quantity.value;
    default:
      if (quantity.unit == Unit::kUsd || quantity.unit == Unit::kFraction ||
          quantity.unit == Unit::kPercent) {
        return std::nullopt;
      }
      return quantity.value;
  }
}

}  // namespace linkage
