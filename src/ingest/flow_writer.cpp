#include "ingest/flow_writer.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "store/provenance.hpp"

namespace linkage {

std::optional<char> ParseFlowDirection(std::string_view word) {
  const std::string lower = text::Lower(text::Trim(word));
  if (lower == "x" || lower == "x_fob" || lower == "export" || lower == "exports") return 'X';
  if (lower == "m" || lower == "m_cif" || lower == "import" || lower == "imports") return 'M';
  return std::nullopt;
}

FlowWriter::FlowWriter(ImportContext& context)
    : context_(context),
      ids_(context.database),
      insert_(context.database,
              "INSERT INTO flow_values (key_id, reporter, partner, year, value_usd, estimated, rule_id, "
              "source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      existing_(context.database,
                "SELECT v.value_usd, r.source_id, v.source_line FROM flow_values v JOIN flow_rules r ON "
                "r.id = v.rule_id WHERE v.key_id = ? AND v.reporter = ? AND v.partner = ? AND v.year = ?") {}

void FlowWriter::Write(const FlowRecord& record, const SourceLocation& where) {
  RequireFinite(record.value_usd, where);
  const std::int64_t key = ids_.FlowKey(context_.dataset, record.flow, record.product);
  insert_.Bind(1, key)
      .Bind(2, record.reporter)
      .Bind(3, record.partner)
      .Bind(4, record.year)
      .Bind(5, record.value_usd)
      .Bind(6, record.estimated ? 1 : 0)
      .Bind(7, ids_.FlowRule(context_.source_id, record.level, record.valuation, record.transform))
      .Bind(8, record.line);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    ++context_.summary.values_stored;
    context_.flow_years.Note(record.year, record.year);
    if (record.value_usd) context_.NoteYear(record.year);
    if (!record.value_usd) ++context_.summary.missing_values;
    if (record.estimated) ++context_.summary.estimated_values;
    return;
  }
  existing_.Bind(1, key).Bind(2, record.reporter).Bind(3, record.partner).Bind(4, record.year);
  if (!existing_.Step()) {
    existing_.Reset();
    return;
  }
  const auto stored = existing_.OptionalReal(0);
  const std::int64_t stored_source = existing_.Int(1);
  const std::int64_t stored_line = existing_.Int(2);
  existing_.Reset();
  // Dollars converted from thousands or millions agree to within a millionth of a dollar.
  if (SameStoredValue(stored, record.value_usd, 1e-6)) {
    ++context_.summary.duplicates;
    return;
  }
  const Provenance before = LookupProvenance(context_.database, stored_source, stored_line, "");
  throw InputError(
      where,
      fmt::format("{} {} {} {} {} product {} is {} here but {} in {}", context_.dataset, record.reporter,
                  record.flow == 'X' ? "exports to" : "imports from", record.partner, record.year,
                  record.product, record.value_usd ? text::FormatNumber(*record.value_usd) : "missing",
                  stored ? text::FormatNumber(*stored) : "missing", before.Describe()),
      "one value per reporter, partner, flow, year and product in a dataset (import the file under "
      "another --dataset name to keep both)");
}

}  // namespace linkage
