// audit/claim_result.hpp
// What an audit says about one claim, and its JSON form (the contract in docs/claims.md).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "audit/verdict.hpp"
#include "indicators/trade_data.hpp"

namespace linkage {

//! One reading tried, with what it computed and its verdict.
struct ReadingResult {
  std::string interpretation;
  std::optional<double> computed;
  Verdict verdict = Verdict::kUnverifiable;
  std::string note;  //!< what data were missing, or how a table reading fared
};

//! One audited cell of a printed table.
struct CellResult {
  std::string key;
  std::string column;
  std::optional<double> printed;
  std::optional<double> computed;
  Verdict verdict = Verdict::kUnverifiable;
  std::string note;
};

//! The audit of one claim.
struct ClaimResult {
  std::string id;
  std::string statement;
  std::string expression;
  std::string unit;
  std::optional<double> printed;
  std::optional<double> computed;
  Verdict verdict = Verdict::kUnverifiable;
  std::string explanation;
  bool estimated = false;  //!< an input was an estimate
  std::vector<ReadingResult> alternatives;
  std::vector<std::string> steps;           //!< how the plain value was computed
  std::vector<ValueSource> sources;         //!< stored rows behind the plain value
  std::vector<CellResult> cells;            //!< table claims
  std::vector<std::string> table_findings;  //!< declared period, totals, units
};

//! The contract object: id, statement, printed, computed, verdict, explanation, alternatives, plus details.
nlohmann::json ToJson(const ClaimResult& result, const std::map<std::int64_t, std::string>& source_paths);

}  // namespace linkage
