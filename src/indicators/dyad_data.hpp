// indicators/dyad_data.hpp
// Reads the non-trade data of a dyad with its provenance: dyad-year values (alliances, shared IGOs,
// contiguity), memberships in force, arms deliveries and coded events.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "indicators/trade_data.hpp"
#include "store/database.hpp"

namespace linkage {

//! A sum over stored rows: the total, how many rows, and the first few of them.
struct RowSum {
  double total = 0;
  std::int64_t rows = 0;
  bool estimated = false;
  std::vector<ValueSource> sources;
};

//! Queries over dyad_series, memberships, arms_deliveries and events.
class DyadData {
 public:
  explicit DyadData(Database& database);
  //! The value of `code` for a and b in `year` (also stored as b, a when the code is non-directed).
  std::optional<Observation> DyadValue(const std::string& code, const std::string& a, const std::string& b,
                                       int year);
  //! The first and last year any value of `code` is stored for; nullopt when none is.
  std::optional<std::pair<int, int>> Coverage(const std::string& code);
  //! Organisations `actor` is a member of on some day of `year`, with the membership rows.
  std::map<std::string, ValueSource> Memberships(const std::string& actor, int year);
  //! True when the workspace holds any membership spell of `org`.
  bool HasMemberships(const std::string& org);
  //! SIPRI TIV delivered to `recipient` in `year`, from `supplier` or (when empty) from anyone.
  RowSum ArmsDelivered(const std::string& recipient, const std::string& supplier, int year);
  //! The first and last delivery years of the arms register in the workspace.
  std::optional<std::pair<int, int>> ArmsCoverage();
  //! Events between a and b (either direction) dated in `year`, where `condition` (SQL over events) holds.
  RowSum CountEvents(const std::string& a, const std::string& b, int year, const std::string& condition);
  //! Every event between a and b dated up to the end of `year` where `condition` holds, each source's
  //! transform being "<code> on <date>".
  RowSum MilestonesUpTo(const std::string& a, const std::string& b, int year, const std::string& condition);

 private:
  RowSum Events(const std::string& a, const std::string& b, int year, const std::string& condition,
                bool up_to);

  Database& database_;
  std::map<std::string, std::optional<std::pair<int, int>>> coverage_;
};

}  // namespace linkage
