#include "indicators/dyad_indicators.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "indicators/agreements.hpp"
#include "indicators/bilateral.hpp"
#include "indicators/event_indicators.hpp"
#include "indicators/finance.hpp"
#include "indicators/political.hpp"
#include "indicators/products.hpp"
#include "indicators/security.hpp"

namespace linkage {

Dimensions ParseDimensions(const std::string& name) {
  if (name == "economic") return {true, false, false, false};
  if (name == "security") return {false, true, false, false};
  if (name == "political") return {false, false, true, false};
  if (name == "events") return {false, false, false, true};
  if (name == "all") return {true, true, true, true};
  throw UsageError(
      fmt::format("unknown dimension '{}'; use economic, security, political, events or all", name));
}

std::vector<std::string> KnownIndicatorIds() {
  std::vector<std::string> known = BilateralIndicatorIds();
  for (const auto* ids : {&ProductIndicatorIds(), &FinanceIndicatorIds(), &AgreementIndicatorIds(),
                          &SecurityIndicatorIds(), &PoliticalIndicatorIds(), &EventIndicatorIds()}) {
    known.insert(known.end(), ids->begin(), ids->end());
  }
  return known;
}

std::vector<IndicatorRecord> ComputeDyadIndicators(Database& database, TradeTerms& terms,
                                                   const std::string& i, const std::string& j, int first,
                                                   int last, const FlowChoices& choices,
                                                   const Dimensions& dimensions) {
  std::vector<IndicatorRecord> records;
  const auto append = [&records](std::vector<IndicatorRecord> more) {
    for (auto& record : more) records.push_back(std::move(record));
  };
  if (dimensions.economic) {
    append(BilateralIndicators(terms).Compute(i, j, first, last, choices));
    append(ComputeFinanceIndicators(database, i, j, first, last));
    append(ComputeAgreementIndicators(database, i, j, first, last));
  }
  if (dimensions.security) append(ComputeSecurityIndicators(database, terms.Data(), i, j, first, last));
  if (dimensions.political) append(ComputePoliticalIndicators(database, terms.Data(), i, j, first, last));
  if (dimensions.events) append(ComputeEventIndicators(database, i, j, first, last));
  return records;
}

}  // namespace linkage
