#include "ingest/series_writer.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "store/provenance.hpp"

namespace linkage {

SeriesWriter::SeriesWriter(ImportContext& context)
    : context_(context),
      insert_(context.database,
              "INSERT INTO series (dataset, code, actor_id, year, value, unit, estimated, source_id, "
              "source_line, "
              "transform) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      existing_(
          context.database,
          "SELECT value, source_id, source_line FROM series WHERE dataset = ? AND code = ? AND actor_id = ? "
          "AND year = ?"),
      describe_(context.database,
                "INSERT OR IGNORE INTO series_catalog (code, name, unit, source_id) VALUES (?, ?, ?, ?)") {}

void SeriesWriter::Describe(const std::string& code, const std::string& name, const std::string& unit) {
  describe_.Bind(1, code).Bind(2, name).Bind(3, unit).Bind(4, context_.source_id);
  describe_.Run();
}

void SeriesWriter::Write(const std::string& code, const std::string& actor, int year,
                         std::optional<double> value, const std::string& unit, bool estimated,
                         std::int64_t line, const std::string& transform, const SourceLocation& where) {
  RequireFinite(value, where);
  insert_.Bind(1, context_.dataset)
      .Bind(2, code)
      .Bind(3, actor)
      .Bind(4, year)
      .Bind(5, value)
      .Bind(6, unit)
      .Bind(7, estimated ? 1 : 0)
      .Bind(8, context_.source_id)
      .Bind(9, line)
      .Bind(10, transform);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    ++context_.summary.values_stored;
    if (value) context_.NoteYear(year);
    if (!value) ++context_.summary.missing_values;
    if (estimated) ++context_.summary.estimated_values;
    return;
  }
  existing_.Bind(1, context_.dataset).Bind(2, code).Bind(3, actor).Bind(4, year);
  if (!existing_.Step()) {
    existing_.Reset();
    return;
  }
  const auto stored = existing_.OptionalReal(0);
  const Provenance before = LookupProvenance(context_.database, existing_.Int(1), existing_.Int(2), "");
  existing_.Reset();
  if (SameStoredValue(stored, value)) {
    ++context_.summary.duplicates;
    return;
  }
  throw InputError(where,
                   fmt::format("{} {} {} is {} here but {} in {}", code, actor, year,
                               value ? text::FormatNumber(*value) : "missing",
                               stored ? text::FormatNumber(*stored) : "missing", before.Describe()),
                   "one value per indicator, actor and year in a dataset");
}

}  // namespace linkage
