// Membership spells (org,country_iso3,role,from,to,source,confidence), other names of organisations
// (alias,org) and named regions (region,actor[,from,to]). Dates are ISO dates; an empty `to` means the spell
// was still in force when the table was compiled, an empty `from` that its start is not known.
#include <fmt/format.h>

#include <optional>
#include <set>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/date_fields.hpp"
#include "ingest/importers.hpp"
#include "ingest/table_file.hpp"
#include "store/provenance.hpp"
#include "store/schema.hpp"

namespace linkage {

namespace {

const std::set<std::string>& KnownRoles() {
  static const std::set<std::string> roles = {"member", "observer", "dialogue_partner", "associate",
                                              "partner"};
  return roles;
}

}  // namespace

void ReadMemberships(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"org", "country_iso3", "role", "from", "to", "source", "confidence"});
  const std::size_t org = reader.Column("org");
  const std::size_t country = reader.Column("country_iso3");
  const std::size_t role = reader.Column("role");
  const std::size_t from = reader.Column("from");
  const std::size_t to = reader.Column("to");
  ActorColumn actors(context.actors, Scheme::kAny);
  Statement insert(
      context.database,
      "INSERT INTO memberships (org, actor_id, role, start_date, end_date, confidence, citation, "
      "source_id, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  // The same spell imported again into the same dataset (the same file twice, or two files that agree) is
  // stored once; another dataset's identical spell is its own record (the precedence rules weigh the
  // datasets).
  Statement stored(context.database,
                   "SELECT 1 FROM memberships m JOIN sources s ON s.id = m.source_id WHERE s.dataset = ? AND "
                   "m.org = ? AND m.actor_id = ? AND m.role = ? AND m.start_date IS ? AND m.end_date IS ?");
  Statement alias(context.database, "INSERT OR IGNORE INTO org_aliases (alias, org) VALUES (?, ?)");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string name = reader.Text(record, org);
    const std::string role_name = reader.Text(record, role);
    if (!KnownRoles().contains(role_name)) {
      reader.Fail(record, role, fmt::format("unknown role '{}'", role_name),
                  "member, observer, dialogue_partner, associate or partner");
    }
    const auto start = OptionalIsoDate(reader, record, from);
    const auto end = OptionalIsoDate(reader, record, to);
    if (start && end && *end < *start)
      reader.Fail(record, to, "the spell ends before it starts", "to >= from");
    const std::string actor = actors.Resolve(reader, record, country);
    stored.Bind(1, context.dataset)
        .Bind(2, name)
        .Bind(3, actor)
        .Bind(4, role_name)
        .Bind(5, start)
        .Bind(6, end);
    const bool known = stored.Step();
    stored.Reset();
    if (known) {
      ++context.summary.duplicates;
      continue;
    }
    insert.Bind(1, name).Bind(2, actor).Bind(3, role_name);
    insert.Bind(4, start);
    insert.Bind(5, end);
    insert.Bind(6, record.fields[reader.Column("confidence")])
        .Bind(7, record.fields[reader.Column("source")])
        .Bind(8, context.source_id)
        .Bind(9, static_cast<std::int64_t>(record.line));
    insert.Run();
    alias.Bind(1, AliasKey(Scheme::kName, name)).Bind(2, name);
    alias.Run();
    ++context.summary.values_stored;
    // A spell counts from its start to its end (or its start, while in force); an undated one not at all.
    if (start) context.NoteYears(YearOfDate(*start), YearOfDate(end ? *end : *start));
  }
  RefreshEffectiveMemberships(context.database);
}

void ReadOrgSuccessions(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"org", "successor"});
  const std::size_t org = reader.Column("org");
  const std::size_t successor = reader.Column("successor");
  Statement insert(context.database,
                   "INSERT OR REPLACE INTO org_successions (org, successor, source_id, source_line) "
                   "VALUES (?, ?, ?, ?)");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string name = reader.Text(record, org);
    const std::string next = reader.Text(record, successor);
    if (name == next)
      reader.Fail(record, successor, "an organisation cannot succeed itself", "another organisation");
    insert.Bind(1, name)
        .Bind(2, next)
        .Bind(3, context.source_id)
        .Bind(4, static_cast<std::int64_t>(record.line));
    insert.Run();
    ++context.summary.values_stored;
  }
  RefreshEffectiveMemberships(context.database);
}

void ReadOrgAliases(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"alias", "org"});
  Statement insert(context.database, "INSERT OR REPLACE INTO org_aliases (alias, org) VALUES (?, ?)");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    insert.Bind(1, AliasKey(Scheme::kName, reader.Text(record, 0))).Bind(2, reader.Text(record, 1));
    insert.Run();
    ++context.summary.values_stored;
  }
}

void ReadRegions(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"region", "actor"});
  const std::size_t region = reader.Column("region");
  const std::size_t actor = reader.Column("actor");
  const auto from = reader.FindColumn("from");
  const auto to = reader.FindColumn("to");
  ActorColumn actors(context.actors, Scheme::kAny);
  Statement insert(context.database,
                   "INSERT INTO regions (region, actor_id, start_date, end_date, source_id, source_line) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
  // A member listed again from the same date is the same fact (stored once) or a contradiction (refused).
  Statement stored(
      context.database,
      "SELECT end_date, source_id, source_line FROM regions WHERE region = ? AND actor_id = ? AND "
      "start_date IS ?");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string name = text::Lower(reader.Text(record, region));
    const std::string member = actors.Resolve(reader, record, actor);
    const auto start = from ? OptionalIsoDate(reader, record, *from) : std::nullopt;
    const auto end = to ? OptionalIsoDate(reader, record, *to) : std::nullopt;
    if (start && end && *end < *start)
      reader.Fail(record, *to, "the membership ends before it starts", "to >= from");
    stored.Bind(1, name).Bind(2, member).Bind(3, start);
    if (stored.Step()) {
      const auto stored_end = stored.OptionalText(0);
      const Provenance before = LookupProvenance(context.database, stored.Int(1), stored.Int(2), "");
      stored.Reset();
      if (stored_end == end) {
        ++context.summary.duplicates;
        continue;
      }
      reader.Fail(record, to ? *to : actor,
                  fmt::format("{} in {} from {} ends {} here but {} in {}", member, name,
                              start.value_or("an unknown date"), end.value_or("never"),
                              stored_end.value_or("never"), before.Describe()),
                  "one end date per region member and start date");
    }
    stored.Reset();
    insert.Bind(1, name).Bind(2, member).Bind(3, start).Bind(4, end);
    insert.Bind(5, context.source_id).Bind(6, static_cast<std::int64_t>(record.line));
    insert.Run();
    ++context.summary.values_stored;
  }
}

}  // namespace linkage
