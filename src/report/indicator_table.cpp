#include "report/indicator_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/text.hpp"

namespace linkage {

std::map<std::int64_t, std::string> SourceFileNames(Database& database) {
  std::map<std::int64_t, std::string> files;
  Statement sources(database, "SELECT id, path FROM sources");
  while (sources.Step()) files[sources.Int(0)] = std::filesystem::path(sources.Text(1)).filename().string();
  return files;
}

std::string SourcePlaces(const std::map<std::int64_t, std::string>& files,
                         const std::vector<ValueSource>& sources) {
  std::vector<std::string> places;
  for (const auto& source : sources) {
    const auto file = files.find(source.source_id);
    const std::string name = file == files.end() ? "" : file->second;
    // Line 0 marks a value derived from many rows; its transform (in the JSON) says which.
    places.push_back(source.line > 0 ? fmt::format("{}:{}", name, source.line) : name);
  }
  return text::Join(places, " ");
}

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
    nlohmann::json provenance = nlohmann::json::array();
    for (const auto& source : record.sources) {
      const auto file = files.find(source.source_id);
      provenance.push_back({{"dataset", source.dataset},
                            {"file", file == files.end() ? "" : file->second},
                            {"line", source.line},
                            {"transform", source.transform}});
    }
    table.rows.push_back(
        {record.indicator, record.reporter, record.partner, record.year, record.product,
         record.value ? nlohmann::json(*record.value) : nlohmann::json(), record.unit, record.estimated,
         record.perspective, record.missing.empty() ? nlohmann::json() : nlohmann::json(record.missing),
         record.note.empty() ? nlohmann::json() : nlohmann::json(record.note),
         format == OutputFormat::kJson ? provenance : nlohmann::json(SourcePlaces(files, record.sources))});
    if (monthly) table.rows.back().insert(table.rows.back().begin() + 4, record.period);
  }
  WriteResult(table, format, stdout);
}

}  // namespace linkage
