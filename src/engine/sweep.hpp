// engine/sweep.hpp
// The indicator sweep over every country pair of a product-level file (docs/benchmarks.md, workload W1):
// bilateral totals, country totals, the trade intensity of every dyad, and each exporter's product
// concentration and number of products with revealed comparative advantage. Results follow SQL semantics: a
// group whose values are all missing has a missing sum, and missing values propagate through ratios.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/flow_columns.hpp"

namespace linkage::engine {

//! Exports of i to j in year t, summed over products.
struct DyadTotal {
  std::int32_t year = 0;
  std::int32_t exporter = 0;
  std::int32_t importer = 0;
  std::optional<double> value;  //!< missing when no row of the dyad has a value
  std::int64_t rows = 0;        //!< product rows summed
};

//! A country's exports and imports in a year (0 when it has none on one side, as the workload defines).
struct CountryTotal {
  std::int32_t year = 0;
  std::int32_t country = 0;
  double exports = 0;
  double imports = 0;
  bool exports_missing = false;  //!< the country has export rows but none with a value (exports read 0)
  bool imports_missing = false;  //!< likewise for imports
};

//! Trade intensity (x_ij / X_i) / (M_j / W) of a dyad.
struct DyadIntensity {
  std::int32_t year = 0;
  std::int32_t exporter = 0;
  std::int32_t importer = 0;
  std::optional<double> intensity;
};

//! An exporter's product HHI, number of products exported, and number with Balassa RCA above 1.
struct ExporterConcentration {
  std::int32_t year = 0;
  std::int32_t exporter = 0;
  std::optional<double> hhi;
  std::int64_t products = 0;
  std::int64_t products_with_rca = 0;
};

//! The four outputs, each sorted by year and codes.
struct SweepResult {
  std::vector<DyadTotal> dyads;
  std::vector<CountryTotal> countries;
  std::vector<DyadIntensity> intensity;
  std::vector<ExporterConcentration> concentration;
};

//! Runs the sweep with `threads` workers (0: one per core).
SweepResult Sweep(const FlowColumns& flows, unsigned threads = 0);

//! Writes dyads.csv, countries.csv, intensity.csv and concentration.csv into `directory` (created if
//! needed); missing values are empty fields.
void WriteSweep(const SweepResult& result, const std::string& directory);

}  // namespace linkage::engine
