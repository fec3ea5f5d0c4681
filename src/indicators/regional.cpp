#include "indicators/regional.hpp"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <map>

#include "registry/institutions.hpp"

namespace linkage {

namespace {

// Total trade (exports + imports) that `reporter` reports with `partner`, or why it is missing.
struct Trade {
  std::optional<double> value;
  bool estimated = false;
  std::vector<ValueSource> sources;
  std::string missing;
};

Trade TotalTrade(TradeData& data, const std::string& reporter, const std::string& partner, int year) {
  Trade trade{0.0};
  for (const char flow : {'X', 'M'}) {
    const auto observation = data.Flow({reporter, partner, flow, year, "TOTAL", ""});
    if (!observation) {
      return {std::nullopt,
              false,
              {},
              fmt::format("{}'s reported {} {} in {} is not in the workspace", reporter,
                          flow == 'X' ? "exports to" : "imports from", partner, year)};
    }
    *trade.value += observation->value;
    trade.estimated = trade.estimated || observation->estimated;
    trade.sources.insert(trade.sources.end(), observation->sources.begin(), observation->sources.end());
  }
  return trade;
}

class Collector {
 public:
  explicit Collector(std::vector<IndicatorRecord>& out) : out_(out) {}
  void Add(const std::string& id, const std::string& reporter, const std::string& partner, int year,
           std::optional<double> value, const std::string& unit, bool estimated,
           std::vector<ValueSource> sources, const std::string& missing) {
    out_.push_back({id, reporter, partner, year, "", value, unit, estimated, "reporter", value ? "" : missing,
                    std::move(sources)});
  }

 private:
  std::vector<IndicatorRecord>& out_;
};

// Sums over the members; the first missing member makes the sum missing.
Trade SumOver(const std::vector<std::string>& members, const std::function<Trade(const std::string&)>& term) {
  Trade sum{0.0};
  for (const auto& member : members) {
    Trade part = term(member);
    if (!part.value) return part;
    *sum.value += *part.value;
    sum.estimated = sum.estimated || part.estimated;
    if (sum.sources.size() < 8)
      sum.sources.insert(sum.sources.end(), part.sources.begin(), part.sources.end());
  }
  return sum;
}

Trade Ratio(const Trade& a, const Trade& b) {
  if (!a.value) return a;
  if (!b.value) return b;
  if (*b.value == 0) return {std::nullopt, false, {}, "the denominator is zero"};
  Trade out{*a.value / *b.value, a.estimated || b.estimated, a.sources, ""};
  out.sources.insert(out.sources.end(), b.sources.begin(), b.sources.end());
  return out;
}

}  // namespace

std::vector<IndicatorRecord> ComputeRegionIndicators(Database& database, TradeData& data,
                                                     const std::string& actor, const std::string& region,
                                                     int first, int last) {
  std::vector<IndicatorRecord> records;
  Collector add(records);
  for (int year = first; year <= last; ++year) {
    const auto members = RegionMembers(database, region, year);
    if (members.empty()) continue;
    const Trade with_actor =
        SumOver(members, [&](const std::string& m) { return TotalTrade(data, m, actor, year); });
    const Trade with_world =
        SumOver(members, [&](const std::string& m) { return TotalTrade(data, m, "WLD", year); });
    const Trade gdp = SumOver(members, [&](const std::string& m) {
      const auto observation = data.Series("NY.GDP.MKTP.CD", m, year);
      if (!observation) {
        return Trade{std::nullopt,
                     false,
                     {},
                     fmt::format("GDP (NY.GDP.MKTP.CD) of {} in {} is not in the workspace", m, year)};
      }
      return Trade{observation->value, observation->estimated, observation->sources, ""};
    });
    const Trade share = Ratio(with_actor, with_world);
    add.Add("actor_share_of_region_trade", actor, region, year, share.value, "ratio", share.estimated,
            share.sources, share.missing);
    const Trade dependence = Ratio(with_actor, gdp);
    add.Add("region_dependence_on_actor", region, actor, year, dependence.value, "ratio of GDP",
            dependence.estimated, dependence.sources, dependence.missing);
    for (const auto& member : members) {
      const Trade part = Ratio(TotalTrade(data, member, actor, year), with_actor);
      add.Add("member_share_of_actor_region_trade", member, actor, year, part.value, "ratio", part.estimated,
              part.sources, part.missing);
    }
    // Intra-regional trade: members' exports to each other over their exports to the world.
    const Trade intra = SumOver(members, [&](const std::string& m) {
      Trade sum{0.0};
      for (const auto& other : members) {
        if (other == m) continue;
        const auto observation = data.Flow({m, other, 'X', year, "TOTAL", ""});
        if (!observation) {
          return Trade{
              std::nullopt,
              false,
              {},
              fmt::format("{}'s reported exports to {} in {} is not in the workspace", m, other, year)};
        }
        *sum.value += observation->value;
        sum.estimated = sum.estimated || observation->estimated;
      }
      return sum;
    });
    const Trade exports = SumOver(members, [&](const std::string& m) {
      const auto observation = data.Flow({m, "WLD", 'X', year, "TOTAL", ""});
      if (!observation)
        return Trade{std::nullopt,
                     false,
                     {},
                     fmt::format("{}'s reported exports to WLD in {} is not in the workspace", m, year)};
      return Trade{observation->value, observation->estimated, observation->sources, ""};
    });
    const Trade intra_share = Ratio(intra, exports);
    add.Add("intra_regional_trade_share", region, region, year, intra_share.value,
            "ratio of members' exports", intra_share.estimated, intra_share.sources, intra_share.missing);
  }
  return records;
}

std::vector<IndicatorRecord> ComputeSystemIndicators(Database& database, TradeData& data,
                                                     const std::string& region,
                                                     const std::vector<std::string>& powers, int first,
                                                     int last) {
  std::vector<IndicatorRecord> records;
  Collector add(records);
  std::map<std::string, std::optional<double>> previous;  // power -> region share last year
  for (int year = first; year <= last; ++year) {
    const auto members = RegionMembers(database, region, year);
    if (members.empty()) continue;
    std::map<std::string, Trade> region_with;
    std::vector<std::string> units = members;
    units.push_back(region);
    for (const auto& unit : units) {
      const std::vector<std::string> reporters = unit == region ? members : std::vector<std::string>{unit};
      const Trade world =
          SumOver(reporters, [&](const std::string& m) { return TotalTrade(data, m, "WLD", year); });
      std::map<std::string, Trade> with;
      for (const auto& power : powers) {
        with[power] =
            SumOver(reporters, [&](const std::string& m) { return TotalTrade(data, m, power, year); });
        const Trade share = Ratio(with[power], world);
        add.Add("power_share_of_trade", unit, power, year, share.value, "ratio", share.estimated,
                share.sources, share.missing);
      }
      // Concentration and balance over the powers: HHI and normalised Shannon entropy of the shares of the
      // unit's trade with the powers.
      double total = 0;
      std::string missing;
      for (const auto& [power, trade] : with) {
        if (!trade.value)
          missing = trade.missing;
        else
          total += *trade.value;
      }
      std::optional<double> hhi;
      std::optional<double> entropy;
      if (missing.empty() && total > 0 && powers.size() >= 2) {
        double h = 0;
        double e = 0;
        for (const auto& [power, trade] : with) {
          const double p = *trade.value / total;
          h += p * p;
          if (p > 0) e -= p * std::log(p);
        }
        hhi = h;
        entropy = e / std::log(static_cast<double>(powers.size()));
      } else if (missing.empty()) {
        missing = powers.size() < 2 ? "needs at least two powers" : "no trade with any of the powers";
      }
      add.Add("partner_hhi", unit, "powers", year, hhi, "index 0-1", false, {}, missing);
      add.Add("multivector_index", unit, "powers", year, entropy, "index 0-1 (1 = evenly spread)", false, {},
              missing);
      if (unit == region) region_with = with;
    }
    // Overtaking: a power whose share of the region's trade rises above another's this year.
    std::map<std::string, std::optional<double>> shares;
    for (const auto& power : powers) {
      const auto& trade = region_with[power];
      shares[power] = trade.value ? trade.value : std::nullopt;
    }
    if (year > first) {
      for (const auto& a : powers) {
        for (const auto& b : powers) {
          if (a == b || !shares[a] || !shares[b] || !previous[a] || !previous[b]) continue;
          if (*previous[a] <= *previous[b] && *shares[a] > *shares[b]) {
            add.Add("overtakes", a, b, year, *shares[a] - *shares[b], "USD lead in the region's trade", false,
                    {}, "");
          }
        }
      }
    }
    previous = shares;
  }
  return records;
}

}  // namespace linkage
