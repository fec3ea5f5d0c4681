// IMF Direction of Trade Statistics in long form:
//   reporter,reporter_iso3,partner,partner_iso3,flow,year,value_musd,estimated
// flow is X_FOB (exports, free on board) or M_CIF (imports, cost insurance freight); values are US$ million;
// estimated = 1 marks IMF estimates. Actors are resolved by the IMF's own names, then by the ISO column; rows
// whose ISO column says AGG are the IMF's own aggregates ("Advanced Economies"), stored as actors IMF:<NAME>.
#include <fmt/format.h>

#include <cctype>

#include "core/csv_reader.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/flow_writer.hpp"
#include "ingest/importers.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

// The actor id of an IMF aggregate: "Sub-Saharan Africa" -> IMF:SUB-SAHARAN-AFRICA.
std::string ImfAggregateId(const std::string& name) {
  std::string id = "IMF:";
  bool dash = false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      if (dash && id.size() > 4) id += '-';
      dash = false;
      id += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      dash = true;
    }
  }
  return id;
}

const std::string& ResolveSide(ActorColumn& column, const ActorRegistry& actors, const CsvReader& reader,
                               const CsvRecord& record, std::size_t name, std::size_t iso) {
  if (record.fields[iso] == "AGG") {
    // World, the EU and the Euro Area are marked AGG too but are the aggregates every source shares.
    if (const Actor* actor = actors.Find(ImfAggregateId(record.fields[name]))) return actor->id;
    return column.Resolve(reader, record, name);
  }
  return column.Resolve(reader, record, name, iso, Scheme::kIso3);
}

}  // namespace

void ReadImfDots(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns(
      {"reporter", "reporter_iso3", "partner", "partner_iso3", "flow", "year", "value_musd", "estimated"});
  const std::size_t reporter = reader.Column("reporter");
  const std::size_t reporter_iso = reader.Column("reporter_iso3");
  const std::size_t partner = reader.Column("partner");
  const std::size_t partner_iso = reader.Column("partner_iso3");
  const std::size_t flow = reader.Column("flow");
  const std::size_t year = reader.Column("year");
  const std::size_t value = reader.Column("value_musd");
  const std::size_t estimated = reader.Column("estimated");
  ActorColumn reporters(context.actors, Scheme::kName);
  ActorColumn partners(context.actors, Scheme::kName);
  FlowWriter writer(context);
  CsvRecord record;
  FlowRecord row;
  row.transform = "value_musd x 1e6";
  // The value column's place, built once: each row sets only its line (2.6 million rows, a copy of the path
  // each otherwise).
  SourceLocation value_place = reader.At(record, value);
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    row.reporter = ResolveSide(reporters, context.actors, reader, record, reporter, reporter_iso);
    row.partner = ResolveSide(partners, context.actors, reader, record, partner, partner_iso);
    const auto direction = ParseFlowDirection(record.fields[flow]);
    if (!direction)
      reader.Fail(record, flow, fmt::format("unknown flow '{}'", record.fields[flow]), "X_FOB or M_CIF");
    row.flow = *direction;
    row.valuation = PublishedValuation(row.flow);
    row.year = static_cast<int>(reader.Integer(record, year, 1900, 2100));
    const auto musd = reader.OptionalNumber(record, value);
    row.value_usd = musd ? std::optional<double>(*musd * 1e6) : std::nullopt;
    row.estimated = reader.Integer(record, estimated, 0, 1) == 1;
    row.line = static_cast<std::int64_t>(record.line);
    value_place.line = record.line;
    writer.Write(row, value_place);
  }
  writer.Finish();
}

}  // namespace linkage
