#include "ingest/value_ids.hpp"

#include <fmt/format.h>

#include <iterator>
#include <type_traits>

namespace linkage {

namespace {

// Inserts the row unless it exists (the table's UNIQUE constraint decides) and returns its id.
template <typename... Values>
std::int64_t FindOrAdd(Database& database, std::string_view insert, std::string_view select,
                       const Values&... values) {
  CachedStatement add(database, insert);
  int index = 0;
  ((add->Bind(++index, values)), ...);
  add->Run();
  CachedStatement find(database, select);
  index = 0;
  ((find->Bind(++index, values)), ...);
  find->Step();
  return find->Int(0);
}

}  // namespace

ValueIds::ValueIds(Database& database) : database_(database) {}

template <typename... Parts>
const std::string& ValueIds::Lookup(const Parts&... parts) {
  lookup_.clear();
  const auto add = [this](const auto& part) {
    if constexpr (std::is_same_v<std::decay_t<decltype(part)>, std::string>) {
      fmt::format_to(std::back_inserter(lookup_), "{}:{};", part.size(), part);
    } else {
      fmt::format_to(std::back_inserter(lookup_), "{};", part);
    }
  };
  (add(parts), ...);
  return lookup_;
}

std::int64_t ValueIds::SeriesKey(const std::string& dataset, const std::string& code) {
  const auto& key = Lookup(dataset, code);
  if (const auto known = series_keys_.find(key); known != series_keys_.end()) return known->second;
  return series_keys_[key] = FindOrAdd(
             database_, "INSERT INTO series_keys (dataset, code) VALUES (?, ?) ON CONFLICT DO NOTHING",
             "SELECT id FROM series_keys WHERE dataset = ? AND code = ?", dataset, code);
}

std::int64_t ValueIds::ValueRule(std::int64_t source_id, const std::string& unit,
                                 const std::string& transform) {
  const auto& key = Lookup(source_id, unit, transform);
  if (const auto known = value_rules_.find(key); known != value_rules_.end()) return known->second;
  return value_rules_[key] = FindOrAdd(
             database_,
             "INSERT INTO value_rules (source_id, unit, transform) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
             "SELECT id FROM value_rules WHERE source_id = ? AND unit = ? AND transform = ?", source_id, unit,
             transform);
}

std::int64_t ValueIds::FlowKey(const std::string& dataset, char flow, const std::string& product) {
  const auto& key = Lookup(dataset, flow, product);
  if (const auto known = flow_keys_.find(key); known != flow_keys_.end()) return known->second;
  const std::string direction(1, flow);
  return flow_keys_[key] = FindOrAdd(
             database_,
             "INSERT INTO flow_keys (dataset, flow, product) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
             "SELECT id FROM flow_keys WHERE dataset = ? AND flow = ? AND product = ?", dataset, direction,
             product);
}

std::int64_t ValueIds::FlowRule(std::int64_t source_id, const std::string& level,
                                const std::string& valuation, const std::string& transform) {
  const auto& key = Lookup(source_id, level, valuation, transform);
  if (const auto known = flow_rules_.find(key); known != flow_rules_.end()) return known->second;
  return flow_rules_[key] =
             FindOrAdd(database_,
                       "INSERT INTO flow_rules (source_id, level, valuation, transform) VALUES (?, ?, ?, "
                       "?) ON CONFLICT DO NOTHING",
                       "SELECT id FROM flow_rules WHERE source_id = ? AND level = ? AND valuation = ? "
                       "AND transform = ?",
                       source_id, level, valuation, transform);
}

}  // namespace linkage
