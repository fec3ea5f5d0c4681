#include "audit/auditor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace linkage {

bool FullyApplied(const Reading& reading, const std::set<Modification>& applied) {
  return std::all_of(reading.modifications.begin(), reading.modifications.end(),
                     [&](Modification modification) { return applied.contains(modification); });
}

std::string DescribeDifference(double computed, double printed) {
  if (printed == 0) return fmt::format("{} from zero", text::FormatNumber(computed));
  const double percent = 100 * (computed - printed) / std::fabs(printed);
  if (std::fabs(percent) < 0.05) return "the same";
  return fmt::format("{}% {}", text::FormatNumber(std::fabs(percent), 2), percent > 0 ? "higher" : "lower");
}

Auditor::Auditor(Database& database, TradeData& data, const ActorRegistry& actors)
    : evaluator_(database, data, actors), data_(data) {}

Auditor::Computed Auditor::Compute(const Expression& expression, const Reading& reading,
                                   const PrintedUnit& unit, const std::map<std::string, std::string>& row,
                                   int default_year, const Claim& claim) {
  const Evaluation evaluation =
      evaluator_.Evaluate(expression, reading, row, default_year, claim.file, claim.line);
  Computed computed;
  computed.applied = evaluation.applied;
  computed.used_unstated_year = evaluation.used_unstated_year;
  computed.missing = evaluation.missing;
  computed.quantity = evaluation.quantity;
  if (!evaluation.quantity) return computed;
  computed.value = ExpressIn(*evaluation.quantity, unit);
  if (!computed.value) {
    // The expression's natural unit does not fit the printed one: compare the bare numbers and say so.
    computed.unit_mismatch = true;
    const Quantity& quantity = *evaluation.quantity;
    computed.value = quantity.unit == Unit::kFraction ? quantity.value * 100 : quantity.value;
  }
  return computed;
}

ClaimResult Auditor::Audit(const Claim& claim) {
  return claim.IsTable() ? AuditTable(claim) : AuditScalar(claim);
}

std::vector<int> Auditor::UnstatedYears(const Claim& claim) const {
  const int last = claim.cited_year > 0 ? claim.cited_year : 2024;
  std::vector<int> years;
  for (int year = last - 10; year <= last; ++year) years.push_back(year);
  return years;
}

}  // namespace linkage
