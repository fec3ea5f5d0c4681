// ingest/loading_file.hpp
// A workspace file loaded in bulk. It is thrown away on any failure, so it is written without a journal or
// fsync, and its references are checked and the large tables' lookup indexes built once, at the end.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace linkage {

//! The tables of `database`'s main schema, SQLite's own left out, by name.
std::vector<std::string> WorkspaceTables(Database& database);

//! Sets the pragmas of a bulk load on `database`: no journal, no fsync, a large cache, references unchecked
//! until FinishBulkLoad.
void PrepareBulkLoad(Database& database);

//! Drops the lookup indexes of the large tables and returns the statements that create them again: built
//! once by sorting after loading, they cost less than kept up row by row. The imports check their rows
//! through the primary keys and unique indexes, which stay.
std::vector<std::string> DropLookupIndexes(Database& database);

//! Ends a bulk load of `database`: creates `indexes`, gathers the query planner's statistics and checks every
//! reference. `once_indexed`, if given, runs on a thread of its own once the indexes are built, while the
//! rest goes on; it may read the file. Its failure, or StoreError naming the first row whose reference leads
//! nowhere, comes out once all is done.
void FinishBulkLoad(Database& database, const std::vector<std::string>& indexes,
                    const std::function<void()>& once_indexed = {});

//! Copies the loaded file compactly to `target` (every table and index in key order, pages full) and lets the
//! loaded file go without writing its log back into it: it is thrown away.
void CompactInto(Database& database, const std::string& target);

//! Lets the file of `database` go, when closed, without writing its log back into it: it is thrown away.
void SkipCheckpointOnClose(Database& database);

//! Removes the journals SQLite may have left beside a database file.
void RemoveJournals(const std::string& path);

//! Removes a database file and its journals.
void RemoveWithJournals(const std::string& path);

}  // namespace linkage
