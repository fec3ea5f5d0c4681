// ingest/milestone_file.hpp
// A user's own dated events for the break tests (`--milestones FILE`), read without touching the workspace.
#pragma once

#include <string>
#include <vector>

#include "registry/actor_registry.hpp"

namespace linkage {

//! One dated event of a user's milestone file.
struct UserMilestone {
  int year = 0;
  std::string label;  //!< the description, or "FILE:LINE" when it has none
};

//! The events of `path` (CSV `date,description[,actors]`; the `milestones` import layout also reads) that
//! concern the pair a-b in [first, last], one per year (the first of the year), in date order. An event with
//! no actors concerns every pair; one with actors (joined by ';') concerns the pair when it names both.
//! InputError at the file, line and column of a bad date or an unknown actor.
std::vector<UserMilestone> ReadMilestoneFile(const std::string& path, const ActorRegistry& actors,
                                             const std::string& a, const std::string& b, int first, int last);

}  // namespace linkage
