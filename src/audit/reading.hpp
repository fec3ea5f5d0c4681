// audit/reading.hpp
// The readings a careful analyst tries when a printed number does not match the plain reading of a claim.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace linkage {

//! One way a claim's quantity might have been computed differently from its plain reading.
enum class Modification {
  kMirror,          //!< the partner's report of the same flow
  kSwap,            //!< exports and imports swapped
  kYearBefore,      //!< every stated year one earlier
  kYearAfter,       //!< every stated year one later
  kOtherDataset,    //!< the next dataset holding the value (e.g. WITS instead of IMF DOTS)
  kNominal,         //!< nominal instead of real growth
  kLevel,           //!< the level of a series instead of its growth rate
  kCompounding,     //!< cumulative growth for annual (compound) growth and the reverse
  kBlocMembers,     //!< a bloc as the sum of its members at that date
  kWithAggregates,  //!< rankings that count aggregates (EU, regions) among partners
};

//! A set of modifications plus, for claims without a year, the year tried.
struct Reading {
  std::set<Modification> modifications;
  std::optional<int> unstated_year;  //!< the year used where the claim states none (nullopt: the default)

  bool Has(Modification modification) const { return modifications.contains(modification); }
  bool IsPlain() const { return modifications.empty() && !unstated_year; }
  //! Plain words: "partner's report (mirror); year 2019 (not stated)".
  std::string Describe() const;
};

//! Words for one modification.
std::string DescribeModification(Modification modification);
//! Every reading of up to two modifications (never both neighbouring years), plain first.
std::vector<Reading> CandidateReadings();

}  // namespace linkage
