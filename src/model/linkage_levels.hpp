// model/linkage_levels.hpp
// The linkage scores at the three levels of the framework from the dyad scores: each directed dyad; each
// power with a region (the mean over the members, and each member's share); and the system of powers facing
// the pivot state and the region (each power's share, concentration and the multi-vector index)
// (docs/methods.md, "Levels"). Wherever powers are compared (ranks, shares, HHI, multi-vector index) each is
// scored on the inputs all of them have that year, so a power never leads because another's data ran out
// (docs/methods.md, "Comparing powers").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/composite.hpp"

namespace linkage {

//! Who is scored: the powers (the actor first) facing the pivot state and the region's members each year.
struct LinkageDesign {
  std::string actor;                                //!< A
  std::string pivot;                                //!< B
  std::string region;                               //!< R; empty for the bilateral level alone
  std::vector<std::string> powers;                  //!< outside powers, A first
  std::map<int, std::vector<std::string>> members;  //!< R's members in each year
};

//! One printed number.
struct ScoreRow {
  std::string level;  //!< dyad, region or system
  //! score (each dyad on its own inputs), comparable_score (a power on the inputs every compared power
  //! has), member_share, power_share, hhi or multi_vector
  std::string measure;
  std::string source;  //!< the power (or "powers" for a measure over all of them)
  std::string target;  //!< the state or region facing it
  int year = 0;
  std::size_t score = 0;  //!< index into ScoreNames()
  std::optional<double> value;
  double coverage = 0;         //!< share of the nominal weight (or of the members) with a value
  std::optional<double> rank;  //!< among the powers facing the same target (1 = highest), comparable scores
  std::string missing;         //!< why the value is missing
  std::string note;            //!< for comparisons: the inputs and members left out, and why
  bool carried = false;        //!< the value rests on an input carried forward from an earlier year
};

//! A panel's normalised values and one choice of weights: what the levels are computed from.
struct ScoredPanel {
  const ComponentPanel& panel;
  const IndexSpec& spec;
  const std::vector<std::vector<std::optional<double>>>& normalised;  //!< [unit][spec component]
  const std::vector<double>& weights;                                 //!< one per spec component
  double min_coverage = 0.5;
};

//! The rows of all levels, always in the same order for the same panel and design (so sensitivity draws
//! line up row by row).
std::vector<ScoreRow> EvaluateLevels(const ScoredPanel& scored, const LinkageDesign& design);

}  // namespace linkage
