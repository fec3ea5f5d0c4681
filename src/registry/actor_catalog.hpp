// registry/actor_catalog.hpp
// Fills a new workspace's actor tables from ISO 3166 (Debian's iso-codes) and the project's own tables of
// aggregates, COW codes and publishers' names.
#pragma once

#include <string>

#include "store/database.hpp"

namespace linkage {

//! Loads ISO 3166-1 and 3166-3 from `iso_codes_dir` and data/actors/*.csv from `data_dir` into the workspace.
//! Runs inside the caller's transaction.
void BuildActorCatalog(Database& database, const std::string& data_dir, const std::string& iso_codes_dir);

}  // namespace linkage
