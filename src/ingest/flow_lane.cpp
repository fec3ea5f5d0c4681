#include "ingest/flow_lane.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "ingest/loading_file.hpp"

namespace linkage {

namespace {

// The formats whose readers write through FlowWriter alone.
constexpr std::array<std::string_view, 5> kFlowFormats = {"imf-dots", "wits", "baci", "comtrade", "flows"};

// The tables a flow lane fills, besides the sources of its files.
constexpr std::array<std::string_view, 4> kFlowTables = {"flow_keys", "flow_rules", "flow_years",
                                                         "flow_values"};

// What the rows held for a flow file's source say until the merge replaces them.
constexpr std::string_view kHeldSource = "held for a flow file";

// The tables a flow lane adds a row to for each file it reads.
constexpr std::array<std::string_view, 2> kSourceTables = {"sources", "source_years"};

// Whether `table` is one a flow lane fills.
bool IsFlowTable(std::string_view table) {
  return std::find(kFlowTables.begin(), kFlowTables.end(), table) != kFlowTables.end();
}

// Whether `table` records source files.
bool IsSourceTable(std::string_view table) {
  return std::find(kSourceTables.begin(), kSourceTables.end(), table) != kSourceTables.end();
}

// The flow tables as an SQL list of strings.
std::string FlowTableList() {
  std::string list;
  for (const auto table : kFlowTables) list += fmt::format("{}'{}'", list.empty() ? "" : ", ", table);
  return list;
}

// Whether the schema `schema` of `database` has a table `table`.
bool HasTable(Database& database, std::string_view schema, std::string_view table) {
  return database.QueryInt(fmt::format(
             "SELECT count(*) FROM {}.sqlite_schema WHERE type = 'table' AND name = '{}'", schema, table)) >
         0;
}

}  // namespace

bool WritesFlowsOnly(const std::string& format) {
  return std::find(kFlowFormats.begin(), kFlowFormats.end(), format) != kFlowFormats.end();
}

SourceIdHandover::SourceIdHandover(std::vector<std::size_t> positions) : positions_(std::move(positions)) {}

void SourceIdHandover::HoldIdsBefore(Database& workspace, std::size_t position) {
  std::unique_lock<std::mutex> lock(mutex_);
  bool held = false;
  while (ids_.size() < positions_.size() && positions_[ids_.size()] < position) {
    Statement hold(workspace,
                   "INSERT INTO sources (dataset, format, path, sha256, bytes, citation, terms) "
                   "VALUES ('', ?, '', '', 0, '', '')");
    hold.Bind(1, kHeldSource).Run();
    ids_.push_back(workspace.LastInsertId());
    held = true;
  }
  lock.unlock();
  if (held) handed_.notify_all();
}

void SourceIdHandover::Close() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  handed_.notify_all();
}

std::optional<std::int64_t> SourceIdHandover::Await(std::size_t position) {
  const auto found = std::find(positions_.begin(), positions_.end(), position);
  const auto index = static_cast<std::size_t>(found - positions_.begin());
  std::unique_lock<std::mutex> lock(mutex_);
  handed_.wait(lock, [&] { return ids_.size() > index || closed_; });
  if (ids_.size() > index) return ids_[index];
  return std::nullopt;
}

TableRows CountTableRows(Database& database) {
  TableRows rows;
  for (const auto& table : WorkspaceTables(database)) {
    rows[table] = database.QueryInt(fmt::format("SELECT count(*) FROM \"{}\"", table));
  }
  return rows;
}

void RequireOnlyFlowsAdded(Database& lane, const TableRows& before) {
  for (const auto& [table, rows] : CountTableRows(lane)) {
    if (IsFlowTable(table) || IsSourceTable(table)) continue;
    const auto counted = before.find(table);
    const std::int64_t earlier = counted == before.end() ? 0 : counted->second;
    if (rows == earlier) continue;
    throw StoreError(
        fmt::format("the build's flow files added {} rows to table {}, where only the "
                    "workspace's other files may write; a format is listed as writing flows "
                    "only and does not",
                    rows - earlier, table));
  }
}

void MergeWorkspaceLane(Database& flows, const std::string& workspace_lane) {
  // The file is thrown away on failure, so the statements need no transaction, and must have none: an
  // explicit one would lock the attached file too, where the workspace's lane may still be gathering
  // statistics. With foreign keys off, SQLite copies a table into an empty one of the same shape record by
  // record in key order, pages full, instead of inserting row by row.
  flows.Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF");
  Statement(flows, "ATTACH DATABASE ? AS lane").Bind(1, workspace_lane).Run();
  for (const auto table : kFlowTables) {
    const auto rows = flows.QueryInt(fmt::format("SELECT count(*) FROM lane.{}", table));
    if (rows == 0) continue;
    throw StoreError(
        fmt::format("the workspace's table {} holds {} rows before the flow files are merged "
                    "with it; a format writes flows and is not listed as doing so",
                    table, rows));
  }
  // The flow files' sources stay where the workspace's lane held their ids; every other source comes from
  // that lane.
  const std::string held = fmt::format("SELECT id FROM lane.sources WHERE format = '{}'", kHeldSource);
  const auto held_ids = flows.QueryInt(fmt::format("SELECT count(*) FROM ({})", held));
  const auto recorded =
      flows.QueryInt(fmt::format("SELECT count(*) FROM main.sources WHERE id IN ({})", held));
  if (held_ids != recorded) {
    throw StoreError(
        fmt::format("the build held {} source ids for its flow files and they recorded {} "
                    "sources in them; the two do not fit together",
                    held_ids, recorded));
  }
  flows.Execute(fmt::format(
      "DELETE FROM main.sources WHERE id NOT IN ({0});"
      "INSERT INTO main.sources SELECT * FROM lane.sources WHERE id NOT IN ({0});"
      "DELETE FROM main.source_years WHERE source_id NOT IN ({0});"
      "INSERT INTO main.source_years SELECT * FROM lane.source_years WHERE source_id NOT IN ({0});",
      held));
  for (const auto& table : WorkspaceTables(flows)) {
    if (IsFlowTable(table) || IsSourceTable(table)) continue;
    flows.Execute(
        fmt::format("DELETE FROM main.\"{0}\"; INSERT INTO main.\"{0}\" SELECT * FROM lane.\"{0}\"", table));
  }
  flows.Execute("DETACH DATABASE lane");
}

void MergeWorkspaceStatistics(Database& flows, const std::string& workspace_lane) {
  Statement(flows, "ATTACH DATABASE ? AS lane").Bind(1, workspace_lane).Run();
  if (HasTable(flows, "lane", "sqlite_stat1")) {
    // ANALYZE of the schema table alone creates the statistics table and analyses nothing else.
    if (!HasTable(flows, "main", "sqlite_stat1")) flows.Execute("ANALYZE sqlite_schema");
    flows.Execute(
        fmt::format("DELETE FROM main.sqlite_stat1 WHERE tbl NOT IN ({0});"
                    "INSERT INTO main.sqlite_stat1 SELECT * FROM lane.sqlite_stat1 WHERE tbl NOT IN ({0});",
                    FlowTableList()));
  }
  flows.Execute("DETACH DATABASE lane");
}

}  // namespace linkage
