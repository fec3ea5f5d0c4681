#include "ingest/series_writer.hpp"

#include <fmt/format.h>

#include "ingest/stored_value.hpp"

namespace linkage {

SeriesWriter::SeriesWriter(ImportContext& context)
    : context_(context),
      ids_(context.database),
      insert_(context.database,
              "INSERT INTO series_values (key_id, actor_id, year, value, estimated, rule_id, source_line) "
              "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      existing_(
          context.database,
          "SELECT v.value, r.source_id, v.source_line FROM series_values v JOIN value_rules r ON r.id = "
          "v.rule_id WHERE v.key_id = ? AND v.actor_id = ? AND v.year = ?"),
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
  const std::int64_t key = ids_.SeriesKey(context_.dataset, code);
  insert_.Bind(1, key)
      .Bind(2, actor)
      .Bind(3, year)
      .Bind(4, value)
      .Bind(5, estimated ? 1 : 0)
      .Bind(6, ids_.ValueRule(context_.source_id, unit, transform))
      .Bind(7, line);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    ++context_.summary.values_stored;
    if (value) context_.NoteYear(year);
    if (!value) ++context_.summary.missing_values;
    if (estimated) ++context_.summary.estimated_values;
    return;
  }
  existing_.Bind(1, key).Bind(2, actor).Bind(3, year);
  CompareWithStored(context_, existing_, value, fmt::format("{} {} {}", code, actor, year), where,
                    "one value per indicator, actor and year in a dataset");
}

}  // namespace linkage
