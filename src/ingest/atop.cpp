// ATOP alliance obligations, directed dyad-year: "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,
// atop_nonagg,atop_consul" (Leeds et al., ATOP codebook; the layout peacesciencer publishes). Each flag says
// whether ccode1 has that obligation towards ccode2 in the year. ATOP lists only dyads with an alliance in
// force, so a dyad absent in a year ATOP covers has no obligation; the indicators say so in their note.
#include <fmt/format.h>

#include <array>

#include "core/csv_reader.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/dyad_series_writer.hpp"
#include "ingest/importers.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

struct Obligation {
  const char* column;
  const char* code;
};

constexpr std::array<Obligation, 5> kObligations = {{{"atop_defense", "ATOP.DEFENSE"},
                                                     {"atop_offense", "ATOP.OFFENSE"},
                                                     {"atop_neutral", "ATOP.NEUTRAL"},
                                                     {"atop_nonagg", "ATOP.NONAGG"},
                                                     {"atop_consul", "ATOP.CONSUL"}}};

}  // namespace

void ReadAtop(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral",
                         "atop_nonagg", "atop_consul"});
  const std::size_t first = reader.Column("ccode1");
  const std::size_t second = reader.Column("ccode2");
  const std::size_t year = reader.Column("year");
  std::array<std::size_t, kObligations.size()> columns{};
  for (std::size_t k = 0; k < kObligations.size(); ++k) columns[k] = reader.Column(kObligations[k].column);
  ActorColumn actors_a(context.actors, Scheme::kCow);
  ActorColumn actors_b(context.actors, Scheme::kCow);
  // Two COW codes of one state in a year of succession (GFR and Germany in 1990) each list obligations.
  DyadSeriesWriter writer(context, Combine::kMax);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    DyadValue value;
    value.actor_a = actors_a.Resolve(reader, record, first);
    value.actor_b = actors_b.Resolve(reader, record, second);
    value.year = static_cast<int>(reader.Integer(record, year, 1800, 2200));
    value.unit = "1 = obligation in force";
    for (std::size_t k = 0; k < kObligations.size(); ++k) {
      const long long flag = reader.Integer(record, columns[k], 0, 1);
      value.code = kObligations[k].code;
      value.value = static_cast<double>(flag);
      writer.Write(value, static_cast<std::int64_t>(record.line),
                   std::string("column ") + kObligations[k].column, reader.At(record, columns[k]));
    }
  }
  writer.Finish();
}

}  // namespace linkage
