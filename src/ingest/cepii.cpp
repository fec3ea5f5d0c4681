// CEPII GeoDist (Mayer and Zignago 2011). dist_cepii: ';'-separated dyads
// iso_o;iso_d;contig;...;dist;distcap; distw;distwces. geo_cepii: ';'-separated, ISO-8859-1, one row per
// country site. Codes are CEPII's own (ROM, PAL, ZAR, TMP, YUG), resolved through the cepii scheme before
// ISO.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>
#include <vector>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/importers.hpp"
#include "ingest/stored_value.hpp"

namespace linkage {

namespace {

// CEPII's own codes first, then ISO alpha-3.
class CepiiColumn {
 public:
  explicit CepiiColumn(const ActorRegistry& actors) : actors_(actors) {}
  std::string Resolve(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
    const std::string& code = record.fields[column];
    if (const auto found = cache_.find(code); found != cache_.end()) return found->second;
    Resolution resolution = actors_.Resolve(code, Scheme::kCepii);
    if (!resolution.Unique()) resolution = actors_.Resolve(code, Scheme::kIso3);
    if (!resolution.Unique()) actors_.Require(code, Scheme::kIso3, reader.At(record, column));
    return cache_.emplace(code, resolution.matches.front()->id).first->second;
  }

 private:
  const ActorRegistry& actors_;
  std::map<std::string, std::string> cache_;
};

// Stores time-invariant facts keyed by actor or dyad. The same value again is a duplicate; another value for
// a stored key is refused (it would silently replace what an earlier file or line said).
class AttributeWriter {
 public:
  // `table` is actor_attributes or dyad_attributes; `keys` its key columns after dataset, before name.
  AttributeWriter(ImportContext& context, const std::string& table, const std::vector<std::string>& keys)
      : context_(context),
        insert_(context.database, InsertSql(table, keys)),
        existing_(context.database, SelectSql(table, keys)) {}

  // Stores `value` of attribute `name` for `key` read from `where`.
  void Write(const std::vector<std::string>& key, const std::string& name, std::optional<double> value,
             const SourceLocation& where) {
    // Inserted first: a value already stored is the rare case, and the insert finds it by the primary key.
    int index = 1;
    insert_.Bind(index++, context_.dataset);
    for (const auto& part : key) insert_.Bind(index++, part);
    insert_.Bind(index, name);
    insert_.Bind(index + 1, value);
    insert_.Bind(index + 2, context_.source_id);
    insert_.Bind(index + 3, static_cast<std::int64_t>(where.line));
    insert_.Run();
    if (sqlite3_changes(context_.database.Handle()) > 0) {
      ++context_.summary.values_stored;
      if (!value) ++context_.summary.missing_values;
      return;
    }
    index = 1;
    existing_.Bind(index++, context_.dataset);
    for (const auto& part : key) existing_.Bind(index++, part);
    existing_.Bind(index, name);
    CompareWithStored(context_, existing_, value, fmt::format("{} of {}", name, fmt::join(key, "-")), where,
                      "one value per attribute in a dataset");
  }

 private:
  static std::string InsertSql(const std::string& table, const std::vector<std::string>& keys) {
    std::string places = "?";  // dataset
    for (std::size_t i = 0; i < keys.size() + 4; ++i) places += ", ?";
    return fmt::format(
        "INSERT INTO {} (dataset, {}, name, value, source_id, source_line) VALUES ({}) ON CONFLICT DO "
        "NOTHING",
        table, fmt::join(keys, ", "), places);
  }
  static std::string SelectSql(const std::string& table, const std::vector<std::string>& keys) {
    std::string where = "dataset = ?";
    for (const auto& key : keys) where += fmt::format(" AND {} = ?", key);
    return fmt::format("SELECT value, source_id, source_line FROM {} WHERE {} AND name = ?", table, where);
  }

  ImportContext& context_;
  Statement insert_;
  Statement existing_;
};

}  // namespace

void ReadCepiiDist(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  CsvReader reader(path, {.delimiter = ';'});
  reader.RequireColumns({"iso_o", "iso_d", "contig", "comlang_off", "dist", "distcap", "distw"});
  const std::size_t origin = reader.Column("iso_o");
  const std::size_t destination = reader.Column("iso_d");
  std::vector<std::size_t> measures;
  for (std::size_t i = 0; i < reader.Header().size(); ++i) {
    if (i != origin && i != destination) measures.push_back(i);
  }
  CepiiColumn actors(context.actors);
  AttributeWriter writer(context, "dyad_attributes", {"actor_a", "actor_b"});
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string a = actors.Resolve(reader, record, origin);
    const std::string b = actors.Resolve(reader, record, destination);
    for (const std::size_t measure : measures) {
      writer.Write({a, b}, reader.Header()[measure], reader.OptionalNumber(record, measure),
                   reader.At(record, measure));
    }
  }
}

void ReadCepiiGeo(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  CsvReader reader(path, {.delimiter = ';', .encoding = Encoding::kLatin1});
  reader.RequireColumns({"iso3", "country", "area", "landlocked", "lat", "lon", "cap"});
  const std::size_t iso3 = reader.Column("iso3");
  const std::size_t country = reader.Column("country");
  const std::size_t capital = reader.Column("cap");
  CepiiColumn actors(context.actors);
  AttributeWriter writer(context, "actor_attributes", {"actor_id"});
  Statement alias(
      context.database,
      "INSERT OR IGNORE INTO actor_aliases (scheme, alias, actor_id, origin) VALUES ('name', ?, ?, ?)");
  const auto write = [&](const std::string& actor, const CsvRecord& row) {
    for (const char* name : {"area", "landlocked", "lat", "lon"}) {
      const std::size_t column = reader.Column(name);
      writer.Write({actor}, name, reader.OptionalNumber(row, column), reader.At(row, column));
    }
  };
  // geo_cepii lists several cities for some countries; the capital's row carries the country's geography, and
  // a country without a capital row takes its first row.
  std::set<std::string> with_capital;
  std::map<std::string, CsvRecord> first_rows;
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string actor = actors.Resolve(reader, record, iso3);
    alias.Bind(1, AliasKey(Scheme::kName, record.fields[country])).Bind(2, actor).Bind(3, "CEPII geo_cepii");
    alias.Run();
    if (text::Trim(record.fields[capital]) == "1") {
      with_capital.insert(actor);
      write(actor, record);
    } else {
      first_rows.try_emplace(actor, record);
    }
  }
  for (const auto& [actor, row] : first_rows) {
    if (!with_capital.contains(actor)) write(actor, row);
  }
}

}  // namespace linkage
