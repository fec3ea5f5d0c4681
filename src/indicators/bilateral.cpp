#include "indicators/bilateral.hpp"

#include <fmt/format.h>

namespace linkage {

const std::vector<std::string>& BilateralIndicatorIds() {
  static const std::vector<std::string> ids = {"exports",
                                               "imports",
                                               "total_trade",
                                               "balance",
                                               "export_share",
                                               "import_share",
                                               "trade_intensity",
                                               "trade_intensity_imports",
                                               "trade_dependence",
                                               "dependence_asymmetry",
                                               "openness",
                                               "mirror_gap_exports_ratio",
                                               "mirror_gap_exports_difference",
                                               "mirror_gap_imports_ratio",
                                               "mirror_gap_imports_difference",
                                               "growth_exports",
                                               "growth_imports",
                                               "growth_total_trade",
                                               "cagr_exports",
                                               "cagr_imports",
                                               "cagr_total_trade"};
  return ids;
}

namespace {

constexpr const char* kGdp = "NY.GDP.MKTP.CD";

// Where a mirror ratio (imports CIF / exports FOB) lies against the band freight and insurance explain.
std::string CifFobNote(const IndicatorRecord& record) {
  std::string note = fmt::format("CIF/FOB band {:.2f}-{:.2f} (IMF DOTS factor {:.2f})", kCifFobBandLow,
                                 kCifFobBandHigh, kCifFobFactor);
  if (!record.value) return note;
  if (*record.value < kCifFobBandLow) return note + "; below the band";
  if (*record.value > kCifFobBandHigh) return note + "; above the band";
  return note + "; within the band";
}

}  // namespace

std::vector<IndicatorRecord> BilateralIndicators::ComputeYear(const std::string& i, const std::string& j,
                                                              int year, const FlowChoices& choices) {
  const std::string side = PerspectiveName(choices.perspective);
  const Term exports = terms_.Flow(i, j, 'X', year, choices);
  const Term imports = terms_.Flow(i, j, 'M', year, choices);
  const Term total = Add(exports, imports);
  // World totals are read under the same choices: i's own totals, or the world's reports of trade with i.
  const Term exports_world = terms_.Flow(i, "WLD", 'X', year, choices);
  const Term imports_world = terms_.Flow(i, "WLD", 'M', year, choices);
  const Term gdp_i = terms_.Series(kGdp, i, year);
  const Term dependence = Divide(total, gdp_i);
  // j's dependence on i, measured the same way with j as the reporter (so the asymmetry of (j, i) is the
  // inverse of that of (i, j)).
  const Term reverse_total = terms_.Directed(Direction::kTotal, j, i, year, choices);
  const Term dependence_reverse = Divide(reverse_total, terms_.Series(kGdp, j, year));
  const Term export_share = Divide(exports, exports_world);
  // WITS: (x_ij / X_i) / (x_wj / X_w), with world exports to j and world exports as the world reports them.
  const std::string& dataset = choices.dataset;
  const Term intensity =
      Divide(export_share, Divide(terms_.Reported("WLD", j, 'X', year, "TOTAL", dataset),
                                  terms_.Reported("WLD", "WLD", 'X', year, "TOTAL", dataset)));
  // The import-side variant: (x_ij / X_i) / (M_j / M_w).
  const Term intensity_imports =
      Divide(export_share, Divide(terms_.Reported(j, "WLD", 'M', year, "TOTAL", dataset),
                                  terms_.Reported("WLD", "WLD", 'M', year, "TOTAL", dataset)));
  return {
      RecordOf("exports", i, j, year, exports, "USD", side),
      RecordOf("imports", i, j, year, imports, "USD", side),
      RecordOf("total_trade", i, j, year, total, "USD", side),
      RecordOf("balance", i, j, year, Subtract(exports, imports), "USD", side),
      RecordOf("export_share", i, j, year, export_share, "ratio", side),
      RecordOf("import_share", i, j, year, Divide(imports, imports_world), "ratio", side),
      RecordOf("trade_intensity", i, j, year, intensity, "index (1 = neutral)", side),
      RecordOf("trade_intensity_imports", i, j, year, intensity_imports, "index (1 = neutral)", side),
      RecordOf("trade_dependence", i, j, year, dependence, "ratio of GDP", side),
      RecordOf("dependence_asymmetry", i, j, year, Divide(dependence, dependence_reverse), "ratio", side),
      RecordOf("openness", i, j, year, Divide(Add(exports_world, imports_world), gdp_i), "ratio of GDP",
               side),
  };
}

std::vector<IndicatorRecord> BilateralIndicators::ComputeMirrorGaps(const std::string& i,
                                                                    const std::string& j, int year,
                                                                    const std::string& dataset) {
  // Both reports of the same flow, so the perspective does not enter: j's imports (CIF) against i's exports
  // (FOB), and i's imports against j's exports.
  const Term i_exports = terms_.Reported(i, j, 'X', year, "TOTAL", dataset);
  const Term j_imports = terms_.Reported(j, i, 'M', year, "TOTAL", dataset);
  const Term i_imports = terms_.Reported(i, j, 'M', year, "TOTAL", dataset);
  const Term j_exports = terms_.Reported(j, i, 'X', year, "TOTAL", dataset);
  std::vector<IndicatorRecord> records = {
      RecordOf("mirror_gap_exports_ratio", i, j, year, Divide(j_imports, i_exports), "ratio", "both"),
      RecordOf("mirror_gap_exports_difference", i, j, year, Subtract(j_imports, i_exports), "USD", "both"),
      RecordOf("mirror_gap_imports_ratio", i, j, year, Divide(i_imports, j_exports), "ratio", "both"),
      RecordOf("mirror_gap_imports_difference", i, j, year, Subtract(i_imports, j_exports), "USD", "both"),
  };
  records[0].note = CifFobNote(records[0]);
  records[2].note = CifFobNote(records[2]);
  const auto expected = [](const Term& exports) {
    return exports.value ? fmt::format("freight and insurance at the IMF DOTS factor would give {:.0f} USD",
                                       *exports.value * (kCifFobFactor - 1))
                         : std::string();
  };
  records[1].note = expected(i_exports);
  records[3].note = expected(j_exports);
  return records;
}

std::vector<IndicatorRecord> BilateralIndicators::ComputeWindow(const std::string& i, const std::string& j,
                                                                int first, int last,
                                                                const FlowChoices& choices) {
  const std::string side = PerspectiveName(choices.perspective);
  std::vector<IndicatorRecord> records;
  const std::pair<const char*, Direction> directions[] = {
      {"exports", Direction::kExports}, {"imports", Direction::kImports}, {"total_trade", Direction::kTotal}};
  for (const auto& [name, direction] : directions) {
    const Term start = terms_.Directed(direction, i, j, first, choices);
    const Term end = terms_.Directed(direction, i, j, last, choices);
    records.push_back(RecordOf(std::string("growth_") + name, i, j, last, Growth(start, end),
                               fmt::format("ratio ({}-{})", first, last), side));
    records.push_back(RecordOf(std::string("cagr_") + name, i, j, last,
                               CompoundGrowth(start, end, last - first),
                               fmt::format("ratio per year ({}-{})", first, last), side));
  }
  return records;
}

std::vector<IndicatorRecord> BilateralIndicators::Compute(const std::string& reporter,
                                                          const std::string& partner, int first, int last,
                                                          const FlowChoices& choices) {
  const std::vector<FlowChoices> sides = SplitPerspectives(choices);
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    for (const auto& side : sides) {
      for (auto& record : ComputeYear(reporter, partner, year, side)) records.push_back(std::move(record));
    }
    for (auto& record : ComputeMirrorGaps(reporter, partner, year, choices.dataset))
      records.push_back(std::move(record));
  }
  if (last > first) {
    for (const auto& side : sides) {
      for (auto& record : ComputeWindow(reporter, partner, first, last, side))
        records.push_back(std::move(record));
    }
  }
  return records;
}

}  // namespace linkage
