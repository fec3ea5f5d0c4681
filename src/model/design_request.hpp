// model/design_request.hpp
// Turns what a user names (a dyad "CHN,KAZ", a list of powers, a region) into the design of the linkage
// model, for the command line and the dashboard alike.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/linkage_levels.hpp"
#include "registry/actor_registry.hpp"
#include "store/database.hpp"

namespace linkage {

//! Splits a dyad "CHN,KAZ" into the outside power and the pivot state (UsageError unless there are two).
std::pair<std::string, std::string> SplitDyad(const std::string& dyad);

//! The design a dyad, powers and region name: actor and pivot resolved, the powers with the actor first and
//! without repeats (UsageError when the pivot is among them), the region's stored name; no members yet.
LinkageDesign ResolveDesign(const std::pair<std::string, std::string>& dyad, const std::string& powers,
                            const std::string& region, Database& database, const ActorRegistry& actors);

//! The actors a list names: "KAZ,UZB" (each resolved) or one region's name (its members in `year`).
std::vector<std::string> ResolveActorList(const std::string& text, int year, Database& database,
                                          const ActorRegistry& actors);

}  // namespace linkage
