// AidData's Global Chinese Development Finance Dataset (v3.0) as recipient-year aggregates keyed by COW code
// (the odadata package's cow_gcdf.csv): "ccode,year,oof_amt,oof_adj,oda_amt,oda_adj,vof_amt,vof_adj", Chinese
// official commitments in constant 2021 US dollars by flow class: ODA-like, other official flows (OOF) and
// vague official flows (VOF); "_adj" is AidData's adjusted amount. A recipient-year absent from the file had
// no recorded commitment, which the indicators say in their note.
#include <fmt/format.h>

#include <array>

#include "core/csv_reader.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/importers.hpp"
#include "ingest/series_writer.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

void ReadAidDataGcdf(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  struct Column {
    const char* column;
    const char* code;
    const char* name;
  };
  static constexpr std::array<Column, 6> kColumns = {{
      {"oda_amt", "GCDF.ODA", "Chinese ODA-like commitments (AidData GCDF 3.0)"},
      {"oof_amt", "GCDF.OOF", "Chinese other official flows committed (AidData GCDF 3.0)"},
      {"vof_amt", "GCDF.VOF", "Chinese vague official flows committed (AidData GCDF 3.0)"},
      {"oda_adj", "GCDF.ODA.ADJ", "Chinese ODA-like commitments, adjusted amount (AidData GCDF 3.0)"},
      {"oof_adj", "GCDF.OOF.ADJ", "Chinese other official flows, adjusted amount (AidData GCDF 3.0)"},
      {"vof_adj", "GCDF.VOF.ADJ", "Chinese vague official flows, adjusted amount (AidData GCDF 3.0)"},
  }};
  const std::string unit = "constant 2021 USD";
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  std::vector<std::string> required = {"ccode", "year"};
  for (const auto& column : kColumns) required.emplace_back(column.column);
  reader.RequireColumns(required);
  const std::size_t state = reader.Column("ccode");
  const std::size_t year = reader.Column("year");
  SeriesWriter writer(context);
  for (const auto& column : kColumns) writer.Describe(column.code, column.name, unit);
  ActorColumn actors(context.actors, Scheme::kCow);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string& actor = actors.Resolve(reader, record, state);
    const int when = static_cast<int>(reader.Integer(record, year, 1949, 2200));
    for (const auto& column : kColumns) {
      const std::size_t index = reader.Column(column.column);
      const auto value = reader.OptionalNumber(record, index);
      if (value && *value < 0) reader.Fail(record, index, "a negative commitment", "an amount of 0 or more");
      writer.Write(column.code, actor, when, value, unit, false, static_cast<std::int64_t>(record.line),
                   fmt::format("column {}", column.column), reader.At(record, index));
    }
  }
}

}  // namespace linkage
