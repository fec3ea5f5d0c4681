// model/gravity_spec.hpp
// What a gravity regression estimates, written as researchers write it in fixest: "trade ~ log(dist) + contig
// + i(year, rta) | exporter#year + importer#year + pair", the fixed-effect sets after the bar, interactions
// with '#' or '^'.
#pragma once

#include <string>
#include <vector>

namespace linkage {

//! A parsed specification.
struct GravitySpec {
  std::string outcome;                  //!< the flow, in levels (a column or an expression)
  std::vector<std::string> regressors;  //!< terms: column names or expressions (gravity_formula.hpp)
  std::vector<std::vector<std::string>> fixed_effects;  //!< each set: the columns it interacts
};

//! Parses "y ~ x1 + log(x2) + a*b + i(year) | fe1 + a#b", expanding the terms (ExpandTerms); UsageError
//! pointing at the character that is wrong.
GravitySpec ParseGravitySpec(const std::string& formula);

//! Parses a list of fixed-effect sets or clusterings, "exporter-year,importer-year,pair" or "exporter#year":
//! "-", "#" and "^" interact. The names "pair", "pair_sym", "exporter", "importer", "year" stand for the
//! panel's roles.
std::vector<std::vector<std::string>> ParseEffectList(const std::string& list);

//! "a#b", the name of an interaction.
std::string InteractionName(const std::vector<std::string>& columns);

}  // namespace linkage
