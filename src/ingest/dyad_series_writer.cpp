#include "ingest/dyad_series_writer.hpp"

#include <fmt/format.h>

#include <cassert>
#include <exception>

#include "core/text.hpp"
#include "ingest/stored_value.hpp"

namespace linkage {

namespace {

// What a contradicted dyad value is called in the error, and what was expected.
std::string Subject(const DyadValue& value) {
  return fmt::format("{} {}-{} {}", value.code, value.actor_a, value.actor_b, value.year);
}
constexpr const char* kOneValueExpected = "one value per code, dyad and year in a dataset";

}  // namespace

DyadSeriesWriter::DyadSeriesWriter(ImportContext& context, Combine combine)
    : context_(context),
      combine_(combine),
      ids_(context.database),
      insert_(
          context.database,
          "INSERT INTO dyad_values (key_id, year, actor_a, actor_b, value, directed, rule_id, source_line) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
      existing_(context.database,
                "SELECT v.value, r.source_id, v.source_line, r.transform, r.unit FROM dyad_values v JOIN "
                "value_rules r ON r.id = v.rule_id WHERE v.key_id = ? AND v.year = ? AND v.actor_a = ? AND "
                "v.actor_b = ?"),
      replace_(context.database,
               "UPDATE dyad_values SET value = ?, source_line = ?, rule_id = ? WHERE key_id = ? AND year = ? "
               "AND actor_a = ? AND actor_b = ?"),
      store_(context.database,
             {"dyad_values",
              {"key_id", "actor_a", "actor_b", "year", "value", "directed", "rule_id", "source_line"},
              KeyOrder::kYearThenActors}) {}

DyadSeriesWriter::~DyadSeriesWriter() {
  // Rows left unstored are an importer that forgot Finish(), unless an error is unwinding the import.
  assert(rows_.empty() || std::uncaught_exceptions() > 0);
}

void DyadSeriesWriter::Write(const DyadValue& given, std::int64_t line, const std::string& transform,
                             const SourceLocation& where) {
  RequireFinite(given.value, where);
  BufferedRow row;
  row.key = ids_.SeriesKey(context_.dataset, given.code);
  codes_.try_emplace(row.key, given.code);
  row.rule = ids_.ValueRule(context_.source_id, given.unit, transform);
  rules_.try_emplace(row.rule, given.unit, transform);
  row.line = line;
  row.where_line = static_cast<std::int64_t>(where.line);
  row.value = given.value.value_or(0.0);
  // A non-directed pair is stored once, in a fixed order, so that "a, b" and "b, a" meet.
  const bool swap = !given.directed && given.actor_b < given.actor_a;
  row.first = actors_.Number(swap ? given.actor_b : given.actor_a);
  row.second = actors_.Number(swap ? given.actor_a : given.actor_b);
  row.where = locations_.Number(where);
  row.year = given.year;
  row.has_value = given.value.has_value();
  row.marked = given.directed;
  rows_.push_back(row);
  if (rows_.size() >= kBufferedRows) Flush();
}

void DyadSeriesWriter::Flush() {
  // Rows of one dyad-year meet in the order the file gave them, so they combine as read.
  SortRows(rows_, actors_.Ranks(), KeyOrder::kYearThenActors);
  // Rows that meet neither each other nor a stored row go in with one statement; the others one by one, to
  // combine them, count a duplicate or name the row a value contradicts.
  store_.Store(
      rows_, actors_, [this](const BufferedRow& row) { Count(row); },
      [this](const BufferedRow& row) { Store(row); });
  rows_.clear();
}

void DyadSeriesWriter::Count(const BufferedRow& row) {
  ++context_.summary.values_stored;
  if (row.has_value) context_.NoteYear(row.year);
  if (!row.has_value) ++context_.summary.missing_values;
}

void DyadSeriesWriter::Store(const BufferedRow& row) {
  const std::optional<double> given = row.has_value ? std::optional<double>(row.value) : std::nullopt;
  insert_.Bind(1, row.key)
      .Bind(2, row.year)
      .Bind(3, actors_.Id(row.first))
      .Bind(4, actors_.Id(row.second))
      .Bind(5, given)
      .Bind(6, row.marked ? 1 : 0)
      .Bind(7, row.rule)
      .Bind(8, row.line);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) > 0) {
    Count(row);
    return;
  }
  // The key is taken: the value, its rule and its place in the file are spelled out again.
  const auto& [unit, transform] = rules_.at(row.rule);
  const DyadValue value{
      codes_.at(row.key), actors_.Id(row.first), actors_.Id(row.second), row.year, given, unit, row.marked};
  const std::int64_t line = row.line;
  const SourceLocation where = locations_.At(row.where, static_cast<std::size_t>(row.where_line));
  const std::int64_t key = row.key;
  existing_.Bind(1, key).Bind(2, value.year).Bind(3, value.actor_a).Bind(4, value.actor_b);
  if (!existing_.Step()) {
    existing_.Reset();
    return;
  }
  const auto stored = existing_.OptionalReal(0);
  const std::int64_t stored_source = existing_.Int(1);
  const std::int64_t stored_line = existing_.Int(2);
  const std::string stored_transform = existing_.Text(3);
  const std::string stored_unit = existing_.Text(4);
  existing_.Reset();
  // Rows are combined only within one file (a state listed under two codes in a year of succession). A value
  // an earlier import stored is compared with this file's combination once the file is read, so that the
  // same file imported again agrees with itself.
  if (combine_ != Combine::kRefuse && stored_source != context_.source_id) {
    const Key pending_key{value.code, value.actor_a, value.actor_b, value.year};
    auto [entry, fresh] = pending_.try_emplace(pending_key, Pending{value, line, where});
    if (!fresh && value.value && entry->second.value.value &&
        (combine_ == Combine::kMax ? *value.value > *entry->second.value.value
                                   : *value.value < *entry->second.value.value)) {
      entry->second = Pending{value, line, where};
    }
    return;
  }
  if (combine_ != Combine::kRefuse && stored && value.value && stored_source == context_.source_id &&
      !SameStoredValue(stored, value.value)) {
    const bool larger = *value.value > *stored;
    const bool keep_new = combine_ == Combine::kMax ? larger : !larger;
    const char* rule = combine_ == Combine::kMax ? "larger" : "smaller";
    const std::string combined = keep_new
                                     ? fmt::format("{}; the {} of this and line {} ({})", transform, rule,
                                                   stored_line, text::FormatNumber(*stored))
                                     : fmt::format("{}; the {} of this and line {} ({})", stored_transform,
                                                   rule, line, text::FormatNumber(*value.value));
    replace_.Bind(1, keep_new ? value.value : stored)
        .Bind(2, keep_new ? line : stored_line)
        .Bind(3, ids_.ValueRule(context_.source_id, stored_unit, combined))
        .Bind(4, key)
        .Bind(5, value.year)
        .Bind(6, value.actor_a)
        .Bind(7, value.actor_b);
    replace_.Run();
    ++context_.summary.derived_values;
    return;
  }
  CompareWithStored(context_, {stored, stored_source, stored_line}, value.value, Subject(value), where,
                    kOneValueExpected);
}

void DyadSeriesWriter::Finish() {
  Flush();
  for (const auto& [key, pending] : pending_) {
    existing_.Bind(1, ids_.SeriesKey(context_.dataset, pending.value.code))
        .Bind(2, pending.value.year)
        .Bind(3, pending.value.actor_a)
        .Bind(4, pending.value.actor_b);
    CompareWithStored(context_, existing_, pending.value.value, Subject(pending.value), pending.where,
                      kOneValueExpected);
  }
  pending_.clear();
}

}  // namespace linkage
