#include "audit/claim_result.hpp"

#include <filesystem>

namespace linkage {

namespace {
nlohmann::json Optional(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}
}  // namespace

nlohmann::json ToJson(const ClaimResult& result, const std::map<std::int64_t, std::string>& source_paths) {
  nlohmann::json alternatives = nlohmann::json::array();
  for (const auto& reading : result.alternatives) {
    nlohmann::json entry = {{"interpretation", reading.interpretation},
                            {"computed", Optional(reading.computed)},
                            {"verdict", VerdictName(reading.verdict)}};
    if (!reading.note.empty()) entry["note"] = reading.note;
    alternatives.push_back(entry);
  }
  nlohmann::json provenance = nlohmann::json::array();
  for (const auto& source : result.sources) {
    const auto path = source_paths.find(source.source_id);
    provenance.push_back({{"dataset", source.dataset},
                          {"file", path == source_paths.end() ? "" : path->second},
                          {"line", source.line},
                          {"transform", source.transform}});
  }
  nlohmann::json object = {{"id", result.id},
                           {"statement", result.statement},
                           {"printed", Optional(result.printed)},
                           {"computed", Optional(result.computed)},
                           {"verdict", VerdictName(result.verdict)},
                           {"explanation", result.explanation},
                           {"alternatives", alternatives},
                           {"expression", result.expression},
                           {"unit", result.unit},
                           {"estimated", result.estimated},
                           {"steps", result.steps},
                           {"provenance", provenance}};
  if (!result.cells.empty()) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& cell : result.cells) {
      nlohmann::json entry = {{"row", cell.key},
                              {"column", cell.column},
                              {"printed", Optional(cell.printed)},
                              {"computed", Optional(cell.computed)},
                              {"verdict", VerdictName(cell.verdict)}};
      if (!cell.note.empty()) entry["note"] = cell.note;
      cells.push_back(entry);
    }
    object["cells"] = cells;
    object["table_findings"] = result.table_findings;
  }
  return object;
}

}  // namespace linkage
