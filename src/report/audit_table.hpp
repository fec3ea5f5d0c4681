// report/audit_table.hpp
// The audit of a claims file as one table: each claim's statement, printed and computed values, verdict,
// explanation and the readings that reproduce it.
#pragma once

#include <vector>

#include "audit/claim_result.hpp"
#include "report/output.hpp"

namespace linkage {

//! One row per claim: id, statement, printed, computed, verdict, explanation, alternatives_holding.
ResultTable AuditTable(const std::vector<ClaimResult>& results);

}  // namespace linkage
