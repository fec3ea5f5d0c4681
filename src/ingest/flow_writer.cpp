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
      insert_(
          context.database,
          "INSERT INTO flows (dataset, reporter, partner, flow, year, product, level, value_usd, estimated, "
          "valuation, source_id, source_line, transform) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT DO NOTHING"),
      existing_(context.database,
                "SELECT value_usd, source_id, source_line FROM flows WHERE dataset = ? AND reporter = ? AND "
                "partner = ? AND flow = ? AND year = ? AND product = ?") {}

void FlowWriter::Write(const FlowRecord& record, const SourceLocation& where) {
  RequireFinite(record.value_usd, where);
  const std::string flow(1, record.flow);
  insert_.Bind(1, context_.dataset)
      .Bind(2, record.reporter)
      .Bind(3, record.partner)
      .Bind(4, flow)
      .Bind(5, record.year)
      .Bind(6, record.product)
      .Bind(7, record.level)
      .Bind(8, record.value_usd)
      .Bind(9, record.estimated ? 1 : 0)
      .Bind(10, record.valuation)
      .Bind(11, context_.source_id)
      .Bind(12, record.line)
      .Bind(13, record.transform);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    ++context_.summary.values_stored;
    context_.flow_years.Note(record.year, record.year);
    if (record.value_usd) context_.NoteYear(record.year);
    if (!record.value_usd) ++context_.summary.missing_values;
    if (record.estimated) ++context_.summary.estimated_values;
    return;
  }
  existing_.Bind(1, context_.dataset)
      .Bind(2, record.reporter)
      .Bind(3, record.partner)
      .Bind(4, flow)
      .Bind(5, record.year)
      .Bind(6, record.product);
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
