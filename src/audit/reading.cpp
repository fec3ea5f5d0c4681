#include "audit/reading.hpp"

#include <fmt/format.h>

#include <array>

#include "core/text.hpp"

namespace linkage {

std::string DescribeModification(Modification modification) {
  switch (modification) {
    case Modification::kMirror:
      return "partner's report of the same flow (mirror data)";
    case Modification::kSwap:
      return "exports and imports swapped";
    case Modification::kYearBefore:
      return "one year earlier";
    case Modification::kYearAfter:
      return "one year later";
    case Modification::kOtherDataset:
      return "the other dataset (e.g. WITS/Comtrade instead of IMF DOTS)";
    case Modification::kNominal:
      return "nominal instead of real growth";
    case Modification::kLevel:
      return "the level instead of the growth rate";
    case Modification::kCompounding:
      return "cumulative instead of annual growth (or the reverse)";
    case Modification::kBlocMembers:
      return "the bloc as the sum of its members at that date";
    case Modification::kWithAggregates:
      return "ranking that counts aggregates (EU, regions) as partners";
  }
  return "";
}

std::string Reading::Describe() const {
  std::vector<std::string> parts;
  for (const auto modification : modifications) parts.push_back(DescribeModification(modification));
  if (unstated_year) parts.push_back(fmt::format("year {} (the claim states none)", *unstated_year));
  return parts.empty() ? "plain reading" : text::Join(parts, "; ");
}

std::vector<Reading> CandidateReadings() {
  static constexpr std::array<Modification, 10> kAll = {
      Modification::kMirror,        Modification::kSwap,         Modification::kYearBefore,
      Modification::kYearAfter,     Modification::kOtherDataset, Modification::kNominal,
      Modification::kLevel,         Modification::kCompounding,  Modification::kBlocMembers,
      Modification::kWithAggregates};
  std::vector<Reading> readings;
  readings.push_back({});
  for (const auto modification : kAll) readings.push_back({{modification}, std::nullopt});
  for (std::size_t i = 0; i < kAll.size(); ++i) {
    for (std::size_t j = i + 1; j < kAll.size(); ++j) {
      if (kAll[i] == Modification::kYearBefore && kAll[j] == Modification::kYearAfter) continue;
      readings.push_back({{kAll[i], kAll[j]}, std::nullopt});
    }
  }
  return readings;
}

}  // namespace linkage
