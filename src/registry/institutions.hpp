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
  std::string dataset;  //!< the source's dataset: cow-igo, factbook, or a curated one
  std::string note;     //!< how the precedence rule or a succession changed the stored spell
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

//! Where the sources disagree about an organisation's members in a period: for each state, what a source
//! that the precedence rule overrode says (docs/methods.md, "Memberships").
struct MembershipDisagreement {
  std::string actor_id;
  bool member = false;  //!< whether the state is a member after the precedence rule
  std::string what;     //!< e.g. "factbook lists it as member (World Factbook editions 1996-2025)"
};
//! The disagreements over `org`'s spells of `role` (all roles when empty) in [from, to].
std::vector<MembershipDisagreement> MembershipDisagreements(Database& database, const std::string& org,
                                                            const std::string& from, const std::string& to,
                                                            const std::string& role = "");

//! Actor ids of a region at some time in `year` (regions are named sets that may change over time); a bloc
//! (an organisation with member spells, e.g. "EU", "ASEAN") has its members of that year.
std::vector<std::string> RegionMembers(Database& database, const std::string& region, int year);
//! The stored (lower-case) name of a region, or the organisation's name for a bloc; NotFoundError listing the
//! known regions and blocs when there is none.
std::string RequireRegion(Database& database, const std::string& name);
//! Names of the regions in the workspace.
std::vector<std::string> RegionNames(Database& database);
//! Organisations with member spells, usable as regions whose members follow the spells.
std::vector<std::string> BlocNames(Database& database);
//! The citations of the source files that define a region's (or a bloc's) members.
std::vector<std::string> RegionCitations(Database& database, const std::string& region);

}  // namespace linkage
