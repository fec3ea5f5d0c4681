// ingest/flow_lane.hpp
// The trade-flow files of a workspace build, loaded into a file of their own on a second core while the other
// files load into the workspace, and merged into it at the end. Flows are the largest tables, and no other
// file's rows refer to them.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace linkage {

//! Whether an import of `format` writes its rows to the flow tables only (flow_keys, flow_rules, flow_values
//! and flow_years), besides its own row of sources and source_years.
bool WritesFlowsOnly(const std::string& format);

//! The source ids of a build's flow files, handed from the workspace's lane to the flow lane. Each file gets
//! the id a build in one lane would give it: the workspace's lane, as it passes a flow file's place in the
//! manifest, holds the next id for it with a row of sources that the merge replaces. (A file may record more
//! than one source, as UN votes do their roll calls, so the ids cannot be counted in advance.)
class SourceIdHandover {
 public:
  //! Hands over ids for the flow files at `positions` of the manifest, in order.
  explicit SourceIdHandover(std::vector<std::size_t> positions);

  //! Workspace lane, before it reads the file at `position`: holds an id for each flow file before it.
  void HoldIdsBefore(Database& workspace, std::size_t position);
  //! Workspace lane, when it stops reading files (at the end, or at a failure): no more ids come.
  void Close();
  //! Flow lane: the id of the flow file at `position`, once the workspace's lane has passed it; nullopt
  //! when that lane stopped short of it.
  std::optional<std::int64_t> Await(std::size_t position);

 private:
  std::mutex mutex_;
  std::condition_variable handed_;
  std::vector<std::size_t> positions_;
  std::vector<std::int64_t> ids_;  //!< of positions_' first ids_.size() files
  bool closed_ = false;
};

//! The rows of each table of a file, to show later that a lane added rows only where it may.
using TableRows = std::map<std::string, std::int64_t>;

//! Counts the rows of every table of `database`.
TableRows CountTableRows(Database& database);

//! StoreError unless `lane` holds, outside the flow tables, sources and source_years, exactly the rows
//! counted in `before`: a row anywhere else would have taken an id the workspace gives to another.
void RequireOnlyFlowsAdded(Database& lane, const TableRows& before);

//! Completes `flows`, the file of a build's flow lane, with what the workspace's lane (the file at
//! `workspace_lane`) holds: every table but the flow tables whole (in key order and pages full, as a
//! compacting copy writes them), and its sources and their years in place of the ids it held for the flow
//! files. The workspace lane's flow tables must be empty. It may still be gathering statistics meanwhile.
void MergeWorkspaceLane(Database& flows, const std::string& workspace_lane);

//! Takes the query planner's statistics on every table but the flow tables from the workspace's lane (the
//! file at `workspace_lane`) into `flows`, once that lane has gathered them.
void MergeWorkspaceStatistics(Database& flows, const std::string& workspace_lane);

}  // namespace linkage
