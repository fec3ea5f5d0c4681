// CEPII GeoDist (Mayer and Zignago 2011). dist_cepii: ';'-separated dyads
// iso_o;iso_d;contig;...;dist;distcap; distw;distwces. geo_cepii: ';'-separated, ISO-8859-1, one row per
// country site. Codes are CEPII's own (ROM, PAL, ZAR, TMP, YUG), resolved through the cepii scheme before
// ISO.
#include <fmt/format.h>

#include <set>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/importers.hpp"

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
  Statement insert(
      context.database,
      "INSERT OR REPLACE INTO dyad_attributes (dataset, actor_a, actor_b, name, value, source_id, "
      "source_line) VALUES (?, ?, ?, ?, ?, ?, ?)");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string a = actors.Resolve(reader, record, origin);
    const std::string b = actors.Resolve(reader, record, destination);
    for (const std::size_t measure : measures) {
      const auto value = reader.OptionalNumber(record, measure);
      insert.Bind(1, context.dataset)
          .Bind(2, a)
          .Bind(3, b)
          .Bind(4, reader.Header()[measure])
          .Bind(5, value)
          .Bind(6, context.source_id)
          .Bind(7, static_cast<std::int64_t>(record.line));
      insert.Run();
      ++context.summary.values_stored;
      if (!value) ++context.summary.missing_values;
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
  Statement insert(
      context.database,
      "INSERT OR REPLACE INTO actor_attributes (dataset, actor_id, name, value, source_id, source_line) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  Statement alias(
      context.database,
      "INSERT OR IGNORE INTO actor_aliases (scheme, alias, actor_id, origin) VALUES ('name', ?, ?, ?)");
  CsvRecord record;
  std::set<std::string> seen;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string actor = actors.Resolve(reader, record, iso3);
    alias.Bind(1, AliasKey(Scheme::kName, record.fields[country])).Bind(2, actor).Bind(3, "CEPII geo_cepii");
    alias.Run();
    // geo_cepii lists several cities for some countries; the capital's row carries the country's geography.
    const bool is_capital = text::Trim(record.fields[capital]) == "1";
    if (!is_capital && seen.contains(actor)) continue;
    seen.insert(actor);
    for (const char* name : {"area", "landlocked", "lat", "lon"}) {
      const std::size_t column = reader.Column(name);
      insert.Bind(1, context.dataset)
          .Bind(2, actor)
          .Bind(3, name)
          .Bind(4, reader.OptionalNumber(record, column))
          .Bind(5, context.source_id)
          .Bind(6, static_cast<std::int64_t>(record.line));
      insert.Run();
      ++context.summary.values_stored;
    }
  }
}

}  // namespace linkage
