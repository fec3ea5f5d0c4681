// audit/quantity.hpp
// A computed value with its unit and the stored rows behind it, and conversion to the unit a claim prints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/trade_data.hpp"

namespace linkage {

//! Units the evaluator distinguishes. Money is always US dollars inside the evaluator.
enum class Unit { kUsd, kFraction, kPercent, kRank, kNumber };

//! The name of a unit for messages.
std::string UnitName(Unit unit);

//! A value, its unit, whether an input was an estimate, and the stored rows it was computed from.
struct Quantity {
  double value = 0;
  Unit unit = Unit::kNumber;
  bool estimated = false;
  std::vector<ValueSource> sources;
  std::vector<std::string> steps;  //!< what was computed, in words, for provenance
};

//! A unit as claims print it: "percent", "million USD", "rank", ...
struct PrintedUnit {
  std::string text;
  Unit base = Unit::kNumber;  //!< the evaluator unit it converts from
  double scale = 1;           //!< printed = computed (in base) / scale
};

//! Parses a claim's unit. Unknown units are kept as plain numbers (scale 1).
PrintedUnit ParsePrintedUnit(const std::string& text);
//! The computed quantity expressed in the printed unit; nullopt when the units cannot be reconciled
//! (a growth rate cannot be printed in billions of dollars).
std::optional<double> ExpressIn(const Quantity& quantity, const PrintedUnit& unit);

}  // namespace linkage
