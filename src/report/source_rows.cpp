#include "report/source_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/text.hpp"

namespace linkage {

std::map<std::int64_t, std::string> SourceFileNames(Database& database) {
  std::map<std::int64_t, std::string> files;
  Statement sources(database, "SELECT id, path FROM sources");
  while (sources.Step()) files[sources.Int(0)] = std::filesystem::path(sources.Text(1)).filename().string();
  return files;
}

nlohmann::json SourceRowsCell(const std::vector<ValueSource>& sources,
                              const std::map<std::int64_t, std::string>& files, OutputFormat format) {
  nlohmann::json provenance = nlohmann::json::array();
  std::vector<std::string> places;
  for (const auto& source : sources) {
    const auto file = files.find(source.source_id);
    const std::string name = file == files.end() ? "" : file->second;
    provenance.push_back({{"dataset", source.dataset},
                          {"file", name},
                          {"line", source.line},
                          {"transform", source.transform}});
    // Line 0 marks a value derived from many rows; its transform (in the JSON) says which.
    places.push_back(source.line > 0 ? fmt::format("{}:{}", name, source.line) : name);
  }
  return format == OutputFormat::kJson ? provenance : nlohmann::json(text::Join(places, " "));
}

std::map<std::int64_t, SourceYears> YearsBySource(Database& database) {
  // Each import notes the years of the values it stored (a value published as missing does not extend a
  // source's years), so that no table of values is scanned here.
  Statement query(database, "SELECT source_id, first_year, last_year FROM source_years ORDER BY source_id");
  std::map<std::int64_t, SourceYears> years;
  while (query.Step()) years[query.Int(0)] = {static_cast<int>(query.Int(1)), static_cast<int>(query.Int(2))};
  return years;
}

namespace {

nlohmann::json YearCell(const std::map<std::int64_t, SourceYears>& years, std::int64_t id, bool last) {
  const auto found = years.find(id);
  if (found == years.end()) return nullptr;
  return last ? found->second.last : found->second.first;
}

}  // namespace

ResultTable SourceTable(Database& database, const std::map<std::int64_t, SourceYears>& years) {
  Statement query(
      database,
      "SELECT id, dataset, format, path, substr(sha256, 1, 12), citation, terms FROM sources ORDER BY id");
  ResultTable table{
      {"id", "dataset", "format", "path", "first_year", "last_year", "sha256", "citation", "terms"}, {}};
  while (query.Step()) {
    const std::int64_t id = query.Int(0);
    table.rows.push_back({id, query.Text(1), query.Text(2), query.Text(3), YearCell(years, id, false),
                          YearCell(years, id, true), query.Text(4), query.Text(5), query.Text(6)});
  }
  return table;
}

ResultTable DatasetYearsTable(Database& database, const std::map<std::int64_t, SourceYears>& years) {
  struct Span {
    int first = 0;
    int last = 0;
    std::vector<std::string> files;
  };
  std::map<std::string, Span> by_dataset;
  Statement query(database, "SELECT id, dataset, path FROM sources ORDER BY id");
  while (query.Step()) {
    const auto found = years.find(query.Int(0));
    if (found == years.end()) continue;
    Span& span = by_dataset[query.Text(1)];
    span.first = span.files.empty() ? found->second.first : std::min(span.first, found->second.first);
    span.last = span.files.empty() ? found->second.last : std::max(span.last, found->second.last);
    span.files.push_back(std::filesystem::path(query.Text(2)).filename().string());
  }
  ResultTable table{{"dataset", "first_year", "last_year", "files"}, {}};
  for (const auto& [dataset, span] : by_dataset)
    table.rows.push_back({dataset, span.first, span.last, text::Join(span.files, " ")});
  return table;
}

}  // namespace linkage
