#include "ingest/flow_writer.hpp"

#include <fmt/format.h>

#include <cassert>
#include <exception>

#include "core/text.hpp"
#include "ingest/stored_value.hpp"

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
                "r.id = v.rule_id WHERE v.key_id = ? AND v.reporter = ? AND v.partner = ? AND v.year = ?"),
      store_(context.database,
             {"flow_values",
              {"key_id", "reporter", "partner", "year", "value_usd", "estimated", "rule_id", "source_line"},
              KeyOrder::kActorsThenYear}) {}

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
  // Rows that meet neither each other nor a stored row go in with one statement; the others one by one, to
  // count a duplicate or name the row a value contradicts.
  store_.Store(
      rows_, actors_, [this](const BufferedRow& row) { Count(row); },
      [this](const BufferedRow& row) { Store(row); });
  rows_.clear();
}

void FlowWriter::Count(const BufferedRow& row) {
  ++context_.summary.values_stored;
  context_.flow_years.Note(row.year, row.year);
  if (row.has_value) context_.NoteYear(row.year);
  if (!row.has_value) ++context_.summary.missing_values;
  if (row.marked) ++context_.summary.estimated_values;
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
    Count(row);
    return;
  }
  existing_.Bind(1, row.key).Bind(2, reporter).Bind(3, partner).Bind(4, row.year);
  const auto& [flow, product] = keys_.at(row.key);
  // Dollars converted from thousands or millions agree to within a millionth of a dollar.
  CompareWithStored(
      context_, existing_, value,
      fmt::format("{} {} {} {} {} product {}", context_.dataset, reporter,
                  flow == 'X' ? "exports to" : "imports from", partner, row.year, product),
      locations_.At(row.where, static_cast<std::size_t>(row.where_line)),
      "one value per reporter, partner, flow, year and product in a dataset (import the file under "
      "another --dataset name to keep both)",
      1e-6);
}

}  // namespace linkage
