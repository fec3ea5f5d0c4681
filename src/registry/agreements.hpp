// registry/agreements.hpp
// Trade agreements in force by pair: which agreements bind two states in a year, and the pairs a named
// agreement (or any agreement) binds, for gravity dummies and listings.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace linkage {

//! The name that stands for every trade agreement in the workspace (`gravity --agreement pta`).
inline constexpr const char* kAnyTradeAgreement = "pta";

//! One agreement binding one pair, as stored.
struct AgreementPair {
  std::string agreement;  //!< e.g. DESTA 636
  std::string name;       //!< e.g. North American Free Trade Agreement (NAFTA)
  std::string actor_a;    //!< actor_a < actor_b
  std::string actor_b;
  std::string start;               //!< ISO date as precise as the source
  std::optional<std::string> end;  //!< nullopt while in force
  std::string dates;               //!< where the dates come from
  std::string citation;            //!< the source rows
  std::string dataset;
  std::int64_t source_id = 0;
  std::int64_t source_line = 0;
};

//! Whether the agreement binds its pair on some day of `year` (an end known only to the year or month counts
//! for that year).
bool InForceDuring(const AgreementPair& pair, int year);

//! The agreement ids a name stands for: `pta` (all of them), an id ("DESTA 636"), or an agreement's name as
//! the source spells it, in any case ("North American Free Trade Agreement (NAFTA)"); empty when none.
std::vector<std::string> FindAgreements(Database& database, const std::string& name);

//! The pairs the agreements bind (every agreement when `agreements` is empty), optionally only those with
//! `actor` (and `partner`).
std::vector<AgreementPair> AgreementPairs(Database& database, const std::vector<std::string>& agreements,
                                          const std::string& actor = "", const std::string& partner = "");

//! year -> the pairs (a < b) bound on some day of it, for years in [first, last].
std::map<int, std::set<std::pair<std::string, std::string>>> PairsByYear(
    const std::vector<AgreementPair>& pairs, int first, int last);

}  // namespace linkage
