// indicators/term.hpp
// The operand every indicator is computed from: a value or the reason it is missing, whether an input was a
// publisher's estimate, the stored rows behind it and, in words, how it was obtained. The arithmetic here
// propagates all of that, so a missing input makes the result missing with the input's reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/trade_data.hpp"

namespace linkage {

//! A value with its provenance, or the reason it is missing.
struct Term {
  std::optional<double> value;       //!< nullopt when missing
  bool estimated = false;            //!< an input was flagged as an estimate by its publisher
  std::vector<ValueSource> sources;  //!< the stored rows behind it (duplicates removed)
  std::vector<std::string> steps;    //!< what was read and computed, in words
  std::string missing;               //!< why the value is missing
  bool partner_report = false;       //!< an input was read from the partner's report of the flow
  int mirror_filled = 0;             //!< inputs whose own report was missing and were filled by the partner's
  bool bloc_members = false;         //!< a bloc was read as the sum of its members
  bool alternative_dataset = false;  //!< an input came from a dataset other than the preferred one
  std::vector<std::string> omitted;  //!< members left out of a bloc's sum because they report no such flow
  bool published_missing = false;    //!< missing because the publisher marked it "not available"

  //! A known value from one observation.
  static Term Of(const Observation& observation, std::string step);
  //! A plain number (a constant, or a value computed elsewhere).
  static Term Number(double value);
  //! A missing value and why.
  static Term Missing(std::string reason);
};

//! a + b.
Term Add(const Term& a, const Term& b);
//! a - b.
Term Subtract(const Term& a, const Term& b);
//! a x b.
Term Multiply(const Term& a, const Term& b);
//! a / b; missing with "the denominator is zero" when b is 0.
Term Divide(const Term& a, const Term& b);
//! The sum of the terms; the first missing term makes the sum missing.
Term Sum(const std::vector<Term>& terms);
//! The sum of the terms that have values, naming the others (`names[k]` for `terms[k]`) in `omitted`;
//! missing only when none has a value. For sums over many parties where an absent flow means none was
//! reported, not that the total is unknown.
Term SumReported(const std::vector<Term>& terms, const std::vector<std::string>& names);
//! end / start - 1.
Term Growth(const Term& start, const Term& end);
//! (end / start)^(1 / years) - 1; missing when start or end is not positive.
Term CompoundGrowth(const Term& start, const Term& end, int years);

//! Herfindahl-Hirschman index of the values' shares of their sum: sum of s_k^2 (0-1).
double HerfindahlIndex(const std::vector<double>& values);
//! Shannon entropy of the values' shares, -sum s_k ln s_k, divided by ln(count): 1 when the values are equal,
//! 0 when one holds everything. Needs at least two values.
double NormalisedEntropy(const std::vector<double>& values);

}  // namespace linkage
