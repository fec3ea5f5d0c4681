#include "ingest/flow_writer.hpp"

#include <fmt/format.h>

#include <cassert>
#include <exception>

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

FlowWriter::~FlowWriter() {
  // Rows left unstored are an importer that forgot Finish(), unless an error is unwinding the import.
  assert(rows_.empty() || std::uncaught_exceptions() > 0);
}

void FlowWriter::Write(const FlowRecord& record, const SourceLocation& where) {
  RequireFinite(record.value_usd, where);
  BufferedRow row;
  row.key = ids_.FlowKey(context_.dataset, record.flow, record.product);
  keys_.try_emplace(row.key, record.flow, record.product);
  row.rule = ids_.FlowRule(context_.source_id, record.level, record.valuation, record.transform);
  row.line = record.line;
  row.where_line = static_cast<std::int64_t>(where.line);
  row.value = record.value_usd.value_or(0.0);
  row.first = actors_.Number(record.reporter);
  row.second = actors_.Number(record.partner);
  row.where = locations_.Number(where);
  row.year = record.year;
  row.has_value = record.value_usd.has_value();
  row.marked = record.estimated;
  rows_.push_back(row);
  if (rows_.size() >= kBufferedRows) Flush();
}

void FlowWriter::Finish() {
  Flush();
}

void FlowWriter::Flush() {
  SortRows(rows_, actors_.Ranks(), KeyOrder::kActorsThenYear);
  for (const BufferedRow& row : rows_) Store(row);
  rows_.clear();
}

void FlowWriter::Store(const BufferedRow& row) {
  const std::string& reporter = actors_.Id(row.first);
  const std::string& partner = actors_.Id(row.second);
  const std::optional<double> value = row.has_value ? std::optional<double>(row.value) : std::nullopt;
  insert_.Bind(1, row.key)
      .Bind(2, reporter)
      .Bind(3, partner)
      .Bind(4, row.year)
      .Bind(5, value)
      .Bind(6, row.marked ? 1 : 0)
      .Bind(7, row.rule)
      .Bind(8, row.line);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    ++context_.summary.values_stored;
    context_.flow_years.Note(row.year, row.year);
    if (value) context_.NoteYear(row.year);
    if (!value) ++context_.summary.missing_values;
    if (row.marked) ++context_.summary.estimated_values;
    return;
  }
  existing_.Bind(1, row.key).Bind(2, reporter).Bind(3, partner).Bind(4, row.year);
  if (!existing_.Step()) {
    existing_.Reset();
    return;
  }
  const auto stored = existing_.OptionalReal(0);
  const std::int64_t stored_source = existing_.Int(1);
  const std::int64_t stored_line = existing_.Int(2);
  existing_.Reset();
  // Dollars converted from thousands or millions agree to within a millionth of a dollar.
  if (SameStoredValue(stored, value, 1e-6)) {
    ++context_.summary.duplicates;
    return;
  }
  const auto& [flow, product] = keys_.at(row.key);
  const Provenance before = LookupProvenance(context_.database, stored_source, stored_line, "");
  throw InputError(
      locations_.At(row.where, static_cast<std::size_t>(row.where_line)),
      fmt::format("{} {} {} {} {} product {} is {} here but {} in {}", context_.dataset, reporter,
                  flow == 'X' ? "exports to" : "imports from", partner, row.year, product,
                  value ? text::FormatNumber(*value) : "missing",
                  stored ? text::FormatNumber(*stored) : "missing", before.Describe()),
      "one value per reporter, partner, flow, year and product in a dataset (import the file under "
      "another --dataset name to keep both)");
}

}  // namespace linkage
