#include "registry/institutions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

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
  Statement query(database, "SELECT DISTINCT org FROM effective_memberships ORDER BY org");
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

namespace {

// How a spell stands in [from, to]: certainly in force, possibly (dates too imprecise), or not.
enum class InForce { kNo, kCertainly, kPossibly };

InForce SpellInForce(const MembershipSpell& spell, const std::string& from, const std::string& to) {
  // Dates known only to the year or month span an interval: membership is certain only when every date in
  // it gives the same answer.
  const std::string start_earliest = spell.start ? EarliestDay(*spell.start) : "0000-01-01";
  const std::string start_latest = spell.start ? LatestDay(*spell.start) : "9999-12-31";
  const bool certainly_ended = spell.end && LatestDay(*spell.end) <= from;
  const bool possibly_ended = spell.end && EarliestDay(*spell.end) <= from;
  if (certainly_ended || start_earliest > to) return InForce::kNo;
  return start_latest <= to && !possibly_ended ? InForce::kCertainly : InForce::kPossibly;
}

// Spells of `org` (and `role` unless empty) from `table`: effective_memberships, or the stored memberships
// with their source's dataset.
std::vector<MembershipSpell> ReadSpells(Database& database, const std::string& org, const std::string& role,
                                        bool effective) {
  const std::string sql =
      effective
          ? "SELECT org, actor_id, role, start_date, end_date, confidence, citation, source_id, "
            "source_line, dataset, note FROM effective_memberships WHERE org = ? AND (? = '' OR role = ?) "
            "ORDER BY actor_id, start_date"
          : "SELECT m.org, m.actor_id, m.role, m.start_date, m.end_date, m.confidence, m.citation, "
            "m.source_id, m.source_line, s.dataset, NULL FROM memberships m JOIN sources s ON "
            "s.id = m.source_id WHERE m.org = ? AND (? = '' OR m.role = ?) ORDER BY m.actor_id, "
            "m.start_date";
  Statement query(database, sql);
  query.Bind(1, org).Bind(2, role).Bind(3, role);
  std::vector<MembershipSpell> spells;
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
    spell.dataset = query.Text(9);
    if (!query.IsNull(10)) spell.note = query.Text(10);
    spells.push_back(std::move(spell));
  }
  return spells;
}

// Whether a source's data can speak about `org` in [from, to]: COW's IGO spells end in 2014 and the
// Factbook's editions start in 1990; a curated source speaks whenever it has spells of the organisation.
bool SourceCovers(const std::string& dataset, const std::string& from, const std::string& to) {
  if (dataset == "cow-igo") return from <= "2014-12-31";
  if (dataset == "factbook") return to >= "1990-01-01";
  return true;
}

}  // namespace

MembershipAnswer MembersBetween(Database& database, const std::string& org, const std::string& from,
                                const std::string& to, const std::string& role) {
  MembershipAnswer answer;
  answer.org = org;
  for (auto& spell : ReadSpells(database, org, role, true)) {
    switch (SpellInForce(spell, from, to)) {
      case InForce::kCertainly:
        answer.members.push_back(std::move(spell));
        break;
      case InForce::kPossibly:
        answer.undated.push_back(std::move(spell));
        break;
      case InForce::kNo:
        break;
    }
  }
  return answer;
}

std::vector<MembershipDisagreement> MembershipDisagreements(Database& database, const std::string& org,
                                                            const std::string& from, const std::string& to,
                                                            const std::string& role) {
  const MembershipAnswer answer = MembersBetween(database, org, from, to, role);
  std::map<std::string, std::string> effective;  // actor -> the dataset that decides it
  for (const auto& spell : answer.members) effective.emplace(spell.actor_id, spell.dataset);
  // Per source: the states it certainly lists in the period.
  std::map<std::string, std::map<std::string, MembershipSpell>> listed;
  for (auto& spell : ReadSpells(database, org, role, false)) {
    listed[spell.dataset];  // the source has spells of the organisation
    if (SpellInForce(spell, from, to) == InForce::kCertainly) listed[spell.dataset][spell.actor_id] = spell;
  }
  std::vector<MembershipDisagreement> disagreements;
  for (const auto& [dataset, actors] : listed) {
    if (!SourceCovers(dataset, from, to)) continue;
    for (const auto& [actor, spell] : actors) {
      const auto found = effective.find(actor);
      if (found == effective.end())
        disagreements.push_back({actor, false,
                                 fmt::format("{} lists it as {} ({}); the precedence rule sets it aside",
                                             dataset, spell.role, spell.citation)});
    }
    for (const auto& [actor, decided_by] : effective) {
      if (decided_by != dataset && !actors.contains(actor))
        disagreements.push_back({actor, true, fmt::format("{} does not list it", dataset)});
    }
  }
  return disagreements;
}

namespace {

// Whether the regions table defines `region` (in any year).
bool IsNamedRegion(Database& database, const std::string& region) {
  Statement query(database, "SELECT 1 FROM regions WHERE region = ? LIMIT 1");
  query.Bind(1, text::Lower(region));
  return query.Step();
}

// The organisation a bloc name stands for, when it has member spells.
std::optional<std::string> BlocOrganisation(Database& database, const std::string& name) {
  Statement alias(database, "SELECT org FROM org_aliases WHERE alias = ?");
  alias.Bind(1, AliasKey(Scheme::kName, name));
  const std::string org = alias.Step() ? alias.Text(0) : name;
  Statement members(database,
                    "SELECT 1 FROM effective_memberships WHERE org = ? AND role = 'member' LIMIT 1");
  members.Bind(1, org);
  if (!members.Step()) return std::nullopt;
  return org;
}

}  // namespace

std::vector<std::string> RegionMembers(Database& database, const std::string& region, int year) {
  std::vector<std::string> members;
  if (!IsNamedRegion(database, region)) {
    // A bloc: the organisation's members at some time in the year, as its membership spells say.
    if (const auto org = BlocOrganisation(database, region)) {
      const auto answer = MembersBetween(database, *org, fmt::format("{}-01-01", year),
                                         fmt::format("{}-12-31", year), "member");
      for (const auto& spell : answer.members) members.push_back(spell.actor_id);
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
    }
    return members;
  }
  Statement query(
      database,
      "SELECT actor_id FROM regions WHERE region = ? AND (start_date IS NULL OR start_date <= ?) AND "
      "(end_date IS NULL OR end_date > ?) ORDER BY actor_id");
  query.Bind(1, text::Lower(region))
      .Bind(2, fmt::format("{}-12-31", year))
      .Bind(3, fmt::format("{}-01-01", year));
  while (query.Step()) members.push_back(query.Text(0));
  return members;
}

std::string RequireRegion(Database& database, const std::string& name) {
  if (IsNamedRegion(database, name)) return text::Lower(name);
  if (const auto org = BlocOrganisation(database, name)) return *org;
  throw NotFoundError(fmt::format("unknown region '{}'; known: {}; and the blocs {}", name,
                                  text::Join(RegionNames(database), ", "),
                                  text::Join(BlocNames(database), ", ")));
}

std::vector<std::string> RegionNames(Database& database) {
  Statement query(database, "SELECT DISTINCT region FROM regions ORDER BY region");
  std::vector<std::string> names;
  while (query.Step()) names.push_back(query.Text(0));
  return names;
}

std::vector<std::string> BlocNames(Database& database) {
  Statement query(database,
                  "SELECT DISTINCT org FROM effective_memberships WHERE role = 'member' ORDER BY org");
  std::vector<std::string> names;
  while (query.Step()) names.push_back(query.Text(0));
  return names;
}

std::vector<std::string> RegionCitations(Database& database, const std::string& region) {
  if (!IsNamedRegion(database, region)) {
    Statement spells(
        database,
        "SELECT DISTINCT s.citation FROM effective_memberships m JOIN sources s ON s.id = m.source_id "
        "WHERE m.org = ? AND m.role = 'member' ORDER BY s.citation");
    spells.Bind(1, region);
    std::vector<std::string> citations;
    while (spells.Step()) citations.push_back("membership spells: " + spells.Text(0));
    return citations;
  }
  Statement query(database,
                  "SELECT DISTINCT s.citation FROM regions r JOIN sources s ON s.id = r.source_id "
                  "WHERE r.region = ? ORDER BY s.citation");
  query.Bind(1, text::Lower(region));
  std::vector<std::string> citations;
  while (query.Step()) citations.push_back(query.Text(0));
  return citations;
}

}  // namespace linkage
