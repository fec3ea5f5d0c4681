// model/coherence.hpp
// How much a region holds together over the years (docs/methods.md, "Regional network"): the density of
// trade among its members, their intra-regional trade share, how far they belong to the same organisations,
// and how closely their trade with an outside actor moves together.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indicators/term.hpp"
#include "indicators/trade_terms.hpp"
#include "store/database.hpp"

namespace linkage {

//! The coherence measures of a region in one year.
struct CoherenceYear {
  int year = 0;
  std::size_t members = 0;
  std::size_t pairs = 0;             //!< member pairs
  std::size_t pairs_with_trade = 0;  //!< member pairs with recorded trade above zero (PairTrade)
  std::optional<double> density;     //!< pairs_with_trade / pairs; nullopt with fewer than two members
  Term intra_trade_share;  //!< IntraRegionalTradeShare under NetworkChoices() (and the unreported-as-zero
                           //!< choice)
  std::optional<double> overlap;   //!< mean Jaccard index of the organisations of each member pair
  std::size_t overlap_pairs = 0;   //!< pairs in that mean: those with an organisation between them
  std::size_t undated_spells = 0;  //!< members' spells too coarsely dated to decide, left out
};

//! How closely the members' trade with an outside actor moves together over a span of years.
struct GrowthCorrelation {
  std::string actor;
  std::optional<double> mean;  //!< mean over member pairs of the Pearson correlation of annual growth
  std::size_t pairs = 0;       //!< member pairs with enough common years
  std::string missing;         //!< why `mean` is missing
};

//! Coherence of a region over a span.
struct Coherence {
  std::vector<CoherenceYear> years;
  std::optional<GrowthCorrelation> correlation;  //!< when an actor was named
};

//! Each year's coherence of region R in [first, last] (years without members are left out) and, when
//! `actor` is not empty, the correlation of the members' growth of trade with it.
Coherence ComputeCoherence(Database& database, TradeTerms& terms, const std::string& region, int first,
                           int last, const std::string& actor, bool unreported_as_zero = false);

//! |a and b| / |a or b|; nullopt when both are empty.
std::optional<double> JaccardIndex(const std::set<std::string>& a, const std::set<std::string>& b);
//! Pearson's correlation of paired values; nullopt with fewer than three pairs or a constant side.
std::optional<double> PearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace linkage
