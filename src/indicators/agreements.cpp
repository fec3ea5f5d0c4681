#include "indicators/agreements.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "registry/agreements.hpp"

namespace linkage {

const std::vector<std::string>& AgreementIndicatorIds() {
  static const std::vector<std::string> ids = {"trade_agreement_in_force", "trade_agreements"};
  return ids;
}

std::vector<IndicatorRecord> ComputeAgreementIndicators(Database& database, const std::string& i,
                                                        const std::string& j, int first, int last) {
  // The years the data speak for: from the first entry into force to the last one; after it an agreement
  // could be in force that the data do not yet list.
  // ISO dates sort as text, so the years are those of the first and last date: two probes of the index.
  CachedStatement span(database,
                       "SELECT substr((SELECT min(start_date) FROM agreement_pairs), 1, 4), "
                       "substr((SELECT max(start_date) FROM agreement_pairs), 1, 4)");
  span->Step();
  const bool has_data = !span->IsNull(0);
  const int covered_from = has_data ? std::stoi(span->Text(0)) : 0;
  const int covered_to = has_data ? std::stoi(span->Text(1)) : 0;
  const auto pairs = AgreementPairs(database, {}, i, j);
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    IndicatorRecord record{"trade_agreements", i,     j,      year, "", std::nullopt,
                           "agreements",       false, "both", "",   {}, ""};
    if (!has_data) {
      record.missing = "no trade agreement data in the workspace (import agreement-pairs)";
    } else if (year < covered_from || year > covered_to) {
      record.missing = fmt::format("the trade agreements in the workspace enter into force in {}-{}",
                                   covered_from, covered_to);
    } else {
      std::vector<std::string> names;
      for (const auto& pair : pairs) {
        if (!InForceDuring(pair, year)) continue;
        names.push_back(fmt::format("{} ({})", pair.name, pair.agreement));
        // A year of entry into force inferred from the signature is Linkage's estimate, not the source's.
        if (pair.dates.find("signature") != std::string::npos) record.estimated = true;
        record.sources.push_back(
            {pair.dataset, pair.source_id, pair.source_line,
             fmt::format("in force: {} ({}; dates: {})", pair.agreement, pair.citation, pair.dates)});
      }
      record.value = static_cast<double>(names.size());
      record.note = names.empty() ? fmt::format("no agreement in force between {} and {} in {}", i, j, year)
                                  : text::Join(names, "; ");
    }
    // Successive texts of one agreement (the EU's treaties, a renegotiated FTA) overlap in the year one
    // replaces the other, so the count is read with the plain yes-or-no beside it.
    IndicatorRecord any = record;
    any.indicator = "trade_agreement_in_force";
    any.unit = "1 = at least one agreement in force";
    if (any.value) any.value = *any.value > 0 ? 1.0 : 0.0;
    records.push_back(std::move(any));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace linkage
