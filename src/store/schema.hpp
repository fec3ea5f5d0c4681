// store/schema.hpp
// The workspace schema as an ordered list of migrations; PRAGMA user_version records how many have run.
#pragma once

#include <string>

#include "store/database.hpp"

namespace linkage {

//! The schema version this build writes.
int CurrentSchemaVersion();
//! Brings a workspace up to CurrentSchemaVersion() in one transaction. A workspace written by a newer
//! Linkage is refused rather than touched.
void MigrateSchema(Database& database);
//! Recomputes the membership spells in force after the precedence rule and the organisations' successions
//! (docs/methods.md, "Memberships"); every import of spells or successions calls it.
void RefreshEffectiveMemberships(Database& database);
//! Recomputes `dataset`'s first and last years of flows in flow_years; every import calls it, so that the
//! span is read without scanning the flows.
void RefreshFlowYears(Database& database, const std::string& dataset);

}  // namespace linkage
