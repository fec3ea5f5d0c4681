// Trade agreements in force by pair: agreement,name,actor_a,actor_b,from,to,dates,source. One row per
// agreement and pair of parties it binds to each other (data/agreements/trade_agreement_pairs.csv is DESTA's
// with HUGGO's dates, written by scripts/convert-agreements.py); a user's own table of agreements takes the
// same layout. Dates are ISO dates as precise as the source; an empty `to` means still in force.
#include <fmt/format.h>

#include "core/csv_reader.hpp"
#include "ingest/actor_column.hpp"
#include "ingest/date_fields.hpp"
#include "ingest/importers.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

void ReadAgreementPairs(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"agreement", "name", "actor_a", "actor_b", "from", "to"});
  const std::size_t agreement = reader.Column("agreement");
  const std::size_t name = reader.Column("name");
  const std::size_t actor_a = reader.Column("actor_a");
  const std::size_t actor_b = reader.Column("actor_b");
  const std::size_t from = reader.Column("from");
  const std::size_t to = reader.Column("to");
  const auto dates = reader.FindColumn("dates");
  const auto source = reader.FindColumn("source");
  ActorColumn actors(context.actors, Scheme::kAny);
  Statement insert(
      context.database,
      "INSERT INTO agreement_pairs (agreement, name, actor_a, actor_b, start_date, end_date, dates, "
      "citation, source_id, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Statement existing(context.database,
                     "SELECT 1 FROM agreement_pairs WHERE agreement = ? AND actor_a = ? AND actor_b = ?");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string id = reader.Text(record, agreement);
    if (id.empty()) reader.Fail(record, agreement, "the agreement has no id", "an id such as 'DESTA 636'");
    std::string a = actors.Resolve(reader, record, actor_a);
    std::string b = actors.Resolve(reader, record, actor_b);
    if (a == b) reader.Fail(record, actor_b, "an agreement binds two different states", "another state");
    // A pair is bound both ways: stored once, in id order.
    if (b < a) std::swap(a, b);
    const auto start = OptionalIsoDate(reader, record, from);
    if (!start) reader.Fail(record, from, "no date of entry into force", "an ISO date or year");
    const auto end = OptionalIsoDate(reader, record, to);
    if (end && *end < *start)
      reader.Fail(record, to, "the agreement ends before it enters into force", "to >= from");
    existing.Bind(1, id).Bind(2, a).Bind(3, b);
    if (existing.Step())
      reader.Fail(record, actor_b, fmt::format("{} already lists the pair {}-{}", id, a, b),
                  "one row per agreement and pair");
    existing.Reset();
    insert.Bind(1, id).Bind(2, reader.Text(record, name)).Bind(3, a).Bind(4, b).Bind(5, *start);
    insert.Bind(6, end);
    insert.Bind(7, dates ? reader.Text(record, *dates) : std::string("as supplied"))
        .Bind(8, source ? reader.Text(record, *source) : std::string())
        .Bind(9, context.source_id)
        .Bind(10, static_cast<std::int64_t>(record.line));
    insert.Run();
    ++context.summary.values_stored;
    // An agreement counts for the years it entered into force.
    context.NoteYear(YearOfDate(*start));
  }
}

}  // namespace linkage
