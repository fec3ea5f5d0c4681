// indicators/political.hpp
// Political indicators of a dyad by year (docs/methods.md, "Political indicators"): how alike two states vote
// in the UN General Assembly (share of identical votes, Cohen's kappa, the S-score) and the distance between
// their ideal points.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indicators/indicator_record.hpp"
#include "indicators/trade_data.hpp"
#include "store/database.hpp"

namespace linkage {

//! A vote as the measures read it.
enum class Vote { kYes, kAbstain, kNo };

//! Similarity of two voting records over the roll calls both voted in.
struct VoteSimilarity {
  std::size_t roll_calls = 0;
  double agreement = 0;         //!< share of identical votes
  std::optional<double> kappa;  //!< Cohen's kappa; nullopt when chance agreement is 1
  double s_score = 0;           //!< Signorino-Ritter S with yes 1, abstain 0.5, no 0
};

//! The three measures over pairs (i's vote, j's vote); needs at least one pair.
VoteSimilarity CompareVotes(const std::vector<std::pair<Vote, Vote>>& pairs);

//! The ids of the political indicators, in output order.
const std::vector<std::string>& PoliticalIndicatorIds();

//! Every political indicator of i and j for each year in [first, last], series read through `data` (a reader
//! already open on `database`).
std::vector<IndicatorRecord> ComputePoliticalIndicators(Database& database, TradeData& data,
                                                        const std::string& i, const std::string& j, int first,
                                                        int last);
//! The same with a reader of its own.
std::vector<IndicatorRecord> ComputePoliticalIndicators(Database& database, const std::string& i,
                                                        const std::string& j, int first, int last);

}  // namespace linkage
