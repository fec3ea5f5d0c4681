#include "indicators/trade_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace linkage {

namespace {
constexpr std::size_t kMaxSourcesKept = 4;
}  // namespace

TradeData::TradeData(Database& database)
    : database_(database),
      exact_(
          database,
          "SELECT value_usd, estimated, source_id, source_line, transform FROM flows WHERE dataset = ? AND "
          "reporter = ? AND partner = ? AND flow = ? AND year = ? AND product = ?"),
      // A chapter is the sum of the finest level stored under it (rows of one level only, so nothing counts
      // twice).
      prefix_(
          database,
          "SELECT value_usd, estimated, source_id, source_line, transform FROM flows WHERE dataset = ? AND "
          "reporter = ? AND partner = ? AND flow = ? AND year = ? AND product LIKE ? || '%' AND level = ("
          "SELECT max(level) FROM flows WHERE dataset = ? AND reporter = ? AND partner = ? AND flow = ? AND "
          "year = ? AND product LIKE ? || '%' AND level LIKE 'hs%') ORDER BY product"),
      series_(database,
              "SELECT value, estimated, source_id, source_line, transform, dataset FROM series WHERE code = "
              "? AND "
              "actor_id = ? AND year = ? ORDER BY dataset LIMIT 1") {
  // Walks the keys' index (dataset first) instead of scanning every row.
  Statement next(database, "SELECT min(dataset) FROM flow_keys WHERE dataset > ?");
  std::string last;
  while (true) {
    next.Bind(1, last);
    if (!next.Step() || next.IsNull(0)) break;
    last = next.Text(0);
    next.Reset();
    datasets_.push_back(last);
  }
  // IMF DOTS first (complete and bilateral for every reporter), then the others in the order they were
  // imported.
  Statement first_import(database, "SELECT min(id) FROM sources WHERE dataset = ?");
  std::map<std::string, std::int64_t> order;
  for (const auto& name : datasets_) {
    first_import.Bind(1, name);
    order[name] = first_import.Step() ? first_import.Int(0) : 0;
    first_import.Reset();
  }
  std::sort(datasets_.begin(), datasets_.end(),
            [&](const std::string& a, const std::string& b) { return order[a] < order[b]; });
  std::stable_partition(datasets_.begin(), datasets_.end(),
                        [](const std::string& name) { return name == "imf-dots"; });
}

std::optional<Observation> TradeData::FlowFrom(const FlowQuery& query, const std::string& dataset) {
  const std::string flow(1, query.flow);
  Observation observation;
  observation.dataset = dataset;
  if (query.product == "TOTAL" || query.product.size() != 2) {
    exact_.Bind(1, dataset).Bind(2, query.reporter).Bind(3, query.partner).Bind(4, flow).Bind(5, query.year);
    exact_.Bind(6, query.product);
    std::optional<Observation> found;
    if (exact_.Step() && !exact_.IsNull(0)) {
      observation.value = exact_.Real(0);
      observation.estimated = exact_.Int(1) != 0;
      observation.sources.push_back({dataset, exact_.Int(2), exact_.Int(3), exact_.Text(4)});
      observation.rows = 1;
      found = observation;
    }
    exact_.Reset();
    return found;
  }
  prefix_.Bind(1, dataset).Bind(2, query.reporter).Bind(3, query.partner).Bind(4, flow).Bind(5, query.year);
  prefix_.Bind(6, query.product)
      .Bind(7, dataset)
      .Bind(8, query.reporter)
      .Bind(9, query.partner)
      .Bind(10, flow);
  prefix_.Bind(11, query.year).Bind(12, query.product);
  bool any_missing = false;
  while (prefix_.Step()) {
    if (prefix_.IsNull(0)) {
      any_missing = true;
      continue;
    }
    observation.value += prefix_.Real(0);
    observation.estimated = observation.estimated || prefix_.Int(1) != 0;
    if (observation.sources.size() < kMaxSourcesKept) {
      observation.sources.push_back({dataset, prefix_.Int(2), prefix_.Int(3), prefix_.Text(4)});
    }
    ++observation.rows;
  }
  prefix_.Reset();
  if (observation.rows == 0 || any_missing) return std::nullopt;
  if (observation.rows > 1) {
    for (auto& source : observation.sources) {
      source.transform = fmt::format("{}; summed over {} rows of chapter {}", source.transform,
                                     observation.rows, query.product);
    }
  }
  return observation;
}

std::optional<Observation> TradeData::Flow(const FlowQuery& query) {
  if (!query.dataset.empty()) return FlowFrom(query, query.dataset);
  for (const auto& dataset : datasets_) {
    if (auto found = FlowFrom(query, dataset)) return found;
  }
  return std::nullopt;
}

std::map<std::string, Observation> TradeData::Products(const std::string& reporter,
                                                       const std::string& partner, char flow, int year,
                                                       const std::string& level, std::int64_t& missing_rows) {
  Statement query(
      database_,
      "SELECT product, level, value_usd, estimated, source_id, source_line, transform FROM flows "
      "WHERE dataset = ? AND reporter = ? AND partner = ? AND flow = ? AND year = ? AND level LIKE 'hs%' "
      "ORDER BY product");
  std::map<std::string, Observation> products;
  missing_rows = 0;
  for (const auto& dataset : datasets_) {
    query.Bind(1, dataset).Bind(2, reporter).Bind(3, partner).Bind(4, std::string(1, flow)).Bind(5, year);
    // Rows of the finest level only, so that nothing counts twice.
    std::vector<std::tuple<std::string, std::string, std::optional<double>, bool, ValueSource>> rows;
    std::string finest;
    while (query.Step()) {
      const std::string row_level = query.Text(1);
      finest = std::max(finest, row_level);
      rows.emplace_back(query.Text(0), row_level, query.OptionalReal(2), query.Int(3) != 0,
                        ValueSource{dataset, query.Int(4), query.Int(5), query.Text(6)});
    }
    query.Reset();
    if (rows.empty()) continue;
    const std::size_t digits = level == "hs2" ? 2 : level == "hs4" ? 4 : 6;
    if (finest.size() < 3 || static_cast<std::size_t>(finest[2] - '0') < digits) return products;
    for (const auto& [code, row_level, value, estimated, source] : rows) {
      if (row_level != finest) continue;
      if (!value) {
        ++missing_rows;
        continue;
      }
      Observation& product = products[code.substr(0, digits)];
      product.value += *value;
      product.estimated = product.estimated || estimated;
      product.dataset = dataset;
      if (product.sources.size() < 4) product.sources.push_back(source);
      ++product.rows;
    }
    return products;
  }
  return products;
}

bool TradeData::IsPublishedMissing(const FlowQuery& query) {
  CachedStatement cached(
      database_,
      "SELECT 1 FROM flows WHERE dataset = ? AND reporter = ? AND partner = ? AND flow = ? AND year = ? "
      "AND product = ? AND value_usd IS NULL");
  Statement& check = *cached;
  for (const auto& dataset : datasets_) {
    if (!query.dataset.empty() && dataset != query.dataset) continue;
    check.Bind(1, dataset).Bind(2, query.reporter).Bind(3, query.partner).Bind(4, std::string(1, query.flow));
    check.Bind(5, query.year).Bind(6, query.product);
    const bool found = check.Step();
    check.Reset();
    if (found) return true;
  }
  return false;
}

std::vector<std::string> TradeData::Partners(const std::string& reporter, char flow, int year,
                                             const std::string& dataset) {
  // One probe of the primary key (key, reporter); a reporter names each partner once a year.
  CachedStatement query(
      database_,
      "SELECT v.partner FROM flow_values v JOIN flow_keys k ON k.id = v.key_id WHERE "
      "k.dataset = ? AND k.flow = ? AND k.product = 'TOTAL' AND v.reporter = ? AND v.year = ? "
      "AND v.partner <> v.reporter AND v.value_usd IS NOT NULL ORDER BY v.partner");
  query->Bind(1, dataset).Bind(2, std::string(1, flow)).Bind(3, reporter).Bind(4, year);
  std::vector<std::string> partners;
  while (query->Step()) partners.push_back(query->Text(0));
  return partners;
}

std::vector<std::string> TradeData::Reporters(const std::string& partner, char flow, int year,
                                              const std::string& dataset) {
  // The index by partner, named: without statistics the planner walks the whole key by the primary key
  // instead (1.3 million rows of IMF DOTS exports; 10 s of a report).
  CachedStatement query(
      database_,
      "SELECT v.reporter FROM flow_values v INDEXED BY flow_values_by_partner JOIN flow_keys "
      "k ON k.id = v.key_id WHERE k.dataset = ? AND k.flow = ? AND k.product = 'TOTAL' AND "
      "v.partner = ? AND v.year = ? AND v.partner <> v.reporter AND v.value_usd IS NOT NULL "
      "ORDER BY v.reporter");
  query->Bind(1, dataset).Bind(2, std::string(1, flow)).Bind(3, partner).Bind(4, year);
  std::vector<std::string> reporters;
  while (query->Step()) reporters.push_back(query->Text(0));
  return reporters;
}

std::optional<Observation> TradeData::Series(const std::string& code, const std::string& actor, int year) {
  series_.Bind(1, code).Bind(2, actor).Bind(3, year);
  std::optional<Observation> found;
  if (series_.Step() && !series_.IsNull(0)) {
    Observation observation;
    observation.value = series_.Real(0);
    observation.estimated = series_.Int(1) != 0;
    observation.dataset = series_.Text(5);
    observation.sources.push_back({observation.dataset, series_.Int(2), series_.Int(3), series_.Text(4)});
    observation.rows = 1;
    found = observation;
  }
  series_.Reset();
  return found;
}

std::string TradeData::SeriesUnit(const std::string& code) {
  Statement query(database_, "SELECT unit FROM series_catalog WHERE code = ?");
  query.Bind(1, code);
  return query.Step() ? query.Text(0) : std::string();
}

std::pair<int, int> TradeData::FlowYears(const std::string& dataset) {
  if (const auto found = years_.find(dataset); found != years_.end()) return found->second;
  Statement query(database_, "SELECT first_year, last_year FROM flow_years WHERE dataset = ?");
  query.Bind(1, dataset);
  std::pair<int, int> span{0, 0};
  if (query.Step() && !query.IsNull(0))
    span = {static_cast<int>(query.Int(0)), static_cast<int>(query.Int(1))};
  years_[dataset] = span;
  return span;
}

}  // namespace linkage
