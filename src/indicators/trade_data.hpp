// indicators/trade_data.hpp
// Reads flows and series out of the workspace with their provenance. The reporter's perspective is explicit:
// a flow is always "what `reporter` reports about its trade with `partner`".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace linkage {

//! Where a value came from: a dataset, a source file and line, and what was done to it.
struct ValueSource {
  std::string dataset;
  std::int64_t source_id = 0;
  std::int64_t line = 0;
  std::string transform;
};

//! A value read from the workspace.
struct Observation {
  double value = 0;
  bool estimated = false;            //!< at least one input was flagged as an estimate by its publisher
  std::string dataset;               //!< the dataset it was read from
  std::vector<ValueSource> sources;  //!< the stored rows behind it (at most a few are kept for sums)
  std::int64_t rows = 0;             //!< how many stored rows were combined
};

//! A flow query. `product` is "TOTAL", an HS code (a 2-digit chapter sums the 4- or 6-digit rows under it).
struct FlowQuery {
  std::string reporter;
  std::string partner;
  char flow = 'X';  //!< 'X' exports, 'M' imports
  int year = 0;
  std::string product = "TOTAL";
  std::string dataset;  //!< empty: the first dataset with the value, in DatasetPreference() order
};

//! Flows and series of one workspace.
class TradeData {
 public:
  explicit TradeData(Database& database);

  //! Datasets in the order values are taken from when none is named: imf-dots, then the others in import
  //! order.
  const std::vector<std::string>& DatasetPreference() const { return datasets_; }
  //! The reported flow; nullopt when the workspace does not hold it (or holds it as missing).
  std::optional<Observation> Flow(const FlowQuery& query);
  //! Product rows of a flow at `level` ("hs2" aggregates the finest HS rows by chapter, "hs4", "hs6"), from
  //! the first dataset holding product rows for it; empty when none does. Missing values are left out and
  //! counted in `missing_rows`.
  std::map<std::string, Observation> Products(const std::string& reporter, const std::string& partner,
                                              char flow, int year, const std::string& level,
                                              std::int64_t& missing_rows);
  //! True when the workspace holds the flow as explicitly missing (published as not available).
  bool IsPublishedMissing(const FlowQuery& query);
  //! Partners `reporter` reports a flow with in `year` (excluding itself), from `dataset`.
  std::vector<std::string> Partners(const std::string& reporter, char flow, int year,
                                    const std::string& dataset);
  //! Reporters that report a flow with `partner` in `year`, from `dataset`.
  std::vector<std::string> Reporters(const std::string& partner, char flow, int year,
                                     const std::string& dataset);
  //! The series value; nullopt when not held.
  std::optional<Observation> Series(const std::string& code, const std::string& actor, int year);
  //! The unit of a series code, or "" when the workspace has no such series.
  std::string SeriesUnit(const std::string& code);
  //! First and last year of a dataset's flows (0, 0 when empty).
  std::pair<int, int> FlowYears(const std::string& dataset);

 private:
  std::optional<Observation> FlowFrom(const FlowQuery& query, const std::string& dataset);

  Database& database_;
  std::vector<std::string> datasets_;
  std::map<std::string, std::pair<int, int>> years_;
  Statement exact_;
  Statement prefix_;
  Statement series_;
};

}  // namespace linkage
