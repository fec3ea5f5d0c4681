// model/unknown_break.hpp
// Did a series change level or slope at some date nobody named? The sup-F test for one break at an unknown
// time (Andrews 1993) over the segmented regression of breaks.hpp, with its p-value from the fixed-regressor
// bootstrap (Hansen 2000) (docs/methods.md, "Breaks").
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/breaks.hpp"

namespace linkage {

//! The largest Chow F over the candidate break times and where it is.
struct UnknownBreakTest {
  BreakTest strongest;         //!< the segmented fit at the time with the largest F
  double sup_f = 0;            //!< that F
  double p_value = 1;          //!< share of bootstrap replications whose sup-F is at least as large
  std::size_t candidates = 0;  //!< break times tried
  std::size_t replications = 0;
  double trim = 0;  //!< share of the observations kept out of the candidates at each end
};

//! What the search tries and how the p-value is drawn.
struct UnknownBreakOptions {
  double trim = 0.15;  //!< Andrews' usual trimming
  std::size_t replications = 499;
  std::uint64_t seed = 1;  //!< the same seed gives the same p-value
};

//! The test; nullopt when no candidate leaves at least 3 observations and the trimmed share on each side.
std::optional<UnknownBreakTest> SupFBreak(const std::vector<SeriesPoint>& points,
                                          const UnknownBreakOptions& options = {});

}  // namespace linkage
