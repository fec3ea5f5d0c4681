#include "model/coherence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>

#include "indicators/regional.hpp"
#include "model/regional_network.hpp"
#include "registry/institutions.hpp"

namespace linkage {

namespace {

constexpr std::size_t kMinimumCommonYears = 3;

// The organisations each member belongs to ("member" spells in force on some day of the year), counting the
// spells dated too coarsely to decide.
std::map<std::string, std::set<std::string>> Belonging(Database& database,
                                                       const std::vector<std::string>& organisations,
                                                       const std::vector<std::string>& members, int year,
                                                       std::size_t& undated) {
  std::map<std::string, std::set<std::string>> belongs;
  for (const auto& member : members) belongs[member];
  for (const auto& org : organisations) {
    const auto answer =
        MembersBetween(database, org, fmt::format("{}-01-01", year), fmt::format("{}-12-31", year), "member");
    for (const auto& spell : answer.members) {
      if (belongs.contains(spell.actor_id)) belongs[spell.actor_id].insert(org);
    }
    for (const auto& spell : answer.undated) {
      if (belongs.contains(spell.actor_id)) ++undated;
    }
  }
  return belongs;
}

CoherenceYear OneYear(Database& database, TradeTerms& terms, const std::vector<std::string>& organisations,
                      const std::vector<std::string>& members, int year, bool unreported_as_zero) {
  CoherenceYear row;
  row.year = year;
  row.members = members.size();
  const auto belongs = Belonging(database, organisations, members, year, row.undated_spells);
  double overlap_sum = 0;
  for (std::size_t x = 0; x < members.size(); ++x) {
    for (std::size_t y = x + 1; y < members.size(); ++y) {
      ++row.pairs;
      const Term trade = PairTrade(terms, members[x], members[y], year);
      if (trade.value && *trade.value > 0) ++row.pairs_with_trade;
      // A pair where neither belongs to anything has no overlap to measure; it is left out of the mean.
      if (const auto jaccard = JaccardIndex(belongs.at(members[x]), belongs.at(members[y]))) {
        overlap_sum += *jaccard;
        ++row.overlap_pairs;
      }
    }
  }
  if (row.pairs > 0) row.density = static_cast<double>(row.pairs_with_trade) / static_cast<double>(row.pairs);
  if (row.overlap_pairs > 0) row.overlap = overlap_sum / static_cast<double>(row.overlap_pairs);
  FlowChoices choices = NetworkChoices();
  choices.unreported_as_zero = unreported_as_zero;
  row.intra_trade_share = IntraRegionalTradeShare(terms, members, year, choices);
  return row;
}

// Each member's growth of trade with the actor, year -> T(t) / T(t-1) - 1, for the years it was a member.
std::map<std::string, std::map<int, double>> GrowthWith(Database& database, TradeTerms& terms,
                                                        const std::string& region, int first, int last,
                                                        const std::string& actor) {
  std::map<std::string, std::map<int, double>> trade;
  for (int year = first; year <= last; ++year) {
    for (const auto& member : RegionMembers(database, region, year)) {
      if (member == actor) continue;
      const Term value = PairTrade(terms, member, actor, year);
      if (value.value) trade[member][year] = *value.value;
    }
  }
  std::map<std::string, std::map<int, double>> growth;
  for (const auto& [member, by_year] : trade) {
    for (const auto& [year, value] : by_year) {
      const auto before = by_year.find(year - 1);
      if (before != by_year.end() && before->second > 0) growth[member][year] = value / before->second - 1;
    }
  }
  return growth;
}

GrowthCorrelation CorrelateGrowth(Database& database, TradeTerms& terms, const std::string& region, int first,
                                  int last, const std::string& actor) {
  GrowthCorrelation result;
  result.actor = actor;
  const auto growth = GrowthWith(database, terms, region, first, last, actor);
  double sum = 0;
  for (auto x = growth.begin(); x != growth.end(); ++x) {
    for (auto y = std::next(x); y != growth.end(); ++y) {
      std::vector<double> xs;
      std::vector<double> ys;
      for (const auto& [year, value] : x->second) {
        const auto other = y->second.find(year);
        if (other == y->second.end()) continue;
        xs.push_back(value);
        ys.push_back(other->second);
      }
      if (const auto r = PearsonCorrelation(xs, ys)) {
        sum += *r;
        ++result.pairs;
      }
    }
  }
  if (result.pairs > 0) {
    result.mean = sum / static_cast<double>(result.pairs);
  } else {
    result.missing = fmt::format(
        "no two members have growth of trade with {} in {} common years (with some variation) in {}-{}",
        actor, kMinimumCommonYears, first, last);
  }
  return result;
}

}  // namespace

Coherence ComputeCoherence(Database& database, TradeTerms& terms, const std::string& region, int first,
                           int last, const std::string& actor, bool unreported_as_zero) {
  Coherence coherence;
  const auto organisations = Organisations(database);
  for (int year = first; year <= last; ++year) {
    const auto members = RegionMembers(database, region, year);
    if (members.empty()) continue;
    coherence.years.push_back(OneYear(database, terms, organisations, members, year, unreported_as_zero));
  }
  if (!actor.empty()) coherence.correlation = CorrelateGrowth(database, terms, region, first, last, actor);
  return coherence;
}

std::optional<double> JaccardIndex(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t both = 0;
  for (const auto& item : a) both += b.contains(item) ? 1 : 0;
  const std::size_t either = a.size() + b.size() - both;
  if (either == 0) return std::nullopt;
  return static_cast<double>(both) / static_cast<double>(either);
}

std::optional<double> PearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
  assert(x.size() == y.size());
  if (x.size() < kMinimumCommonYears) return std::nullopt;
  const auto n = static_cast<double>(x.size());
  double mean_x = 0;
  double mean_y = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    mean_x += x[k] / n;
    mean_y += y[k] / n;
  }
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxy += (x[k] - mean_x) * (y[k] - mean_y);
    sxx += (x[k] - mean_x) * (x[k] - mean_x);
    syy += (y[k] - mean_y) * (y[k] - mean_y);
  }
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace linkage
