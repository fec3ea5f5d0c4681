// ingest/value_ids.hpp
// The numbers by which value rows refer to what they measure (dataset and code, or dataset, direction and
// product) and to how they were read (source file, unit or level, rule): each text is stored once per
// workspace (docs/workspace.md, version 7).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace linkage {

//! Finds or adds the key and rule rows of one import's values, remembering each number it has handed out.
//! Lives no longer than the import's transaction: a rolled-back import takes its new rows with it.
class ValueIds {
 public:
  explicit ValueIds(Database& database);
  //! The series_keys row of a series or dyad series.
  std::int64_t SeriesKey(const std::string& dataset, const std::string& code);
  //! The value_rules row of a series or dyad-series value.
  std::int64_t ValueRule(std::int64_t source_id, const std::string& unit, const std::string& transform);
  //! The flow_keys row of a flow.
  std::int64_t FlowKey(const std::string& dataset, char flow, const std::string& product);
  //! The flow_rules row of a flow.
  std::int64_t FlowRule(std::int64_t source_id, const std::string& level, const std::string& valuation,
                        const std::string& transform);

 private:
  //! The text `parts` are remembered by, each with its length so that no two lists share one; written into
  //! one buffer, which every row of a file reuses.
  template <typename... Parts>
  const std::string& Lookup(const Parts&... parts);

  Database& database_;
  std::string lookup_;
  std::unordered_map<std::string, std::int64_t> series_keys_;
  std::unordered_map<std::string, std::int64_t> value_rules_;
  std::unordered_map<std::string, std::int64_t> flow_keys_;
  std::unordered_map<std::string, std::int64_t> flow_rules_;
};

}  // namespace linkage
