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
    insert.Bind(1, name).Bind(2, actors.Resolve(reader, record, country)).Bind(3, role_name);
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
  Statement insert(
      context.database,
      "INSERT OR REPLACE INTO regions (region, actor_id, start_date, end_date, source_id, source_line) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    insert.Bind(1, text::Lower(reader.Text(record, region))).Bind(2, actors.Resolve(reader, record, actor));
    insert.Bind(3, from ? OptionalIsoDate(reader, record, *from) : std::nullopt);
    insert.Bind(4, to ? OptionalIsoDate(reader, record, *to) : std::nullopt);
    insert.Bind(5, context.source_id).Bind(6, static_cast<std::int64_t>(record.line));
    insert.Run();
    ++context.summary.values_stored;
  }
}

}  // namespace linkage
