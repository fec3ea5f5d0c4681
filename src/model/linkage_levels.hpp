// model/linkage_levels.hpp
// The linkage scores at the three levels of the framework from the dyad scores: each directed dyad; each
// power with a region (the mean over the members, and each member's share); and the system of powers facing
// the pivot state and the region (each power's share, concentration and the multi-vector index)
// (docs/methods.md, "Levels").
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
  std::string level;    //!< dyad, region or system
  std::string measure;  //!< score, member_share, power_share, hhi or multi_vector
  std::string source;   //!< the power (or "powers" for a measure over all of them)
  std::string target;   //!< the state or region facing it
  int year = 0;
  std::size_t score = 0;  //!< index into ScoreNames()
  std::optional<double> value;
  double coverage = 0;         //!< share of the nominal weight (or of the members) with a value
  std::optional<double> rank;  //!< among the powers facing the same target (1 = highest), for scores
  std::string missing;         //!< why the value is missing
};

//! The rows of all levels, always in the same order for the same panel and design (so sensitivity draws
//! line up row by row).
std::vector<ScoreRow> EvaluateLevels(const ComponentPanel& panel, const std::vector<UnitScores>& scores,
                                     const LinkageDesign& design);

}  // namespace linkage
