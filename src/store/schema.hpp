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
//! Brings a workspace up to `version` only, as an older Linkage left it; for the tests of the migrations.
void MigrateSchemaTo(Database& database, int version);
//! Recomputes the membership spells in force after the precedence rule and the organisations' successions
//! (docs/methods.md, "Memberships"); every import of spells or successions calls it.
void RefreshEffectiveMemberships(Database& database);
//! Widens `dataset`'s span of flows in flow_years to `first`-`last`; every import that stores flows calls it
//! with the years of the rows it stored (flows are only ever added), so that the span is read without
//! scanning them.
void ExtendFlowYears(Database& database, const std::string& dataset, int first, int last);

}  // namespace linkage
