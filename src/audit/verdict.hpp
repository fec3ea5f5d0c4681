// audit/verdict.hpp
// The tolerance rules that turn a computed and a printed number into a verdict (docs/claims.md).
#pragma once

#include <optional>
#include <string>

#include "audit/quantity.hpp"

namespace linkage {

//! Exactly one of these per claim and per reading.
enum class Verdict { kHolds, kClose, kDiffers, kUnverifiable };

//! How the printed number relates to the quantity: "about 8" (approximately), "over a third" (at least).
enum class Relation { kApprox, kAtLeast, kAtMost };

//! A printed number and the precision it was printed with.
struct PrintedValue {
  double value = 0;
  int decimals = 0;  //!< digits after the decimal point as printed ("13.6" -> 1)
};

//! Relative difference within which a value holds; within kCloseTolerance it is close.
inline constexpr double kHoldTolerance = 0.01;
//! Relative difference within which a value is close.
inline constexpr double kCloseTolerance = 0.10;

//! Parses a printed number, remembering its precision; nullopt when it is not a number.
std::optional<PrintedValue> ParsePrinted(const std::string& text);
//! Parses "approx", "at_least" or "at_most" (empty means approx); nullopt otherwise.
std::optional<Relation> ParseRelation(const std::string& text);
//! Judges a computed value (already in the printed unit) against the printed one.
Verdict Judge(double computed, const PrintedValue& printed, Relation relation, Unit unit);
//! "holds", "close", "differs" or "unverifiable".
std::string VerdictName(Verdict verdict);
//! Orders verdicts from best (holds) to worst (unverifiable).
int VerdictRank(Verdict verdict);

}  // namespace linkage
