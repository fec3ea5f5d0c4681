#include "registry/institutions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/actor_registry.hpp"

namespace linkage {

std::string EarliestDay(const std::string& date) {
  if (date.size() == 4) return date + "-01-01";
  if (date.size() == 7) return date + "-01";
  return date;
}

std::string LatestDay(const std::string& date) {
  if (date.size() == 4) return date + "-12-31";
  if (date.size() == 7) return date + "-31";  // compared as text: later than any day of that month
  return date;
}

std::vector<std::string> Organisations(Database& database) {
  Statement query(database, "SELECT DISTINCT org FROM memberships ORDER BY org");
  std::vector<std::string> names;
  while (query.Step()) names.push_back(query.Text(0));
  return names;
}

std::string ResolveOrganisation(Database& database, const std::string& name) {
  Statement query(database, "SELECT org FROM org_aliases WHERE alias = ?");
  query.Bind(1, AliasKey(Scheme::kName, name));
  if (query.Step()) return query.Text(0);
  throw NotFoundError(
      fmt::format("unknown organisation '{}'; known: {}", name, text::Join(Organisations(database), "; ")));
}

MembershipAnswer MembersBetween(Database& database, const std::string& org, const std::string& from,
                                const std::string& to, const std::string& role) {
  Statement query(
      database,
      "SELECT org, actor_id, role, start_date, end_date, confidence, citation, source_id, source_line "
      "FROM memberships WHERE org = ? AND (? = '' OR role = ?) ORDER BY actor_id, start_date");
  query.Bind(1, org).Bind(2, role).Bind(3, role);
  MembershipAnswer answer;
  answer.org = org;
  while (query.Step()) {
    MembershipSpell spell;
    spell.org = query.Text(0);
    spell.actor_id = query.Text(1);
    spell.role = query.Text(2);
    if (!query.IsNull(3)) spell.start = query.Text(3);
    if (!query.IsNull(4)) spell.end = query.Text(4);
    spell.confidence = query.Text(5);
    spell.citation = query.Text(6);
    spell.source_id = query.Int(7);
    spell.source_line = query.Int(8);
    // Dates known only to the year or month span an interval: membership is certain only when every date in
    // it gives the same answer.
    const std::string start_earliest = spell.start ? EarliestDay(*spell.start) : "0000-01-01";
    const std::string start_latest = spell.start ? LatestDay(*spell.start) : "9999-12-31";
    const bool certainly_ended = spell.end && LatestDay(*spell.end) <= from;
    const bool possibly_ended = spell.end && EarliestDay(*spell.end) <= from;
    if (certainly_ended || start_earliest > to) continue;
    if (start_latest <= to && !possibly_ended) {
      answer.members.push_back(spell);
    } else {
      answer.undated.push_back(spell);
    }
  }
  return answer;
}

std::vector<std::string> RegionMembers(Database& database, const std::string& region, int year) {
  Statement query(
      database,
      "SELECT actor_id FROM regions WHERE region = ? AND (start_date IS NULL OR start_date <= ?) AND "
      "(end_date IS NULL OR end_date > ?) ORDER BY actor_id");
  query.Bind(1, text::Lower(region))
      .Bind(2, fmt::format("{}-12-31", year))
      .Bind(3, fmt::format("{}-01-01", year));
  std::vector<std::string> members;
  while (query.Step()) members.push_back(query.Text(0));
  return members;
}

std::string RequireRegion(Database& database, const std::string& name) {
  std::string region = text::Lower(name);
  const auto names = RegionNames(database);
  if (std::find(names.begin(), names.end(), region) == names.end()) {
    throw NotFoundError(fmt::format("unknown region '{}'; known: {}", name, text::Join(names, ", ")));
  }
  return region;
}

std::vector<std::string> RegionNames(Database& database) {
  Statement query(database, "SELECT DISTINCT region FROM regions ORDER BY region");
  std::vector<std::string> names;
  while (query.Step()) names.push_back(query.Text(0));
  return names;
}

}  // namespace linkage
