// model/gravity_spec.hpp
// What a gravity regression estimates, written as researchers write it: "trade ~ ln_dist + contig |
// exporter#year
// + importer#year + pair", the fixed-effect sets after the bar, interactions with '#'.
#pragma once

#include <string>
#include <vector>

namespace linkage {

//! A parsed specification.
struct GravitySpec {
  std::string outcome;                                  //!< the flow, in levels
  std::vector<std::string> regressors;                  //!< column names
  std::vector<std::vector<std::string>> fixed_effects;  //!< each set: the columns it interacts
};

//! Parses "y ~ x1 + x2 | fe1 + a#b"; UsageError pointing at the character that is wrong.
GravitySpec ParseGravitySpec(const std::string& formula);

//! Parses a list of fixed-effect sets or clusterings, "exporter-year,importer-year,pair" or "exporter#year":
//! "-" and "#" both interact. The names "pair" and "exporter", "importer", "year" stand for the panel's
//! roles.
std::vector<std::vector<std::string>> ParseEffectList(const std::string& list);

//! "a#b", the name of an interaction.
std::string InteractionName(const std::vector<std::string>& columns);

}  // namespace linkage
