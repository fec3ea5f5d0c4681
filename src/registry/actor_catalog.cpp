#include "registry/actor_catalog.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/actor.hpp"
#include "registry/actor_registry.hpp"
#include "store/provenance.hpp"

namespace linkage {

namespace {

class CatalogWriter {
 public:
  explicit CatalogWriter(Database& database)
      : database_(database),
        insert_actor_(database,
                      "INSERT INTO actors (id, name, kind, iso2, m49, cow_code, cow_abb, ended, source_id) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"),
        insert_alias_(database,
                      "INSERT OR IGNORE INTO actor_aliases (scheme, alias, actor_id, origin) "
                      "VALUES (?, ?, ?, ?)"),
        set_cow_(database, "UPDATE actors SET cow_code = ?, cow_abb = ? WHERE id = ?") {}

  void AddActor(const std::string& id, const std::string& name, ActorKind kind, std::int64_t source_id,
                const std::string& iso2 = "", const std::string& m49 = "", const std::string& ended = "") {
    insert_actor_.Bind(1, id).Bind(2, name).Bind(3, KindName(kind));
    BindText(insert_actor_, 4, iso2);
    if (const auto number = text::ParseInteger(m49)) {
      insert_actor_.Bind(5, static_cast<std::int64_t>(*number));
    } else {
      insert_actor_.BindNull(5);
    }
    insert_actor_.BindNull(6).BindNull(7);
    BindText(insert_actor_, 8, ended);
    insert_actor_.Bind(9, source_id);
    insert_actor_.Run();
  }

  void AddAlias(Scheme scheme, std::string_view alias, const std::string& actor_id,
                const std::string& origin) {
    if (text::Trim(alias).empty()) return;
    insert_alias_.Bind(1, SchemeName(scheme))
        .Bind(2, AliasKey(scheme, alias))
        .Bind(3, actor_id)
        .Bind(4, origin);
    insert_alias_.Run();
  }

  void SetCow(const std::string& id, std::int64_t code, const std::string& abb) {
    set_cow_.Bind(1, code).Bind(2, abb).Bind(3, id);
    set_cow_.Run();
  }

  bool Exists(const std::string& id) {
    Statement query(database_, "SELECT 1 FROM actors WHERE id = ?");
    query.Bind(1, id);
    return query.Step();
  }

 private:
  static void BindText(Statement& statement, int index, const std::string& value) {
    if (value.empty()) {
      statement.BindNull(index);
    } else {
      statement.Bind(index, value);
    }
  }

  Database& database_;
  Statement insert_actor_;
  Statement insert_alias_;
  Statement set_cow_;
};

nlohmann::json ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path}, "cannot open the ISO 3166 table", "Debian's iso-codes package installed");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError({path}, std::string("not valid JSON: ") + error.what(), "the iso-codes JSON table");
  }
}

std::string Field(const nlohmann::json& entry, const char* key) {
  return entry.contains(key) ? entry.at(key).get<std::string>() : std::string();
}

void LoadIso(CatalogWriter& writer, Database& database, const std::string& iso_codes_dir) {
  const std::string current_path = iso_codes_dir + "/iso_3166-1.json";
  const std::int64_t current_source =
      RecordSource(database, {"iso-codes", "iso-3166-1", current_path, "ISO 3166-1 via Debian iso-codes",
                              "LGPL-2.1+ (iso-codes package)"});
  const nlohmann::json current = ReadJson(current_path);
  for (const auto& entry : current.at("3166-1")) {
    const std::string id = Field(entry, "alpha_3");
    writer.AddActor(id, Field(entry, "name"), ActorKind::kState, current_source, Field(entry, "alpha_2"),
                    Field(entry, "numeric"));
    writer.AddAlias(Scheme::kIso2, Field(entry, "alpha_2"), id, "ISO 3166-1");
    writer.AddAlias(Scheme::kM49, Field(entry, "numeric"), id, "ISO 3166-1");
    for (const char* key : {"name", "official_name", "common_name"}) {
      writer.AddAlias(Scheme::kName, Field(entry, key), id, "ISO 3166-1");
    }
  }
  const std::string historic_path = iso_codes_dir + "/iso_3166-3.json";
  const std::int64_t historic_source =
      RecordSource(database, {"iso-codes", "iso-3166-3", historic_path, "ISO 3166-3 via Debian iso-codes",
                              "LGPL-2.1+ (iso-codes package)"});
  const nlohmann::json historic = ReadJson(historic_path);
  for (const auto& entry : historic.at("3166-3")) {
    const std::string id = Field(entry, "alpha_3");
    // Codes reused by current states (e.g. alpha-3 codes later reassigned) stay with the current state.
    if (id.empty() || writer.Exists(id)) continue;
    writer.AddActor(id, Field(entry, "name"), ActorKind::kHistoric, historic_source, "", "",
                    Field(entry, "withdrawal_date"));
    writer.AddAlias(Scheme::kName, Field(entry, "name"), id, "ISO 3166-3");
    writer.AddAlias(Scheme::kIso3, Field(entry, "alpha_4"), id, "ISO 3166-3 alpha-4");
  }
}

void LoadProjectActors(CatalogWriter& writer, Database& database, const std::string& path) {
  const std::int64_t source =
      RecordSource(database, {"linkage", "actors", path, "Linkage actor table", "CC0"});
  CsvReader reader(path);
  reader.RequireColumns({"id", "name", "kind", "aliases"});
  const std::size_t id_column = reader.Column("id");
  const std::size_t kind_column = reader.Column("kind");
  CsvRecord record;
  while (reader.Next(record)) {
    const std::string id = reader.Text(record, id_column);
    const auto kind = ParseKind(reader.Text(record, kind_column));
    if (!kind) reader.Fail(record, kind_column, "unknown kind", "state, territory, historic or aggregate");
    writer.AddActor(id, reader.Text(record, reader.Column("name")), *kind, source);
    for (const auto& alias : text::Split(record.fields[reader.Column("aliases")], ';')) {
      writer.AddAlias(Scheme::kName, alias, id, "data/actors/actors.csv");
    }
  }
}

void LoadAliases(CatalogWriter& writer, Database& database, const std::string& path) {
  RecordSource(database, {"linkage", "aliases", path, "Linkage alias table", "CC0"});
  CsvReader reader(path);
  reader.RequireColumns({"scheme", "alias", "actor_id", "origin"});
  CsvRecord record;
  while (reader.Next(record)) {
    const auto scheme = ParseScheme(reader.Text(record, 0));
    if (!scheme) reader.Fail(record, 0, "unknown scheme", "iso3, iso2, m49, cow, cowabb, cepii or name");
    const std::string actor = reader.Text(record, 2);
    if (!writer.Exists(actor)) reader.Fail(record, 2, "no such actor", "an actor id from the actor tables");
    writer.AddAlias(*scheme, record.fields[1], actor, reader.Text(record, 3));
  }
}

void LoadCow(CatalogWriter& writer, Database& database, const std::string& path) {
  const std::int64_t source = RecordSource(
      database,
      {"linkage", "cow-states", path, "COW state system codes (NMC v5.0) with ISO crosswalk", "CC0"});
  CsvReader reader(path);
  reader.RequireColumns({"cow_num", "cow_abb", "cow_name", "iso3"});
  CsvRecord record;
  while (reader.Next(record)) {
    const long long code = reader.Integer(record, 0, 1, 999);
    const std::string abb = reader.Text(record, 1);
    std::string id(text::Trim(record.fields[3]));
    if (id.empty()) {
      // States of the COW system with no ISO code (Bavaria, the Papal States, ...) are historic actors.
      id = "COW:" + abb;
      writer.AddActor(id, reader.Text(record, 2), ActorKind::kHistoric, source);
      writer.AddAlias(Scheme::kName, record.fields[2], id, "COW state list");
    } else if (!writer.Exists(id)) {
      reader.Fail(record, 3, fmt::format("ISO code '{}' is not a known actor", id), "an ISO alpha-3 code");
    }
    writer.AddAlias(Scheme::kCow, std::to_string(code), id, "COW state list");
    writer.AddAlias(Scheme::kCowAbb, abb, id, "COW state list");
    writer.SetCow(id, code, abb);
  }
}

}  // namespace

void BuildActorCatalog(Database& database, const std::string& data_dir, const std::string& iso_codes_dir) {
  CatalogWriter writer(database);
  LoadIso(writer, database, iso_codes_dir);
  LoadProjectActors(writer, database, data_dir + "/actors/actors.csv");
  LoadCow(writer, database, data_dir + "/actors/cow_states.csv");
  LoadAliases(writer, database, data_dir + "/actors/aliases.csv");
}

}  // namespace linkage
