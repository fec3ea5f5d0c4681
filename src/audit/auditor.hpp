// audit/auditor.hpp
// Checks claims against the workspace: the plain reading, then every alternative reading a careful analyst
// would try, with a verdict and an explanation in plain words.
#pragma once

#include <optional>
#include <vector>

#include "audit/claim_result.hpp"
#include "audit/claims_file.hpp"
#include "audit/evaluator.hpp"

namespace linkage {

//! Audits the claims of one claims file.
class Auditor {
 public:
  Auditor(Database& database, TradeData& data, const ActorRegistry& actors);
  //! Audits one claim (scalar or table).
  ClaimResult Audit(const Claim& claim);

 private:
  //! A value expressed in the claim's unit, or why it could not be.
  struct Computed {
    std::optional<double> value;
    std::optional<Quantity> quantity;
    std::string missing;
    std::set<Modification> applied;
    bool used_unstated_year = false;
    bool unit_mismatch = false;
  };

  Computed Compute(const Expression& expression, const Reading& reading, const PrintedUnit& unit,
                   const std::map<std::string, std::string>& row, int default_year, const Claim& claim);
  ClaimResult AuditScalar(const Claim& claim);
  ClaimResult AuditTable(const Claim& claim);
  //! Years tried for a claim that states none.
  std::vector<int> UnstatedYears(const Claim& claim) const;

  Evaluator evaluator_;
  TradeData& data_;
};

//! True when every modification the reading asks for changed something.
bool FullyApplied(const Reading& reading, const std::set<Modification>& applied);
//! The relative difference in percent, for explanations ("2.9% lower").
std::string DescribeDifference(double computed, double printed);

}  // namespace linkage
