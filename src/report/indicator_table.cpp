#include "report/indicator_table.hpp"

#include <algorithm>

#include "report/source_rows.hpp"

namespace linkage {

void WriteIndicatorRecords(Database& database, const std::vector<IndicatorRecord>& records,
                           const std::set<std::string>& only, OutputFormat format) {
  const auto files = SourceFileNames(database);

  // Monthly aggregates name their month in a "period" column; yearly records have none.
  const bool monthly = std::any_of(records.begin(), records.end(),
                                   [](const IndicatorRecord& record) { return !record.period.empty(); });
  ResultTable table{{"indicator", "reporter", "partner", "year", "product", "value", "unit", "estimated",
                     "perspective", "missing", "note", "provenance"},
                    {}};
  if (monthly) table.columns.insert(table.columns.begin() + 4, "period");
  for (const auto& record : records) {
    if (!only.empty() && !only.contains(record.indicator)) continue;
    table.rows.push_back({record.indicator, record.reporter, record.partner, record.year, record.product,
                          record.value ? nlohmann::json(*record.value) : nlohmann::json(), record.unit,
                          record.estimated, record.perspective,
                          record.missing.empty() ? nlohmann::json() : nlohmann::json(record.missing),
                          record.note.empty() ? nlohmann::json() : nlohmann::json(record.note),
                          SourceRowsCell(record.sources, files, format)});
    if (monthly) table.rows.back().insert(table.rows.back().begin() + 4, record.period);
  }
  WriteResult(table, format, stdout);
}

}  // namespace linkage
