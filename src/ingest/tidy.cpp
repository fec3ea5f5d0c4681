// Linkage's own tidy CSV formats for a user's data (docs/formats.md):
//   series: actor,code,year,value,unit[,estimated]
//   flows:  reporter,partner,flow,year,value_usd[,product,estimated]   flow = X|M|exports|imports
//   events: date,source,target,kind,dimension[,code,intensity,description,citation]
// An empty value or NA is stored as missing; estimated is 0/1.
#include <fmt/format.h>

#include <regex>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/event_fields.hpp"
#include "ingest/flow_writer.hpp"
#include "ingest/importers.hpp"
#include "ingest/series_writer.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

bool OptionalFlag(const CsvReader& reader, const CsvRecord& record, std::optional<std::size_t> column) {
  if (!column || text::Trim(record.fields[*column]).empty()) return false;
  return reader.Integer(record, *column, 0, 1) == 1;
}

}  // namespace

void ReadTidySeries(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"actor", "code", "year", "value", "unit"});
  const std::size_t actor = reader.Column("actor");
  const std::size_t code = reader.Column("code");
  const std::size_t year = reader.Column("year");
  const std::size_t value = reader.Column("value");
  const std::size_t unit = reader.Column("unit");
  const auto estimated = reader.FindColumn("estimated");
  ActorColumn actors(context.actors, Scheme::kAny);
  SeriesWriter writer(context);
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string series = reader.Text(record, code);
    const std::string unit_name = reader.Text(record, unit);
    writer.Describe(series, series, unit_name);
    writer.Write(series, actors.Resolve(reader, record, actor),
                 static_cast<int>(reader.Integer(record, year, 1800, 2100)),
                 reader.OptionalNumber(record, value), unit_name, OptionalFlag(reader, record, estimated),
                 static_cast<std::int64_t>(record.line), "as supplied", reader.At(record, value));
  }
}

void ReadTidyFlows(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"reporter", "partner", "flow", "year", "value_usd"});
  const std::size_t reporter = reader.Column("reporter");
  const std::size_t partner = reader.Column("partner");
  const std::size_t flow = reader.Column("flow");
  const std::size_t year = reader.Column("year");
  const std::size_t value = reader.Column("value_usd");
  const auto product = reader.FindColumn("product");
  const auto estimated = reader.FindColumn("estimated");
  ActorColumn reporters(context.actors, Scheme::kAny);
  ActorColumn partners(context.actors, Scheme::kAny);
  FlowWriter writer(context);
  CsvRecord record;
  FlowRecord row;
  row.transform = "as supplied";
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    row.reporter = reporters.Resolve(reader, record, reporter);
    row.partner = partners.Resolve(reader, record, partner);
    const auto direction = ParseFlowDirection(record.fields[flow]);
    if (!direction) {
      reader.Fail(record, flow, fmt::format("unknown flow '{}'", record.fields[flow]),
                  "X, M, exports or imports");
    }
    row.flow = *direction;
    row.valuation = "as supplied";
    row.year = static_cast<int>(reader.Integer(record, year, 1800, 2100));
    row.product =
        product && !text::Trim(record.fields[*product]).empty() ? reader.Text(record, *product) : "TOTAL";
    row.level = row.product == "TOTAL" ? "total" : fmt::format("hs{}", row.product.size());
    row.value_usd = reader.OptionalNumber(record, value);
    if (row.value_usd && *row.value_usd < 0) {
      reader.Fail(record, value, "a trade value cannot be negative",
                  "a value of zero or more, in US dollars");
    }
    row.estimated = OptionalFlag(reader, record, estimated);
    row.line = static_cast<std::int64_t>(record.line);
    writer.Write(row, reader.At(record, value));
  }
  writer.Finish();
}

void ReadTidyEvents(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"date", "source", "target", "kind", "dimension"});
  const std::size_t date = reader.Column("date");
  const std::size_t dimension = reader.Column("dimension");
  const auto code = reader.FindColumn("code");
  const auto intensity = reader.FindColumn("intensity");
  const auto description = reader.FindColumn("description");
  const auto citation = reader.FindColumn("citation");
  ActorColumn actors(context.actors, Scheme::kAny);
  Statement insert(
      context.database,
      "INSERT INTO events (dataset, date, source_actor, target_actor, kind, code, dimension, intensity, "
      "description, citation, source_id, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string when = ReadPartialDate(reader, record, date);
    const std::string dimension_name = ReadDimension(reader, record, dimension);
    const auto strength = intensity ? reader.OptionalNumber(record, *intensity) : std::nullopt;
    if (strength && (*strength < -10 || *strength > 10)) {
      reader.Fail(record, *intensity, "intensity out of range", "a Goldstein-style score from -10 to 10");
    }
    insert.Bind(1, context.dataset)
        .Bind(2, when)
        .Bind(3, actors.Resolve(reader, record, reader.Column("source")))
        .Bind(4, actors.Resolve(reader, record, reader.Column("target")))
        .Bind(5, reader.Text(record, reader.Column("kind")))
        .Bind(6, code ? record.fields[*code] : std::string())
        .Bind(7, dimension_name)
        .Bind(8, strength)
        .Bind(9, description ? record.fields[*description] : std::string())
        .Bind(10, citation ? record.fields[*citation] : std::string())
        .Bind(11, context.source_id)
        .Bind(12, static_cast<std::int64_t>(record.line));
    insert.Run();
    ++context.summary.values_stored;
    context.NoteYear(YearOfDate(when));
  }
}

}  // namespace linkage
