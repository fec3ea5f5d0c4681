// model/regional_network.hpp
// The trade network of a region's members and a set of outside powers in one year, read from the workspace
// (docs/methods.md, "Regional network"), and the pivot role of one member in it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "indicators/term.hpp"
#include "indicators/trade_terms.hpp"
#include "model/trade_network.hpp"
#include "store/database.hpp"

namespace linkage {

//! How every network measure reads flows: the reporter's own reports, a missing one filled from the other
//! side's report of the same flow.
FlowChoices NetworkChoices();

//! The trade of a pair the network counts: exports plus imports as reported by the alphabetically first of
//! the two actor ids, each flow it does not report filled from the other's report (one rule, so the weight of
//! i-j does not depend on the order the pair is visited).
Term PairTrade(TradeTerms& terms, const std::string& i, const std::string& j, int year);

//! An edge of the network: the pair (a < b) and its trade, with the stored rows behind it.
struct NetworkTie {
  std::string a;
  std::string b;
  Term trade;
};

//! A region's trade network in one year.
struct RegionalNetwork {
  std::string region;
  int year = 0;
  std::vector<std::string> members;     //!< members in force at some time in the year, sorted
  std::vector<std::string> powers;      //!< the outside powers in the order given, members left out
  std::vector<NetworkTie> ties;         //!< pairs with recorded trade above zero: the edges
  std::size_t pairs = 0;                //!< node pairs read
  std::size_t pairs_without_trade = 0;  //!< pairs with trade missing or zero, which have no edge
  NetworkMeasures measures;             //!< nodes in the order: members, then powers
};

//! Reads and measures the network of region R's members in `year` and the outside `powers` (actor ids): one
//! edge per pair of nodes with recorded trade, weighted by PairTrade. Empty `members` when R has none then.
RegionalNetwork BuildRegionalNetwork(Database& database, TradeTerms& terms, const std::string& region,
                                     int year, const std::vector<std::string>& powers);

//! How central one member is among the members, and its part of their trade with an outside actor.
struct PivotRole {
  std::string member;
  std::size_t members = 0;           //!< members ranked
  std::size_t strength_rank = 0;     //!< 1 + members with a larger strength
  std::size_t betweenness_rank = 0;  //!< 1 + members with a larger betweenness
  std::string actor;                 //!< the outside actor A; empty when none was named
  Term share_of_actor_trade;         //!< T_BA / sum over the members m (A left out) of T_mA
  //! B's betweenness in the network of the members and A alone (without the other powers, whose trade
  //! with each other would carry every shortest path): how far B stands between A and the region.
  double actor_region_betweenness = 0;
  //! 1 + members with a larger betweenness in that network.
  std::size_t actor_region_betweenness_rank = 0;
};

//! The pivot role of `member` (UsageError when it is not a member that year) and, when `actor` is not empty,
//! its share of the members' trade with `actor`, read by PairTrade.
PivotRole PivotOf(const RegionalNetwork& network, TradeTerms& terms, const std::string& member,
                  const std::string& actor);

}  // namespace linkage
