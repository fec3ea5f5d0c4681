#include "report/audit_table.hpp"

#include "core/text.hpp"

namespace linkage {

ResultTable AuditTable(const std::vector<ClaimResult>& results) {
  ResultTable table{
      {"id", "statement", "printed", "computed", "verdict", "explanation", "alternatives_holding"}, {}};
  for (const auto& result : results) {
    std::vector<std::string> holding;
    for (const auto& alternative : result.alternatives) {
      if (alternative.verdict == Verdict::kHolds) holding.push_back(alternative.interpretation);
    }
    table.rows.push_back({result.id, result.statement,
                          result.printed ? nlohmann::json(*result.printed) : nlohmann::json(),
                          result.computed ? nlohmann::json(*result.computed) : nlohmann::json(),
                          VerdictName(result.verdict), result.explanation, text::Join(holding, " | ")});
  }
  return table;
}

}  // namespace linkage
