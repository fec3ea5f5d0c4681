#include "report/source_rows.hpp"

#include <fmt/format.h>

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

ResultTable SourceTable(Database& database) {
  Statement query(
      database,
      "SELECT id, dataset, format, path, substr(sha256, 1, 12), citation, terms FROM sources ORDER BY id");
  ResultTable table{{"id", "dataset", "format", "path", "sha256", "citation", "terms"}, {}};
  while (query.Step()) {
    table.rows.push_back({query.Int(0), query.Text(1), query.Text(2), query.Text(3), query.Text(4),
                          query.Text(5), query.Text(6)});
  }
  return table;
}

}  // namespace linkage
