#include "indicators/regional.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "registry/institutions.hpp"

namespace linkage {

namespace {

constexpr const char* kGdp = "NY.GDP.MKTP.CD";

// The sum over the members of a term computed for each.
Term OverMembers(const std::vector<std::string>& members,
                 const std::function<Term(const std::string&)>& term) {
  std::vector<Term> parts;
  parts.reserve(members.size());
  for (const auto& member : members) parts.push_back(term(member));
  return Sum(parts);
}

// Concentration (HHI) and evenness (normalised entropy) of a unit's trade over a set of partners.
struct Spread {
  std::optional<double> hhi;
  std::optional<double> evenness;
  std::string missing;
};

Spread SpreadOver(const std::map<std::string, Term>& with) {
  std::vector<double> values;
  Spread spread;
  for (const auto& [partner, trade] : with) {
    if (!trade.value) {
      spread.missing = trade.missing;
      return spread;
    }
    values.push_back(*trade.value);
  }
  double total = 0;
  for (const double value : values) total += value;
  if (values.size() < 2) {
    spread.missing = "needs at least two powers";
  } else if (total <= 0) {
    spread.missing = "no trade with any of the powers";
  } else {
    spread.hhi = HerfindahlIndex(values);
    spread.evenness = NormalisedEntropy(values);
  }
  return spread;
}

std::vector<IndicatorRecord> RegionYear(Database& database, TradeTerms& terms, const std::string& actor,
                                        const std::string& region, int year, const FlowChoices& choices) {
  std::vector<IndicatorRecord> records;
  // An actor that is itself a member faces the rest of the region: its trade with itself is no trade.
  const auto all_members = RegionMembers(database, region, year);
  auto members = all_members;
  members.erase(std::remove(members.begin(), members.end(), actor), members.end());
  if (members.empty()) return records;
  const std::string side = PerspectiveName(choices.perspective);
  const auto total_with = [&](const std::string& partner) {
    return [&terms, &choices, partner, year](const std::string& member) {
      return terms.Directed(Direction::kTotal, member, partner, year, choices);
    };
  };
  const Term with_actor = OverMembers(members, total_with(actor));
  const Term with_world = OverMembers(members, total_with("WLD"));
  const Term gdp = OverMembers(members, [&](const std::string& m) { return terms.Series(kGdp, m, year); });
  records.push_back(RecordOf("actor_share_of_region_trade", actor, region, year,
                             Divide(with_actor, with_world), "ratio", side));
  records.push_back(RecordOf("region_dependence_on_actor", region, actor, year, Divide(with_actor, gdp),
                             "ratio of GDP", side));
  for (const auto& member : members) {
    records.push_back(RecordOf("member_share_of_actor_region_trade", member, actor, year,
                               Divide(total_with(actor)(member), with_actor), "ratio", side));
  }
  records.push_back(RecordOf("intra_regional_trade_share", region, region, year,
                             IntraRegionalTradeShare(terms, all_members, year, choices),
                             "ratio of members' exports", side));
  return records;
}

// A member's trade spread over every country it trades with (aggregates such as World or the EU are not
// partners here), from the first dataset that lists its partners.
void AllPartnerSpread(TradeTerms& terms, const std::string& member, int year, const FlowChoices& choices,
                      std::vector<IndicatorRecord>& records) {
  const std::string side = PerspectiveName(choices.perspective);
  std::set<std::string> partners;
  std::string dataset;
  for (const auto& name : terms.Data().DatasetPreference()) {
    if (!choices.dataset.empty() && name != choices.dataset) continue;
    for (const char flow : {'X', 'M'}) {
      const auto listed = choices.perspective == Perspective::kPartner
                              ? terms.Data().Reporters(member, flow, year, name)
                              : terms.Data().Partners(member, flow, year, name);
      partners.insert(listed.begin(), listed.end());
    }
    if (!partners.empty()) {
      dataset = name;
      break;
    }
  }
  FlowChoices in_dataset = choices;
  in_dataset.dataset = dataset;
  in_dataset.bloc_members = false;
  std::vector<double> values;
  std::size_t one_way = 0;
  for (const auto& partner : partners) {
    const Actor* actor = terms.Actors().Find(partner);
    if (partner == member || actor == nullptr || !actor->IsCountry()) continue;
    // A partner listed with one direction only traded (as far as anyone reported) in that direction.
    const Term trade = SumReported({terms.Flow(member, partner, 'X', year, in_dataset),
                                    terms.Flow(member, partner, 'M', year, in_dataset)},
                                   {"exports", "imports"});
    if (!trade.value) continue;
    if (!trade.omitted.empty()) ++one_way;
    if (*trade.value > 0) values.push_back(*trade.value);
  }
  IndicatorRecord hhi{"partner_hhi", member, "all", year, "", std::nullopt,
                      "index 0-1",   false,  side,  "",   {}, ""};
  IndicatorRecord evenness = hhi;
  evenness.indicator = "multivector_index";
  evenness.unit = "index 0-1 (1 = evenly spread)";
  if (values.size() < 2) {
    hhi.missing = evenness.missing =
        fmt::format("{} trades with fewer than two countries in {} in the workspace", member, year);
  } else {
    hhi.value = HerfindahlIndex(values);
    evenness.value = NormalisedEntropy(values);
    const std::string note = fmt::format(
        "{} partner countries with trade in {}{}", values.size(), dataset,
        one_way > 0 ? fmt::format("; {} with a flow reported in one direction only", one_way) : "");
    hhi.note = evenness.note = note;
  }
  records.push_back(std::move(hhi));
  records.push_back(std::move(evenness));
}

std::vector<IndicatorRecord> SystemYear(Database& database, TradeTerms& terms, const std::string& region,
                                        const std::vector<std::string>& powers, int year,
                                        const FlowChoices& choices,
                                        std::map<std::string, Term>& region_with) {
  std::vector<IndicatorRecord> records;
  const auto members = RegionMembers(database, region, year);
  if (members.empty()) return records;
  const std::string side = PerspectiveName(choices.perspective);
  std::vector<std::string> units = members;
  units.push_back(region);
  for (const auto& unit : units) {
    const std::vector<std::string> reporters = unit == region ? members : std::vector<std::string>{unit};
    // A power that is itself a member is left out of the sums of its own trade with the region.
    const auto total_with = [&](const std::string& partner) {
      std::vector<std::string> others = reporters;
      others.erase(std::remove(others.begin(), others.end(), partner), others.end());
      return OverMembers(others, [&](const std::string& m) {
        return terms.Directed(Direction::kTotal, m, partner, year, choices);
      });
    };
    const Term world = total_with("WLD");
    std::map<std::string, Term> with;
    for (const auto& power : powers) {
      if (power == unit) continue;
      with[power] = total_with(power);
      records.push_back(
          RecordOf("power_share_of_trade", unit, power, year, Divide(with[power], world), "ratio", side));
    }
    const Spread spread = SpreadOver(with);
    records.push_back({"partner_hhi",
                       unit,
                       "powers",
                       year,
                       "",
                       spread.hhi,
                       "index 0-1",
                       false,
                       side,
                       spread.missing,
                       {},
                       ""});
    records.push_back({"multivector_index",
                       unit,
                       "powers",
                       year,
                       "",
                       spread.evenness,
                       "index 0-1 (1 = evenly spread)",
                       false,
                       side,
                       spread.missing,
                       {},
                       ""});
    if (unit == region) {
      region_with = with;
    } else {
      AllPartnerSpread(terms, unit, year, choices, records);
    }
  }
  return records;
}

}  // namespace

Term IntraRegionalTradeShare(TradeTerms& terms, const std::vector<std::string>& members, int year,
                             const FlowChoices& choices) {
  const Term intra = OverMembers(members, [&](const std::string& m) {
    std::vector<Term> parts;
    std::vector<std::string> names;
    for (const auto& other : members) {
      if (other == m) continue;
      parts.push_back(terms.Flow(m, other, 'X', year, choices));
      names.push_back(fmt::format("{}->{}", m, other));
    }
    if (!choices.unreported_as_zero) return Sum(parts);
    // SumReported leaves a sum with no reported flow at all missing; here it is zero, unless a flow was
    // published as "not available" (unknown, not absent).
    Term sum = SumReported(parts, names);
    if (!sum.value && !sum.published_missing) {
      sum = Term::Number(0);
      sum.omitted = names;
    }
    return sum;
  });
  const Term exports =
      OverMembers(members, [&](const std::string& m) { return terms.Flow(m, "WLD", 'X', year, choices); });
  return Divide(intra, exports);
}

std::vector<IndicatorRecord> ComputeRegionIndicators(Database& database, TradeTerms& terms,
                                                     const std::string& actor, const std::string& region,
                                                     int first, int last, const FlowChoices& choices) {
  std::vector<IndicatorRecord> records;
  for (int year = first; year <= last; ++year) {
    for (const auto& side : SplitPerspectives(choices)) {
      for (auto& record : RegionYear(database, terms, actor, region, year, side))
        records.push_back(std::move(record));
    }
  }
  return records;
}

std::vector<IndicatorRecord> ComputeSystemIndicators(Database& database, TradeTerms& terms,
                                                     const std::string& region,
                                                     const std::vector<std::string>& powers, int first,
                                                     int last, const FlowChoices& choices) {
  std::vector<IndicatorRecord> records;
  for (const auto& side : SplitPerspectives(choices)) {
    std::map<std::string, Term> previous;  // power -> the region's trade with it last year
    for (int year = first; year <= last; ++year) {
      std::map<std::string, Term> current;
      for (auto& record : SystemYear(database, terms, region, powers, year, side, current))
        records.push_back(std::move(record));
      // Overtaking: a power whose trade with the region rises above another's this year.
      for (const auto& a : powers) {
        for (const auto& b : powers) {
          if (a == b || !previous[a].value || !previous[b].value || !current[a].value || !current[b].value)
            continue;
          if (*previous[a].value <= *previous[b].value && *current[a].value > *current[b].value) {
            records.push_back(RecordOf("overtakes", a, b, year, Subtract(current[a], current[b]),
                                       "USD lead in the region's trade", PerspectiveName(side.perspective)));
          }
        }
      }
      previous = std::move(current);
    }
  }
  return records;
}

}  // namespace linkage
