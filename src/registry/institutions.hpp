// registry/institutions.hpp
// Exact membership questions over dated spells ("SCO members on 2010-06-01", "EU members in 2004") and the
// members of named regions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace linkage {

//! One stored membership spell.
struct MembershipSpell {
  std::string org;
  std::string actor_id;
  std::string role;
  std::optional<std::string> start;  //!< ISO date; nullopt when not known
  std::optional<std::string> end;    //!< ISO date the spell ended; nullopt while in force
  std::string confidence;
  std::string citation;
  std::int64_t source_id = 0;
  std::int64_t source_line = 0;
};

//! The answer to a membership question: spells that certainly overlap the period, and spells whose dates are
//! not known precisely enough to decide.
struct MembershipAnswer {
  std::string org;
  std::vector<MembershipSpell> members;
  std::vector<MembershipSpell> undated;
};

//! First day a date known to the year, month or day can be ("2004" -> "2004-01-01").
std::string EarliestDay(const std::string& date);
//! Last day it can be, for text comparison ("2004" -> "2004-12-31").
std::string LatestDay(const std::string& date);

//! The stored name of an organisation given any of its names ("SCO", "Shanghai Cooperation Organisation");
//! NotFoundError listing the known organisations otherwise.
std::string ResolveOrganisation(Database& database, const std::string& name);
//! Spells of `org` in force at some time in [from, to] (ISO dates, inclusive). A spell's end date is the
//! first day it is no longer in force.
MembershipAnswer MembersBetween(Database& database, const std::string& org, const std::string& from,
                                const std::string& to, const std::string& role = "");
//! Every organisation in the workspace.
std::vector<std::string> Organisations(Database& database);

//! Actor ids of a region at some time in `year` (regions are named sets that may change over time).
std::vector<std::string> RegionMembers(Database& database, const std::string& region, int year);
//! The stored (lower-case) name of a region; NotFoundError listing the known regions when there is none.
std::string RequireRegion(Database& database, const std::string& name);
//! Names of the regions in the workspace.
std::vector<std::string> RegionNames(Database& database);

}  // namespace linkage
