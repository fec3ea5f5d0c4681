#include "indicators/dyad_data.hpp"

#include <fmt/format.h>

namespace linkage {

namespace {

constexpr std::size_t kMaxSourcesKept = 6;

std::string YearStart(int year) {
  return fmt::format("{}-01-01", year);
}
std::string YearEnd(int year) {
  return fmt::format("{}-12-31", year);
}

}  // namespace

DyadData::DyadData(Database& database) : database_(database) {}

std::optional<Observation> DyadData::DyadValue(const std::string& code, const std::string& a,
                                               const std::string& b, int year) {
  CachedStatement query(
      database_,
      // Two arms of a union rather than an OR, so that each is one probe of the (key, year, a, b) primary
      // key.
      "SELECT value, dataset, source_id, source_line, transform FROM ("
      "SELECT value, dataset, source_id, source_line, transform FROM dyad_series WHERE code = ?1 AND "
      "year = ?4 AND actor_a = ?2 AND actor_b = ?3 UNION ALL "
      "SELECT value, dataset, source_id, source_line, transform FROM dyad_series WHERE code = ?1 AND "
      "year = ?4 AND actor_a = ?3 AND actor_b = ?2 AND directed = 0) ORDER BY dataset LIMIT 1");
  query->Bind(1, code).Bind(2, a).Bind(3, b).Bind(4, year);
  if (!query->Step()) return std::nullopt;
  const auto value = query->OptionalReal(0);
  if (!value) return std::nullopt;
  Observation observation;
  observation.value = *value;
  observation.dataset = query->Text(1);
  observation.sources.push_back({query->Text(1), query->Int(2), query->Int(3), query->Text(4)});
  return observation;
}

std::optional<std::pair<int, int>> DyadData::Coverage(const std::string& code) {
  const auto cached = coverage_.find(code);
  if (cached != coverage_.end()) return cached->second;
  // Per key of the code (one per dataset), so that each bound is one probe of the (key, year) primary key.
  CachedStatement query(database_,
                        "SELECT min((SELECT min(year) FROM dyad_values v WHERE v.key_id = k.id)), "
                        "max((SELECT max(year) FROM dyad_values v WHERE v.key_id = k.id)) FROM series_keys k "
                        "WHERE k.code = ?1");
  query->Bind(1, code);
  std::optional<std::pair<int, int>> span;
  if (query->Step() && query->OptionalReal(0)) {
    span = std::make_pair(static_cast<int>(query->Int(0)), static_cast<int>(query->Int(1)));
  }
  coverage_.emplace(code, span);
  return span;
}

std::map<std::string, ValueSource> DyadData::Memberships(const std::string& actor, int year) {
  // A membership counts for a year when it was in force on any day of it (docs/methods.md, "Choices").
  CachedStatement query(
      database_,
      "SELECT org, dataset, source_id, source_line FROM effective_memberships WHERE actor_id = ? AND "
      "role = 'member' AND start_date IS NOT NULL AND start_date <= ? AND (end_date IS NULL OR end_date > ?) "
      "ORDER BY org");
  query->Bind(1, actor).Bind(2, YearEnd(year)).Bind(3, YearStart(year));
  std::map<std::string, ValueSource> orgs;
  while (query->Step()) {
    orgs.emplace(query->Text(0),
                 ValueSource{query->Text(1), query->Int(2), query->Int(3), "membership spell"});
  }
  return orgs;
}

bool DyadData::HasMemberships(const std::string& org) {
  CachedStatement query(database_, "SELECT 1 FROM effective_memberships WHERE org = ? LIMIT 1");
  query->Bind(1, org);
  return query->Step();
}

RowSum DyadData::ArmsDelivered(const std::string& recipient, const std::string& supplier, int year) {
  CachedStatement query(
      database_,
      "SELECT tiv, estimated, dataset, source_id, source_line, supplier_name FROM arms_deliveries "
      "WHERE recipient = ?1 AND year = ?2 AND (?3 = '' OR supplier = ?3) AND tiv IS NOT NULL "
      "ORDER BY source_line");
  query->Bind(1, recipient).Bind(2, year).Bind(3, supplier);
  RowSum sum;
  while (query->Step()) {
    sum.total += query->Real(0);
    ++sum.rows;
    sum.estimated = sum.estimated || query->Int(1) != 0;
    if (sum.sources.size() < kMaxSourcesKept) {
      sum.sources.push_back(
          {query->Text(2), query->Int(3), query->Int(4), "TIV delivered by " + query->Text(5)});
    }
  }
  return sum;
}

std::optional<std::pair<int, int>> DyadData::ArmsCoverage() {
  // Two subqueries, so that each is one probe of the year index.
  CachedStatement query(
      database_, "SELECT (SELECT min(year) FROM arms_deliveries), (SELECT max(year) FROM arms_deliveries)");
  if (!query->Step() || !query->OptionalReal(0)) return std::nullopt;
  return std::make_pair(static_cast<int>(query->Int(0)), static_cast<int>(query->Int(1)));
}

RowSum DyadData::CountEvents(const std::string& a, const std::string& b, int year,
                             const std::string& condition) {
  return Events(a, b, year, condition, false);
}

RowSum DyadData::MilestonesUpTo(const std::string& a, const std::string& b, int year,
                                const std::string& condition) {
  return Events(a, b, year, condition, true);
}

RowSum DyadData::Events(const std::string& a, const std::string& b, int year, const std::string& condition,
                        bool up_to) {
  CachedStatement query(
      database_, fmt::format("SELECT dataset, source_id, source_line, coalesce(code, kind), date FROM events "
                             "WHERE ((source_actor = ?1 AND target_actor = ?2) OR (source_actor = ?2 AND "
                             "target_actor = ?1)) AND substr(date, 1, 4) {} ?3 AND ({}) ORDER BY date",
                             up_to ? "<=" : "=", condition));
  query->Bind(1, a).Bind(2, b).Bind(3, std::to_string(year));
  RowSum sum;
  while (query->Step()) {
    sum.total += 1;
    ++sum.rows;
    // A ladder needs every milestone up to the year; a count keeps a few as examples.
    if (up_to || sum.sources.size() < kMaxSourcesKept) {
      sum.sources.push_back(
          {query->Text(0), query->Int(1), query->Int(2), query->Text(3) + " on " + query->Text(4)});
    }
  }
  return sum;
}

}  // namespace linkage
